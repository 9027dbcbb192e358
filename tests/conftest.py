"""Shared fixtures: the real builtin model and a real index of the shipped seeds, built once.

The model cache of the session lives under pytest's temporary folder, never in the user's
~/.cache: a converted model already there is linked in (files are only ever replaced whole,
never written in place), otherwise the session converts its own once.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def _link_tree(source: Path, target: Path) -> None:
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except OSError:  # another file system: copy instead
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory) -> Path:
    """REPORTQA_CACHE_DIR for this session (subprocesses inherit it)."""
    from retrieval.settings import default_cache_dir

    session_cache = tmp_path_factory.mktemp("model-cache")
    users = default_cache_dir(os.environ) / "models"
    for folder in users.iterdir() if users.is_dir() else ():
        if not folder.name.startswith(".") and folder.is_dir():
            _link_tree(folder, session_cache / "models" / folder.name)
    os.environ["REPORTQA_CACHE_DIR"] = str(session_cache)
    return session_cache


def settings_for(index_dir: Path, corpus: Path = SEEDS):
    """Engine settings for an index folder of a test: defaults otherwise, nothing from the shell."""
    from retrieval.engine import engine_settings

    return engine_settings(corpus, index_dir)


@pytest.fixture(scope="session")
def encoder(model_cache):
    from retrieval.model.encoder import load_encoder

    return load_encoder("builtin")


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory, encoder) -> Path:
    """A built index of seeds/ (read it, never write to it: other tests share it)."""
    from retrieval.engine import build

    index_dir = tmp_path_factory.mktemp("seeds-index")
    build(settings_for(index_dir), encoder=encoder)
    return index_dir


@pytest.fixture(scope="session")
def engine(seeds_index, encoder):
    """The engine every front end opens, on the seeds index."""
    from retrieval.engine import Engine

    opened = Engine.open(settings_for(seeds_index), build_if_missing=False, encoder=encoder)
    yield opened
    opened.close()
