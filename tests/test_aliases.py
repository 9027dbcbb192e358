"""Short names learned from the corpus (明湖 for 明湖办事处, 港区 for 航空港实验区), on real indexes."""

from __future__ import annotations

import pytest

from retrieval.engine import Engine, build
from retrieval.index import generations as gen
from retrieval.search.aliases import expand_aliases
from retrieval.text.aliases import dictionary_names, learn_aliases
from retrieval.text.tokenize import Tokenizer, learn_names
from tests.conftest import settings_for

TEXTS = [
    "明湖办事处组织党员下沉社区。明湖办事处发放口罩3000个。明湖办事处设立监测点12个。",
    "4月21日起,航空港实验区全域实施静态管理。航空港区各办事处全力保障群众生活。",
    "航空港区交通管控期间,航空港实验区各社区开展核酸检测。",
    "经开区管委会抽调干部支援社区卡点,经开区总工会走访企业。",
    "水务公司加强对阀门区的检查维护,更换阀门20个,维修阀门15个,阀门运行正常。",
]


def test_short_names_come_from_the_corpus_names_and_everyday_words_stay_words():
    aliases = learn_aliases(learn_names(TEXTS), TEXTS, Tokenizer().dictionary_count)
    assert "明湖办事处" in aliases["明湖"]
    assert set(aliases["港区"]) == {"航空港区", "航空港实验区"}
    assert aliases["航空港区"] == ["航空港实验区"]  # the reports' own abbreviation
    assert aliases["经开"] == ["经开区"]
    # 阀门 is mostly used on its own here: a question about valves is not about 阀门区.
    assert "阀门" not in aliases


def test_a_place_jieba_knows_is_learned_by_its_head_though_the_reports_name_it_once():
    """中牟县 is one word to jieba, so `learn_names` never cuts it; the dictionary knows 中牟 as a
    place, which is the evidence one use inside the name cannot give. 城市 (a place to jieba,
    and an everyday word) and 东区 (a one-character head) are no names to shorten."""
    texts = [*TEXTS, "中牟县抽调900多名机关干部下沉到村,城市社区和东区各有卡点。"]
    tokenizer = Tokenizer(learn_names(texts))
    words = {word for text in texts for word in tokenizer.tokenize(text)}
    places = dictionary_names(words, tokenizer.dictionary_tag, tokenizer.dictionary_count)
    assert "中牟县" in places and not {"城市", "东区"} & places
    aliases = learn_aliases(places.union(tokenizer.user_words), texts, tokenizer.dictionary_count, tokenizer.dictionary_tag)
    assert aliases["中牟"] == ["中牟县"]
    assert "城市" not in aliases and "阀门" not in aliases
    # Without the dictionary's word on it, one use is still no evidence.
    assert "中牟" not in learn_aliases(places, texts, tokenizer.dictionary_count)


def test_a_county_typed_without_its_suffix_finds_its_report_first(engine):
    """The seeds say 中牟县 once, in the lead of the report whose figures the question asks for."""
    assert engine.searcher.aliases["中牟"] == ("中牟县",)
    result = engine.search("中牟 党员突击队")
    assert not result.not_found and "600余支" in result.hits[0].excerpt


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("明湖一共发了多少个口罩", "明湖办事处一共发了多少个口罩"),
        ("明湖 口罩", "明湖办事处 口罩"),
        ("港区什么时候开始全域静态管理的", "航空港实验区什么时候开始全域静态管理的"),
        ("经开的南阳医疗队有多少人", "经开区的南阳医疗队有多少人"),
    ],
)
def test_a_short_name_question_finds_what_the_full_name_question_finds(engine, short, full):
    by_short, by_full = engine.search(short), engine.search(full)
    assert not by_short.not_found and not by_full.not_found
    assert (by_short.hits[0].source, by_short.hits[0].article) == (by_full.hits[0].source, by_full.hits[0].article)
    # The same two sentences are marked first (their order may differ by a hair of score). Not
    # the same passages: of two overlapping windows of one paragraph either may come first, by
    # how the CPU's int8 kernels round (seen between AVX2 and AVX-512 VNNI machines).
    best = [{hit.highlight for hit in result.hits[:2]} for result in (by_short, by_full)]
    assert best[0] == best[1]


def test_a_short_name_weighs_as_its_full_name_and_a_full_name_question_is_left_alone(engine):
    searcher = engine.searcher
    assert "明湖办事处" in searcher.aliases["明湖"]
    words = {"明湖": searcher.lexical.idf("明湖"), "口罩": searcher.lexical.idf("口罩")}
    weights, forms = expand_aliases(searcher.aliases, "明湖发了多少口罩", words, searcher.lexical.idf)
    assert weights["明湖"] == max(searcher.lexical.idf(name) for name in searcher.aliases["明湖"])
    assert forms["明湖"] == searcher.aliases["明湖"]
    unchanged = expand_aliases(searcher.aliases, "明湖办事处发了多少口罩", words, searcher.lexical.idf)
    assert unchanged == (words, {})


def test_an_index_built_before_short_names_still_opens_and_answers(tmp_path, encoder):
    settings = settings_for(tmp_path / "index")
    build(settings, encoder=encoder)
    (gen.current_generation(settings.index.path) / gen.ALIASES_NAME).unlink()  # as older builds left it
    engine = Engine.open(settings, build_if_missing=False, encoder=encoder)
    try:
        assert engine.searcher.aliases == {}
        for question in ("明湖办事处一共发了多少个口罩", "明湖一共发了多少个口罩"):
            result = engine.search(question)
            assert any("178260" in hit.excerpt for hit in result.hits[:5]), question
    finally:
        engine.close()
    # The next build learns them, though no report changed.
    assert not build(settings, encoder=encoder).up_to_date
    assert (gen.current_generation(settings.index.path) / gen.ALIASES_NAME).is_file()
