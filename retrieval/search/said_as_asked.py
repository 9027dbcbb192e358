"""How a sentence says what some questions ask, beyond the question's own words: a cause for
why, another name for 别称, where a name comes from, and for what a thing looks like, not merely
what it is (answers.sentence_score weighs each)."""

from __future__ import annotations

import re

# How a sentence gives a cause (因 stands for 因为, 因此, 因而 too).
_CAUSE_SAID = re.compile(r"因|由于|所以|故|为了|得名|起源|源于|源自|缘于|导致|以致")
# 为啥要… asks what a thing was done for, which a report says by what it spares or eases: "免去了工人
# 来回奔波之苦,避免了社区居民与工人的交叉" answers 为啥要让采样车开进工地.
_PURPOSE_SAID = re.compile(r"为了|以便|便于|避免|免去|免得|减少|降低|目的")
_NAME_ASKED = re.compile(r"别称|别名|又称|又叫|外号|绰号|俗称|原名|本名|全称|简称|称之为|称为")
_NAME_SAID = re.compile(r"又名|又称|别称|别名|亦称|俗称|简称|也叫|又叫|原名|本名|全称|亦作|称为|称作")
# What a thing looks like (外貌特征, 外形) is not said by the sentence classifying it ("牡蒿为菊科
# 蒿属的植物", "…鼠尾鳕科的其中一种"), which holds its name and little else and won on that; the
# description after it holds none of the question's words.
_DESCRIPTION_ASKED = re.compile(r"特征|特点|外形|外貌|外观|形态|形状|样子|长相|模样")
_CLASSIFIES = re.compile(r"(?:科|属|目)的?(?:植物|动物|物种|鱼类|鸟类)|(?:的|之)(?:其中)?一种")


def gives_cause(sentence: str, purpose: bool = False) -> bool:
    """Whether `sentence` gives a cause, or for a `purpose` asked (为啥要…) what a thing eases."""
    return bool(_CAUSE_SAID.search(sentence) or purpose and _PURPOSE_SAID.search(sentence))


def gives_other_name(question: str, sentence: str) -> bool:
    """Whether `question` asks another name (别称, 原名) and `sentence` gives one (又名…)."""
    return bool(_NAME_ASKED.search(question) and _NAME_SAID.search(sentence))


def only_classifies(question: str, sentence: str) -> bool:
    """Whether `question` asks what a thing looks like and `sentence` says what kind it is."""
    return bool(_DESCRIPTION_ASKED.search(question) and _CLASSIFIES.search(sentence))


# Why a thing is called so (为什么又叫“角瓜”, 名字的由来, 怎么得名的) is told where the name is said
# to come from ("果实有瘤刺，因此得名“角瓜”"), not by the lead listing the names: CMRC trial 556_1
# and 925_2 (四加亭名字的由来: "这个名称的起源可以追溯到…").
_NAME_ORIGIN_ASKED = re.compile(r"(?:为什么|为何|为啥)(?:又|也|被)?(?:叫|称|名)|得名|名字的?由来|名称的?由来|名字的?来源|名称的?来源")
_NAME_ORIGIN_SAID = re.compile(r"得名|故名|而名|命名|名称的起源|名字的起源|名称来自|名字来自|以此为名|由此而来")


def tells_name_origin(question: str, sentence: str) -> bool:
    """Whether `question` asks why a thing is called so and `sentence` says where a name came from."""
    return bool(_NAME_ORIGIN_ASKED.search(question) and _NAME_ORIGIN_SAID.search(sentence))
