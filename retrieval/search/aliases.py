"""A question's short names read as the full names the index learned for them (明湖 -> 明湖办事处).

The reports say 明湖办事处 where a person types 明湖, so the full names join the BM25 query, and
the short name weighs in the not-found check as much as its full name would: a rare name, not a
word jieba has never seen. A question that already writes a full name is left as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

from retrieval.index import generations as gen


def load_aliases(generation: Path) -> dict[str, tuple[str, ...]]:
    """The generation's short name -> full names; none for an index built before aliases."""
    path = generation / gen.ALIASES_NAME
    if not path.is_file():
        return {}
    return {short: tuple(fulls) for short, fulls in json.loads(path.read_text(encoding="utf-8")).items()}


def expand_aliases(
    aliases: Mapping[str, tuple[str, ...]],
    question: str,
    query_words: dict[str, float],
    idf: Callable[[str], float],
) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
    """(`query_words` with each short name weighted as its full names, short name -> its full
    names: BM25 adds them, and a passage naming any of them mentions the short name); nothing
    changes for a question that writes out a full name of its short name."""
    weights = dict(query_words)
    forms: dict[str, tuple[str, ...]] = {}
    for word in query_words:
        fulls = aliases.get(word, ())
        if not fulls or any(full in question for full in fulls):
            continue
        weights[word] = max(weights[word], *(idf(full) for full in fulls))
        forms[word] = fulls
    return weights, forms
