"""Page -> articles: group a page's paragraphs into articles the way an editor would.

`ingest` hands over a page as a list of `Unit`s (furniture, markdown headline, heading, lead,
byline, body), broken lines already joined. An article here is its headline block (kicker / main
headline / sub-headline), a lead, body paragraphs with sub-headings, and a byline; `_group` and
`_new_article_at` say where one ends and the next begins, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.text.sentences import FULL_STOPS, SEMICOLONS
from retrieval.types import Article

CJK = "\u4e00-\u9fff"
ROLE = r"(?:本报|特约|见习|实习|首席)?(?:摄影)?(?:记者|通讯员)|实习生"
# Who made the page, as its furniture credits them ("编辑:赵青 美编:金驰 校对:海梅"): not a line
# of any article, but what a reader asks of the page ("那一版的编辑是谁"), so each of its articles
# keeps the credits (Article.staff).
STAFF_ROLES = ("责任编辑", "美术编辑", "编辑", "美编", "校对", "责编", "责校", "版式", "组版", "审读", "制图")
STAFF = re.compile(rf"(?:{'|'.join(STAFF_ROLES)})\s*[:：]\s*[{CJK}·]{{0,4}}")
LEAD = re.compile(rf"^(?:本报[{CJK}]{{0,6}}讯|新华社[^\s，,。]{{0,20}}电)")
LEAD_BYLINE = re.compile(r"^\S{0,12}?[讯电]\s*[（(]([^（()）]{2,60})[）)]")
# A place or organisation in a headline line makes it the specific one a reader would cite.
ENTITY = re.compile(rf"[{CJK}](?:办事处|街道|社区|村|镇|乡|县|市|区|省|局|委|厅|医院|公司|中心|医疗队|工会)")


@dataclass
class Unit:
    """One line of a page, or several the layout broke apart."""

    kind: str  # furniture, markdown, lead, byline, text; text becomes heading or body
    text: str
    level: int = 0  # markdown heading level
    date: str | None = None  # ISO date of a furniture line


@dataclass
class _Draft:
    date: str | None = None
    headlines: list[str] = field(default_factory=list)
    banner: list[str] = field(default_factory=list)  # headlines above the page furniture: the page's
    markdown: str | None = None  # a '# Title' line: the title exactly as the author marked it
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[int] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    lead_byline: str | None = None  # "记者 李晓光 通讯员 宋跃伟" from "本报讯(记者 李晓光 …)"
    closed: bool = False  # signed off by its byline: what follows belongs to another article

    def add_subheading(self, text: str) -> None:
        if self.subheadings and self.subheadings[-1] == len(self.paragraphs) - 1:
            self.paragraphs[-1] += " " + text  # a sub-heading set on two lines
        else:
            self.subheadings.append(len(self.paragraphs))
            self.paragraphs.append(text)


def _new_article_at(units: list[Unit], k: int, draft: _Draft) -> bool:
    """Whether heading units[k], inside an article's body, starts the next article instead.

    A byline signs an article off, and a lead starts one, so a heading block followed by a lead or
    byline is a headline. So is a heading over one paragraph and a byline when the current article
    is already signed: the paper sets some bylines under the first paragraph, and what follows such
    a byline (sub-headings with body) still belongs to its article ("靠前指挥 主动担当作为" in 000).
    """
    j = k
    while j < len(units) and units[j].kind in ("heading", "furniture"):
        j += 1
    following = [u.kind for u in units[j : j + 2]]
    if following[:1] and following[0] in ("lead", "byline", "markdown"):
        return True
    return following == ["body", "byline"] and bool(draft.bylines)


def _group(units: list[Unit]) -> tuple[list[_Draft], str | None, list[str]]:
    """Articles in page order, the page date (the first date among the page furniture) and the
    page's staff credits."""
    drafts: list[_Draft] = []
    page_date: str | None = None
    staff: list[str] = []
    pending_date: str | None = None  # an article's own date, seen between articles

    def start() -> _Draft:
        nonlocal pending_date
        drafts.append(_Draft(date=pending_date))
        pending_date = None
        return drafts[-1]

    for k, unit in enumerate(units):
        draft = drafts[-1] if drafts else None
        has_body = bool(draft and draft.paragraphs)
        if unit.kind == "furniture":
            credits = (" ".join(credit.split()) for credit in STAFF.findall(unit.text))
            staff += [credit for credit in credits if credit not in staff]
            if unit.date and page_date is None:
                page_date = unit.date
            elif unit.date and unit.date != page_date:
                if draft and not draft.closed:
                    draft.date = unit.date
                else:
                    pending_date = unit.date
            if draft and draft.headlines and not has_body:
                draft.banner, draft.headlines = draft.banner + draft.headlines, []
        elif unit.kind == "markdown" and (unit.level == 1 or not has_body or draft.closed):
            if draft is None or has_body or draft.markdown or draft.closed:
                draft = start()
            draft.markdown = draft.markdown or unit.text
            draft.headlines.append(unit.text)
        elif unit.kind in ("heading", "markdown"):
            if draft is None or draft.closed or has_body and _new_article_at(units, k, draft):
                draft = start()
            if draft.paragraphs:
                draft.add_subheading(unit.text)
            else:
                draft.headlines.append(unit.text)
        elif unit.kind == "lead":
            if draft is None or has_body or draft.closed:
                draft = start()
            draft.paragraphs.append(unit.text)
            found = LEAD_BYLINE.match(unit.text)
            if found and re.search(ROLE, found.group(1)):
                draft.lead_byline = " ".join(found.group(1).split())
        elif unit.kind == "byline":
            if draft is None:
                continue
            body = len(draft.paragraphs) - len(draft.subheadings)
            # Under the first paragraph of an article that has no lead, a byline is set at the top
            # and the article goes on; anywhere else it ends the article.
            on_top = body == 1 and not draft.bylines and not draft.lead_byline and not draft.subheadings
            draft.bylines.append(unit.text)
            draft.closed = has_body and not on_top
        else:
            if draft is None or draft.closed:
                draft = start()
            draft.paragraphs.append(unit.text)
    return drafts, page_date, staff


