"""The Telegram application: the allow-list gate, the error handler and the handler table.

`build_application(settings, engine)` returns a ready python-telegram-bot `Application`:
concurrent updates (so `/start` never waits behind a search), `AIORateLimiter` (which waits
out `RetryAfter` and retries), and the Bot API server from `settings.bot.api_url` when set.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import BotCommand, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.conversation import Conversations
from bot.telegram_bot import callbacks, handlers, replies
from bot.telegram_bot.answering import addressed_text, say, settings_of
from bot.telegram_bot.async_engine import AsyncEngine
from bot.telegram_bot.ratelimit import QuestionLimiter
from bot.texts import text
from retrieval.settings import Settings

logger = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3  # times a request is retried after Telegram's RetryAfter
MAX_CONCURRENT_UPDATES = 256


def _speaks_to_bot(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether a refusal would be an answer to something said to the bot (not group chatter)."""
    message = update.effective_message
    if update.callback_query or message is None:
        return update.callback_query is not None
    if message.chat.type == ChatType.PRIVATE:
        return True
    return (message.text or "").startswith("/") or addressed_text(message, context) is not None


async def gatekeeper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let allowed users and chats through; refuse anyone else once, then stay silent."""
    settings = settings_of(context).bot
    if not settings.allowed_ids:
        return
    user, chat = update.effective_user, update.effective_chat
    ids = {user.id if user else None, chat.id if chat else None}
    if ids & (settings.allowed_ids | settings.admin_ids):
        return
    refused: set[int] = context.bot_data.setdefault("refused", set())
    who = user.id if user else chat.id if chat else None
    logger.info("update %s from %s refused by the allow-list", update.update_id, who)
    if who is not None and who not in refused and _speaks_to_bot(update, context):
        refused.add(who)
        words = say(context, "not_allowed")
        if update.callback_query:
            await update.callback_query.answer(words, show_alert=True)
        else:
            await replies.reply(update.effective_message, escape(words))
    elif update.inline_query:
        await update.inline_query.answer([], cache_time=0)
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its update id, then apologise to the user without any detail."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    apology = say(context, "error")
    try:
        if update.callback_query:
            await update.callback_query.answer(apology)
        elif update.effective_message:
            await update.effective_message.reply_text(apology)
    except TelegramError as exc:
        logger.warning("could not apologise for update %s: %s", update_id, exc)


async def _post_init(application: Application) -> None:
    """Publish the command menu; a failure here must not stop the bot from answering."""
    lang = application.bot_data["settings"].bot.lang
    commands = [BotCommand(name, text(f"command_{name}", lang)) for name in ("ask", "new", "sources", "help")]
    try:
        await application.bot.set_my_commands(commands)
    except TelegramError as exc:
        logger.warning("could not set the command menu: %s", exc)


def build_application(settings: Settings, engine: AsyncEngine) -> Application:
    """The bot with its handlers, pointed at `settings.bot.api_url` (or Telegram) and ready to run."""
    builder = (
        Application.builder()
        .token(settings.bot.token)
        .concurrent_updates(MAX_CONCURRENT_UPDATES)
        .rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
        .post_init(_post_init)
    )
    if settings.bot.base_url:
        builder = builder.base_url(settings.bot.base_url).base_file_url(settings.bot.base_file_url)
    application = builder.build()
    application.bot_data.update(
        settings=settings,
        engine=engine,
        limiter=QuestionLimiter(settings.bot.rate_limit),
        conversations=Conversations(settings.bot.quiet_seconds),
    )

    messages = filters.UpdateType.MESSAGES  # new and edited messages, not channel posts
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    application.add_handler(TypeHandler(Update, gatekeeper), group=-2)
    application.add_handlers(
        [
            CommandHandler("start", handlers.start),
            CommandHandler("help", handlers.help_command),
            CommandHandler("sources", handlers.sources),
            CommandHandler("ask", handlers.ask_command),
            CommandHandler("new", handlers.new_conversation),
            CommandHandler("stats", handlers.stats),
            CommandHandler("reload", handlers.reload_index),
            MessageHandler(messages & private & filters.TEXT & ~filters.COMMAND, handlers.private_text),
            MessageHandler(messages & groups & filters.TEXT & ~filters.COMMAND, handlers.group_text),
            MessageHandler(messages & private & ~filters.TEXT, handlers.not_text),
            MessageHandler(messages & private & filters.COMMAND, handlers.help_command),
            CallbackQueryHandler(callbacks.more, pattern=rf"^{replies.MORE}:\d+:\d+$"),
            CallbackQueryHandler(callbacks.full_article, pattern=rf"^{replies.FULL}:\d+:\d+$"),
            CallbackQueryHandler(callbacks.excerpts, pattern=rf"^{replies.EXCERPTS}:\d+:\d+$"),
            CallbackQueryHandler(callbacks.vote, pattern=rf"^{replies.VOTE}:\d+:-?1$"),
            CallbackQueryHandler(callbacks.nearest, pattern=rf"^{replies.NEAREST}:\d+:\d+$"),
            CallbackQueryHandler(callbacks.unknown_button),
            InlineQueryHandler(callbacks.inline_query),
        ]
    )
    application.add_error_handler(on_error)
    return application
