"""A live archive: new, changed and removed reports are taken in while searching goes on."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from conftest import settings_for
from fakebotapi import FakeBotAPI, parse_html, run
from test_bot_process import STARTUP_SECONDS, _environment, _start, _stop

from retrieval.engine import Engine
from retrieval.index import generations as gen
from retrieval.index.build import build_index
from retrieval.index.live import LiveIndex, WatchSettings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUICK = WatchSettings(interval=0.2, debounce=0.6)
BRIDGE = (
    "# 黄河三号大桥今日通车\n\n2023年6月1日\n\n"
    "本报讯 黄河三号大桥今天正式通车，大桥全长八点六公里，双向六车道。\n\n"
    "大桥通车后，两岸通行时间由四十分钟缩短到十分钟。\n"
)
QUESTION = "黄河三号大桥全长多少公里？"


def _corpus_and_index(tmp_path: Path, seeds_index: Path) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    shutil.copytree(seeds_index, index)  # its cache knows the seeds: only new text is embedded
    return corpus, index


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_watch_builds_added_changed_and_removed_reports(tmp_path, seeds_index, encoder):
    corpus, index = _corpus_and_index(tmp_path, seeds_index)
    switched = threading.Event()
    builds = []
    live = LiveIndex(corpus, index, switched.set, lambda: build_index(corpus, index, encoder), settings=QUICK, on_build=builds.append).start()
    try:
        _wait(lambda: builds, 60, "the first look's build")  # the index was up to date already
        assert builds[0].up_to_date
        (corpus / "100_bridge.md").write_text(BRIDGE, encoding="utf-8")
        _wait(switched.is_set, 60, "a build with the new report")
        searcher = Engine.open(settings_for(index), build_if_missing=False, encoder=encoder)
        top = searcher.search(QUESTION).hits[0]
        assert top.source == "100_bridge.md" and "八点六公里" in top.excerpt
        searcher.close()
        assert builds[-1].embedded <= 2  # the new report's passages, nothing else

        switched.clear()
        (corpus / "100_bridge.md").write_text(BRIDGE.replace("八点六", "九点一"), encoding="utf-8")
        _wait(switched.is_set, 60, "a build with the changed report")
        searcher = Engine.open(settings_for(index), build_if_missing=False, encoder=encoder)
        assert "九点一公里" in searcher.search(QUESTION).hits[0].excerpt
        searcher.close()

        switched.clear()
        (corpus / "100_bridge.md").unlink()
        _wait(switched.is_set, 60, "a build without the removed report")
        searcher = Engine.open(settings_for(index), build_if_missing=False, encoder=encoder)
        assert "100_bridge.md" not in {info.source for info in searcher.sources()}
        searcher.close()
    finally:
        live.stop()


def test_without_watch_a_generation_built_elsewhere_is_followed(tmp_path, seeds_index, encoder):
    corpus, index = _corpus_and_index(tmp_path, seeds_index)
    switched = threading.Event()
    live = LiveIndex(corpus, index, switched.set, settings=QUICK).start()  # no build: it only follows CURRENT
    try:
        (corpus / "100_bridge.md").write_text(BRIDGE, encoding="utf-8")
        time.sleep(1.0)
        assert not switched.is_set()
        build_index(corpus, index, encoder)  # `reportqa build` in another process
        _wait(switched.is_set, 5, "the new CURRENT to be noticed")
    finally:
        live.stop()
    assert gen.current_generation(index).name.startswith("gen-")


def test_bot_watch_answers_a_report_dropped_into_its_corpus(tmp_path, seeds_index):
    corpus, index = _corpus_and_index(tmp_path, seeds_index)
    log = tmp_path / "bot.log"
    user = 8080

    async def scenario():
        import asyncio

        server = FakeBotAPI()
        await server.start()
        # It asks until the new report is in, every second or so: no rate limit, or a slow build
        # (a loaded machine) would turn the asks after the tenth away (test_bot_limits covers it).
        environ = _environment(
            server, index, tmp_path, REPORTQA_CORPUS=str(corpus), REPORTQA_WATCH="1", REPORTQA_RATE_LIMIT="0"
        )
        process = await _start(environ, log)
        try:
            await server.wait_for(lambda: server.calls_to("getUpdates"), STARTUP_SECONDS, what="polling")
            dropped = time.monotonic()
            (corpus / "100_bridge.md").write_text(BRIDGE, encoding="utf-8")
            while time.monotonic() - dropped < 120:
                before = len(server.sent(user))
                server.push_message(user, QUESTION)
                replies = await server.wait_for(lambda seen=before: server.sent(user)[seen:], 30, what="an answer")
                if "八点六公里" in parse_html(replies[0].params["text"]):
                    return time.monotonic() - dropped
                await asyncio.sleep(1.0)
            raise AssertionError("the dropped report was not answered within two minutes")
        finally:
            assert await _stop(process) == 0
            await server.stop()

    seconds = run(scenario(), timeout=STARTUP_SECONDS + 180)
    assert seconds < 120, log.read_text(encoding="utf-8")


def test_repl_watch_answers_from_the_new_generation_on_the_next_question(
    tmp_path, seeds_index, encoder, capsys, monkeypatch
):
    import io

    from bot.repl import run_repl

    corpus, index = _corpus_and_index(tmp_path, seeds_index)
    first = gen.current_generation(index).name

    class Typing(io.StringIO):
        """A user who asks, drops a report into the corpus, waits for the build, asks again."""

        def __init__(self):
            super().__init__()
            self.lines = iter([QUESTION, "drop", QUESTION])

        def readline(self, *_):
            line = next(self.lines, None)
            if line == "drop":
                answers.append(capsys.readouterr().out)
                (corpus / "100_bridge.md").write_text(BRIDGE, encoding="utf-8")
                _wait(lambda: gen.current_generation(index).name != first, 60, "the build")
                # The REPL closes its old engine once it has swapped in the new generation; on a
                # loaded machine that takes longer than the watcher's one-second look.
                _wait(swapped.is_set, 60, "the REPL's switch to the new generation")
                return "\n"
            return "" if line is None else line + "\n"

    answers: list[str] = []
    swapped = threading.Event()
    engine = Engine.open(settings_for(index, corpus), build_if_missing=False, encoder=encoder)
    close = engine.close
    engine.close = lambda: (close(), swapped.set())
    monkeypatch.setattr("sys.stdin", Typing())
    assert run_repl(engine, watch=True) == 0
    answers.append(capsys.readouterr().out)
    assert "八点六公里" not in answers[0]
    assert "黄河三号大桥今日通车" in answers[1] and "八点六公里" in answers[1]
