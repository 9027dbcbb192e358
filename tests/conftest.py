"""Shared fixtures: the real builtin model and a real index of the shipped seeds, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def encoder():
    from retrieval.model.encoder import load_encoder

    return load_encoder("builtin")


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory, encoder) -> Path:
    """A built index of seeds/ (read it, never write to it: other tests share it)."""
    from retrieval.index.build import build_index

    index_dir = tmp_path_factory.mktemp("seeds-index")
    build_index(SEEDS, index_dir, encoder)
    return index_dir


@pytest.fixture(scope="session")
def searcher(seeds_index, encoder):
    from retrieval.search.searcher import Searcher

    opened = Searcher.open(seeds_index, encoder)
    yield opened
    opened.close()
