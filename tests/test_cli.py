"""The `reportqa` command as a user runs it: real processes, real model and index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from retrieval.index import generations as gen

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "tests" / "data"


def reportqa(*args: str, stdin: str | None = None, **environ: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **environ}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=600,
    )


def test_ask_builds_a_missing_index_then_answers(tmp_path, seeds_index):
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT / "seeds", corpus)
    index = tmp_path / "index"
    index.mkdir()
    shutil.copy(seeds_index / gen.CACHE_NAME, index / gen.CACHE_NAME)  # no re-embedding
    done = reportqa("ask", "--corpus", str(corpus), "--index", str(index), "明湖办事处发了多少套防护服？")
    assert done.returncode == 0, done.stderr
    assert "indexed 5 files" in done.stdout
    assert "防护服207套" in done.stdout.replace(" ", "")
    assert done.stdout.split("\n")[1] == "答：207套"  # after the build's line
    assert "明湖办事处" in done.stdout and "2020-04-03" in done.stdout


def test_search_json_for_a_question_file(seeds_index, tmp_path):
    questions = tmp_path / "q.jsonl"
    lines = (DATA / "seeds_dev.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    lines.append(json.dumps({"id": "neg", "question": "北京冬奥会是哪天开幕的？"}, ensure_ascii=False))
    lines.append(json.dumps({"id": "empty", "question": ""}))
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = reportqa("search", "--json", "-k", "3", "--index", str(seeds_index), "--questions", str(questions))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["dev-000", "dev-001", "dev-002", "neg", "empty"]
    assert all(len(row["results"]) == 3 for row in rows[:3])
    assert rows[0]["results"][0]["source"] == "001_c1940cad4a4d3e86.txt"
    assert rows[3]["not_found"] is True and rows[3]["results"] == []
    assert rows[4]["not_found"] is True and "empty" in rows[4]["error"]


def test_eval_prints_the_metrics(seeds_index):
    done = reportqa(
        "eval", "--json", "--index", str(seeds_index),
        str(DATA / "seeds_dev.jsonl"), str(DATA / "seeds_dev_negatives.jsonl"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["answerable"] == 26 and report["unanswerable"] == 10
    assert report["hit_at_5"] == 1.0
    assert {"hit_at_1", "mrr_at_10", "not_found_correct", "latency_p50_ms", "latency_p95_ms"} <= report.keys()


def test_repl_session(seeds_index):
    session = "明湖办事处发了多少套防护服？\n:full 1\n:k 2\n:more\n:help\n:full 99\n"
    done = reportqa("repl", "--index", str(seeds_index), stdin=session)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "防护服207套" in out.replace(" ", "")
    assert "记者 王赛华" in out  # :full shows the whole article with its byline
    assert "k = 2" in out and ":full N" in out
    assert "no excerpt 99" in out


def test_errors_are_one_line_with_an_exit_code(tmp_path, seeds_index):
    missing = reportqa("build", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "does not exist" in missing.stderr

    broken = tmp_path / "broken"
    shutil.copytree(seeds_index, broken)
    (gen.current_generation(broken) / gen.VECTORS_NAME).write_bytes(b"not faiss")
    done = reportqa("ask", "--index", str(broken), "问题")
    assert done.returncode == 1
    assert "reportqa build" in done.stderr and "Traceback" not in done.stderr


def test_the_backend_flag_and_variable_reach_the_encoder(seeds_index):
    """Both ways of choosing a backend are honoured: a wrong choice is refused by name."""
    flag = reportqa(
        "ask", "--index", str(seeds_index), "--model", "some/other-model", "--backend", "onnx-int8", "问题"
    )
    assert flag.returncode == 1 and "builtin model only" in flag.stderr
    variable = reportqa("ask", "--index", str(seeds_index), "问题", REPORTQA_BACKEND="tensorrt")
    assert variable.returncode == 1 and "unknown backend 'tensorrt'" in variable.stderr


def test_a_reader_that_stops_early_gets_no_traceback(seeds_index, tmp_path):
    """`reportqa search … | head -1`: the pipe closes under the writer, which stops quietly."""
    questions = tmp_path / "many.jsonl"  # far more answers than a pipe holds unread
    questions.write_text((DATA / "seeds_dev.jsonl").read_text(encoding="utf-8") * 20, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "search",
        "--json",
        "--index",
        str(seeds_index),
        "--questions",
        questions,
    ]
    writer = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = writer.stdout.readline()
    writer.stdout.close()  # as head does after its line
    stderr = writer.stderr.read().decode()
    assert writer.wait(timeout=600) == 141, stderr
    assert json.loads(first)["results"] and "Traceback" not in stderr and stderr.strip() == ""
