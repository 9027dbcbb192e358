"""`reportqa bench` end to end on a small synthetic archive, and the pieces it relies on.

No timing assertions: the numbers depend on the machine. The run uses the real model, FAISS,
jieba and SQLite; the scale row runs in child processes as it does for 1M passages.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from retrieval.bench.synthetic import SentencePool, write_archive
from retrieval.index.build import build_index
from retrieval.index.encoding import EMBED_BATCH
from retrieval.index.lexical import LexicalIndex
from retrieval.model.encoder import ONNX_INT8, backends, load_encoder
from retrieval.text.corpus import load_corpus
from retrieval.text.tokenize import Tokenizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def pool() -> SentencePool:
    return SentencePool.from_corpus(SEEDS)


def test_bench_json_has_every_figure(tmp_path: Path, capsys):
    code = main(
        ["bench", "--synthetic", "12", "--queries", "8", "--scale", "3k", "--backend-sample", "12"]
        + ["--backend", ONNX_INT8, "--work-dir", str(tmp_path), "--json"]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)

    build, query, incremental = report["build"], report["query"], report["incremental"]
    assert build["articles"] == 12 and build["passages"] >= 12
    assert build["passages_per_s"] > 0 and build["bare_encode_per_s"] > 0
    assert build["ratio"] == pytest.approx(build["passages_per_s"] / build["bare_encode_per_s"], rel=0.01)
    assert build["bare_encode_seconds"] == min(build["bare_encode_runs_s"])  # the less disturbed run
    assert len(build["load_averages"]) == 4
    assert build["peak_rss_mb"] > 100 and build["index_bytes_per_passage"] > 384 * 4  # the vectors alone
    assert query["bare_p50_ms"] > 0 and 0 < query["p50_ms"] <= query["p95_ms"]
    assert query["p50_ratio"] == pytest.approx(query["p50_ms"] / query["bare_p50_ms"], rel=0.01)
    assert 0 <= query["lexical_share"] < 1
    assert 0 < query["beside_encode_p50_ms"] < query["p50_ms"]  # the search's own work, its encode left out
    assert incremental["new_articles"] == 1 and 0 < incremental["embedded"] < build["passages"]
    assert incremental["seconds"] > 0 and incremental["full_rebuild_seconds"] == build["seconds"]
    assert report["backend"] == ONNX_INT8
    assert set(report["backends"]) == set(backends()) and all(rate > 0 for rate in report["backends"].values())

    [row] = report["scale"]
    assert row["passages"] == 3000 and row["index_type"] == "flat"
    # The serving child opened the generation the building child wrote, and searched it.
    assert row["rss_mb"] > 100 and row["p95_ms"] > 0 and row["lexical_p95_ms"] > 0
    assert 0 < row["search_p50_ms"] <= row["search_p95_ms"]


def test_table_names_the_machine_and_every_section(tmp_path: Path, capsys):
    flags = ["--queries", "3", "--no-backends", "--backend", ONNX_INT8, "--work-dir", str(tmp_path)]
    code = main(["bench", "--synthetic", "6", *flags])
    assert code == 0
    table = capsys.readouterr().out
    for label in ("machine", "cores", "end to end", "bare encode", "ratio", "p95", "lexical", "incremental"):
        assert label in table


def test_no_bare_skips_the_bare_runs_and_says_so(tmp_path: Path, capsys):
    flags = ["--queries", "3", "--no-backends", "--no-bare", "--work-dir", str(tmp_path)]
    assert main(["bench", "--synthetic", "6", *flags, "--json"]) == 0
    build = json.loads(capsys.readouterr().out)["build"]
    assert build["passages_per_s"] > 0 and build["bare_encode_runs_s"] == [0.0, 0.0]
    assert build["bare_encode_per_s"] is None and build["ratio"] is None
    assert main(["bench", "--synthetic", "6", *flags]) == 0
    assert "bare encode  not run (--no-bare)" in capsys.readouterr().out


def test_bench_needs_a_corpus_or_a_size(capsys):
    with pytest.raises(SystemExit):
        main(["bench"])
    assert "--synthetic" in capsys.readouterr().err


def test_synthetic_archive_is_deterministic_and_grows_without_rewriting(tmp_path: Path, pool):
    write_archive(tmp_path / "a", 20, pool)
    write_archive(tmp_path / "b", 20, pool)
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}

    write_archive(tmp_path / "a", 5, pool, start=20)
    grown = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert {name: grown[name] for name in first} == first  # old files untouched: only new ones
    articles, warnings = load_corpus(tmp_path / "a")
    assert len(articles) == 25 and not warnings
    assert all(a.date and a.title and a.paragraphs for a in articles)


def test_new_articles_can_bring_sentences_the_archive_never_saw(pool):
    kept, fresh = pool.held_out()
    assert fresh.sentences and not set(kept.sentences) & set(fresh.sentences)
    assert set(kept.sentences) | set(fresh.sentences) == set(pool.sentences)


def test_cmrc_texts_only_when_given(tmp_path: Path, pool):
    squad = {
        "data": [
            {
                "title": "测试条目",
                "paragraphs": [{"context": "这是一个用来测试的句子。第二个测试句子在这里。"}],
            }
        ]
    }
    path = tmp_path / "trial.json"
    path.write_text(json.dumps(squad, ensure_ascii=False), encoding="utf-8")
    mixed = SentencePool.from_corpus(SEEDS, cmrc_json=path)
    assert "测试条目" in mixed.titles and "这是一个用来测试的句子。" in mixed.sentences
    assert "测试条目" not in pool.titles


def test_bm25_matches_the_formula(pool):
    """The array build gives every row the textbook BM25 score (Lucene idf)."""
    tokenizer = Tokenizer()
    docs = [tokenizer.tokenize(s) for s in pool.sentences[:300]] + [[], ["口罩", "口罩"]]
    index = LexicalIndex.build(iter(docs))  # a generator will do
    k1, b = index.params.k1, index.params.b
    average = np.mean([len(d) for d in docs])
    query = ["口罩", "办事处", "疫情", "防控", "没有这个词"]
    expected = np.zeros(len(docs))
    for term in query:
        df = sum(term in d for d in docs)
        idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
        for row, doc in enumerate(docs):
            tf = Counter(doc)[term]
            if tf:
                expected[row] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / average))
    np.testing.assert_allclose(index.scores(query), expected, rtol=1e-5)
    assert list(index.vocabulary) == sorted(index.vocabulary)  # the on-disk order is unchanged


@pytest.mark.parametrize("kind", ["flat", "sq8", "pq4fs", "hnsw"])
def test_every_vector_index_kind_finds_what_exact_search_finds(tmp_path: Path, kind):
    """Each index the size can pick, saved and loaded as a server does: recall@10 and exact scores."""
    from retrieval.bench.scale import LookAlikes
    from retrieval.index.vectors import (
        build_vector_index,
        load_vector_index,
        save_vector_index,
        search_vectors,
    )

    rng = np.random.default_rng(1)
    real = rng.standard_normal((500, 64)) + 3 * rng.standard_normal(64)  # anisotropic, like e5's
    look_alikes = LookAlikes(real / np.linalg.norm(real, axis=1, keepdims=True), seed=2)
    vectors, asked = look_alikes.draw(4000), look_alikes.draw(20)
    save_vector_index(build_vector_index(vectors, kind), tmp_path / "vectors.faiss")
    index = load_vector_index(tmp_path / "vectors.faiss", 4000, 64)
    found = 0
    for query in asked:
        rows, scores = search_vectors(index, query, 50)
        exact = np.argsort(-(vectors @ query))[:10]
        found += len(set(rows[:10].tolist()) & set(exact.tolist()))
        if kind != "hnsw":  # flat, sq8 and pq4fs report exact inner products (the not-found check uses them)
            np.testing.assert_allclose(scores, vectors[rows] @ query, rtol=1e-5, atol=1e-6)
    assert found / (10 * len(asked)) >= 0.98


def test_interrupted_build_resumes_from_the_cache(tmp_path: Path, pool):
    """A build killed after its first batch re-embeds only what it had not finished."""
    write_archive(tmp_path / "corpus", 110, pool)  # a little over one EMBED_BATCH of passages
    encoder = load_encoder("builtin", ONNX_INT8)

    class Crashing:
        """The real encoder, crashing on its second batch like a killed process."""

        name, dim, cache_key, backend = encoder.name, encoder.dim, encoder.cache_key, encoder.backend
        calls = 0

        def encode_passages(self, texts, show_progress=False):
            Crashing.calls += 1
            if Crashing.calls == 2:
                raise KeyboardInterrupt
            return encoder.encode_passages(texts)

    with pytest.raises(KeyboardInterrupt):
        build_index(tmp_path / "corpus", tmp_path / "index", Crashing())
    report = build_index(tmp_path / "corpus", tmp_path / "index", encoder)
    assert report.reused == EMBED_BATCH and report.embedded == report.chunks - EMBED_BATCH > 0
