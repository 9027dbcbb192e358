"""Real archive files made from the seeds' articles: CMS HTML pages with boilerplate (one GBK),
e-paper PDFs (two columns; one column over two pages), a Word manuscript, a JSON Lines export
and Markdown with front matter. `write_archive` lays out the fixture the format tests search.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from retrieval.text.corpus import read_articles
from retrieval.types import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Adobe's CID font for simplified Chinese, built into reportlab: pdfminer maps its codes back
# to Unicode, so the PDF has a real text layer (checked by the tests that read these files).
FONT = "STSong-Light"
BODY, SUB, HEAD = 10.5, 11.5, 16.0

# seed page -> where its articles go in the archive
PDF_TWO_COLUMNS = "epaper/2022-04-20_A03.pdf"  # 000 articles 0-1
HTML_GBK = ("cms/2022/04/21/mg_0421.html", "cms/2022/04/22/mg_0422.html")  # 000 articles 2-3
MARKDOWN = "notes/thanks.md"  # 000 article 4
HTML_UTF8 = "cms/minghu.html"  # 001
WORD = "manuscripts/20220415_稿件.docx"  # 002
JSONL = "export/articles.jsonl"  # 003
PDF_ONE_COLUMN = "epaper/A04.pdf"  # 004


def seed(name_prefix: str) -> list[Article]:
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return read_articles(path, SEEDS)


def _body_paragraphs(article: Article) -> list[tuple[str, bool]]:
    """(text, is sub-heading) in order."""
    return [(p, i in article.subheadings) for i, p in enumerate(article.paragraphs)]


# ------------------------------------------------------------------------------------ HTML


def html_page(article: Article, charset: str, related: list[str], date: str | None) -> bytes:
    """A CMS page: navigation, the article, a related-news sidebar, a footer."""
    paragraphs = "\n".join(
        f"<h2>{html.escape(p)}</h2>" if sub else f"<p>{html.escape(p)}</p>" for p, sub in _body_paragraphs(article)
    )
    meta_date = f'<meta property="article:published_time" content="{date}T09:30:00+08:00">' if date else ""
    sidebar = "\n".join(f'<li><a href="/news/{i}.html">{html.escape(t)}</a></li>' for i, t in enumerate(related))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{html.escape(article.title)} - 经开时报网</title>
<meta property="og:title" content="{html.escape(article.title)}">
<meta name="author" content="{html.escape(article.byline or "")}">
{meta_date}
</head><body>
<div class="header"><nav><ul><li><a href="/">首页</a></li><li><a href="/news">时政要闻</a></li>
<li><a href="/live">民生服务</a></li><li><a href="/epaper">数字报</a></li></ul></nav></div>
<div class="main"><article class="content">
<h1>{html.escape(article.title)}</h1>
<div class="info">来源：经开时报 作者：{html.escape(article.byline or "")}</div>
{paragraphs}
</article>
<aside class="sidebar"><h3>相关新闻</h3><ul>
{sidebar}
</ul><h3>热门排行</h3><ol><li><a href="/hot/1.html">全区开展全员核酸检测 共设检测点300个</a></li></ol></aside></div>
<footer><p>版权所有 经开时报社 豫ICP备12345678号 联系电话：0371-12345678</p>
<p>地址：郑州市经开区第八大街 邮编：450000</p></footer>
</body></html>"""
    return page.encode("gbk" if charset.lower() == "gbk" else "utf-8")


# ------------------------------------------------------------------------------------ PDF


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _wrap(text: str, width: float, size: float, indent: int = 0) -> list[str]:
    lines, line = [], "\u3000" * indent
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


