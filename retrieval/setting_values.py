"""Parsing one setting's value, from a flag, the environment or a TOML file, into its type.

Each parser raises SettingsError with a one-line reason; `retrieval.settings` says where the
value came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from retrieval.errors import SettingsError

LANGS = ("zh", "en")


def ids(value: Any) -> frozenset[int]:
    items = value if isinstance(value, list | tuple) else re.split(r"[,\s]+", str(value))
    try:
        return frozenset(int(item) for item in items if str(item).strip())
    except ValueError as exc:
        raise SettingsError(f"expected numeric user or chat ids, got {value!r}") from exc


def number(kind: type, minimum: float | None = None) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        try:
            number = kind(value)
        except (TypeError, ValueError) as exc:
            what = "a whole number" if kind is int else "a number"
            raise SettingsError(f"expected {what}, got {value!r}") from exc
        if minimum is not None and number < minimum:
            raise SettingsError(f"expected a number of at least {minimum}, got {number}")
        return number

    return parse


def lang(value: Any) -> str:
    if value not in LANGS:
        raise SettingsError(f"language must be one of {', '.join(LANGS)}, got {value!r}")
    return str(value)


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in ("1", "true", "yes", "on"):
        return True
    if str(value).strip().lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"expected true or false, got {value!r}")


def field_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    """`[["body", "news_content"], ...]` (TOML) or `body=news_content,title=headline` (environment)."""
    items = [item.split("=", 1) for item in str(value).split(",")] if isinstance(value, str) else value
    try:
        pairs = tuple((str(meaning).strip(), str(name).strip()) for meaning, name in items)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"expected (meaning, field name) pairs, got {value!r}") from exc
    return pairs


def url(value: Any) -> str:
    if not re.match(r"https?://[^\s/]+", str(value)):
        raise SettingsError(f"expected an http(s) URL, got {value!r}")
    return str(value)
