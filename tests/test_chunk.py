"""Chunking: sentences and chunk boundaries, on the seed pages and on small articles made here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.limits import EXCERPT_CHARS
from retrieval.text.chunk import chunk_article, chunk_articles
from retrieval.text.corpus import load_corpus
from retrieval.text.sentences import split_sentences
from retrieval.types import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_articles() -> list[Article]:
    articles, warnings = load_corpus(SEEDS)
    assert warnings == []
    return articles


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body_text(article: Article) -> str:
    """The article's text without its sub-headings, which chunks carry as `section`."""
    return "".join(p for i, p in enumerate(article.paragraphs) if i not in article.subheadings)


def article(*paragraphs: str, subheadings: tuple[int, ...] = ()) -> Article:
    return Article("t.txt", 0, "测试标题", "2022-01-12", None, paragraphs, subheadings)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("他说:“好。”然后走了。", ["他说:“好。”", "然后走了。"]),
        (
            "每天近距离接触3.7万人次,1.5小时之内全部送达。下一句",
            ["每天近距离接触3.7万人次,1.5小时之内全部送达。", "下一句"],
        ),
        (
            "“居家隔离管控工作落实得如何?”“都纳管了吗?”昨日,金水区暗访。",
            ["“居家隔离管控工作落实得如何?”", "“都纳管了吗?”", "昨日,金水区暗访。"],
        ),
        (
            "代购代送……在关键点位;他们值守!真的吗？是的",
            ["代购代送……", "在关键点位;", "他们值守!", "真的吗？", "是的"],
        ),
        ("共有3.5万人(含外地人员。)。其余", ["共有3.5万人(含外地人员。)。", "其余"]),
        (
            "See www.example.com for 1.5 details. Next one",
            ["See www.example.com for 1.5 details.", "Next one"],
        ),
    ],
)
def test_split_sentences_keeps_closing_quotes_and_decimal_points(text, sentences):
    assert split_sentences(text) == sentences
    assert squeeze("".join(split_sentences(text))) == squeeze(text)


def test_split_sentences_loses_nothing_on_the_seeds():
    for a in seed_articles():
        for paragraph in a.paragraphs:
            assert squeeze("".join(split_sentences(paragraph))) == squeeze(paragraph)
        assert squeeze("".join(split_sentences(a.text))) == squeeze(a.text)


@pytest.mark.parametrize("max_chars", [60, 120, 240, 400])
def test_chunks_stay_within_max_chars(max_chars):
    for chunk in chunk_articles(seed_articles(), max_chars=max_chars, overlap=1):
        assert 0 < len(chunk.text) <= max_chars


def test_no_chunk_is_ever_longer_than_what_a_user_is_shown():
    chunks = chunk_articles(seed_articles(), max_chars=5000, overlap=2)
    assert max(len(c.text) for c in chunks) <= EXCERPT_CHARS == 400


def test_a_sentence_longer_than_max_chars_is_cut_at_a_comma():
    long_sentence = ",".join(f"第{i}个社区设立了便民服务点" for i in range(30)) + "。"
    chunks = chunk_article(article(long_sentence), max_chars=100, overlap=0)
    assert len(chunks) > 1 and all(len(c.text) <= 100 for c in chunks)
    assert "".join(c.text for c in chunks) == long_sentence
    assert all(c.text.endswith(",") for c in chunks[:-1])


def test_text_without_any_cut_point_is_hard_cut_as_a_last_resort():
    chunks = chunk_article(article("核" * 250), max_chars=100, overlap=0)
    assert [len(c.text) for c in chunks] == [100, 100, 50]


def test_overlap_repeats_the_last_sentence_of_the_previous_chunk():
    sentences = [f"第{i}句话讲的是社区第{i}号检测点的安排。" for i in range(12)]
    chunks = chunk_article(article("".join(sentences)), max_chars=80, overlap=1)
    assert len(chunks) > 2
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert after.text.startswith(split_sentences(before.text)[-1])
    plain = chunk_article(article("".join(sentences)), max_chars=80, overlap=0)
    assert len(plain) < len(chunks)


def test_chunks_without_overlap_rebuild_each_article():
    for a in seed_articles():
        chunks = chunk_article(a, max_chars=120, overlap=0)
        assert squeeze("".join(c.text for c in chunks)) == squeeze(body_text(a))


def test_chunks_with_overlap_rebuild_each_article_once_the_repeats_are_dropped():
    for a in seed_articles():
        chunks = chunk_article(a, max_chars=120, overlap=1)
        rebuilt = chunks[0].text
        for before, after in zip(chunks, chunks[1:], strict=False):
            repeated = split_sentences(before.text)[-1]
            same_section = before.section == after.section
            rebuilt += (
                after.text[len(repeated) :]
                if same_section and after.text.startswith(repeated)
                else after.text
            )
        assert squeeze(rebuilt) == squeeze(body_text(a))


def test_chunks_do_not_cross_sub_headings_and_know_their_section():
    first = seed_articles()[0]
    chunks = chunk_article(first, max_chars=400, overlap=1)
    sections = [first.paragraphs[i] for i in first.subheadings]
    assert [c.section for c in chunks] == ["", *sections]
    assert all(section not in c.text for c in chunks for section in sections)
    assert "靠前指挥 主动担当作为" in chunks[1].indexed_text


def test_every_chunk_knows_its_article():
    articles = {(a.source, a.number): a for a in seed_articles()}
    chunks = chunk_articles(articles.values())
    assert len(chunks) >= len(articles)
    for chunk in chunks:
        a = articles[(chunk.source, chunk.article)]
        assert (chunk.title, chunk.date) == (a.title, a.date) and chunk.title
        assert squeeze(chunk.text.split("\n")[0])[:20] in squeeze(a.paragraphs[chunk.paragraph])
    numbers = [c.number for c in chunks if (c.source, c.article) == next(iter(articles))]
    assert numbers == list(range(len(numbers)))
    assert {c.date for c in chunks if c.source.startswith("001_")} == {"2020-04-03"}


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        chunk_article(article("一句话。"), max_chars=5)
    with pytest.raises(ValueError):
        chunk_article(article("一句话。"), overlap=-1)
