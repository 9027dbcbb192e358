"""`reportqa bot`: check the token, load settings and the index, run the bot until SIGTERM.

    TELEGRAM_BOT_TOKEN=123:abc reportqa bot [--index embeddings/] [--webhook-url URL --port N]

Long polling by default; webhook mode when a URL is given.  REPORTQA_BOT_API_URL (or
--api-url) points the bot at another Bot API server.  The token is checked before anything
heavy is imported, and no log line ever shows it.  On SIGTERM or Ctrl-C the bot stops
fetching updates, lets every answer in flight finish, then closes the index and the store.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from bot.telegram_bot.arguments import add_bot_arguments
from retrieval.settings import Settings, SettingsError, check_token, load_settings

if TYPE_CHECKING:
    from bot.telegram_bot.async_engine import AsyncEngine

logger = logging.getLogger(__name__)


class RedactingFormatter(logging.Formatter):
    """A formatter that replaces the bot token wherever it would appear, tracebacks included."""

    def __init__(self, fmt: str, secret: str):
        super().__init__(fmt)
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self._secret, "<token>")


def setup_logging(token: str, level: int = logging.INFO) -> None:
    """Log to stderr once, token redacted; httpx's per-request INFO lines (URLs with the token) off."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def open_engine(settings: Settings) -> AsyncEngine:
    """Load the model once and open the index (building it from the corpus if absent, like `ask`)."""
    from bot.telegram_bot.async_engine import AsyncEngine
    from bot.telegram_bot.feedback_store import FeedbackStore
    from retrieval.engine import Engine, follow

    engine = Engine.open(settings)
    served = AsyncEngine(engine, FeedbackStore(settings.bot_db), settings.bot.workers)
    # New reports without a restart or /reload: built here with --watch, else whatever
    # generation another process publishes is picked up (retrieval/index/live.py).
    live = follow(settings, served.swap_to_disk, engine.encoder if settings.bot.watch else None)
    served.on_close.append(live.stop)
    return served


def run_bot(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    """Run `reportqa bot` with parsed `args` (see `add_bot_arguments`); returns the exit code."""
    environ = os.environ if environ is None else environ
    try:
        settings = check_token(load_settings(args, environ), environ)
    except SettingsError as exc:
        print(f"reportqa bot: {exc}", file=sys.stderr)
        return exc.exit_code
    setup_logging(settings.bot.token)

    from telegram import Update

    from bot.telegram_bot.app import build_application
    from retrieval.errors import ReportQAError

    try:
        engine = open_engine(settings)
    except ReportQAError as exc:
        print(f"reportqa bot: {exc}", file=sys.stderr)
        return exc.exit_code
    application = build_application(settings, engine)
    try:
        if settings.bot.webhook_url:
            logger.info("webhook mode on %s:%s", settings.bot.listen, settings.bot.port)
            application.run_webhook(
                listen=settings.bot.listen,
                port=settings.bot.port,
                url_path=urlparse(settings.bot.webhook_url).path.lstrip("/"),
                webhook_url=settings.bot.webhook_url,
                secret_token=secrets.token_urlsafe(32),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            logger.info("long polling %s", settings.bot.api_url or "api.telegram.org")
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        engine.close()
    logger.info("bot stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.telegram_bot.runner`: the same as `reportqa bot`."""
    parser = argparse.ArgumentParser(prog="reportqa bot", description=__doc__.split("\n")[0])
    add_bot_arguments(parser)
    return run_bot(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
