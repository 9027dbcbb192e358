"""The coverage rerank's arithmetic, on hand-made chunks (pure logic: no model needed)."""

from __future__ import annotations

from retrieval.search.rerank import (
    best_passage_first,
    fuse_coverage,
    fuse_subject,
    names_from_leads,
    passage_coverage,
)
from retrieval.types import Article, Chunk


def _chunk(text: str) -> Chunk:
    return Chunk(source="a.txt", article=0, number=0, title="公理高中书院", date=None, paragraph=0, text=text)


def test_the_candidate_mentioning_what_is_asked_overtakes_one_just_naming_the_subject():
    chunks = {1: _chunk("公理高中书院是一所直资高中。"), 2: _chunk("校本课程：体育、生命教育、宗教。")}
    fused = {1: 0.0300, 2: 0.0297}  # adjacent ranks of a two-retriever fusion are this close
    words = {"公理高中书院": 3.0, "校本课程": 4.0}
    rescored = fuse_coverage([1, 2], fused, chunks, words, weight=2.0)
    assert rescored[2] > rescored[1]


def test_equal_coverage_keeps_the_fused_order():
    chunks = {1: _chunk("甲"), 2: _chunk("乙")}
    fused = {1: 0.030, 2: 0.029, 3: 0.010}
    rescored = fuse_coverage([1, 2], fused, chunks, {"公理高中书院": 1.0}, weight=2.0)
    assert sorted(rescored, key=lambda row: -rescored[row]) == [1, 2, 3]


def test_a_name_only_the_article_lead_gives_counts_for_the_passage_that_has_the_figure():
    lead = Chunk("b.txt", 3, 0, "锻造能力作风", None, 0, "中牟县坚持把疫情防控作为练兵场。")
    figure = Chunk("b.txt", 3, 2, "锻造能力作风", None, 2, "抽调900多名机关干部下沉。")
    other = Chunk("c.txt", 0, 1, "八千办事处", None, 1, "八千办事处下沉机关干部66人。")
    chunks = {1: lead, 2: other, 3: figure}
    read: list[set] = []

    def articles(keys):
        read.append(set(keys))
        paragraphs = {
            ("b.txt", 3): ("本报讯 中牟县坚持把疫情防控作为练兵场。",),
            ("c.txt", 0): ("八千办事处……",),
        }
        return {key: Article(key[0], key[1], "", None, None, paragraphs[key]) for key in keys}

    leads = names_from_leads([1, 2, 3], chunks, ["中牟县"], {}, articles)
    assert leads == {3: "中牟县"}
    assert read == [{("c.txt", 0), ("b.txt", 3)}]  # only the articles of passages missing the name
    words = {"中牟县": 4.3, "下沉": 2.5, "机关干部": 3.2}
    rescored = fuse_coverage([1, 2, 3], {1: 0.0300, 2: 0.0299, 3: 0.0297}, chunks, words, 2.0, None, leads)
    assert max(rescored, key=rescored.get) == 3


def test_a_name_a_sections_first_paragraph_gives_counts_too_but_not_one_further_down():
    """八千办事处's page names 航空港实验区 first under its first sub-heading, not in its lead."""
    letter = Chunk("a.txt", 0, 3, "八千办事处", None, 5, "4月15日《致全体党员、广大群众的一封信》。")
    paragraphs = ("在专项活动中,八千办事处从容有序。", "靠前指挥", "航空港实验区八千办事处领导靠前指挥。", "港区")
    article = Article("a.txt", 0, "八千办事处", None, None, paragraphs, subheadings=(1,))
    leads = names_from_leads([1], {1: letter}, ["航空港实验区"], {}, lambda keys: dict.fromkeys(keys, article))
    assert leads == {1: "航空港实验区"}
    # The same name only in a later paragraph of the section is no lead's.
    later = Article("a.txt", 0, "八千办事处", None, None, (paragraphs[0], "靠前指挥", "领导靠前指挥。", paragraphs[2]), subheadings=(1,))
    assert names_from_leads([1], {1: letter}, ["航空港实验区"], {}, lambda keys: dict.fromkeys(keys, later)) == {}


def test_a_passage_naming_every_name_of_the_question_gets_a_first_rank_vote():
    chunks = {1: _chunk("荣阳市先后成立临时党支部299个。"), 2: _chunk("成立临时党支部299个。")}
    fused = {1: 0.0330, 2: 0.0320}
    rescored = fuse_subject([1, 2], fused, chunks, ["中牟县"], {}, {2: "中牟县"}, weight=1.0)
    assert rescored[2] > rescored[1] and rescored[1] == fused[1]
    assert fuse_subject([1, 2], fused, chunks, [], {}, {}, weight=1.0) == fused  # no name, no vote


def test_of_two_passages_of_one_article_the_one_answering_better_goes_first():
    lead = Chunk("a.txt", 0, 0, "援助医疗队", None, 0, "山东省援郑医疗队第一时间赶赴经开区。")
    answer = Chunk("a.txt", 0, 1, "援助医疗队", None, 1, "队伍一共由4支队伍组成,人数一共是100人。")
    elsewhere = Chunk("b.txt", 0, 0, "明港办事处", None, 0, "80名白衣天使。")
    chunks = {1: lead, 2: answer, 3: elsewhere}
    score = {lead: 0.5, answer: 0.9, elsewhere: 1.0}.__getitem__
    assert best_passage_first([1, 2, 3], chunks, score) == [2, 1, 3]
    assert best_passage_first([1, 3, 2], chunks, score) == [1, 3, 2]  # another article: fused order
    assert best_passage_first([2, 1, 3], chunks, score) == [2, 1, 3]


def test_coverage_worked_out_ahead_stands_for_the_passage_text_but_not_for_its_lead_names():
    # question_words.py works out each of BM25's first passages' coverage while the model runs;
    # a passage whose article lead adds a name the question asks is covered anew, with that name.
    passage = _chunk("抽调900多名机关干部下沉。")
    words = {"中牟县": 2.0, "机关干部": 2.0}
    ahead = {7: passage_coverage(words, 7, passage)}
    assert ahead[7] == 0.5
    assert passage_coverage(words, 7, passage, known=ahead) == 0.5
    assert passage_coverage(words, 7, passage, lead_names="中牟县", known=ahead) == 1.0
