"""Field names of metadata across CMS exports, front matter and JSON-LD, and the lookup in them.

One list per meaning, matched case-insensitively; a newsroom whose export calls its body
`news_content` adds that name in settings (`ChunkSettings.record_fields`) instead of renaming
its export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "标题", "题目", "subject", "name"),
    "date": (
        "date", "datepublished", "published", "published_at", "publish_time", "publishtime",
        "pubdate", "pub_date", "pub_time", "发布时间", "日期", "时间", "time", "created", "created_at",
    ),
    "author": ("author", "byline", "作者", "记者", "reporter", "writer", "source_author"),
    "editor": ("editor", "editors", "责任编辑", "责编", "编辑"),
    "body": ("body", "content", "text", "正文", "内容", "articlebody", "article", "content_text", "html"),
    "url": ("url", "link", "href", "链接", "permalink", "canonical"),
    "page": ("page", "section", "版面", "栏目", "channel", "category", "column", "articlesection"),
    "id": ("id", "_id", "uuid", "guid", "docid", "编号"),
}  # fmt: skip


def names_for(meaning: str, extra: Iterable[tuple[str, str]] = ()) -> tuple[str, ...]:
    """The field names that mean `meaning`, the ones set in settings first."""
    return tuple(name.lower() for key, name in extra if key == meaning) + FIELD_NAMES[meaning]


def first_field(
    record: Mapping, meaning: str, extra: Iterable[tuple[str, str]] = (), text_only: bool = True
) -> object:
    """The first non-empty value under a name that means `meaning`; text, unless `text_only` is off.

    A list of names ("author": ["张三", "李四"]) becomes one line; a nested JSON-LD person
    ({"name": "张三"}) its name."""
    lowered = {str(key).lower(): value for key, value in record.items()}
    for name in names_for(meaning, extra):
        value = lowered.get(name)
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("@value")
        if isinstance(value, list):
            parts = [v.get("name") if isinstance(v, Mapping) else v for v in value]
            value = " ".join(str(v) for v in parts if v)
        if value in (None, ""):
            continue
        if not text_only and not isinstance(value, str):
            return value
        return " ".join(str(value).split())
    return None
