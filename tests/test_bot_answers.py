"""The real bot against a fake Bot API server: questions, escaping, odd messages, commands."""

from __future__ import annotations

import asyncio
import json

import pytest
from fakebotapi import parse_html, run, running_bot, utf16_len
from fakebotapi.corpus import ESCAPE_TITLE, LONG_PARAGRAPHS, LONG_TITLE, build_odd_index

USER = 1001
NOT_FOUND_CANDIDATES = ("zzqx 9876 qwv", "Python 怎么读取一个 CSV 文件？", "asdf", "qwertyuiop")


@pytest.fixture(scope="module")
def odd_index(tmp_path_factory, encoder):
    return build_odd_index(tmp_path_factory.mktemp("odd"), encoder)


@pytest.fixture(scope="module")
def not_found_question(engine):
    """A question the real engine finds nothing for (asked first, so recalibration cannot break this)."""
    for question in NOT_FOUND_CANDIDATES:
        if engine.search(question).not_found:
            return question
    pytest.fail(f"the engine answers every one of {NOT_FOUND_CANDIDATES}; add a question it cannot answer")


def buttons(call) -> list[dict]:
    return [button for row in call.params["reply_markup"]["inline_keyboard"] for button in row]


def test_question_about_seeds_cites_the_right_report(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, "明湖办事处发了多少套防护服？")
            assert reply.params["parse_mode"] == "HTML"
            visible = parse_html(reply.params["text"])
            answer_line, cited, *_ = visible.split("\n")
            assert answer_line == "答：207套" and reply.params["text"].startswith("<b>答：207套</b>")
            assert cited.startswith("1. 明湖办事处") and cited.endswith("2020-04-03")
            assert "<u>" in reply.params["text"] and "防护服207套" in visible
            assert "001_c1940cad4a4d3e86.txt" not in visible and "日期不详" not in visible
            labels = [button["text"] for button in buttons(reply)]
            assert labels[:2] == ["摘录", "更多"] and "全文 1" in labels and "👍" in labels and "👎" in labels


@pytest.mark.parametrize(
    "question", ["登封查了多少人的核酸", "蒋冲村党支部书记是谁？", "经开区总工会主席给卡口人员送了什么？"]
)
def test_first_message_fits_a_phone_screen_and_opens_with_the_answer(seeds_index, encoder, tmp_path, question):
    """One message of at most ~700 visible characters, the direct answer (when there is one) on
    its first line, the top excerpt next, then one line for each further result."""

    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, question)
            await asyncio.sleep(0.3)  # a second part would have followed by now
            assert len(bot.server.sent(USER)) == 1
            visible = parse_html(reply.params["text"])
            assert utf16_len(visible) <= 700
            top, *rest = visible.split("\n\n")
            if top.startswith("答："):
                assert top.split("\n")[1].startswith("1. ")
            else:
                assert top.startswith("1. ")
            assert len(rest) == 1 and [line[:3] for line in rest[0].split("\n")] == ["2. ", "3. ", "4. ", "5. "]

    run(scenario())


def test_excerpts_button_sends_every_excerpt_in_full(seeds_index, encoder, tmp_path, engine):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, "登封查了多少人的核酸")
            data = next(b["callback_data"] for b in buttons(reply) if b["text"] == "摘录")
            bot.server.push_callback(USER, reply.params["_message"], data)
            sent = await bot.server.wait_for(lambda: bot.server.sent(USER)[1:], what="摘录")
            shown = "".join(parse_html(call.params["text"]) for call in sent)
            for hit in engine.search("登封查了多少人的核酸").hits:
                assert hit.excerpt in shown

    run(scenario())

    run(scenario())


