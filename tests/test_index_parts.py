"""Searcher opens its three parts by the manifest's vector_index kind, through one registry."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from retrieval.errors import IndexMismatch
from retrieval.index import generations as gen
from retrieval.index import parts
from retrieval.index.manifest import Manifest
from retrieval.search.searcher import Searcher


def _copy_with_kind(seeds_index: Path, target: Path, kind: str) -> None:
    shutil.copytree(seeds_index, target)
    generation = gen.current_generation(target)
    dataclasses.replace(Manifest.load(generation), vector_index=kind).save(generation)


def test_an_unknown_kind_is_refused_with_the_rebuild_command(seeds_index: Path, encoder, tmp_path: Path):
    _copy_with_kind(seeds_index, tmp_path / "index", "opensearch")
    with pytest.raises(IndexMismatch, match="'opensearch'.*reportqa build"):
        Searcher(tmp_path / "index", encoder)


def test_a_registered_kind_serves_the_searcher(seeds_index: Path, encoder, tmp_path: Path, monkeypatch):
    opened: list[Path] = []

    def open_elsewhere(generation: Path, manifest: Manifest) -> parts.IndexParts:
        opened.append(generation)
        return parts.open_index_parts(generation, dataclasses.replace(manifest, vector_index="flat"))

    monkeypatch.setitem(parts._OPENERS, "elsewhere", open_elsewhere)  # undone after the test
    _copy_with_kind(seeds_index, tmp_path / "index", "elsewhere")
    searcher = Searcher(tmp_path / "index", encoder)
    try:
        result = searcher.search("明湖办事处一共发了多少口罩？")
    finally:
        searcher.close()
    assert opened == [gen.current_generation(tmp_path / "index")]
    assert not result.not_found and "178260" in result.hits[0].excerpt
