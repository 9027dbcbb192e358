"""The bot's settings: one typed object from flags, environment (REPORTQA_*), a TOML file, defaults.

Precedence is flags > environment > TOML > defaults.  The token only ever comes from
TELEGRAM_BOT_TOKEN and is checked first, before anything heavy is imported.  This module
imports nothing from telegram or retrieval so that a bad token fails in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bot.conversation import QUIET_SECONDS
from bot.texts import LANGS

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
# "<bot id>:<secret>"; real secrets are 35 characters of [A-Za-z0-9_-], tests use shorter ones.
_TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line without any secret."""


@dataclass(frozen=True)
class BotSettings:
    """Everything `reportqa bot` needs to run; built by `load_settings`."""

    token: str = field(repr=False)
    index_dir: Path | None = None  # None: the engine's default (embeddings/ of the checkout)
    model: str | None = None  # None: the model the index was built with
    api_url: str | None = None  # e.g. http://127.0.0.1:8081 for a self-hosted telegram-bot-api
    webhook_url: str | None = None  # webhook mode when set, long polling otherwise
    listen: str = "0.0.0.0"
    port: int = 8443
    allowed_ids: frozenset[int] = frozenset()  # users and chats; empty means everyone
    admin_ids: frozenset[int] = frozenset()
    rate_limit: int = 10  # questions per user per minute; 0 turns the limit off
    k: int = 5
    lang: str = "zh"
    db_path: Path = Path("reportqa-bot.sqlite3")
    workers: int = 4  # threads that run searches off the event loop
    conversation_quiet_seconds: float = QUIET_SECONDS  # a chat's earlier questions are forgotten after this

    @property
    def base_url(self) -> str | None:
        """The Bot API endpoint prefix PTB appends the token to, or None for Telegram's own."""
        return f"{self.api_url.rstrip('/')}/bot" if self.api_url else None

    @property
    def base_file_url(self) -> str | None:
        return f"{self.api_url.rstrip('/')}/file/bot" if self.api_url else None


def check_token(environ: Mapping[str, str]) -> str:
    """The bot token from the environment; SettingsError (never echoing it) when absent or malformed."""
    token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise SettingsError(f"{TOKEN_ENV} is not set; create a bot with @BotFather and export its token")
    if not _TOKEN_SHAPE.fullmatch(token):
        raise SettingsError(
            f"{TOKEN_ENV} is malformed; it looks like 123456789:AAH... (digits, colon, secret)"
        )
    return token


def _ids(value: Any) -> frozenset[int]:
    items = value if isinstance(value, list | tuple) else re.split(r"[,\s]+", str(value))
    try:
        return frozenset(int(item) for item in items if str(item).strip())
    except ValueError as exc:
        raise SettingsError(f"expected numeric user or chat ids, got {value!r}") from exc


def _int_at_least(minimum: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"expected a whole number, got {value!r}") from exc
        if number < minimum:
            raise SettingsError(f"expected a number of at least {minimum}, got {number}")
        return number

    return parse


def _lang(value: Any) -> str:
    if value not in LANGS:
        raise SettingsError(f"language must be one of {', '.join(LANGS)}, got {value!r}")
    return str(value)


def _url(value: Any) -> str:
    if not re.match(r"https?://[^\s/]+", str(value)):
        raise SettingsError(f"expected an http(s) URL, got {value!r}")
    return str(value)


# setting -> (environment variable, TOML key, parser)
_SOURCES: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "index_dir": ("REPORTQA_INDEX", "index", Path),
    "model": ("REPORTQA_MODEL", "model", str),
    "api_url": ("REPORTQA_BOT_API_URL", "api_url", _url),
    "webhook_url": ("REPORTQA_WEBHOOK_URL", "webhook_url", _url),
    "listen": ("REPORTQA_LISTEN", "listen", str),
    "port": ("REPORTQA_PORT", "port", _int_at_least(1)),
    "allowed_ids": ("REPORTQA_ALLOWED_IDS", "allowed_ids", _ids),
    "admin_ids": ("REPORTQA_ADMIN_IDS", "admin_ids", _ids),
    "rate_limit": ("REPORTQA_RATE_LIMIT", "rate_limit", _int_at_least(0)),
    "k": ("REPORTQA_K", "k", _int_at_least(1)),
    "lang": ("REPORTQA_LANG", "lang", _lang),
    "db_path": ("REPORTQA_BOT_DB", "db", Path),
    "workers": ("REPORTQA_WORKERS", "workers", _int_at_least(1)),
    "conversation_quiet_seconds": ("REPORTQA_QUIET_SECONDS", "quiet_seconds", _int_at_least(1)),
}


