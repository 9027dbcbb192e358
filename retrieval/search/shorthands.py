"""How people shorten what a report writes out, by no rule a split or a sound finds.

支书 for 支部书记 (村支书, 老支书 are words of jieba's dictionary too); 一把手, the one in charge, for
主任 or 书记 (post_holders.py checks either). Read by the respeller (respell.py) and by the check
that a post's holder is named (post_holders.py).
"""

SHORTHANDS = {
    "支书": ("支部书记",),
    "老支书": ("支部书记",),
    "村支书": ("村党支部书记", "支部书记"),
    "一把手": ("主任", "书记"),
}
