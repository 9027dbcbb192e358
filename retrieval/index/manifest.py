"""The manifest of an index generation: what built it, and the check that refuses a mismatch."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from retrieval.errors import IndexCorrupt, IndexMismatch

# 2: articles carry url, page and record (store.py); 3: the page's staff credits. An older index
# still opens (what it lacks reads as None) but a build never reuses its articles, which the old
# readers made.
FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    format_version: int
    model: str
    dim: int
    tokenizer: dict  # jieba version, fingerprint of the user words
    chunking: dict  # max_chars, overlap
    vector_index: str  # "flat", "sq8" or "hnsw": picks the opener (retrieval.index.parts)
    files: dict[str, str] = field(default_factory=dict)  # source -> sha256
    n_articles: int = 0
    n_chunks: int = 0
    created: str = ""

    def save(self, folder: Path) -> None:
        text = json.dumps(asdict(self), ensure_ascii=False, indent=1)
        (folder / MANIFEST_NAME).write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        try:
            raw = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexCorrupt(
                f"the index manifest in {folder} is unreadable; rebuild with `reportqa build`"
            ) from exc
        if raw.get("format_version") not in READABLE_VERSIONS:
            raise IndexMismatch(
                f"the index in {folder} has format version {raw.get('format_version')}, this reportqa "
                f"reads version {FORMAT_VERSION}; rebuild it with `reportqa build --index {folder.parent}`"
            )
        try:
            return cls(**raw)
        except TypeError as exc:
            raise IndexCorrupt(f"the index manifest in {folder} is malformed: {exc}") from exc

    def check_model(self, model: str, index_dir: Path) -> None:
        """Refuse to search an index with vectors from another model: the scores would be noise."""
        if model != self.model:
            raise IndexMismatch(
                f"the index in {index_dir} was built with model {self.model!r}, not {model!r}; "
                f"rebuild it with `reportqa build --index {index_dir} --model {model}` "
                f"or search it with `--model {self.model}`"
            )
