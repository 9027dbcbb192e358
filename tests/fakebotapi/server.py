"""A fake Telegram Bot API server on loopback that speaks the real wire format.

The bot under test talks to it exactly as to api.telegram.org (`/bot<TOKEN>/<method>`,
form-encoded parameters, `{"ok": ..., "result": ...}` answers).  Tests feed it updates
(`push_*`), read what the bot sent (`calls`, `sent`), and make it fail on purpose (`fail`).
Like the real server it refuses malformed HTML, empty texts and messages over 4096 characters,
so a formatting bug shows up as the same 400 error it would cause in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_HTML_PART = re.compile(
    r"<(/?)([a-zA-Z][\w-]*)([^>]*)>"  # a tag
    r"|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);"  # an entity Telegram knows
    r"|([<>&])"  # a stray character Telegram refuses
    r"|([^<>&]+)"  # text
)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_JSON_FIELDS = {
    "reply_markup",
    "results",
    "reply_parameters",
    "allowed_updates",
    "link_preview_options",
    "entities",
    "button",
    "commands",
}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "reply_to_message_id"}


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(markup: str) -> str:
    """The visible text of Telegram HTML, or ApiError 400 where Telegram would refuse it."""
    visible, stack = [], []
    position = 0
    for match in _HTML_PART.finditer(markup):
        closing, tag, _attrs, entity, stray, plain = match.groups()
        if stray:
            raise ApiError(400, f"Bad Request: can't parse entities: unexpected {stray!r} at {match.start()}")
        if plain:
            visible.append(plain)
        elif entity:
            if entity.startswith("#x"):
                visible.append(chr(int(entity[2:], 16)))
            elif entity.startswith("#"):
                visible.append(chr(int(entity[1:])))
            else:
                visible.append(_NAMED[entity])
        else:
            name = tag.lower()
            if name not in TELEGRAM_TAGS:
                raise ApiError(400, f'Bad Request: can\'t parse entities: unsupported start tag "{name}"')
            if closing:
                if not stack or stack[-1] != name:
                    raise ApiError(400, f'Bad Request: can\'t parse entities: unexpected end tag "{name}"')
                stack.pop()
            else:
                stack.append(name)
        position = match.end()
    if position != len(markup) or stack:
        raise ApiError(400, "Bad Request: can't parse entities: unclosed start tag")
    return "".join(visible)


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Failure:
    method: str
    remaining: int
    code: int
    description: str
    retry_after: int | None


class FakeBotAPI:
    """Start with `await server.start()`, point the bot at `server.url`, stop with `await server.stop()`."""

    def __init__(self, token: str = "123456:TEST-token_abc", username: str = "reportqa_test_bot"):
        self.token = token
        self.bot_user = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "ReportQA",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] | None = None
        self.refusals: list[str] = []  # requests refused on their merits (not by `fail`): bot bugs
        self.url = ""
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._ids = itertools.count(1)
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._failures: list[_Failure] = []
        self._delays: dict[str, list[float]] = {}
        self._answered_queries: set[str] = set()
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        self._arrived.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------------ feeding updates

    def user(self, user_id: int, first_name: str = "Tester") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "zh-hans"}

    def chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": "Tester"}
        return {"id": chat_id, "type": chat_type, "title": "Test group"}

    def push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **payload})
        self._arrived.set()
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

    # ------------------------------------------------------------------ observing

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """sendMessage calls the server accepted (to `chat_id` if given), in order."""
        return [
            call
            for call in self.calls_to("sendMessage")
            if call.params.get("_ok") and chat_id in (None, call.params.get("chat_id"))
        ]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return self._messages[(chat_id, message_id)]

    async def wait_for(self, condition: Callable[[], Any], timeout: float = 30.0, what: str = "") -> Any:
        """Poll `condition` until it is truthy; AssertionError with the calls so far on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            await asyncio.sleep(0.02)
        summary = [
            (c.method, str(c.params.get("text", ""))[:60]) for c in self.calls if c.method != "getUpdates"
        ]
        raise AssertionError(f"timed out waiting for {what or condition}; calls: {summary}")

    # ------------------------------------------------------------------ failing on purpose

    def fail(
        self,
        method: str,
        times: int = 1,
        code: int = 429,
        description: str = "",
        retry_after: int | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with an error (429 + retry_after is RetryAfter)."""
        if code == 429 and retry_after is None:
            retry_after = 1
        if not description:
            description = f"Too Many Requests: retry after {retry_after}" if code == 429 else "Error"
        self._failures.append(_Failure(method, times, code, description, retry_after))

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Hold the answer to the next `times` calls of `method` for `seconds` (a slow network)."""
        self._delays.setdefault(method, []).extend([seconds] * times)

    def _injected(self, method: str) -> ApiError | None:
        for failure in self._failures:
            if failure.method == method and failure.remaining > 0:
                failure.remaining -= 1
                return ApiError(failure.code, failure.description, failure.retry_after)
        return None

    # ------------------------------------------------------------------ the wire

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw = await request.json()
        else:
            raw = dict(await request.post())
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if key in _JSON_FIELDS and isinstance(value, str):
                value = json.loads(value)
            elif key in _INT_FIELDS and isinstance(value, str) and re.fullmatch(r"-?\d+", value):
                value = int(value)
            params[key] = value
        return params

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return web.json_response(body, status=401)
        params = await self._params(request)
        call = Call(method, params)
        self.calls.append(call)
        if self._delays.get(method):
            await asyncio.sleep(self._delays[method].pop(0))
        failure = self._injected(method)
        try:
            if failure is not None:
                raise failure
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as error:
            if error is not failure:
                self.refusals.append(f"{method}: {error.description}")
            body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            params["_error"] = error.description
            return web.json_response(body, status=error.code)
        params["_ok"] = True
        return web.json_response({"ok": True, "result": result})

    async def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [update for update in self._updates if update["update_id"] >= offset]
        if not self._updates:
            self._arrived.clear()
            timeout = float(params.get("timeout") or 0)
            if timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), timeout)
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]

    def _text_of(self, params: dict[str, Any]) -> str:
        markup = str(params.get("text", ""))
        visible = parse_html(markup) if str(params.get("parse_mode", "")).upper() == "HTML" else markup
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(visible) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return visible

    def _bot_message(self, chat_id: int, text: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_type = "private" if chat_id > 0 else "supergroup"
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type),
            "from": self.bot_user,
            "text": text,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        reply_parameters = params.get("reply_parameters") or {}
        reply_to = reply_parameters.get("message_id") or params.get("reply_to_message_id")
        if reply_to:
            message["reply_to_message"] = self._messages.get((chat_id, int(reply_to)))
        self._messages[(chat_id, message["message_id"])] = message
        return message

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = self._text_of(params)
        message = self._bot_message(int(params["chat_id"]), text, params)
        params["_message"] = message
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._text_of(params)
        message = self._messages[key]
        if message.get("text") == text and message.get("reply_markup") == params.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        message.update(text=text, edit_date=int(time.time()))
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered_queries:  # Telegram takes one answer per button press
            raise ApiError(
                400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
            )
        self._answered_queries.add(query_id)
        return True

    async def _api_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        for result in params.get("results", []):
            content = result.get("input_message_content") or {}
            self._text_of({"text": content.get("message_text", ""), "parse_mode": content.get("parse_mode")})
        return True

    async def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    async def _api_close(self, params: dict[str, Any]) -> bool:
        return True
