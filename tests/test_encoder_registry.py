"""A registered backend is all a new encoder needs: `--backend` takes it, builds and searches use it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from conftest import settings_for

from retrieval.engine import Engine
from retrieval.errors import ModelUnavailable
from retrieval.model import encoder as registry
from retrieval.model.encoder import BUILTIN, Encoder, backends, load_encoder


@dataclass
class CountingEncoder:
    """Another backend in front of the real model, counting what it embeds."""

    inner: Encoder
    backend: str = "counting"
    passages: int = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def cache_key(self) -> str:
        return f"{self.inner.cache_key}@{self.backend}"

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.passages += len(texts)
        return self.inner.encode_passages(texts, show_progress)


def test_a_registered_backend_builds_and_answers(tmp_path: Path, encoder, monkeypatch):
    loaded: list[CountingEncoder] = []

    def load_counting(name: str, cache_dir: Path | None) -> Encoder:
        if name != BUILTIN:
            raise ModelUnavailable(f"counting runs builtin only, not {name!r}")
        loaded.append(CountingEncoder(encoder))
        return loaded[-1]

    with pytest.raises(ModelUnavailable, match="unknown backend 'counting'"):
        load_encoder(BUILTIN, "counting")
    monkeypatch.setitem(registry._LOADERS, "counting", load_counting)  # undone after the test
    assert "counting" in backends()

    settings = settings_for(tmp_path / "index")
    engine = Engine.open(replace(settings, model=replace(settings.model, backend="counting")))
    try:
        (counting,) = loaded
        report_chunks = engine.passages
        result = engine.search("明湖办事处一共发了多少口罩？")
    finally:
        engine.close()
    assert engine.encoder is counting and counting.passages == report_chunks > 0
    assert not result.not_found and "178260" in result.hits[0].excerpt
    with pytest.raises(ModelUnavailable, match="builtin only"):
        load_encoder("some/other-model", "counting")
