"""What a question asks that only the page of the place it names tells (searcher._asks_shown).

Beside counts and days (figures.py), these are read from the passages of the place asked of, not
from the best passages of any page: a road (亚太社区在哪条路上), a count asked by its noun (登封 核酸
人次), a business's name (东贾社区的物业公司叫啥: 明湖's page mentions 物业公司, 东贾社区's only its
物业负责人).
"""

from __future__ import annotations

from retrieval.search.keyword_counts import keyword_count_unit
from retrieval.search.roads import asks_road
from retrieval.search.withheld_names import kinds_whose_name_is_asked
from retrieval.text.tokenize import Tokenizer

# Kinds of business whose name a question asks (检测公司叫啥名字): named where they are mentioned.
_BUSINESSES = ("公司", "企业", "厂家", "工厂", "酒店", "宾馆", "超市", "商场", "饭店")


def asked_of_its_place(text: str, tokenizer: Tokenizer) -> bool:
    """Whether what `text` asks is told only on the page of the place it names."""
    return (
        asks_road(text)
        or keyword_count_unit(text) is not None
        or bool(businesses(kinds_whose_name_is_asked(text, tokenizer)))
    )


def businesses(kinds: list[str]) -> list[str]:
    """Those of `kinds` (asked for by name) that are businesses."""
    return [kind for kind in kinds if kind.endswith(_BUSINESSES)]
