"""Follow-up questions in Telegram chats, through the real bot and a fake Bot API server."""

from __future__ import annotations

import asyncio

from fakebotapi import parse_html, run, running_bot

USER, OTHER = 1001, 1002
GROUP = -100300
TEAM = "山东援郑医疗队是由哪几支队伍组成的？"
FOLLOW_UP = "他们每天从几点干到几点？"
HOURS = "每天从早上8点开始做准备"  # the answer, in the same report as the team's make-up
CONTEXT_LINE = "（接上文：山东援郑医疗队）"


def test_follow_up_is_answered_in_the_first_message_and_says_what_it_followed(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            await bot.ask(USER, TEAM)
            reply = parse_html((await bot.ask(USER, FOLLOW_UP)).params["text"])
            assert reply.startswith(CONTEXT_LINE)
            first_excerpt = reply.split("\n\n")[0]
            assert HOURS in first_excerpt.replace("\n", "")

    run(scenario())


def test_new_forgets_the_earlier_questions(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            await bot.ask(USER, TEAM)
            assert "换个话题" in parse_html((await bot.ask(USER, "/new")).params["text"])
            reply = parse_html((await bot.ask(USER, FOLLOW_UP)).params["text"])
            assert "接上文" not in reply

    run(scenario())


def test_a_chat_never_leans_on_another_chat_or_another_group_member(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            await bot.ask(USER, TEAM)
            assert "接上文" not in parse_html((await bot.ask(OTHER, FOLLOW_UP)).params["text"])

            mention = "@reportqa_test_bot "
            group = {"chat_id": GROUP, "chat_type": "supergroup"}
            await bot.ask(USER, mention + TEAM, **group)
            others = parse_html((await bot.ask(OTHER, mention + FOLLOW_UP, **group)).params["text"])
            assert "接上文" not in others  # another member's earlier question is not theirs
            own = parse_html((await bot.ask(USER, mention + FOLLOW_UP, **group)).params["text"])
            assert own.startswith(CONTEXT_LINE)

    run(scenario())


def test_earlier_questions_are_forgotten_after_a_quiet_spell(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path, env={"REPORTQA_QUIET_SECONDS": "1"}) as bot:
            await bot.ask(USER, TEAM)
            await asyncio.sleep(1.5)
            assert "接上文" not in parse_html((await bot.ask(USER, FOLLOW_UP)).params["text"])

    run(scenario())
