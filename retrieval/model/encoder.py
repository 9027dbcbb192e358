"""The encoder seam: what every stage needs of a model, and the registry of backends that load one.

Builds, searches and the bench only ever hold an `Encoder` (this protocol), never a concrete
class, so a backend is a name and a loader `(model name) -> Encoder`. Two are registered here:
`torch` (sentence-transformers, any model; `retrieval.model.embed`) and `onnx-int8` (the builtin
model only; `retrieval.model.onnx_encoder`). Each loader imports its runtime when called, so
choosing one backend never imports the other's. Another backend (a Ray cluster's) is one more
`register_backend` call.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from retrieval.errors import ModelUnavailable

BUILTIN = "builtin"
TORCH = "torch"
ONNX_INT8 = "onnx-int8"
# For builtin (other models only run on torch): over 3x torch's passages/s on 2 cores with the
# same hit@5 on seeds_dev (1.000) and the CMRC trial (0.981); see the README's Speed section.
DEFAULT_BACKEND = ONNX_INT8
T = TypeVar("T")


class Encoder(Protocol):
    """A loaded model with the prompts its family expects, embedding to unit vectors."""

    @property
    def name(self) -> str:
        """What the manifest records: "builtin" or the model name/path given."""

    @property
    def backend(self) -> str:
        """The registry name of the backend that runs it."""

    @property
    def cache_key(self) -> str:
        """Key of this encoder's vectors in the embedding cache: backends whose vectors differ
        (even by rounding) must not share one."""

    @property
    def dim(self) -> int: ...

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """One float32 unit row per question."""

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """One float32 unit row per passage."""


def encode_query_beside(
    encoder: Encoder, text: str, work: Callable[[], T], helpers: Executor
) -> tuple[np.ndarray, T]:
    """`text`'s query vector, and what `work()` returns, done on one of `helpers` meanwhile.

    An encoder whose model runs without holding the GIL (onnx_encoder.py) starts `work` once it
    needs the GIL no more: started before, Python work on the other thread makes the encoder wait
    for the GIL at each step it takes in Python, and the two take as long as one after the other.
    Any other encoder encodes first, then works: torch's layers take the GIL between their ops.
    """
    overlapping = getattr(encoder, "encode_query_beside", None)
    if overlapping is not None:
        return overlapping(text, work, helpers)
    return encoder.encode_queries([text])[0], work()


# (model name, model cache folder or None for the default) -> a loaded encoder
EncoderLoader = Callable[[str, "Path | None"], Encoder]
_LOADERS: dict[str, EncoderLoader] = {}


def register_backend(name: str, loader: EncoderLoader) -> None:
    """Make `--backend name` load encoders with `loader(model name, cache folder)`."""
    _LOADERS[name] = loader


def backends() -> tuple[str, ...]:
    """The registered backend names, in registration order (what `--backend` accepts)."""
    return tuple(_LOADERS)


def load_encoder(name: str = BUILTIN, backend: str | None = None, cache_dir: Path | None = None) -> Encoder:
    """Load `builtin` (offline, converted on first use) or any SentenceTransformer name/path.

    `backend`: a registered one (torch; onnx-int8 for builtin only); None means DEFAULT_BACKEND
    for builtin and torch for any other model. (`--backend` and $REPORTQA_BACKEND reach it
    through Settings.) `cache_dir`: where the builtin model is converted (None: the settings'
    default, see `retrieval.settings.default_cache_dir`).
    """
    if backend is None:
        backend = DEFAULT_BACKEND if name == BUILTIN else TORCH
    loader = _LOADERS.get(backend)
    if loader is None:
        raise ModelUnavailable(f"unknown backend {backend!r}; choose one of {', '.join(_LOADERS)}")
    return loader(name, cache_dir)


def _load_torch(name: str, cache_dir: Path | None) -> Encoder:
    from retrieval.model.embed import load_torch_encoder

    return load_torch_encoder(name, cache_dir)


def _load_onnx_int8(name: str, cache_dir: Path | None) -> Encoder:
    if name != BUILTIN:
        raise ModelUnavailable(f"the {ONNX_INT8} backend runs the builtin model only, not {name!r}")
    from retrieval.model.onnx_encoder import load_onnx_encoder

    return load_onnx_encoder(cache_dir)


register_backend(TORCH, _load_torch)
register_backend(ONNX_INT8, _load_onnx_int8)
