"""Buttons under an answer: 更多 edits the message, 全文 sends the article, 👍 / 👎 are stored."""

from __future__ import annotations

import sqlite3

from fakebotapi import parse_html, run, running_bot

USER = 2002
QUESTION = "明湖办事处发了多少套防护服？"


def button(call, label: str) -> dict:
    for row in call.params["reply_markup"]["inline_keyboard"]:
        for candidate in row:
            if candidate["text"] == label:
                return candidate
    raise AssertionError(f"no {label!r} button in {call.params['reply_markup']}")


def test_more_edits_the_same_message_with_the_next_results(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            answer = await bot.ask(USER, QUESTION)
            message = answer.params["_message"]
            query_id = server.push_callback(USER, message, button(answer, "更多")["callback_data"])
            edit = (await server.wait_for(lambda: server.calls_to("editMessageText"), what="更多"))[0]
            assert edit.params["message_id"] == message["message_id"]
            visible = parse_html(edit.params["text"])
            assert visible.startswith("6. ") and "\n\n7. " in visible
            assert "全文 6" in [
                b["text"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row
            ]
            answered = await server.wait_for(
                lambda: [
                    c
                    for c in server.calls_to("answerCallbackQuery")
                    if c.params["callback_query_id"] == query_id
                ]
            )
            assert answered
            assert len(server.sent(USER)) == 1  # edited, not sent anew

    run(scenario())


def test_full_text_sends_the_whole_article(seeds_index, encoder, tmp_path, engine):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            answer = await bot.ask(USER, QUESTION)
            server.push_callback(USER, answer.params["_message"], button(answer, "全文 1")["callback_data"])
            article_messages = await server.wait_for(lambda: server.sent(USER)[1:], what="全文")
            visible = parse_html(article_messages[0].params["text"])
            hit = engine.search(QUESTION, k=1).hits[0]
            article = engine.article(hit.source, hit.article)
            assert visible.startswith(article.title) and hit.source in visible
            assert visible.split("\n\n")[1:] == list(article.paragraphs)

    run(scenario())


def test_feedback_is_stored_with_the_question(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            answer = await bot.ask(USER, QUESTION)
            message = answer.params["_message"]
            server.push_callback(USER, message, button(answer, "👍")["callback_data"])
            server.push_callback(USER + 1, message, button(answer, "👎")["callback_data"])
            thanks = await server.wait_for(lambda: server.calls_to("answerCallbackQuery")[1:] and
                                           server.calls_to("answerCallbackQuery"))  # fmt: skip
            assert {call.params["text"] for call in thanks} == {"谢谢反馈！"}
            server.push_callback(USER, message, button(answer, "👎")["callback_data"])  # a change of mind
            await server.wait_for(lambda: len(server.calls_to("answerCallbackQuery")) == 3)
            return bot.settings.bot_db

    db_path = run(scenario())
    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT q.question, f.user_id, f.vote FROM feedback f JOIN questions q ON q.id = f.question_id"
            " ORDER BY f.user_id"
        ).fetchall()
    assert rows == [(QUESTION, USER, -1), (QUESTION, USER + 1, -1)]


def test_stale_or_foreign_buttons_are_answered_not_crashed(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            answer = await bot.ask(USER, QUESTION)
            message = answer.params["_message"]
            for data in ("more:999:5", "full:999:1", "vote:999:1", "near:999:1", "from-an-old-version"):
                server.push_callback(USER, message, data)
            calls = await server.wait_for(lambda: len(server.calls_to("answerCallbackQuery")) == 5 and
                                          server.calls_to("answerCallbackQuery"))  # fmt: skip
            assert {call.params.get("text") for call in calls} == {"这个按钮已过期，请重新提问。"}
            assert len(server.sent(USER)) == 1

    run(scenario())
