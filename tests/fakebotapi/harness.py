"""Run the real bot (settings, engine, handlers, PTB polling) against a FakeBotAPI on loopback.

Settings go through `load_settings` with REPORTQA_BOT_API_URL pointing at the fake server,
exactly as a user would point the bot at a self-hosted Bot API server.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.telegram_bot.app import build_application
from bot.telegram_bot.arguments import add_bot_arguments
from bot.telegram_bot.async_engine import AsyncEngine
from bot.telegram_bot.feedback_store import FeedbackStore
from fakebotapi.server import FakeBotAPI
from fakebotapi.wire import Call
from retrieval.settings import Settings, check_token, load_settings

TEST_TIMEOUT = 90.0  # seconds for one whole scenario; nothing may hang a test run


def run(scenario: Coroutine[Any, Any, Any], timeout: float = TEST_TIMEOUT) -> Any:
    """Run an async test scenario with a hard deadline."""
    return asyncio.run(asyncio.wait_for(scenario, timeout))


@dataclass
class BotUnderTest:
    server: FakeBotAPI
    settings: Settings
    engine: AsyncEngine
    application: Any

    async def ask(self, user_id: int, question: str | None, timeout: float = 30.0, **fields: Any) -> Call:
        """Send a private message and wait for the bot's next accepted reply to that chat."""
        chat_id = fields.get("chat_id", user_id)
        before = len(self.server.sent(chat_id))
        self.server.push_message(user_id, question, **fields)
        replies = await self.server.wait_for(
            lambda: self.server.sent(chat_id)[before:], timeout, what=f"a reply to {str(question)[:30]!r}"
        )
        return replies[0]


@asynccontextmanager
async def running_bot(
    index_dir: Path,
    encoder: Any,
    tmp_path: Path,
    env: dict[str, str] | None = None,
    argv: list[str] | None = None,
) -> AsyncIterator[BotUnderTest]:
    """Start a fake server and the bot polling it; stop both (answers in flight finish first)."""
    from retrieval.engine import Engine

    server = FakeBotAPI()
    await server.start()
    environ = {
        "TELEGRAM_BOT_TOKEN": server.token,
        "REPORTQA_BOT_API_URL": server.url,
        "REPORTQA_INDEX": str(index_dir),
        "REPORTQA_BOT_DB": str(tmp_path / "bot.sqlite3"),
        **(env or {}),
    }
    parser = argparse.ArgumentParser()
    add_bot_arguments(parser)
    settings = check_token(load_settings(parser.parse_args(argv or []), environ), environ)
    opened = Engine.open(settings, build_if_missing=False, encoder=encoder)
    engine = AsyncEngine(opened, FeedbackStore(settings.bot_db), 4)
    application = build_application(settings, engine)
    try:
        async with application:  # the steps of Application.run_polling, without its signal handling
            if application.post_init:
                await application.post_init(application)
            await application.updater.start_polling(poll_interval=0, timeout=5)
            await application.start()
            try:
                yield BotUnderTest(server, settings, engine, application)
                assert not server.refusals, f"the Bot API refused requests: {server.refusals}"
            finally:
                await application.updater.stop()
                await application.stop()
    finally:
        await asyncio.get_running_loop().run_in_executor(None, engine.close)
        await server.stop()
