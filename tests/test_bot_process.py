"""`python -m bot.telegram_bot.runner` as a real process: SIGTERM finishes the answer in flight; webhook mode."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
from fakebotapi import FakeBotAPI, parse_html, run

PROJECT = Path(__file__).resolve().parents[1]
QUESTION = "明湖办事处发了多少套防护服？"
USER = 8008
STARTUP_SECONDS = 120
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # the process loads the real model


def _environment(server: FakeBotAPI, index_dir: Path, tmp_path: Path, **extra: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("REPORTQA_", "TELEGRAM_"))}
    return {
        **inherited,
        "TELEGRAM_BOT_TOKEN": server.token,
        "REPORTQA_BOT_API_URL": server.url,
        "REPORTQA_INDEX": str(index_dir),
        "REPORTQA_BOT_DB": str(tmp_path / "bot.sqlite3"),
        **extra,
    }


async def _start(environ: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("wb") as sink:  # a file, not a pipe: a chatty child can never block on a full pipe
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.telegram_bot.runner", cwd=PROJECT, env=environ, stdout=sink, stderr=sink
        )


async def _stop(process: asyncio.subprocess.Process) -> int:
    """Send SIGTERM once and wait for the exit code."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(process.wait(), 60)
    except TimeoutError:
        process.kill()
        raise


def test_sigterm_lets_a_multi_part_answer_finish_and_never_logs_the_token(seeds_index, tmp_path):
    log = tmp_path / "bot.log"

    async def scenario():
        server = FakeBotAPI()
        await server.start()
        # The reply fits one message; 20 excerpts in full (摘录) do not: they go out in several parts
        process = await _start(_environment(server, seeds_index, tmp_path, REPORTQA_K="20"), log)
        try:
            await server.wait_for(lambda: server.calls_to("getUpdates"), STARTUP_SECONDS, what="polling")
            server.push_message(USER, QUESTION)
            reply = (await server.wait_for(lambda: server.sent(USER), 30, what="the reply"))[0]
            assert "更多" in str(reply.params["reply_markup"])
            excerpts = next(
                button["callback_data"]
                for row in reply.params["reply_markup"]["inline_keyboard"]
                for button in row
                if button["text"] == "摘录"
            )
            server.delay("sendMessage", 1.0)
            server.push_callback(USER, reply.params["_message"], excerpts)
            await server.wait_for(lambda: server.sent(USER)[1:] or server.calls_to("sendMessage")[1:], 30,
                                  what="the first part in flight")  # fmt: skip
            assert await _stop(process) == 0  # one SIGTERM: a second one would mean "stop now"
            return server.sent(USER)[1:]
        finally:
            if process.returncode is None:
                process.kill()
            await server.stop()

    parts = run(scenario(), timeout=STARTUP_SECONDS + 60)
    text = log.read_text(encoding="utf-8")
    assert len(parts) >= 2, text
    lines = [line for part in parts for line in parse_html(part.params["text"]).split("\n")]
    assert any("防护服207套" in line for line in lines)
    assert any(line.startswith("20. ") for line in lines)  # every part, the last excerpt's too, was sent
    assert FakeBotAPI().token not in text and "Traceback" not in text
    assert "bot stopped" in text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_webhook_mode_registers_and_answers_posted_updates(seeds_index, tmp_path):
    port = _free_port()
    hook = f"http://127.0.0.1:{port}/reportqa-hook"
    log = tmp_path / "bot.log"

    async def scenario():
        server = FakeBotAPI()
        await server.start()
        extra = {"REPORTQA_WEBHOOK_URL": hook, "REPORTQA_LISTEN": "127.0.0.1", "REPORTQA_PORT": str(port)}
        process = await _start(_environment(server, seeds_index, tmp_path, **extra), log)
        try:
            registered = await server.wait_for(
                lambda: server.calls_to("setWebhook"), STARTUP_SECONDS, what="hook"
            )
            secret = registered[0].params["secret_token"]
            assert registered[0].params["url"] == hook and len(secret) >= 32
            update = {"update_id": 1, "message": server.make_message(USER, QUESTION)}
            async with aiohttp.ClientSession() as client:
                for _ in range(100):  # the listener may open a moment after setWebhook
                    try:
                        forged = await client.post(hook, json=update, headers={SECRET_HEADER: "forged"})
                        break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.1)
                assert forged.status == 403
                genuine = await client.post(hook, json=update, headers={SECRET_HEADER: secret})
                assert genuine.status == 200
            answer = (await server.wait_for(lambda: server.sent(USER), 30, what="webhook answer"))[0]
            assert "防护服207套" in parse_html(answer.params["text"])
            assert not server.calls_to("getUpdates")
            assert await _stop(process) == 0
        finally:
            if process.returncode is None:
                process.kill()
            await server.stop()

    run(scenario(), timeout=STARTUP_SECONDS + 60)
    assert "Traceback" not in log.read_text(encoding="utf-8")
