"""One formatter for answers and citations: plain text for a terminal, HTML for Telegram.

Both the REPL (`reportqa ask`) and the Telegram handlers print search results through this
module, so an answer looks the same everywhere. A reply is laid out to be taken in at a glance
(one phone screen): the direct answer first, then the top excerpt cut down to the sentences
around its marked one, then one line per further result; the whole excerpts (`format_excerpts_*`)
and articles stay one command or button away. A citation names what a reader knows: the
headline, and where known the date, the paper, section and page; the file name only when there
is no headline. Every string from a report or a user goes through `html.escape` before it enters
an HTML message; the only markup is ours (`<b>`, `<u>`, `<i>`, `<a>`).
"""

from __future__ import annotations

import html
from dataclasses import replace

from bot.splitting import html_to_text
from bot.texts import DEFAULT_LANG, text
from retrieval.limits import FIRST_SCREEN_CHARS, TOP_EXCERPT_CHARS
from retrieval.text.sentences import split_sentences
from retrieval.types import Article, Hit, SearchResult

LINE_TITLE_CHARS = 24  # of a headline on a further result's line
LINE_SENTENCE_CHARS = 48  # of the marked sentence on a further result's line

_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"
escape = html.escape


def shorten(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"


def _page(value: object, lang: str) -> str:
    page = str(value).strip()
    return text("page", lang, page=page) if page.isdigit() else page


def citation(item: Hit | Article, lang: str = DEFAULT_LANG, title_chars: int = 0) -> list[str]:
    """The parts of a citation: headline, date, paper, section, page, author, each when known.

    The paper/section/page/author fields are optional on Hit and Article (not every reader
    finds them), hence getattr."""
    title = item.title or item.source  # the file name means nothing to a reader: a last resort
    parts = [shorten(title, title_chars) if title_chars else title]
    for name in ("date", "paper", "section", "page", "author"):
        value = getattr(item, name, None)
        if value not in (None, ""):
            parts.append(_page(value, lang) if name == "page" else str(value))
    return parts


def _url(item: Hit | Article) -> str | None:
    url = getattr(item, "url", None)
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def trim_around(excerpt: str, marked: str, limit: int = TOP_EXCERPT_CHARS) -> str:
    """The marked sentence and its neighbours in the excerpt, after and before alternately, up to
    `limit` characters; "…" where the excerpt goes on. A marked sentence longer than `limit` is
    kept whole: it is the answer, and the screen's budget drops further results first."""
    sentences = [
        sentence.strip() for sentence in split_sentences(excerpt, for_reader=True) if sentence.strip()
    ]
    if marked not in sentences:
        return shorten(excerpt, limit)
    low = high = sentences.index(marked)
    size = len(marked)
    while True:
        grown = False
        if high + 1 < len(sentences) and size + len(sentences[high + 1]) <= limit:
            high, size, grown = high + 1, size + len(sentences[high + 1]), True
        if low > 0 and size + len(sentences[low - 1]) <= limit:
            low, size, grown = low - 1, size + len(sentences[low - 1]), True
        if not grown:
            break
    kept = "".join(sentences[low : high + 1])
    return ("…" if low > 0 else "") + kept + ("…" if high + 1 < len(sentences) else "")


def _split_on_highlight(excerpt: str, highlight: str) -> tuple[str, str, str]:
    """(before, highlight, after); the highlight is empty when it is not in the excerpt."""
    if highlight:
        at = excerpt.find(highlight)
        if at >= 0:
            return excerpt[:at], highlight, excerpt[at + len(highlight) :]
    return excerpt, "", ""


def _line_sentences(hits: tuple[Hit, ...]) -> list[str]:
    """What each result after the first shows on its line: its marked sentence, or its excerpt's
    opening when an earlier result already showed that sentence (two excerpts of one article)."""
    shown = {hits[0].highlight} if hits else set()
    lines = []
    for hit in hits[1:]:
        sentence = hit.highlight if hit.highlight and hit.highlight not in shown else hit.excerpt
        shown.add(hit.highlight)
        lines.append(shorten(sentence, LINE_SENTENCE_CHARS))
    return lines


def understood(result: SearchResult, lang: str = DEFAULT_LANG) -> str:
    """The line saying which dates the answer is restricted to or ordered by, or ""."""
    parts = []
    if result.understood_dates:
        key = "dates_understood" if result.dates_in_archive else "dates_not_in_archive"
        parts.append(text(key, lang, dates=result.understood_dates))
    if result.latest_first:
        parts.append(text("latest_first", lang))
    return " · ".join(parts)


def _first_page(result: SearchResult, start: int) -> bool:
    return start == 1 and result.answer is not None


# ---------------------------------------------------------------- plain text (terminal)


def _mark_text(excerpt: str, highlight: str, color: bool) -> str:
    before, marked, after = _split_on_highlight(excerpt, highlight)
    if marked:
        marked = f"{_BOLD}{marked}{_RESET}" if color else f"【{marked}】"
    return before + marked + after


def format_hit_text(hit: Hit, number: int, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """One numbered excerpt in full: citation, then the excerpt with its answer marked."""
    title, *rest = citation(hit, lang)
    head = " · ".join([f"{_BOLD}{title}{_RESET}" if color else title, *rest])
    url = f"\n    {_url(hit)}" if _url(hit) else ""
    return f"[{number}] {head}{url}\n    {_mark_text(hit.excerpt, hit.highlight, color)}"


def format_not_found_text(result: SearchResult, lang: str = DEFAULT_LANG) -> str:
    lines = [text("not_found", lang)]
    if result.nearest_titles:
        lines.append(text("nearest", lang))
        lines.extend(f"  - {title}" for title in result.nearest_titles)
    return "\n".join(lines)


def _line_text(hit: Hit, sentence: str, number: int, lang: str) -> str:
    return f"[{number}] " + " · ".join([*citation(hit, lang, LINE_TITLE_CHARS), sentence])


def _context_line(result: SearchResult, lang: str) -> str:
    """ "（接上文：山东援郑医疗队）" above a follow-up's answer, so a wrong guess shows."""
    return text("context_used", lang, subject=result.context_used) if result.context_used else ""


def format_result_text(
    result: SearchResult, color: bool = False, start: int = 1, lang: str = DEFAULT_LANG
) -> str:
    """An answer for a terminal: 答：…, the top excerpt around its marked sentence, then one
    line per further result. `color` uses ANSI bold instead of 【】 marks."""
    if result.not_found or not result.hits:
        return "\n".join(filter(None, (_context_line(result, lang), format_not_found_text(result, lang))))
    top, *rest = result.hits
    lines = [line for line in (_context_line(result, lang), understood(result, lang)) if line and start == 1]
    if _first_page(result, start):
        answer = f"{text('answer_label', lang)}{result.answer.text}"
        lines.append(f"{_BOLD}{answer}{_RESET}" if color else answer)
    trimmed = trim_around(top.excerpt, top.highlight)
    lines.append(format_hit_text(replace(top, excerpt=trimmed), start, color, lang))
    lines.extend(
        _line_text(hit, sentence, start + 1 + i, lang)
        for i, (hit, sentence) in enumerate(zip(rest, _line_sentences(result.hits), strict=True))
    )
    return "\n".join(lines)


def format_excerpts_text(
    result: SearchResult, color: bool = False, start: int = 1, lang: str = DEFAULT_LANG
) -> str:
    """Every excerpt of a result in full, numbered from `start`."""
    if result.not_found or not result.hits:
        return format_not_found_text(result, lang)
    return "\n\n".join(format_hit_text(hit, start + i, color, lang) for i, hit in enumerate(result.hits))


def format_article_text(article: Article, lang: str = DEFAULT_LANG) -> str:
    """The whole article for a terminal: citation and byline, then its paragraphs."""
    head = [" · ".join(citation(article, lang)), *filter(None, (article.byline, _url(article)))]
    head.append(f"{text('source_label', lang)}: {article.source}")
    return "\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs)


# ---------------------------------------------------------------- HTML (Telegram)


def _citation_html(item: Hit | Article, lang: str, bold_title: bool, title_chars: int = 0) -> str:
    title, *rest = (escape(part) for part in citation(item, lang, title_chars))
    url = _url(item)
    if url:
        title = f'<a href="{escape(url, quote=True)}">{title}</a>'
    if bold_title:
        title = f"<b>{title}</b>"
    return " · ".join([title, *(f"<i>{part}</i>" for part in rest)])


def _mark_html(excerpt: str, highlight: str, answer: str = "") -> str:
    """The excerpt with its marked sentence underlined and, inside it, the direct answer in bold:
    a long sentence (a list of 15 figures) still shows at a glance which one answers."""
    before, marked, after = _split_on_highlight(excerpt, highlight)
    if not marked:
        return escape(excerpt)
    inner_before, answered, inner_after = _split_on_highlight(marked, answer)
    inner = escape(inner_before) + (f"<b>{escape(answered)}</b>" if answered else "") + escape(inner_after)
    return f"{escape(before)}<u>{inner}</u>{escape(after)}"


def format_hit_html(hit: Hit, number: int, lang: str = DEFAULT_LANG) -> str:
    """One numbered excerpt in full in Telegram HTML, the answering sentence underlined."""
    return f"{number}. {_citation_html(hit, lang, True)}\n{_mark_html(hit.excerpt, hit.highlight)}"


def format_not_found_html(result: SearchResult, lang: str = DEFAULT_LANG) -> str:
    lines = [escape(text("not_found", lang))]
    if result.nearest_titles:
        lines.append(escape(text("nearest", lang)))
        lines.extend(f"• {escape(title)}" for title in result.nearest_titles)
    return "\n".join(lines)


def _visible_length(markup: str) -> int:
    return len(html_to_text(markup))


def format_result_html(result: SearchResult, start: int = 1, lang: str = DEFAULT_LANG) -> str:
    """An answer in Telegram HTML that fits one phone screen: the direct answer in bold, the top
    excerpt around its marked sentence, then one line per further result, as many as fit."""
    if result.not_found or not result.hits:
        context = _context_line(result, lang)
        body = format_not_found_html(result, lang)
        return f"<i>{escape(context)}</i>\n{body}" if context else body
    top, *rest = result.hits
    notes = (_context_line(result, lang), understood(result, lang)) if start == 1 else ()
    dates = [f"<i>{escape(note)}</i>" for note in notes if note]
    head = []
    if _first_page(result, start):
        head.append(f"<b>{escape(text('answer_label', lang))}{escape(result.answer.text)}</b>")
    head.append(f"{start}. {_citation_html(top, lang, not head)}")
    answer = result.answer.text if _first_page(result, start) and result.answer.rank == top.rank else ""
    head.append(_mark_html(trim_around(top.excerpt, top.highlight), top.highlight, answer))
    body = "\n".join(dates + head)
    lines = []
    for i, (hit, sentence) in enumerate(zip(rest, _line_sentences(result.hits), strict=True)):
        line = f"{start + 1 + i}. {_citation_html(hit, lang, False, LINE_TITLE_CHARS)} · {escape(sentence)}"
        # What does not fit the screen is behind the 摘录 and 更多 buttons, not lost.
        if _visible_length(body + "\n\n" + "\n".join([*lines, line])) > FIRST_SCREEN_CHARS:
            break
        lines.append(line)
    return body + ("\n\n" + "\n".join(lines) if lines else "")


def format_excerpts_html(result: SearchResult, start: int = 1, lang: str = DEFAULT_LANG) -> str:
    """Every excerpt of a result in full (the 摘录 button); blank lines are the split points."""
    if result.not_found or not result.hits:
        body = format_not_found_html(result, lang)
    else:
        body = "\n\n".join(format_hit_html(hit, start + i, lang) for i, hit in enumerate(result.hits))
    context = _context_line(result, lang)
    return f"<i>{escape(context)}</i>\n{body}" if context else body


def format_article_html(article: Article, lang: str = DEFAULT_LANG) -> str:
    """The whole article in Telegram HTML; pass it through `split_message` before sending."""
    head = [_citation_html(article, lang, True)]
    if article.byline:
        head.append(f"<i>{escape(article.byline)}</i>")
    head.append(f"<i>{escape(text('source_label', lang))}: {escape(article.source)}</i>")
    return "\n\n".join(["\n".join(head), *(escape(p) for p in article.paragraphs)])
