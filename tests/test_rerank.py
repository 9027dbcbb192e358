"""The coverage rerank's arithmetic, on hand-made chunks (pure logic: no model needed)."""

from __future__ import annotations

from retrieval.search.rerank import fuse_coverage
from retrieval.types import Chunk


def _chunk(text: str) -> Chunk:
    return Chunk(source="a.txt", article=0, number=0, title="公理高中书院", date=None, paragraph=0, text=text)


def test_the_candidate_mentioning_what_is_asked_overtakes_one_just_naming_the_subject():
    chunks = {1: _chunk("公理高中书院是一所直资高中。"), 2: _chunk("校本课程：体育、生命教育、宗教。")}
    fused = {1: 0.0300, 2: 0.0297}  # adjacent ranks of a two-retriever fusion are this close
    words = {"公理高中书院": 3.0, "校本课程": 4.0}
    rescored = fuse_coverage([1, 2], fused, chunks, words, weight=2.0)
    assert rescored[2] > rescored[1]


def test_equal_coverage_keeps_the_fused_order():
    chunks = {1: _chunk("甲"), 2: _chunk("乙")}
    fused = {1: 0.030, 2: 0.029, 3: 0.010}
    rescored = fuse_coverage([1, 2], fused, chunks, {"公理高中书院": 1.0}, weight=2.0)
    assert sorted(rescored, key=lambda row: -rescored[row]) == [1, 2, 3]
