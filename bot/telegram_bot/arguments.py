"""The `reportqa bot` command-line options; light (no telegram, no torch) so --help is instant.

Every default is None, so that the environment and the TOML file can fill in (see
retrieval/settings.py, which reads all three).
"""

from __future__ import annotations

import argparse

from retrieval.setting_values import LANGS


def add_bot_arguments(parser: argparse.ArgumentParser, common: bool = True) -> None:
    """Register the bot's options; `common=False` leaves out --index, --model and --config for a
    parser that already has them."""
    if common:
        parser.add_argument("--index", help="index folder (default: embeddings/)")
        parser.add_argument("--model", help="embedding model (default: the one the index was built with)")
        parser.add_argument("--config", help="TOML file of settings ([bot] and the engine's tables)")
    parser.add_argument("--api-url", dest="api_url", help="Bot API server, e.g. http://127.0.0.1:8081")
    parser.add_argument("--webhook-url", dest="webhook_url", help="public HTTPS URL: webhook mode")
    parser.add_argument("--listen", help="address the webhook server binds (default 0.0.0.0)")
    parser.add_argument("--port", type=int, help="port the webhook server listens on (default 8443)")
    parser.add_argument("--allow", dest="allowed_ids", help="comma-separated user/chat ids allowed to ask")
    parser.add_argument("--admin", dest="admin_ids", help="comma-separated user ids allowed /stats and /reload")
    parser.add_argument("--rate-limit", dest="rate_limit", type=int, help="questions per user per minute")
    parser.add_argument("-k", dest="k", type=int, help="excerpts per answer (default 5)")
    parser.add_argument("--lang", choices=LANGS, help="language of the bot's own words (default zh)")
    parser.add_argument("--db", dest="db_path", help="SQLite file for questions and feedback (default: beside the index)")
    parser.add_argument("--workers", type=int, help="search threads (default 4)")
    parser.add_argument(
        "--watch", action="store_true", default=None, help="build new and changed reports of the corpus while running"
    )
