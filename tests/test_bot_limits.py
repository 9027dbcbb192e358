"""Load and abuse: rate limit, allow-list, 50 users at once, Telegram errors and the error handler."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from pathlib import Path

from fakebotapi import parse_html, run, running_bot

QUESTION = "明湖办事处发了多少套防护服？"
DATA = Path(__file__).resolve().parent / "data"


def dev_questions() -> list[str]:
    lines = (DATA / "seeds_dev.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def test_rate_limit_replies_politely_once_then_stays_silent(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path, env={"REPORTQA_RATE_LIMIT": "3"}) as bot:
            for _ in range(3):
                assert "防护服207套" in parse_html((await bot.ask(5005, QUESTION)).params["text"])
            refusal = parse_html((await bot.ask(5005, QUESTION)).params["text"])
            assert refusal.startswith("提问太快了，请稍等") and refusal.endswith("秒再问。")
            bot.server.push_message(5005, QUESTION)
            assert "防护服207套" in parse_html(
                (await bot.ask(5006, QUESTION)).params["text"]
            )  # others unaffected
            await asyncio.sleep(0.3)
            assert len(bot.server.sent(5005)) == 4  # the fifth question got no reply at all

    run(scenario())


def test_allow_list_refuses_others_once_then_silence(seeds_index, encoder, tmp_path):
    env = {"REPORTQA_ALLOWED_IDS": "3003, -100500"}

    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path, env=env) as bot:
            server = bot.server
            assert "防护服207套" in parse_html((await bot.ask(3003, QUESTION)).params["text"])
            refusal = parse_html((await bot.ask(4004, QUESTION)).params["text"])
            assert refusal == "抱歉，这个机器人仅供授权用户使用。"
            server.push_message(4004, "/start")
            server.push_inline(4004, QUESTION)
            in_allowed_group = await bot.ask(
                4004, "/ask " + QUESTION, chat_id=-100500, chat_type="supergroup"
            )
            assert "防护服207套" in parse_html(in_allowed_group.params["text"])
            await asyncio.sleep(0.3)
            assert len(server.sent(4004)) == 1
            assert server.calls_to("answerInlineQuery")[0].params["results"] == []

    run(scenario())


def test_fifty_users_at_once_are_all_answered_and_start_stays_instant(seeds_index, encoder, tmp_path):
    questions = dev_questions()

    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            users = range(10_000, 10_050)
            for number, user in enumerate(users):
                server.push_message(user, questions[number % len(questions)])
            pushed = time.monotonic()
            server.push_message(9_999, "/start")
            greeting = (await server.wait_for(lambda: server.sent(9_999), what="/start"))[0]
            await server.wait_for(
                lambda: all(server.sent(user) for user in users), timeout=60, what="50 answers"
            )
            answers = [server.sent(user)[0] for user in users]
            assert all(parse_html(answer.params["text"]).startswith(("答：", "1. ", "没有")) for answer in answers)
            assert greeting.at - pushed < 5.0
            assert greeting.at < max(answer.at for answer in answers)  # not queued behind the searches
            assert all(len(server.sent(user)) == 1 for user in users)

    run(scenario(), timeout=120)


def test_retry_after_from_the_server_is_honoured(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            bot.server.fail("sendMessage", code=429, retry_after=1)
            reply = await bot.ask(6006, QUESTION)
            attempts = bot.server.calls_to("sendMessage")
            assert attempts[0].params["_error"].startswith("Too Many Requests")
            assert reply is attempts[1] and attempts[1].at - attempts[0].at >= 1.0
            assert "防护服207套" in parse_html(reply.params["text"])

    run(scenario())


def test_network_errors_back_off_and_retry(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            bot.server.fail("sendMessage", times=2, code=502, description="Bad Gateway")
            reply = await bot.ask(6007, QUESTION)
            attempts = bot.server.calls_to("sendMessage")
            assert len(attempts) == 3 and reply is attempts[2]
            assert attempts[2].at - attempts[1].at > attempts[1].at - attempts[0].at >= 0.4  # backing off

    run(scenario())


def test_formatting_bad_request_falls_back_to_plain_text(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            bot.server.fail(
                "sendMessage", code=400, description="Bad Request: can't parse entities: at byte 5"
            )
            reply = await bot.ask(6008, QUESTION)
            refused, plain = bot.server.calls_to("sendMessage")
            assert refused.params["parse_mode"] == "HTML" and "parse_mode" not in plain.params
            assert plain.params["text"] == parse_html(refused.params["text"])
            assert reply is plain

    run(scenario())


def test_failures_are_logged_with_the_update_id_and_the_user_gets_an_apology(
    seeds_index, encoder, tmp_path, caplog
):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            bot.server.fail("sendMessage", code=400, description="Bad Request: chat not found")
            bot.server.push_message(6009, QUESTION)
            apology = (await bot.server.wait_for(lambda: bot.server.sent(6009), what="an apology"))[0]
            assert apology.params["text"] == "抱歉，处理时出了点问题，请稍后再试。"
            return bot.server

    with caplog.at_level(logging.ERROR, logger="bot"):
        run(scenario())
    failures = [record for record in caplog.records if record.getMessage() == "update 1 failed"]
    assert failures and failures[0].exc_info is not None
