"""The bot's own words, in Chinese (the default) and English.

Everything a user reads that is not quoted from a report comes from here, so that a
translation is one dictionary and no handler carries a string literal.
"""

from __future__ import annotations

DEFAULT_LANG = "zh"

_TEXTS: dict[str, dict[str, str]] = {
    "start": {
        "zh": (
            "你好！我可以回答关于已收录新闻报道的问题，回复原文摘录并注明出处。\n"
            "直接发送问题即可，例如：<i>明湖办事处发了多少套防护服？</i>\n"
            "/help 查看用法，/sources 查看收录的报道。"
        ),
        "en": (
            "Hello! I answer questions about the indexed news reports with cited excerpts.\n"
            "Just send a question.\n"
            "/help for usage, /sources for the indexed reports."
        ),
    },
    "help": {
        "zh": (
            "<b>用法</b>\n"
            "• 私聊中直接发送问题；群聊中请 @我、回复我的消息或使用 /ask 问题。\n"
            "• 在任意聊天中输入 @{bot_username} 问题，可以直接发送摘录。\n"
            "• 回答下方按钮：更多（下一批结果）、全文（整篇文章）、👍 / 👎（反馈）。\n"
            "<b>命令</b>\n"
            "/ask 问题 — 提问\n/new — 新话题（忘掉之前的问题）\n/sources — 收录的报道\n/help — 本说明"
        ),
        "en": (
            "<b>Usage</b>\n"
            "• In a private chat just send a question; in groups mention me, reply to me or use /ask.\n"
            "• Type @{bot_username} question in any chat to send excerpts inline.\n"
            "• Buttons under an answer: more results, full article, 👍 / 👎 feedback.\n"
            "<b>Commands</b>\n"
            "/ask question — ask\n/new — new topic (forget the earlier questions)\n/sources — indexed reports\n/help — this text"
        ),
    },
    "admin_help": {
        "zh": "<b>管理员</b>\n/stats — 统计\n/reload — 重新加载索引",
        "en": "<b>Admin</b>\n/stats — statistics\n/reload — reload the index",
    },
    "source_label": {"zh": "来源", "en": "Source"},
    "answer_label": {"zh": "答：", "en": "Answer: "},
    "page": {"zh": "第{page}版", "en": "p. {page}"},
    "excerpts_button": {"zh": "摘录", "en": "Excerpts"},
    "no_date": {"zh": "日期不详", "en": "undated"},
    "dates_understood": {"zh": "按日期：{dates}", "en": "Dates: {dates}"},
    "dates_not_in_archive": {"zh": "按日期：{dates}（无此日期的报道，显示全部日期）", "en": "Dates: {dates} (no report of those dates; showing all)"},
    "latest_first": {"zh": "最新的报道优先", "en": "Newest reports first"},
    "not_found": {
        "zh": "没有在收录的报道中找到相关内容。",
        "en": "Nothing in the indexed reports answers that.",
    },
    "nearest": {"zh": "最接近的标题：", "en": "Nearest headlines:"},
    "no_more": {"zh": "没有更多结果了。", "en": "No more results."},
    "more_button": {"zh": "更多", "en": "More"},
    "full_button": {"zh": "全文", "en": "Full text"},
    "article_gone": {
        "zh": "这篇文章已不在索引中。",
        "en": "That article is no longer in the index.",
    },
    "expired": {
        "zh": "这个按钮已过期，请重新提问。",
        "en": "This button has expired; please ask again.",
    },
    "thanks": {"zh": "谢谢反馈！", "en": "Thanks for the feedback!"},
    "truncated": {
        "zh": "（问题超过 {limit} 个字，只按前 {limit} 个字回答。）",
        "en": "(Your question is over {limit} characters; only the first {limit} were used.)",
    },
    "empty": {
        "zh": "请发送一个文字问题，例如：明湖办事处发了多少套防护服？",
        "en": "Please send a question as text.",
    },
    "not_text": {
        "zh": "我只能回答文字问题，请用文字提问。",
        "en": "I can only answer questions written as text.",
    },
    "ask_usage": {"zh": "用法：/ask 问题", "en": "Usage: /ask question"},
    "new_conversation": {
        "zh": "好的，换个话题：之前的问题不再作为上文。",
        "en": "New topic: your earlier questions no longer count as context.",
    },
    "context_used": {"zh": "（接上文：{subject}）", "en": "(Following on from: {subject})"},
    "rate_limited": {
        "zh": "提问太快了，请稍等 {seconds} 秒再问。",
        "en": "You are asking too fast; please wait {seconds} s.",
    },
    "not_allowed": {
        "zh": "抱歉，这个机器人仅供授权用户使用。",
        "en": "Sorry, this bot is only for authorised users.",
    },
    "admins_only": {"zh": "这个命令仅限管理员。", "en": "This command is for admins only."},
    "error": {
        "zh": "抱歉，处理时出了点问题，请稍后再试。",
        "en": "Sorry, something went wrong. Please try again later.",
    },
    "library_error": {
        "zh": "抱歉，暂时无法回答：{reason}",
        "en": "Sorry, I cannot answer right now: {reason}",
    },
    "sources_header": {"zh": "<b>收录的报道</b>（{count} 份）", "en": "<b>Indexed reports</b> ({count})"},
    "sources_line": {"zh": "{articles} 篇文章", "en": "{articles} articles"},
    "sources_empty": {"zh": "索引中没有报道。", "en": "The index holds no reports."},
    "stats": {
        "zh": (
            "<b>统计</b>\n提问：{questions}\n未找到：{not_found} ({not_found_rate})\n"
            "延迟 p50 / p90 / p99：{p50} / {p90} / {p99} ms\n反馈：👍 {up} · 👎 {down}"
        ),
        "en": (
            "<b>Statistics</b>\nQuestions: {questions}\nNot found: {not_found} ({not_found_rate})\n"
            "Latency p50 / p90 / p99: {p50} / {p90} / {p99} ms\nFeedback: 👍 {up} · 👎 {down}"
        ),
    },
    "reloading": {"zh": "正在重新加载索引…", "en": "Reloading the index…"},
    "reloaded": {
        "zh": "索引已重新加载：{sources} 份报道，{articles} 篇文章。",
        "en": "Index reloaded: {sources} reports, {articles} articles.",
    },
    "reload_failed": {
        "zh": "重新加载失败，仍使用旧索引：{reason}",
        "en": "Reload failed, keeping the old index: {reason}",
    },
    "command_ask": {"zh": "提问", "en": "ask a question"},
    "command_new": {"zh": "新话题", "en": "new topic"},
    "command_sources": {"zh": "收录的报道", "en": "indexed reports"},
    "command_help": {"zh": "用法", "en": "usage"},
    "inline_empty": {"zh": "输入问题以搜索报道", "en": "Type a question to search the reports"},
    "inline_not_found": {"zh": "没有找到相关内容", "en": "Nothing found"},
}


def text(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The phrase `key` in `lang` (falling back to Chinese), with `values` filled in."""
    phrases = _TEXTS[key]
    phrase = phrases.get(lang) or phrases[DEFAULT_LANG]
    return phrase.format(**values) if values else phrase
