"""How something was done, or by what means, is marked where a sentence says by what means.

"明湖办事处 咋宣传防疫的呀" and "…宣传防疫都用了啥法子" are answered by "通过悬挂条幅、发放倡议书、张贴
宣传海报、大喇叭广播等多种方式,全天候、不间断宣传…", not by "明湖办事处共向上级部门和主流媒体推送…
宣传报道了…", which holds more of the question's words. Three blind rounds (86, 88, 91) asked it.
The bonus applies to the marked sentence only: as one more term of a passage's score (which
orders two passages of one article) it moved two questions from rank 1 to rank 2.
"""

from __future__ import annotations

import re

from retrieval.search.question_type import QuestionShape

MEANS_BONUS = 1.0
_MEANS_ASKED = ("法子", "办法", "方法", "方式", "招", "措施", "手段", "举措")  # 啥法子, 什么办法
_MEANS_SAID = re.compile(r"通过[^，,。；;]{2,40}(?:方式|形式|渠道|途径|手段)|采取[^，,。；;]{2,30}(?:措施|方式|办法)")


def with_means_said(shape: QuestionShape, scored: list[tuple[float, str]], how: bool) -> list[tuple[float, str]]:
    """`scored` (score, sentence) with MEANS_BONUS for the sentences saying by what means, when the
    question asks `how` or names a means after its question word (啥法子); as it is otherwise."""
    if not (how or shape.after.startswith(_MEANS_ASKED)):
        return scored
    return [(score + MEANS_BONUS * bool(_MEANS_SAID.search(text)), text) for score, text in scored]
