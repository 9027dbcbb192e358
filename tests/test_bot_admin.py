"""Admin commands: /stats counts what users saw, /reload swaps in a rebuilt index without a restart."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from fakebotapi import parse_html, run, running_bot

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ADMIN, USER = 7007, 7008
ADMINS = {"REPORTQA_ADMIN_IDS": str(ADMIN)}
NEW_REPORT = (
    "# 黄河三号大桥今日通车\n\n2023年6月1日\n\n"
    "本报讯 黄河三号大桥今天正式通车，大桥全长八点六公里，双向六车道。\n\n"
    "大桥通车后，两岸通行时间由四十分钟缩短到十分钟。\n"
)


def test_stats_for_admins_only(seeds_index, encoder, tmp_path):
    async def scenario():
        async with running_bot(seeds_index, encoder, tmp_path, env=ADMINS) as bot:
            answer = await bot.ask(USER, "明湖办事处发了多少套防护服？")
            thumbs_up = next(b for row in answer.params["reply_markup"]["inline_keyboard"] for b in row
                             if b["text"] == "👍")  # fmt: skip
            bot.server.push_callback(USER, answer.params["_message"], thumbs_up["callback_data"])
            await bot.server.wait_for(lambda: bot.server.calls_to("answerCallbackQuery"))
            await bot.ask(USER, "登封市已累计检测多少人次？")
            assert parse_html((await bot.ask(USER, "/stats")).params["text"]) == "这个命令仅限管理员。"
            assert parse_html((await bot.ask(USER, "/reload")).params["text"]) == "这个命令仅限管理员。"
            stats = parse_html((await bot.ask(ADMIN, "/stats")).params["text"])
            assert "提问：2\n" in stats and "未找到：0 (0%)" in stats and "👍 1 · 👎 0" in stats
            assert "延迟 p50 / p90 / p99：" in stats
            assert "/reload" in parse_html((await bot.ask(ADMIN, "/help")).params["text"])

    run(scenario())


def test_reload_swaps_in_a_rebuilt_index_without_losing_a_question(seeds_index, encoder, tmp_path):
    from retrieval.index.build import build_index

    index_dir = tmp_path / "index"
    shutil.copytree(seeds_index, index_dir)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "100_bridge.md").write_text(NEW_REPORT, encoding="utf-8")

    async def scenario():
        async with running_bot(index_dir, encoder, tmp_path, env=ADMINS) as bot:
            server = bot.server
            before = parse_html((await bot.ask(USER, "/sources")).params["text"])
            assert "（5 份）" in before
            await asyncio.get_running_loop().run_in_executor(None, build_index, corpus, index_dir, encoder)
            server.push_message(ADMIN, "/reload")
            server.push_message(USER, "明湖办事处发了多少套防护服？")  # asked while the index is swapped
            reloaded = await server.wait_for(lambda: server.sent(ADMIN)[1:], what="reload done")
            assert parse_html(server.sent(ADMIN)[0].params["text"]) == "正在重新加载索引…"
            assert parse_html(reloaded[0].params["text"]).startswith("索引已重新加载：6 份报道")
            in_between = await server.wait_for(lambda: server.sent(USER)[1:], what="answer during reload")
            assert "防护服207套" in parse_html(in_between[0].params["text"])
            bridge = parse_html((await bot.ask(USER, "黄河三号大桥全长多少公里？")).params["text"])
            assert "1. 黄河三号大桥今日通车" in bridge and "100_bridge.md" not in bridge

    run(scenario())
