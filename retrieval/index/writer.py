"""Writing one index generation: each part into a fresh hidden folder, the manifest last, then
the switch of `CURRENT` to it (`generations.publish`).

The build and the bench's scale rows both write through `GenerationWriter`, so a generation is
laid out one way and a folder without a manifest is never published. The parts are written
one at a time so that a caller can let go of each (a million-row FAISS index) before making
the next.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import faiss

from retrieval.index import generations as gen
from retrieval.index.lexical import LexicalIndex
from retrieval.index.manifest import FORMAT_VERSION, Manifest
from retrieval.index.store import write_store
from retrieval.index.vectors import save_vector_index
from retrieval.types import Article, Chunk


class GenerationWriter:
    """A generation being written under `index_dir`; invisible to readers until `publish`."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.folder = gen.new_generation_folder(self.index_dir)

    def write_dense(self, index: faiss.Index) -> None:
        save_vector_index(index, self.folder / gen.VECTORS_NAME)

    def write_lexical(self, lexical: LexicalIndex) -> None:
        lexical.save(self.folder / gen.LEXICAL_DIR)

    def write_user_words(self, words: Sequence[str]) -> None:
        """The names the tokenizer was given, which a search must tokenize questions with."""
        (self.folder / gen.USERWORDS_NAME).write_text("\n".join(words) + "\n", encoding="utf-8")

    def write_aliases(self, aliases: Mapping[str, Sequence[str]]) -> None:
        """Short name -> full names (retrieval.text.aliases), which a search expands questions by."""
        text = json.dumps(aliases, ensure_ascii=False, indent=1, sort_keys=True)
        (self.folder / gen.ALIASES_NAME).write_text(text + "\n", encoding="utf-8")

    def write_store(self, articles: Iterable[Article], chunks: Iterable[Chunk], file_hashes: dict[str, str]) -> None:
        write_store(self.folder / gen.STORE_NAME, articles, chunks, file_hashes)

    def publish(
        self,
        *,
        model: str,
        dim: int,
        tokenizer: dict,
        chunking: dict,
        vector_index: str,
        n_chunks: int,
        files: dict[str, str] | None = None,
        n_articles: int = 0,
    ) -> Path:
        """Write the manifest (last: it marks the folder complete) and make this generation current."""
        Manifest(
            format_version=FORMAT_VERSION,
            model=model,
            dim=dim,
            tokenizer=tokenizer,
            chunking=chunking,
            vector_index=vector_index,
            files=files or {},
            n_articles=n_articles,
            n_chunks=n_chunks,
            created=time.strftime("%Y-%m-%dT%H:%M:%S"),
        ).save(self.folder)
        return gen.publish(self.index_dir, self.folder)
