"""`reportqa build --ray`: a real two-node Ray cluster on loopback, against a local build.

The cluster runs in a private network and PID namespace (tests/ray_loopback.py): nothing
leaves 127.0.0.1 and every Ray process ends with its test, however the test ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import faiss
import numpy as np
import pytest
from conftest import settings_for
from ray_loopback import run_in_namespace

from retrieval.bench.synthetic import SentencePool, questions, write_archive
from retrieval.engine import Engine
from retrieval.index import generations as gen
from retrieval.index.build import build_index

PROJECT = Path(__file__).resolve().parents[1]
ARTICLES = 100  # ~370 passages: a few seconds of encoding on each of two one-CPU nodes

needs_namespaces = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("ip") is None,
    reason="a private network and PID namespace needs root, unshare and ip",
)


@pytest.fixture(scope="module")
def pool() -> SentencePool:
    return SentencePool.from_corpus(PROJECT / "seeds")


@pytest.fixture(scope="module")
def local(tmp_path_factory, pool, encoder) -> tuple[Path, Path]:
    """A corpus and its index built here, without Ray."""
    folder = tmp_path_factory.mktemp("local")
    write_archive(folder / "corpus", ARTICLES, pool)
    build_index(folder / "corpus", folder / "index", encoder)
    return folder / "corpus", folder / "index"


def _vectors(index_dir: Path) -> np.ndarray:
    index = faiss.read_index(str(gen.current_generation(index_dir) / gen.VECTORS_NAME))
    return index.reconstruct_n(0, index.ntotal)


def _answers(index_dir: Path, encoder, asked: list[str]) -> list[list[tuple]]:
    engine = Engine.open(settings_for(index_dir), build_if_missing=False, encoder=encoder)
    try:
        return [[(hit.source, hit.excerpt, round(hit.score, 4)) for hit in engine.search(q).hits] for q in asked]
    finally:
        engine.close()


@needs_namespaces
def test_a_cluster_build_uses_both_nodes_and_equals_a_local_build(tmp_path, local, pool, encoder):
    corpus, local_index = local
    index = tmp_path / "index"
    build = ["build", "--ray", "{address}", "--json", "--corpus", str(corpus), "--index", str(index)]
    bench = ["bench", "--ray", "{address}", "--json", "--synthetic", str(ARTICLES), "--queries", "5"]
    bench += ["--no-backends", "--no-bare"]
    built, benched = run_in_namespace(tmp_path, [build, bench + ["--work-dir", str(tmp_path / "bench")]])
    assert built["returncode"] == 0, built["stderr"]
    report = built["report"]
    nodes = report["ray"]["nodes"]
    assert len(nodes) == 2 and all(count > 0 for count in nodes.values()), nodes
    assert sum(nodes.values()) == report["embedded"] == report["chunks"] > 300
    np.testing.assert_allclose(_vectors(index), _vectors(local_index), atol=1e-5)
    asked = questions(pool, 8, seed=3)
    assert _answers(index, encoder, asked) == _answers(local_index, encoder, asked)

    assert benched["returncode"] == 0, benched["stderr"]
    cluster = benched["report"]["cluster"]
    assert cluster["nodes"] == 2 and 300 < cluster["passages"] <= benched["report"]["build"]["passages"]
    assert cluster["passages_per_s"] > 0 and cluster["local_per_s"] > 0
    assert sum(row["passages"] for row in cluster["by_node"].values()) == cluster["passages"]
    assert all(row["per_s"] > 0 for row in cluster["by_node"].values())


@needs_namespaces
def test_a_node_killed_mid_build_leaves_a_complete_build_or_the_old_index(tmp_path, local, pool, encoder):
    corpus, local_index = local
    index = tmp_path / "index"
    old_corpus = tmp_path / "old"
    old_corpus.mkdir()
    for path in sorted(corpus.iterdir())[:5]:  # an older, smaller archive serves until the update is done
        shutil.copy(path, old_corpus / path.name)
    build_index(old_corpus, index, encoder)
    old_generation = gen.current_generation(index)
    build = ["build", "--ray", "{address}", "--json", "--corpus", str(corpus), "--index", str(index)]
    (done,) = run_in_namespace(tmp_path, [build], kill_worker_in=index)
    assert done["killed_after"] is not None, done  # the worker's raylet died while the build was encoding
    if done["returncode"] == 0:
        assert done["report"]["chunks"] == len(_vectors(local_index))
        np.testing.assert_allclose(_vectors(index), _vectors(local_index), atol=1e-5)
        asked = questions(pool, 4, seed=5)
        assert _answers(index, encoder, asked) == _answers(local_index, encoder, asked)
    else:
        assert gen.current_generation(index) == old_generation, done["stderr"]
        assert _answers(index, encoder, ["核酸检测"])[0], "the old index must still answer"


def test_an_unreachable_cluster_is_one_error_line_and_the_old_index_serves(tmp_path, local):
    corpus, _ = local
    index = tmp_path / "index"
    shutil.copytree(local[1], index)
    generation = gen.current_generation(index)
    # Port 9 (discard) has no Ray head: nothing listens there on a test machine.
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "REPORTQA_RAY_ADDRESS": "127.0.0.1:9"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "build", "--corpus", str(corpus), "--index", str(index)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "reportqa: cannot reach the Ray cluster at 127.0.0.1:9: Connection refused"
    ]
    assert gen.current_generation(index) == generation


def test_build_json_is_one_object_with_the_counts(tmp_path, local, pool):
    corpus = tmp_path / "corpus"
    shutil.copytree(local[0], corpus)
    index = tmp_path / "index"
    shutil.copytree(local[1], index)
    (corpus / "new.txt").write_text("新的报道\n\n" + "".join(pool.sentences[:6]) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "build", "--json", "--corpus", str(corpus), "--index", str(index)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["files"] == len(list(corpus.iterdir())) and report["articles"] == ARTICLES + 1
    assert report["embedded"] > 0 and report["reused"] > 0 and report["skipped"] == []
    assert Path(report["generation"]) == gen.current_generation(index) and "ray" not in report
