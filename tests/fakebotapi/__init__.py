"""A fake Telegram Bot API server and a harness that runs the real bot against it."""

from fakebotapi.harness import BotUnderTest, run, running_bot
from fakebotapi.server import FakeBotAPI
from fakebotapi.wire import ApiError, Call, parse_html, utf16_len

__all__ = ["ApiError", "BotUnderTest", "Call", "FakeBotAPI", "parse_html", "run", "running_bot", "utf16_len"]
