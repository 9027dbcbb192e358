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
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from fakebotapi.feeding import UpdateFeeder
from fakebotapi.wire import ApiError, Call, parse_html, utf16_len

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


@dataclass
class _Failure:
    method: str
    remaining: int
    code: int
    description: str
    retry_after: int | None


class FakeBotAPI(UpdateFeeder):
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
        super().__init__()
        self._failures: list[_Failure] = []
        self._delays: dict[str, list[float]] = {}
        self._answered_queries: set[str] = set()
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None

    def _arrival(self) -> None:
        self._arrived.set()

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