def test_markup_in_reports_and_questions_is_escaped(odd_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(odd_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, "<b>R&D 预算</b> 提高到多少？ <script>")
            visible = parse_html(reply.params["text"])  # the fake refuses what Telegram would refuse
            assert ESCAPE_TITLE in visible
            assert "x < y & z > w" in visible and "“<b>不要加粗</b>”" in visible
            assert "&lt;script&gt;" in reply.params["text"]

    run(scenario())


def test_long_question_is_cut_with_a_note(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, "明湖办事处发了多少套防护服？" + "啊" * 5000)
            visible = parse_html(reply.params["text"])
            assert visible.startswith("（问题超过 500 个字，只按前 500 个字回答。）")
            assert utf16_len(visible) <= 4096

    run(scenario())


@pytest.mark.parametrize(
    ("fields", "hint"),
    [
        (
            {
                "sticker": {
                    "file_id": "s1",
                    "file_unique_id": "u1",
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                }
            },
            "我只能回答文字问题",
        ),  # fmt: skip
        (
            {"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]},
            "我只能回答文字问题",
        ),
        ({"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}}, "我只能回答文字问题"),
        ({"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "a.pdf"}}, "我只能回答文字问题"),
        ({"text": ""}, "请发送一个文字问题"),
        ({"text": " \n\t "}, "请发送一个文字问题"),
    ],
    ids=["sticker", "photo", "voice", "file", "empty", "whitespace"],
)
def test_non_questions_get_a_short_hint(seeds_index, encoder, tmp_path, fields, hint):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            extra = dict(fields)
            text = extra.pop("text", None)
            reply = await bot.ask(USER, text, **extra)
            assert parse_html(reply.params["text"]).startswith(hint)
            # still alive: a real question after the odd one is answered
            assert "明湖办事处" in parse_html(
                (await bot.ask(USER, "明湖办事处发了多少套防护服？")).params["text"]
            )

    run(scenario())


def test_edited_message_is_answered_again(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            message = bot.server.push_message(USER, "明湖办事处发了多少套防护服？")
            await bot.server.wait_for(lambda: bot.server.sent(USER), what="first answer")
            bot.server.push_edited(message, "登封市已累计检测多少人次？")
            second = await bot.server.wait_for(lambda: bot.server.sent(USER)[1:], what="answer to the edit")
            assert "178万" in parse_html(second[0].params["text"])

    run(scenario())


def test_not_found_offers_nearest_headlines(seeds_index, encoder, tmp_path, not_found_question):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, not_found_question)
            visible = parse_html(reply.params["text"])
            assert visible.startswith("没有在收录的报道中找到相关内容。")
            offered = buttons(reply)
            assert offered and all(button["callback_data"].startswith("near:") for button in offered)
            message = reply.params["_message"]
            bot.server.push_callback(USER, message, offered[0]["callback_data"])
            answer = await bot.server.wait_for(
                lambda: bot.server.sent(USER)[1:], what="nearest headline answered"
            )
            headline = offered[0]["text"].rstrip("…")
            assert headline in parse_html(answer[0].params["text"])

    run(scenario())


def test_commands_start_help_sources_ask(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            assert "你好" in parse_html((await bot.ask(USER, "/start")).params["text"])
            assert "@reportqa_test_bot" in parse_html((await bot.ask(USER, "/help")).params["text"])
            listing = parse_html((await bot.ask(USER, "/sources")).params["text"])
            assert "收录的报道（5 份）" in listing
            assert "明湖办事处 “硬核”防控与“温情”相守" in listing and "2020-04-03 · 1 篇文章" in listing
            assert "用法：/ask 问题" in parse_html((await bot.ask(USER, "/ask")).params["text"])
            answer = parse_html((await bot.ask(USER, "/ask 登封市已累计检测多少人次？")).params["text"])
            assert "178万" in answer
            assert "/sources" in parse_html((await bot.ask(USER, "/nonsense")).params["text"])
            menu = bot.server.calls_to("setMyCommands")
            assert [c["command"] for c in menu[0].params["commands"]] == ["ask", "new", "sources", "help"]

    run(scenario())


def test_groups_answer_only_when_addressed_and_quote_the_asker(seeds_index, encoder, tmp_path):
    group = -100200

    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            server.push_message(USER, "明湖办事处发了多少套防护服？", chat_id=group, chat_type="supergroup")
            asked = server.push_message(
                USER, "@reportqa_test_bot 明湖办事处发了多少套防护服？", chat_id=group, chat_type="supergroup"
            )
            first = (await server.wait_for(lambda: server.sent(group), what="group answer"))[0]
            assert first.params["reply_parameters"]["message_id"] == asked["message_id"]
            assert "防护服207套" in parse_html(first.params["text"])

            follow_up = server.make_message(
                USER, "登封市已累计检测多少人次？", chat_id=group, chat_type="supergroup",
                reply_to_message=first.params["_message"],
            )  # fmt: skip
            server.push({"message": follow_up})
            second = (await server.wait_for(lambda: server.sent(group)[1:], what="answer to a reply"))[0]
            assert second.params["reply_parameters"]["message_id"] == follow_up["message_id"]

            by_command = server.push_message(
                USER,
                "/ask@reportqa_test_bot 登封市已累计检测多少人次？",
                chat_id=group,
                chat_type="supergroup",
            )
            third = (await server.wait_for(lambda: server.sent(group)[2:], what="/ask in a group"))[0]
            assert third.params["reply_parameters"]["message_id"] == by_command["message_id"]
            assert "178万" in parse_html(third.params["text"])
            assert len(server.sent(group)) == 3  # the unaddressed first message got nothing

    run(scenario())


def test_inline_query_offers_top_excerpts(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            server = bot.server
            server.push_inline(USER, "明湖办事处发了多少套防护服？")
            server.push_inline(USER, "   ")
            answered = server.calls_to
            calls = await server.wait_for(
                lambda: len(answered("answerInlineQuery")) == 2 and answered("answerInlineQuery")
            )
            by_query = {len(call.params["results"]) > 0: call for call in calls}
            results = by_query[True].params["results"]
            assert results[0]["type"] == "article" and results[0]["title"].startswith("明湖办事处")
            content = results[0]["input_message_content"]
            assert content["parse_mode"] == "HTML"
            assert parse_html(content["message_text"]).startswith("1. 明湖办事处")
            assert json.dumps(by_query[False].params["results"]) == "[]"

    run(scenario())


def test_full_text_of_a_long_article_is_split_on_paragraphs(odd_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(odd_index, encoder, tmp_path) as bot:
            server = bot.server
            answer = await bot.ask(USER, "防汛抗旱工作在第3个乡镇的进展情况怎么样？")
            full = next(b for row in answer.params["reply_markup"]["inline_keyboard"] for b in row
                        if b["text"] == "全文 1")  # fmt: skip
            server.push_callback(USER, answer.params["_message"], full["callback_data"])
            await server.wait_for(lambda: len(server.sent(USER)) >= 3, what="the article in several messages")
            await asyncio.sleep(0.3)  # let any further part arrive
            parts = [parse_html(call.params["text"]) for call in server.sent(USER)[1:]]
            assert len(parts) >= 2 and all(utf16_len(part) <= 4096 for part in parts)
            assert parts[0].startswith(LONG_TITLE)
            paragraphs = [p for part in parts for p in part.split("\n\n")][1:]  # after the headline block
            assert [p.split("：")[0] for p in paragraphs] == [
                f"第{i}段" for i in range(1, LONG_PARAGRAPHS + 1)
            ]

    run(scenario())
