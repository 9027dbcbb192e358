"""The real bot against a fake Bot API server: questions, escaping, odd messages."""

from __future__ import annotations

from fakebotapi import parse_html, run, running_bot

USER = 1001


def test_question_about_seeds_cites_the_right_report(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path) as bot:
            reply = await bot.ask(USER, "明湖办事处发了多少套防护服？")
            assert reply.params["parse_mode"] == "HTML"
            visible = parse_html(reply.params["text"])
            assert visible.startswith("1. 明湖办事处")
            assert "001_c1940cad4a4d3e86.txt" in visible
            assert "<u>" in reply.params["text"] and "防护服207套" in visible
            buttons = [b["text"] for row in reply.params["reply_markup"]["inline_keyboard"] for b in row]
            assert buttons[0] == "更多" and "全文 1" in buttons and "👍" in buttons and "👎" in buttons

    run(scenario())
