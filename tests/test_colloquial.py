"""Questions as people type them, on the real seeds index: filler, glued names, pinyin typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.bench.evaluate import evaluate, read_questions
from retrieval.search.query import plain_question

DATA = Path(__file__).resolve().parent / "data"


def _report(engine, name: str):
    return evaluate(lambda q: engine.search(q.question, k=10), read_questions(DATA / name))


def test_greetings_and_filler_do_not_turn_a_question_away(engine):
    chatty = engine.search("你好，想问一下中牟县为了方便不会用手机的老年人做核酸，专门给他们弄了个啥？")
    assert not chatty.not_found
    assert any("预约二维码卡片" in hit.excerpt for hit in chatty.hits[:5])


def test_colloquial_set_is_never_wrongly_turned_away_and_negatives_still_are(engine):
    colloquial = _report(engine, "seeds_colloquial_dev.jsonl")
    assert colloquial.false_not_found == 0.0, colloquial
    negatives = _report(engine, "seeds_dev_negatives.jsonl")
    assert negatives.not_found_correct == 1.0, negatives


def test_greetings_and_thanks_are_cut_but_the_question_mark_stays():
    assert plain_question("您好，请问八千办事处设了几部咨询热线？谢谢") == "八千办事处设了几部咨询热线？"
    assert plain_question("嗯那个，明湖办事处发了多少口罩啊") == "明湖办事处发了多少口罩"
    assert plain_question("那防护服呢？") == "那防护服？"  # the 那 of a follow-up is kept
    assert plain_question("谢谢") == "谢谢"  # nothing but politeness: left as typed


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("首套", "手套"), ("中要", "中药"), ("毛书雪", "毛书学"), ("洛锁", "落锁"), ("喷物器", "喷雾器")],
)
def test_a_pinyin_typo_is_read_as_the_corpus_word_of_the_same_sound(engine, typed, meant):
    [part] = engine.searcher.respeller.parts(typed)
    assert part.word == meant and part.homophone


@pytest.mark.parametrize("word", ["冬奥会", "天气", "今天", "收到", "新人", "公开信", "下雨"])
def test_words_typed_on_purpose_are_left_alone(engine, word):
    """Unseen but real words: not split into characters, not taken for a typo of a corpus word."""
    assert engine.searcher.respeller.parts(word) is None


def test_a_sound_alike_weighs_less_than_the_word_itself(engine):
    weights, shares = engine.searcher.respeller.weigh(["首套"])
    assert shares == {"手套": pytest.approx(0.8)}
    assert weights["手套"] == pytest.approx(0.8 * engine.searcher.lexical.idf("手套"))


def test_typo_and_glued_name_still_find_the_figure(engine):
    result = engine.search("明湖发了多少双防护首套")
    assert not result.not_found and "防护手套2507双" in result.hits[0].excerpt