def _choose_title(lines: list[str]) -> str:
    """The headline a reader would cite, from the kicker / headline / sub-headline lines."""
    merged: list[str] = []
    for line in lines:  # a bare unit name over its headline is one title: "明港办事处 全力做好…"
        label = merged and len(merged[-1]) <= 8 and ENTITY.search(merged[-1]) and " " not in merged[-1]
        merged[-1:] = [f"{merged[-1]} {line}"] if label else [*merged[-1:], line]
    specific = [i for i, line in enumerate(merged) if ENTITY.search(line)]
    if not specific:
        joined = " ".join(merged)
        return joined if len(joined) <= 30 else max(merged, key=len)
    i = specific[0]
    after = merged[i + 1] if i + 1 < len(merged) else ""
    if after and len(after) <= 12 and not ENTITY.search(after) and not re.search("[,，、:：]", after):
        return f"{merged[i]} {after}"  # kicker over a short main headline: "…携手并肩 克难攻坚 筑牢防线"
    return merged[i]


def _first_words(text: str) -> str:
    """A title for text that has none: its first sentence, after the lead's "本报讯(…)"."""
    text = LEAD_BYLINE.sub("", text) if LEAD_BYLINE.match(text) else LEAD.sub("", text)
    # Up to a full stop or semicolon, not an ellipsis: "…" inside a first sentence rarely ends it.
    sentence = re.split(f"[{FULL_STOPS}{SEMICOLONS}]", text.strip(), maxsplit=1)[0]
    return sentence if len(sentence) <= 30 else sentence[:29] + "…"


def split_page(units: list[Unit], source: str) -> list[Article]:
    """The articles of a page given as units (see `ingest.page_units`); `source` names the file."""
    if not any(u.kind in ("heading", "markdown") for u in units):
        # No headline anywhere: the whole file is one article, named by its file or first line.
        body = [u for u in units if u.kind in ("lead", "body")]
        stem = Path(source).stem
        title = stem if re.search(f"[{CJK}]", stem) or not body else _first_words(body[0].text)
        units = [
            *(u for u in units if u.kind == "furniture"),
            Unit("heading", title),
            *(Unit("lead" if u is body[0] else "body", u.text) for u in body),
            *(u for u in units if u.kind == "byline"),  # signed at the end, so they do not cut it
        ]
    drafts, page_date, staff = _group(units)
    articles: list[Article] = []
    for draft in drafts:
        while draft.subheadings and draft.subheadings[-1] == len(draft.paragraphs) - 1:
            draft.subheadings.pop()  # a caption or heading with nothing under it
            draft.paragraphs.pop()
        if not draft.paragraphs and draft.markdown and len(draft.headlines) > 1:
            draft.paragraphs = draft.headlines[1:]  # "# Title" over one unpunctuated line: that is body
        if not draft.paragraphs:
            continue
        headlines = draft.headlines or draft.banner
        title = _choose_title(headlines) if headlines else _first_words(draft.paragraphs[0])
        article = Article(
            source=source,
            number=len(articles),
            title=draft.markdown or title,
            date=draft.date or page_date,
            byline=" ".join(draft.bylines) or draft.lead_byline,
            paragraphs=tuple(draft.paragraphs),
            subheadings=tuple(draft.subheadings),
            staff=" ".join(staff) or None,
        )
        articles.append(article)
    return articles
