"""The shared citation formatter and the message splitter (pure functions, no model needed)."""

from __future__ import annotations

import random

import pytest
from fakebotapi import parse_html, utf16_len

from bot.citations import (
    format_article_html,
    format_article_text,
    format_result_html,
    format_result_text,
    html_to_text,
    split_message,
)
from retrieval.types import Article, Hit, SearchResult

HIT = Hit(
    rank=1, score=0.9, source="900_<x>.txt", title="A<B>&C 标题", date="2022-05-01", paragraph=0,
    excerpt="前一句。<script>答案&句。</script>后一句", highlight="<script>答案&句。", article=0,
)  # fmt: skip


def test_terminal_text_marks_the_answer_and_numbers_hits():
    result = SearchResult("q", (HIT, HIT), False)
    plain = format_result_text(result)
    assert plain.startswith("[1] A<B>&C 标题\n    2022-05-01 · 来源: 900_<x>.txt\n")
    assert "前一句。【<script>答案&句。】</script>后一句" in plain and "\n\n[2] " in plain
    assert "\x1b[1m<script>答案&句。\x1b[0m" in format_result_text(result, color=True)
    assert format_result_text(result, start=6).startswith("[6] ")


def test_not_found_says_so_and_lists_nearest_headlines():
    result = SearchResult("q", (), True, ("标题一", "<标题二>"))
    assert (
        format_result_text(result)
        == "没有在收录的报道中找到相关内容。\n最接近的标题：\n  - 标题一\n  - <标题二>"
    )
    assert parse_html(format_result_html(result)).endswith("• <标题二>")
    assert format_result_text(result, lang="en").startswith("Nothing in the indexed reports")


def test_html_escapes_everything_quoted_and_underlines_the_answer():
    markup = format_result_html(SearchResult("q", (HIT,), False))
    assert markup.startswith("1. <b>A&lt;B&gt;&amp;C 标题</b>\n<i>2022-05-01 · 来源: 900_&lt;x&gt;.txt</i>\n")
    assert "<u>&lt;script&gt;答案&amp;句。</u>&lt;/script&gt;后一句" in markup
    assert parse_html(markup).endswith("前一句。<script>答案&句。</script>后一句")


def test_highlight_missing_from_excerpt_is_not_marked():
    hit = Hit(1, 0.5, "a.txt", "t", None, 0, "摘录全文。", "不在摘录里的句子。", 0)
    markup = format_result_html(SearchResult("q", (hit,), False))
    assert "<u>" not in markup and "日期不详" in parse_html(markup)


def test_article_formats_headline_meta_source_and_paragraphs():
    article = Article("a&b.txt", 2, "标题<1>", None, "记者 王<某>", ("第一段 <i>。", "第二段 & 。"))
    assert (
        format_article_text(article)
        == "标题<1>\n日期不详 · 记者 王<某>\n来源: a&b.txt\n\n第一段 <i>。\n\n第二段 & 。"
    )
    assert parse_html(format_article_html(article)) == format_article_text(article)


def _random_markup(rng: random.Random, paragraphs: int) -> str:
    words = ["防汛", "抗旱", "&amp;", "&lt;tag&gt;", "😀", "工作", "。", "，", " ", "进展", "\n"]
    blocks = []
    for _ in range(paragraphs):
        body = "".join(rng.choice(words) for _ in range(rng.randint(5, 900)))
        tag = rng.choice(["", "b", "u", "i"])
        blocks.append(f"<{tag}>{body}</{tag}>" if tag else body)
    return "\n\n".join(blocks)


@pytest.mark.parametrize("seed", range(12))
def test_split_message_fits_never_cuts_a_tag_or_entity_and_loses_nothing(seed):
    rng = random.Random(seed)
    markup = _random_markup(rng, rng.randint(1, 30))
    limit = rng.choice([4096, 1000, 300])
    pieces = split_message(markup, limit)
    assert all(utf16_len(piece) <= limit for piece in pieces)
    visible = [parse_html(piece) for piece in pieces]  # raises on a cut tag or entity, or unbalanced tags
    squash = "".join
    assert squash(squash(v.split()) for v in visible) == squash(parse_html(markup).split())


def test_split_prefers_paragraph_boundaries():
    paragraphs = [f"<b>第{i}段</b>" + "很长的句子。" * 100 for i in range(12)]  # 606 characters each
    pieces = split_message("\n\n".join(paragraphs), 4096)
    assert len(pieces) == 2
    assert all(piece.startswith("<b>第") and piece.endswith("。") for piece in pieces)


def test_a_paragraph_longer_than_a_message_is_split_at_sentences_and_tags_reopen():
    markup = "<b>" + "一个句子。" * 2000 + "</b>"
    pieces = split_message(markup)
    assert len(pieces) == 3
    assert all(piece.startswith("<b>") and piece.endswith("。</b>") for piece in pieces)


def test_plain_text_of_markup_and_nothing_to_split():
    assert html_to_text("<b>x &amp; y</b>") == "x & y"
    assert split_message("   ") == [] and split_message("<b>短</b>") == ["<b>短</b>"]
