"""Which road a thing is on, or which bus or metro line: answered only by a passage naming one.

"亚太社区在哪条路上" found the 亚太社区 passages, which say 路口 and 道路 but name no road, and
one was the answer. A road's name is a head before 路 / 街 / 大道 (航海路); 道路, 路口, 街道,
沿街 and 小街小巷 are none. "管城那13辆公交车原来是跑哪几路的" asks bus routes, which a figure
before 路 names (6路, B12路); a page telling of 13辆公交车 names none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ROAD_ASKED = re.compile(r"(?:哪条|哪一条|什么|啥)(?:路|街|大道|大街)(?![线口费])")
# The character before the road word that makes it a common noun (道路, 马路, 沿街, 9条街), and
# the one after that makes it another word (路口, 路线, 街道, 大道理).
_ROAD_NAME = re.compile(
    r"[\u4e00-\u9fff](?<![道马公铁网思出套沿条小上一的])(?:大道|大街|路|街)(?![口线面径况子段道边头理费程])"
)


def asks_road(question: str) -> bool:
    """Whether `question` asks which road (哪条路上, 什么街)."""
    return _ROAD_ASKED.search(question) is not None


def names_a_road(texts: Iterable[str]) -> bool:
    """Whether one of `texts` names a road (航海路)."""
    return any(_ROAD_NAME.search(text) for text in texts)


# 哪几路 / 几路公交 / 哪路车 / 几号线: a route is asked, not a count (几路 is no number of roads).
_ROUTE_ASKED = re.compile(r"(?:哪几|哪一?|几)(?:路(?![口线上面])|号线)")
_ROUTE_NAME = re.compile(r"[0-9０-９]+(?:路(?![口线])|号线)")


def asks_route(question: str) -> bool:
    """Whether `question` asks which bus route or metro line (跑哪几路的, 坐几路公交, 几号线)."""
    return _ROUTE_ASKED.search(question) is not None


def names_a_route(texts: Iterable[str]) -> bool:
    """Whether one of `texts` names a route or line by its number (6路, 1号线)."""
    return any(_ROUTE_NAME.search(text) for text in texts)
