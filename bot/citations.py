"""One formatter for cited excerpts: plain text for a terminal, HTML for Telegram.

Both the REPL (`reportqa ask`) and the Telegram handlers print search results through
this module, so a citation looks the same everywhere.  Every string that comes from a
report or a user goes through `html.escape` before it enters an HTML message; the only
markup is ours (`<b>`, `<u>`, `<i>`).
"""

from __future__ import annotations

import html
import re

from bot.texts import DEFAULT_LANG, text
from retrieval.types import Article, Hit, SearchResult

TELEGRAM_LIMIT = 4096  # characters (UTF-16 code units) in one message

_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def _split_on_highlight(excerpt: str, highlight: str) -> tuple[str, str, str]:
    """(before, highlight, after); the highlight is empty when it is not in the excerpt."""
    if highlight:
        at = excerpt.find(highlight)
        if at >= 0:
            return excerpt[:at], highlight, excerpt[at + len(highlight) :]
    return excerpt, "", ""


def _meta(date: str | None, source: str, lang: str) -> tuple[str, str]:
    return date or text("no_date", lang), source


# ---------------------------------------------------------------- plain text (terminal)


def format_hit_text(hit: Hit, number: int, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """One numbered excerpt: headline, date · source, excerpt with the answer marked."""
    before, marked, after = _split_on_highlight(hit.excerpt, hit.highlight)
    if marked:
        marked = f"{_BOLD}{marked}{_RESET}" if color else f"【{marked}】"
    title = f"{_BOLD}{hit.title}{_RESET}" if color else hit.title
    date, source = _meta(hit.date, hit.source, lang)
    meta = f"{date} · {text('source_label', lang)}: {source}"
    return f"[{number}] {title}\n    {meta}\n    {before}{marked}{after}"


def format_not_found_text(result: SearchResult, lang: str = DEFAULT_LANG) -> str:
    lines = [text("not_found", lang)]
    if result.nearest_titles:
        lines.append(text("nearest", lang))
        lines.extend(f"  - {title}" for title in result.nearest_titles)
    return "\n".join(lines)


def _context_line(result: SearchResult, lang: str) -> str:
    """"（接上文：山东援郑医疗队）" above a follow-up's answer, so a wrong guess shows."""
    return text("context_used", lang, subject=result.context_used) if result.context_used else ""


def format_result_text(
    result: SearchResult, color: bool = False, start: int = 1, lang: str = DEFAULT_LANG
) -> str:
    """A whole answer for a terminal; `color` uses ANSI bold instead of 【】 marks."""
    if result.not_found or not result.hits:
        body = format_not_found_text(result, lang)
    else:
        body = "\n\n".join(
            format_hit_text(hit, start + i, color=color, lang=lang) for i, hit in enumerate(result.hits)
        )
    context = _context_line(result, lang)
    return f"{context}\n{body}" if context else body


def format_article_text(article: Article, lang: str = DEFAULT_LANG) -> str:
    """The whole article for a terminal: headline, date, byline, source, paragraphs."""
    head = [article.title, " · ".join(filter(None, (article.date or text("no_date", lang), article.byline)))]
    head.append(f"{text('source_label', lang)}: {article.source}")
    return "\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs)


# ---------------------------------------------------------------- HTML (Telegram)

escape = html.escape


def format_hit_html(hit: Hit, number: int, lang: str = DEFAULT_LANG) -> str:
    """One numbered excerpt in Telegram HTML, the answering sentence underlined."""
    before, marked, after = _split_on_highlight(hit.excerpt, hit.highlight)
    body = escape(before) + (f"<u>{escape(marked)}</u>" if marked else "") + escape(after)
    date, source = _meta(hit.date, hit.source, lang)
    return (
        f"{number}. <b>{escape(hit.title)}</b>\n"
        f"<i>{escape(date)} · {escape(text('source_label', lang))}: {escape(source)}</i>\n"
        f"{body}"
    )


def format_not_found_html(result: SearchResult, lang: str = DEFAULT_LANG) -> str:
    lines = [escape(text("not_found", lang))]
    if result.nearest_titles:
        lines.append(escape(text("nearest", lang)))
        lines.extend(f"• {escape(title)}" for title in result.nearest_titles)
    return "\n".join(lines)


def format_result_html(result: SearchResult, start: int = 1, lang: str = DEFAULT_LANG) -> str:
    """A whole answer in Telegram HTML; hits are separated by blank lines (split points)."""
    if result.not_found or not result.hits:
        body = format_not_found_html(result, lang)
    else:
        body = "\n\n".join(format_hit_html(hit, start + i, lang) for i, hit in enumerate(result.hits))
    context = _context_line(result, lang)
    return f"<i>{escape(context)}</i>\n{body}" if context else body


def format_article_html(article: Article, lang: str = DEFAULT_LANG) -> str:
    """The whole article in Telegram HTML; pass it through `split_message` before sending."""
    meta = " · ".join(filter(None, (article.date or text("no_date", lang), article.byline)))
    head = (
        f"<b>{escape(article.title)}</b>\n<i>{escape(meta)}</i>\n"
        f"<i>{escape(text('source_label', lang))}: {escape(article.source)}</i>"
    )
    return "\n\n".join([head, *(escape(p) for p in article.paragraphs)])


def html_to_text(markup: str) -> str:
    """Drop our tags and unescape entities: the plain-text fallback of an HTML message."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


# ---------------------------------------------------------------- splitting

_HTML_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[\s\S]")
_CHAR_TOKEN = re.compile(r"[\s\S]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")
_SENTENCE_END = frozenset("。！？!?；;…")


def _units(piece: str) -> int:
    """Telegram counts UTF-16 code units, so an emoji is two."""
    return len(piece.encode("utf-16-le")) // 2


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_TAG_NAME.match(tag).group(1)}>" for tag in reversed(stack))


def _next_stack(stack: list[str], token: str) -> list[str]:
    if not token.startswith("<") or len(token) < 3 or token.endswith("/>"):
        return stack
    name = _TAG_NAME.match(token)
    if name is None:
        return stack
    if token.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if _TAG_NAME.match(stack[i]).group(1).lower() == name.group(1).lower():
                return stack[:i] + stack[i + 1 :]
        return stack
    return [*stack, token]


def _break_level(tokens: list[str], j: int) -> int:
    """How good a split after tokens[j] is: paragraph 4, line 3, sentence 2, space 1, else 0."""
    token = tokens[j]
    if token == "\n":
        return 4 if j > 0 and tokens[j - 1] == "\n" else 3
    if token in _SENTENCE_END:
        return 2
    if token.isspace():
        return 1
    return 0


def _visible(piece: str, is_html: bool) -> str:
    return html_to_text(piece) if is_html else piece


def _split(tokens: list[str], limit: int, is_html: bool) -> list[str]:
    pieces: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(tokens):
        while i < len(tokens) and tokens[i].isspace():  # no piece starts with blank lines
            i += 1
        if i >= len(tokens):
            break
        prefix = "".join(stack)
        length = _units(prefix)
        best: dict[int, tuple[int, list[str]]] = {}  # level -> (end index, stack after it)
        j, current = i, stack
        while j < len(tokens):
            after = _next_stack(current, tokens[j]) if is_html else current
            cost = _units(tokens[j])
            if length + cost + _units(_closing(after)) > limit and j > i:
                break
            length += cost
            current = after
            best[_break_level(tokens, j)] = (j + 1, current)
            j += 1
        if j >= len(tokens):
            end, stack_after = len(tokens), current
        else:
            end, stack_after = best[max(best)]
        body = "".join(tokens[i:end]).rstrip()
        piece = prefix + body + _closing(stack_after)
        if _visible(piece, is_html).strip():
            pieces.append(piece)
        stack, i = stack_after, end
    return pieces


def split_message(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` units.

    Splits prefer paragraph boundaries (blank lines), then line breaks, sentence ends and
    spaces; a tag or entity is never cut, and a tag open at a split is closed at the end
    of one message and reopened at the start of the next.
    """
    if _units(markup) <= limit:
        return [markup] if markup.strip() else []
    return _split(_HTML_TOKEN.findall(markup), limit, is_html=True)


def split_text(plain: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """`split_message` for plain text, where `<` and `&` are just characters."""
    if _units(plain) <= limit:
        return [plain] if plain.strip() else []
    return _split(_CHAR_TOKEN.findall(plain), limit, is_html=False)
