"""Button presses (摘录, 更多, 全文, 👍 / 👎, nearest headlines) and inline queries."""

from __future__ import annotations

import logging

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.citations import format_article_html, format_excerpts_html, format_hit_html, format_result_html
from bot.telegram_bot import replies
from bot.telegram_bot.answering import answer, context_for_more, engine_of, say, settings_of, within_rate
from retrieval.limits import MAX_QUESTION_CHARS
from retrieval.types import SearchResult

logger = logging.getLogger(__name__)

INLINE_CACHE_SECONDS = 60
_DESCRIPTION = 100  # characters of the answering sentence shown under an inline result


async def _page_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[int, int, SearchResult] | None:
    """The stored question of a pressed button searched again at the button's page, with the
    context it was first answered with; None when the user was already told why not."""
    query = update.callback_query
    _, question_id, offset = replies.parse_data(query.data)
    engine, settings = engine_of(context), settings_of(context)
    question = await engine.store_call(engine.store.question, question_id)
    if question is None:
        await query.answer(say(context, "expired"))
        return None
    if not await within_rate(update, context):
        return None
    result = await engine.search(question, settings.search.k, offset, context_for_more(context, question_id))
    if result.not_found or not result.hits:
        await query.answer(say(context, "no_more"))
        return None
    return question_id, offset, result


async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Replace an answer with the next page of excerpts (更多)."""
    if (found := await _page_again(update, context)) is None:
        return
    question_id, offset, result = found
    engine, settings, query = engine_of(context), settings_of(context), update.callback_query
    await engine.store_call(engine.store.record_shown, question_id, result)
    body = format_result_html(result, start=offset + 1, lang=settings.bot.lang)
    await replies.edit(
        query.message, body, replies.answer_keyboard(question_id, result, settings.search.k, settings.bot.lang)
    )
    await query.answer()


async def excerpts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send one page's excerpts in full, with their citations (摘录): what the short reply cut."""
    if (found := await _page_again(update, context)) is None:
        return
    _, offset, result = found
    await update.callback_query.answer()
    lang = settings_of(context).bot.lang
    await replies.reply(update.callback_query.message, format_excerpts_html(result, start=offset + 1, lang=lang))


async def full_article(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the whole article an excerpt came from (全文), in as many messages as it needs."""
    query = update.callback_query
    _, question_id, rank = replies.parse_data(query.data)
    engine = engine_of(context)
    shown = await engine.store_call(engine.store.shown, question_id, rank)
    if shown is None or shown.source is None:
        await query.answer(say(context, "expired"))
        return
    article = await engine.article(shown.source, shown.article)
    if article is None:
        await query.answer(say(context, "article_gone"), show_alert=True)
        return
    await query.answer()
    await replies.reply(query.message, format_article_html(article, settings_of(context).bot.lang))


async def vote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Store 👍 / 👎 with the question it answers."""
    query = update.callback_query
    _, question_id, value = replies.parse_data(query.data)
    engine = engine_of(context)
    stored = await engine.store_call(engine.store.record_vote, question_id, query.from_user.id, value)
    await query.answer(say(context, "thanks" if stored else "expired"))


async def nearest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask a nearest headline offered under a not-found answer."""
    query = update.callback_query
    _, question_id, position = replies.parse_data(query.data)
    engine = engine_of(context)
    shown = await engine.store_call(engine.store.shown, question_id, -position)
    if shown is None:
        await query.answer(say(context, "expired"))
    elif await answer(update, context, shown.title, query.message):
        await query.answer()


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer presses on buttons this version does not know (from an older bot) as expired."""
    await update.callback_query.answer(say(context, "expired"))


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the top excerpts for `@bot question` as results to send into any chat."""
    query = update.inline_query
    question = " ".join(query.query.split())[:MAX_QUESTION_CHARS]
    if not question:
        button = InlineQueryResultsButton(text=say(context, "inline_empty"), start_parameter="help")
        await query.answer([], cache_time=INLINE_CACHE_SECONDS, button=button)
        return
    if not await within_rate(update, context):
        await query.answer([], cache_time=0, is_personal=True)
        return
    settings, engine = settings_of(context), engine_of(context)
    result = await engine.search(question, settings.search.k)
    await engine.store_call(engine.store.record_question, result, query.from_user.id, None, result.latency_ms)
    articles = [
        InlineQueryResultArticle(
            id=str(hit.rank),
            title=hit.title,
            description=(hit.highlight or hit.excerpt)[:_DESCRIPTION],
            input_message_content=InputTextMessageContent(
                format_hit_html(hit, hit.rank, settings.bot.lang), parse_mode=ParseMode.HTML
            ),
        )
        for hit in result.hits
    ]
    button = None
    if not articles:
        button = InlineQueryResultsButton(text=say(context, "inline_not_found"), start_parameter="help")
    await query.answer(articles, cache_time=INLINE_CACHE_SECONDS, button=button)