def _read_toml(path: Path) -> dict[str, Any]:
    """The `[bot]` table of a TOML file, with index, model and k also taken from `[reportqa]`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config {path} is not valid TOML: {exc}") from exc
    if "bot" not in data and "reportqa" not in data:  # a flat file: engine and bot settings together
        data = {"bot": {key: value for key, value in data.items() if key != "corpus"}}
    table = data.get("bot", {})
    unknown = set(table) - {toml_key for _, toml_key, _ in _SOURCES.values()}
    if unknown:
        raise SettingsError(f"config {path}: unknown setting(s) in [bot]: {', '.join(sorted(unknown))}")
    shared = {key: value for key, value in data.get("reportqa", {}).items() if key in ("index", "model", "k")}
    return {**shared, **table}


def load_settings(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> BotSettings:
    """Merge flags > environment > TOML (`--config` or REPORTQA_CONFIG) > defaults into BotSettings."""
    environ = os.environ if environ is None else environ
    token = check_token(environ)
    config = getattr(args, "config", None) or environ.get("REPORTQA_CONFIG")
    table = _read_toml(Path(config)) if config else {}
    chosen: dict[str, Any] = {}
    for name, (env_name, toml_key, parse) in _SOURCES.items():
        flag = getattr(args, name, None)
        if name == "index_dir" and flag is None:
            flag = getattr(args, "index", None)  # `reportqa`'s shared --index option
        for origin, value in (
            (f"--{name}", flag),
            (env_name, environ.get(env_name)),
            (toml_key, table.get(toml_key)),
        ):
            if value is None or value == "":
                continue
            try:
                chosen[name] = parse(value)
            except SettingsError as exc:
                raise SettingsError(f"{origin}: {exc}") from None
            break
    known = {f.name for f in fields(BotSettings)}
    return BotSettings(token=token, **{k: v for k, v in chosen.items() if k in known})


def add_bot_arguments(parser: argparse.ArgumentParser, common: bool = True) -> None:
    """Register the `reportqa bot` options; every default is None so that env and TOML can fill in.

    `common=False` leaves out --index, --model and --config for a parser that already has them.
    """
    if common:
        parser.add_argument("--index", dest="index_dir", help="index folder (default: embeddings/)")
        parser.add_argument("--model", help="embedding model (default: the one the index was built with)")
        parser.add_argument("--config", help="TOML file with a [bot] table of settings")
    parser.add_argument("--api-url", dest="api_url", help="Bot API server, e.g. http://127.0.0.1:8081")
    parser.add_argument("--webhook-url", dest="webhook_url", help="public HTTPS URL: webhook mode")
    parser.add_argument("--listen", help="address the webhook server binds (default 0.0.0.0)")
    parser.add_argument("--port", type=int, help="port the webhook server listens on (default 8443)")
    parser.add_argument("--allow", dest="allowed_ids", help="comma-separated user/chat ids allowed to ask")
    parser.add_argument(
        "--admin", dest="admin_ids", help="comma-separated user ids allowed /stats and /reload"
    )
    parser.add_argument("--rate-limit", dest="rate_limit", type=int, help="questions per user per minute")
    parser.add_argument("-k", dest="k", type=int, help="excerpts per answer (default 5)")
    parser.add_argument("--lang", choices=LANGS, help="language of the bot's own words (default zh)")
    parser.add_argument("--db", dest="db_path", help="SQLite file for questions and feedback")
    parser.add_argument("--workers", type=int, help="search threads (default 4)")
