"""Readers: a newsroom archive of every format made from the seeds, read and searched for real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from archive_files import (
    HTML_GBK,
    HTML_UTF8,
    JSONL,
    MARKDOWN,
    PDF_ONE_COLUMN,
    PDF_TWO_COLUMNS,
    WORD,
    html_page,
    seed,
    write_archive,
    write_pdf,
)
from conftest import settings_for
from reportlab.pdfgen import canvas

from bot.cli import main
from retrieval.engine import Engine
from retrieval.index.build import build_index
from retrieval.text.corpus import load_corpus, read_articles

DEV = Path(__file__).resolve().parent / "data" / "seeds_dev.jsonl"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("archive")
    return folder, write_archive(folder)


def by_source(folder: Path):
    articles, warnings = load_corpus(folder)
    grouped: dict[str, list] = {}
    for article in articles:
        grouped.setdefault(article.source, []).append(article)
    return grouped, warnings


def test_every_file_of_every_format_is_read_with_its_metadata(archive):
    folder, _ = archive
    grouped, warnings = by_source(folder)
    assert warnings == []
    assert set(grouped) == {PDF_TWO_COLUMNS, *HTML_GBK, MARKDOWN, HTML_UTF8, WORD, JSONL, PDF_ONE_COLUMN}
    assert all(a.date for articles in grouped.values() for a in articles)
    (minghu,) = grouped[HTML_UTF8]
    assert minghu.title == "明湖办事处 “硬核”防控与“温情”相守"
    assert minghu.date == "2022-04-19"  # <meta article:published_time>
    assert minghu.byline == "记者 王赛华 通讯员 王莹 张韶楠 文/图"
    assert [a.date for path in HTML_GBK for a in grouped[path]] == ["2022-04-21", "2022-04-22"]  # meta; path
    (thanks,) = grouped[MARKDOWN]
    assert thanks.date == "2022-04-23" and thanks.title == "他们用自己的方式感谢医护人员"
    assert not any("2022-04-23" in p or "title:" in p for p in thanks.paragraphs)
    records = grouped[JSONL]
    assert [a.record for a in records] == ["cms-1000", "cms-1001", "cms-1002", "cms-1003"]
    assert records[1].url == "https://news.example.cn/a/1001.html" and records[1].page == "要闻"
    assert records[1].staff == "责任编辑:陈静" and minghu.staff is None  # who asks "编辑是谁" gets 陈静
    assert {a.date for a in grouped[WORD]} == {"2022-04-15"}  # from the file name 20220415_稿件
    assert [a.title for a in grouped[WORD]] == [a.title for a in seed("002")]


def test_html_body_comes_without_navigation_sidebar_or_footer(archive):
    folder, _ = archive
    grouped, _ = by_source(folder)
    for path in (HTML_UTF8, *HTML_GBK):
        text = "\n".join(grouped[path][0].paragraphs)
        for boilerplate in ("首页", "相关新闻", "热门排行", "检测点300个", "版权所有", "ICP", "下沉机关干部66人", "来源："):
            assert boilerplate not in text, (path, boilerplate)
    assert grouped[HTML_UTF8][0].paragraphs == seed("001")[0].paragraphs


def test_pdf_columns_are_read_in_order_and_headers_dropped(archive):
    folder, _ = archive
    grouped, _ = by_source(folder)
    two_columns = grouped[PDF_TWO_COLUMNS]
    assert [a.title for a in two_columns] == [a.title for a in seed("000")[:2]]
    assert [a.paragraphs for a in two_columns] == [a.paragraphs for a in seed("000")[:2]]
    assert {a.page for a in two_columns} == {"第03版 要闻"}
    one_column = grouped[PDF_ONE_COLUMN]  # over two pages: the sentence at the page break is whole
    assert [a.paragraphs for a in one_column] == [a.paragraphs for a in seed("004")]
    assert not any("经开时报" in p or "- 1 -" in p for a in two_columns + one_column for p in a.paragraphs)


def test_questions_about_every_format_are_answered_from_its_file(archive, encoder, tmp_path):
    folder, placed = archive
    build_index(folder, tmp_path / "index", encoder)
    searcher = Engine.open(settings_for(tmp_path / "index"), build_if_missing=False, encoder=encoder)
    seeds = {(a.source, a.number): a for prefix in ("000", "001", "002", "003", "004") for a in seed(prefix)}
    asked = hits = 0
    try:
        for line in DEV.read_text(encoding="utf-8").splitlines():
            question = json.loads(line)
            holding = [k for k, a in seeds.items() if k[0] == question["source"]
                       and any("".join(ans.split()) in "".join(a.text.split()) for ans in question["answers"])]  # fmt: skip
            if len(holding) != 1:
                continue
            asked += 1
            top = searcher.search(question["question"]).hits[0]
            hits += top.source == placed[holding[0]] and any(
                "".join(ans.split()) in "".join(top.excerpt.split()) for ans in question["answers"]
            )
    finally:
        searcher.close()
    assert asked >= 20
    assert hits / asked >= 0.9, (hits, asked)


def test_search_json_and_citations_carry_date_url_and_author(archive, encoder, tmp_path, capsys):
    folder, _ = archive
    index = tmp_path / "index"
    build_index(folder, index, encoder)
    assert main(["search", "--json", "--corpus", str(folder), "--index", str(index), "张庄办事处翟庄村的导师帮带制是怎么做的？"]) == 0
    top = json.loads(capsys.readouterr().out)["results"][0]
    assert top["source"] == JSONL and top["record"] == "cms-1000" and top["date"] == "2022-04-16"
    assert top["url"] == "https://news.example.cn/a/1000.html" and top["author"].startswith("记者 王军方")
    assert main(["ask", "--corpus", str(folder), "--index", str(index), "管城区投入了多少辆流动采样车？"]) == 0
    first = capsys.readouterr().out.split("\n\n")[0]
    # the headline and date name the report; the file name only stands in for a missing headline
    assert "2022-04-15" in first and "管城区投入13辆流动采样车" in first and WORD not in first


def _scan_pdf(path: Path) -> None:
    page = canvas.Canvas(str(path))
    page.rect(50, 50, 400, 600, fill=1)  # an image-only page: no text layer
    page.save()


def test_bad_files_lose_nothing_and_each_says_why(archive, tmp_path):
    good = tmp_path / "corpus"
    write_pdf(good / "good.pdf", seed("004")[1:2], 1, "经开时报 2022年4月18日 第04版")
    (good / "page.html").write_bytes(html_page(seed("001")[0], "utf-8", [], None))
    (good / "empty.pdf").write_bytes(b"")
    (good / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage" + bytes(range(256)))
    _scan_pdf(good / "scan.pdf")
    (good / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip" + bytes(range(256)))
    (good / "binary.html").write_bytes(bytes(range(256)) * 4)
    (good / "latin1.html").write_bytes("<p>caf\xe9 cr\xe8me br\xfbl\xe9e \xa9 \xae</p>".encode("latin-1") * 3)
    (good / "bad.jsonl").write_text("{not json\n[1, 2\n", encoding="utf-8")
    (good / "huge.md").write_bytes("# 标题\n\n正文。\n".encode() * 400_000)
    for name in ("a.xlsx", "b.xlsx", "c.xlsx", "photo.jpg"):
        (good / name).write_bytes(b"\x00\x01")
    articles, warnings = load_corpus(good, max_bytes=5_000_000)
    assert {a.source for a in articles} >= {"good.pdf", "page.html"}
    assert "3 .xlsx files skipped: unsupported" in warnings
    assert "1 .jpg file skipped: unsupported" in warnings
    names = ("empty.pdf", "corrupt.pdf", "scan.pdf", "corrupt.docx", "binary.html", "latin1.html", "bad.jsonl", "huge.md")
    for name in names:
        (line,) = [w for w in warnings if w.startswith(f"{name}:")]
        assert "\n" not in line
    assert "text layer" in next(w for w in warnings if w.startswith("scan.pdf"))
    assert "limit" in next(w for w in warnings if w.startswith("huge.md"))


def test_a_pdf_named_txt_is_read_as_a_pdf(tmp_path):
    write_pdf(tmp_path / "A04.txt", seed("004")[1:2], 1, "经开时报 2022年4月18日 第04版")
    (article,) = read_articles(tmp_path / "A04.txt", tmp_path)
    assert article.paragraphs == seed("004")[1].paragraphs
