"""Settings precedence, the token check, token redaction, and the SQLite store's migrations."""

from __future__ import annotations

import argparse
import io
import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram_bot.arguments import add_bot_arguments
from bot.telegram_bot.feedback_store import MIGRATIONS, FeedbackStore
from bot.telegram_bot.runner import RedactingFormatter, run_bot
from retrieval.settings import BotSettings, SettingsError, check_token, load_settings
from retrieval.types import Hit, SearchResult

PROJECT = Path(__file__).resolve().parents[1]
TOKEN = "123456:SECRET-token_value"


def bot_settings(args: argparse.Namespace, environ: dict[str, str]):
    """What `reportqa bot` loads: every setting, then the token."""
    return check_token(load_settings(args, environ), environ)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_bot_arguments(parser)
    return parser.parse_args(list(argv))


def test_flags_beat_environment_beat_toml_beat_defaults(tmp_path):
    config = tmp_path / "reportqa.toml"
    config.write_text(
        '[reportqa]\nindex = "from-toml-shared"\n\n'
        '[bot]\nk = 3\nrate_limit = 7\nlang = "en"\nadmin_ids = [1, 2]\n',
        encoding="utf-8",
    )
    environ = {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_K": "4", "REPORTQA_ALLOWED_IDS": "5,-100"}
    settings = bot_settings(parse("--config", str(config), "-k", "9"), environ)
    assert settings.search.k == 9  # flag
    assert settings.bot.allowed_ids == frozenset({5, -100})  # environment
    assert (
        settings.bot.rate_limit == 7 and settings.bot.lang == "en" and settings.bot.admin_ids == frozenset({1, 2})
    )  # TOML
    assert settings.index.path == Path("from-toml-shared")  # the engine's [reportqa] table
    assert settings.bot.workers == BotSettings.workers and settings.bot.api_url is None  # defaults
    assert TOKEN not in repr(settings)


def test_api_url_gives_the_self_hosted_endpoint():
    settings = bot_settings(parse("--api-url", "http://127.0.0.1:8081/"), {"TELEGRAM_BOT_TOKEN": TOKEN}).bot
    assert settings.base_url == "http://127.0.0.1:8081/bot"  # PTB appends the token: /bot<TOKEN>/<method>
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_RATE_LIMIT": "many"},
            "REPORTQA_RATE_LIMIT: expected a whole number",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_LANG": "fr"},
            "REPORTQA_LANG: language must be one of zh, en",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_ADMIN_IDS": "alice"},
            "REPORTQA_ADMIN_IDS: expected numeric",
        ),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "REPORTQA_BOT_API_URL": "localhost"}, "expected an http(s) URL"),
    ],
)
def test_malformed_settings_are_one_line_errors(environ, message):
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        bot_settings(parse(), environ)


def test_unknown_toml_setting_is_refused(tmp_path):
    config = tmp_path / "bot.toml"
    config.write_text("rate_limt = 3\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown setting"):
        bot_settings(parse("--config", str(config)), {"TELEGRAM_BOT_TOKEN": TOKEN})


@pytest.mark.parametrize("token", ["", "   ", "not-a-token", "987654", ":abc", "12:ab c", "abc:123"])
def test_missing_or_malformed_token_exits_2_without_echoing_it(token, capsys):
    assert run_bot(parse(), {"TELEGRAM_BOT_TOKEN": token} if token else {}) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reportqa bot: TELEGRAM_BOT_TOKEN is")
    if token.strip():
        assert token.strip() not in err


def test_bad_token_fails_before_anything_heavy_is_imported():
    probe = (
        "import sys; from bot.telegram_bot.runner import main; code = main([]);"
        "heavy = [m for m in ('torch', 'telegram', 'faiss', 'retrieval.search.searcher') if m in sys.modules];"
        "print(code, heavy)"
    )
    environ = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "oops"}
    command = [sys.executable, "-c", probe]
    done = subprocess.run(command, cwd=PROJECT, env=environ, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "2 []"
    assert done.stderr.startswith("reportqa bot: TELEGRAM_BOT_TOKEN is malformed;")
    assert done.stderr.count("\n") == 1 and "oops" not in done.stderr


def test_token_is_redacted_from_every_log_line_and_traceback():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s", TOKEN))
    log = logging.getLogger("test_bot_settings.redaction")
    log.addHandler(handler)
    try:
        log.warning("POST https://api.telegram.org/bot%s/getUpdates", TOKEN)
        try:
            raise RuntimeError(f"boom at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    assert TOKEN not in stream.getvalue() and stream.getvalue().count("<token>") == 2


def _result(question: str, not_found: bool = False) -> SearchResult:
    hit = Hit(1, 0.9, "001.txt", "标题", "2020-04-03", 0, "摘录。", "摘录。", 0)
    return SearchResult(question, () if not_found else (hit,), not_found, ("近似标题",) if not_found else ())


def test_store_migrations_are_numbered_and_upgrade_an_old_database(tmp_path):
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as old:  # a database left by the first release (schema version 1)
        old.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        old.execute("INSERT INTO questions VALUES (1, 0, 1, 1, '旧问题', 10, 0, 1)")
    store = FeedbackStore(path)
    assert store.schema_version == len(MIGRATIONS)
    assert store.question(1) == "旧问题"
    first = store.record_question(_result("问题一"), 1, 1, latency_ms=20.0)
    second = store.record_question(_result("问题二", not_found=True), 1, 1, latency_ms=40.0)
    assert store.shown(first, 1).source == "001.txt" and store.shown(second, -1).title == "近似标题"
    assert (
        store.record_vote(first, 1, 1) and store.record_vote(first, 1, -1) and not store.record_vote(99, 1, 1)
    )
    stats = store.stats()
    assert (stats.questions, stats.not_found, stats.up, stats.down) == (3, 1, 0, 1)
    # numpy's linear percentile of 10, 20, 40 ms: the median, and 98% of the way from 20 to 40
    assert (stats.p50_ms, stats.p99_ms) == (20.0, pytest.approx(39.6))
    assert store.votes() == [("问题一", -1)]
    store.close()
    assert FeedbackStore(path).schema_version == len(MIGRATIONS)  # reopening applies nothing twice
