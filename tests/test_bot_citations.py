"""The shared citation formatter and the message splitter (pure functions, no model needed)."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from fakebotapi import parse_html, utf16_len

from bot.citations import (
    citation,
    format_article_html,
    format_article_text,
    format_excerpts_html,
    format_excerpts_text,
    format_result_html,
    format_result_text,
)
from bot.splitting import html_to_text, split_message
from retrieval.types import Article, DirectAnswer, Hit, SearchResult

HIT = Hit(
    rank=1, score=0.9, source="900_<x>.txt", title="A<B>&C 标题", date="2022-05-01", paragraph=0,
    excerpt="前一句。<script>答案&句。</script>后一句", highlight="<script>答案&句。", article=0,
)  # fmt: skip


LONG = "".join(f"第{i}句讲别的事情，说得很长很长很长。" for i in range(12))
TOP = Hit(
    rank=1, score=0.9, source="900_x.txt", title="登封市 全民核酸", date="2022-05-01", paragraph=0,
    excerpt=LONG[:120] + "目前,登封市已累计检测178万余人次。" + LONG[120:], highlight="目前,登封市已累计检测178万余人次。",
    article=0,
)  # fmt: skip
OTHERS = tuple(
    Hit(i, 0.5, f"90{i}_y.txt", f"第{i}篇很长很长很长很长很长很长很长很长的标题", None, 0, LONG, LONG[:17], 0)
    for i in range(2, 6)
)
ANSWERED = SearchResult("登封查了多少人的核酸", (TOP, *OTHERS), False, answer=DirectAnswer("178万余人次", 1, TOP.highlight))


def test_terminal_reply_opens_with_the_answer_then_the_top_excerpt_then_one_line_each():
    plain = format_result_text(ANSWERED)
    lines = plain.split("\n")
    assert lines[0] == "答：178万余人次"
    assert lines[1] == "[1] 登封市 全民核酸 · 2022-05-01"
    assert "【目前,登封市已累计检测178万余人次。】" in lines[2] and len(lines[2]) <= 4 + 200 + 4
    assert [line[:4] for line in lines[3:]] == ["[2] ", "[3] ", "[4] ", "[5] "]
    assert all(len(line) <= 4 + 24 + 3 + 48 for line in lines[3:])
    assert "900_x.txt" not in plain and "日期不详" not in plain  # no file name when there is a headline
    assert "\x1b[1m答：178万余人次\x1b[0m" in format_result_text(ANSWERED, color=True)
    assert format_result_text(ANSWERED, start=6).startswith("[6] ")  # a later page: no answer line


def test_a_long_marked_sentence_is_kept_whole_and_marked():
    sentence = "到现在累计发放口罩178260个," + "防护服207套," * 30 + "尽最大努力保障安全。"
    hit = Hit(1, 0.9, "a.txt", "标题", None, 0, "前一句。" + sentence + "后一句。", sentence, 0)
    markup = format_result_html(SearchResult("q", (hit, *OTHERS), False, answer=DirectAnswer("207套", 1, sentence)))
    assert "<u>到现在累计发放口罩178260个,防护服<b>207套</b>," in markup
    assert utf16_len(parse_html(markup)) <= 700


def test_full_excerpts_keep_every_word_and_mark_the_answer():
    result = SearchResult("q", (HIT, HIT), False)
    plain = format_excerpts_text(result)
    assert plain.startswith("[1] A<B>&C 标题 · 2022-05-01\n")
    assert "前一句。【<script>答案&句。】</script>后一句" in plain and "\n\n[2] " in plain
    assert all(hit.excerpt in html_to_text(format_excerpts_html(ANSWERED)) for hit in ANSWERED.hits)


def test_not_found_says_so_and_lists_nearest_headlines():
    result = SearchResult("q", (), True, ("标题一", "<标题二>"))
    assert (
        format_result_text(result)
        == "没有在收录的报道中找到相关内容。\n最接近的标题：\n  - 标题一\n  - <标题二>"
    )
    assert parse_html(format_result_html(result)).endswith("• <标题二>")
    assert format_result_text(result, lang="en").startswith("Nothing in the indexed reports")


def test_telegram_reply_fits_a_phone_screen_with_the_answer_first():
    markup = format_result_html(ANSWERED)
    visible = parse_html(markup)
    assert markup.startswith("<b>答：178万余人次</b>\n1. 登封市 全民核酸 · <i>2022-05-01</i>\n")
    assert "<u>目前,登封市已累计检测<b>178万余人次</b>。</u>" in markup  # the answer bold inside
    assert utf16_len(visible) <= 700
    assert "\n\n2. " in visible and "\n3. " in visible


def test_html_escapes_everything_quoted_and_underlines_the_answer():
    markup = format_result_html(SearchResult("q", (HIT,), False))
    assert markup.startswith("1. <b>A&lt;B&gt;&amp;C 标题</b> · <i>2022-05-01</i>\n")
    assert "<u>&lt;script&gt;答案&amp;句。</u>&lt;/script&gt;后一句" in markup
    assert parse_html(markup).endswith("前一句。<script>答案&句。</script>后一句")


def test_citation_names_paper_section_page_and_links_the_url_when_known():
    @dataclass(frozen=True)
    class PaperHit(Hit):  # a reader that knows the paper and section too
        paper: str | None = None
        section: str | None = None

    hit = PaperHit(
        1, 0.5, "a.txt", "标题", None, 0, "摘录。", "摘录。", 0,
        url="https://e.x/a?b=1&c=2", page="3", paper="郑州日报", section="要闻",
    )  # fmt: skip
    assert " · ".join(citation(hit)) == "标题 · 郑州日报 · 要闻 · 第3版"
    assert '<a href="https://e.x/a?b=1&amp;c=2">标题</a>' in format_result_html(SearchResult("q", (hit,), False))
    untitled = Hit(1, 0.5, "a.txt", "", None, 0, "摘录。", "摘录。", 0)
    assert citation(untitled) == ["a.txt"]  # the file name only as a last resort


def test_highlight_missing_from_excerpt_is_not_marked():
    hit = Hit(1, 0.5, "a.txt", "t", None, 0, "摘录全文。", "不在摘录里的句子。", 0)
    markup = format_result_html(SearchResult("q", (hit,), False))
    assert "<u>" not in markup and "日期不详" not in parse_html(markup)


def test_article_formats_headline_meta_source_and_paragraphs():
    article = Article("a&b.txt", 2, "标题<1>", None, "记者 王<某>", ("第一段 <i>。", "第二段 & 。"))
    assert format_article_text(article) == "标题<1>\n记者 王<某>\n来源: a&b.txt\n\n第一段 <i>。\n\n第二段 & 。"
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
