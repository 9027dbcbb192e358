"""Building updates the way Telegram delivers them, for tests to push into the fake server."""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

from fakebotapi.wire import utf16_len


class UpdateFeeder:
    """Update builders; FakeBotAPI mixes this in and serves what `push` queues."""

    bot_user: dict[str, Any]
    _messages: dict[tuple[int, int], dict[str, Any]]

    def __init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._ids = itertools.count(1)
        self._messages = {}

    def _arrival(self) -> None:
        """Called after an update is queued (FakeBotAPI wakes a waiting getUpdates)."""

    def user(self, user_id: int, first_name: str = "Tester") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "zh-hans"}

    def chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": "Tester"}
        return {"id": chat_id, "type": chat_type, "title": "Test group"}

    def push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self._arrival()
        return update_id

    def make_message(
        self,
        user_id: int,
        text: str | None = None,
        chat_id: int | None = None,
        chat_type: str = "private",
        **fields: Any,
    ) -> dict[str, Any]:
        """A user's message as Telegram delivers it, with command and mention entities filled in."""
        chat_id = user_id if chat_id is None else chat_id
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type),
            "from": self.user(user_id),
            **fields,
        }
        if text is not None:
            message["text"] = text
            command = re.match(r"/\w+(@\w+)?", text)
            spans = [("bot_command", command)] if command else []
            spans += [
                ("mention", m)
                for m in re.finditer(r"@\w+", text)
                if not command or m.start() >= command.end()
            ]
            entities = [
                {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group())}
                for kind, m in spans
            ]
            if entities:
                message["entities"] = entities
        self._messages[(chat_id, message["message_id"])] = message
        return message

    def push_message(self, user_id: int, text: str | None = None, **fields: Any) -> dict[str, Any]:
        message = self.make_message(user_id, text, **fields)
        self.push({"message": message})
        return message

    def push_edited(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        edited = {**message, "text": text, "edit_date": int(time.time())}
        self.push({"edited_message": edited})
        return edited

    def push_callback(self, user_id: int, message: dict[str, Any], data: str) -> str:
        """A button press on one of the bot's messages; returns the callback query id."""
        query_id = str(next(self._ids))
        self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "message": message,
                    "chat_instance": "1",
                    "data": data,
                }
            }
        )
        return query_id

    def push_inline(self, user_id: int, query: str) -> str:
        query_id = str(next(self._ids))
        self.push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": self.user(user_id),
                    "query": query,
                    "offset": "",
                    "chat_type": "sender",
                }
            }
        )
        return query_id