class _Pdf:
    """A page writer that flows lines down columns and onto new pages, with header and footer."""

    def __init__(self, path: Path, columns: int, header: str, footer: str):
        self.canvas = canvas.Canvas(str(path), pagesize=A4)
        self.width, self.height = A4
        self.columns, self.header, self.footer = columns, header, footer
        self.margin, self.gutter = 50.0, 24.0
        self.column_width = (self.width - 2 * self.margin - (columns - 1) * self.gutter) / columns
        self.page = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont(_font(), 8)
        self.canvas.drawString(self.margin, self.height - 30, self.header)
        self.canvas.drawString(self.width / 2 - 10, 25, self.footer.format(page=self.page))
        self.column, self.top = 0, self.height - 70
        self.y = self.top

    def _x(self) -> float:
        return self.margin + self.column * (self.column_width + self.gutter)

    def _advance(self, step: float) -> None:
        if self.y - step < 60:
            if self.column + 1 < self.columns:
                self.column, self.y = self.column + 1, self.top
            else:
                self._new_page()
        self.y -= step

    def headline(self, text: str) -> None:
        """Across every column: below the columns a page has filled means on a new page."""
        if self.column or self.y - HEAD * 3 < 60:
            self._new_page()
        self.canvas.setFont(_font(), HEAD)
        self.y -= HEAD * 1.6
        self.canvas.drawString(self.margin, self.y, text)
        self.y -= HEAD * 0.8
        self.top = self.y

    def paragraph(self, text: str, size: float = BODY, indent: int = 2) -> None:
        self.canvas.setFont(_font(), size)
        for line in _wrap(text, self.column_width, size, indent):
            self._advance(size * 1.5)
            self.canvas.setFont(_font(), size)
            self.canvas.drawString(self._x(), self.y, line)
        self.y -= size * 0.3

    def article(self, article: Article) -> None:
        self.headline(article.title)
        if article.byline:
            self.paragraph(article.byline, indent=0)
        for text, sub in _body_paragraphs(article):
            self.paragraph(text, SUB if sub else BODY, indent=0 if sub else 2)

    def save(self) -> None:
        self.canvas.save()


def write_pdf(path: Path, articles: list[Article], columns: int, header: str, new_page_each: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = _Pdf(path, columns, header, "- {page} -")
    for i, article in enumerate(articles):
        if new_page_each and i:
            pdf._new_page()
        pdf.article(article)
    pdf.save()


# ------------------------------------------------------------------------------------ Word, JSON, Markdown


def write_docx(path: Path, articles: list[Article]) -> None:
    document = docx.Document()
    for article in articles:
        document.add_heading(article.title, level=1)
        for text, sub in _body_paragraphs(article):
            if sub:
                document.add_heading(text, level=2)
            else:
                document.add_paragraph(text)
        if article.byline:
            document.add_paragraph(article.byline)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def write_jsonl(path: Path, articles: list[Article], first_date: str) -> None:
    lines = []
    for i, article in enumerate(articles):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
        record = {
            "id": f"cms-{1000 + i}", "headline": article.title, "publish_time": f"{first_date} 08:0{i}:00",
            "author": article.byline, "content": body, "link": f"https://news.example.cn/a/{1000 + i}.html",
            "channel": "要闻", "责任编辑": "陈静",
        }  # fmt: skip
        lines.append(json.dumps(record, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_markdown(path: Path, article: Article, date: str) -> None:
    body = "\n\n".join(article.paragraphs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {article.title}\ndate: {date}\nauthor: {article.byline}\n---\n\n{body}\n", encoding="utf-8"
    )


def write_archive(folder: Path) -> dict[tuple[str, int], str]:
    """The seeds as a newsroom archive of every format: (seed file, article number) -> the
    archive file that now holds that article."""
    page_000, page_001, page_002 = seed("000"), seed("001"), seed("002")
    page_003, page_004 = seed("003"), seed("004")
    write_pdf(folder / PDF_TWO_COLUMNS, page_000[:2], 2, "经开时报 2022年4月20日 星期三 第03版 要闻", new_page_each=True)
    titles_elsewhere = [a.title for a in page_002[:4]] + ["八千办事处下沉机关干部66人 205名党员冲锋在前"]
    for name, article, day in zip(HTML_GBK, page_000[2:4], ("2022-04-21", None), strict=True):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(html_page(article, "gbk", titles_elsewhere, day))
    write_markdown(folder / MARKDOWN, page_000[4], "2022-04-23")
    (folder / HTML_UTF8).parent.mkdir(parents=True, exist_ok=True)
    (folder / HTML_UTF8).write_bytes(html_page(page_001[0], "utf-8", titles_elsewhere, "2022-04-19"))
    write_docx(folder / WORD, page_002)
    write_jsonl(folder / JSONL, page_003, "2022-04-16")
    write_pdf(folder / PDF_ONE_COLUMN, page_004, 1, "经开时报 2022年4月18日 星期一 第04版 综合")
    placed = {0: PDF_TWO_COLUMNS, 1: PDF_TWO_COLUMNS, 2: HTML_GBK[0], 3: HTML_GBK[1], 4: MARKDOWN}
    where = {(a.source, a.number): placed[a.number] for a in page_000}
    for articles, name in ((page_001, HTML_UTF8), (page_002, WORD), (page_003, JSONL), (page_004, PDF_ONE_COLUMN)):
        where.update({(a.source, a.number): name for a in articles})
    return where
