"""A dev archive of daily bulletins: eight offices, seventeen days, near-identical wording.

    python -m retrieval.bench.bulletins OUT_DIR     # OUT_DIR/corpus, OUT_DIR/questions_*.jsonl
    reportqa eval OUT_DIR/questions_dated.jsonl --corpus OUT_DIR/corpus --index OUT_DIR/index
    reportqa eval OUT_DIR/questions_latest.jsonl --corpus OUT_DIR/corpus --index OUT_DIR/index

Every office files the same bulletin every day and only the figures change, so only the date
tells the reports of one office apart. Each day's reports carry their date one way, in turn:
a dated folder, a dated file name, Markdown front matter, the page header, the lead ("4月20日，
记者从…获悉"), an HTML <meta>, a JSON Lines export's field. The questions name a day in each
common form (4月27日 / 4月27号 / 2022年4月27日 / 四月二十七日 / 4.27), or ask for the latest.
Deterministic: the same seed writes the same archive.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

OFFICES = ("八千", "明湖", "明港", "前程", "祥云", "银河", "张庄", "京航")
CODES = ("bq", "mh", "mg", "qc", "xy", "yh", "zz", "jh")
FIRST_DAY = date(2022, 4, 14)
DAYS = 17
CARRIERS = ("folder", "file_name", "front_matter", "page_header", "lead", "html_meta", "jsonl")
CHINESE_DIGITS = "〇一二三四五六七八九"
METRICS = (  # (question part, answer as the bulletin writes it)
    ("设了多少个核酸检测点", "核酸检测点{}个"),
    ("有多少名志愿者上岗", "{}名志愿者"),
    ("完成了多少人次核酸采样", "核酸采样{}人次"),
    ("发放了多少份防疫物资", "防疫物资{}份"),
)
LATEST_FORMS = ("最近一天{office}办事处{metric}？", "{office}办事处最新一期日报里{metric}？", "{office}办事处最后一次通报{metric}？")


def _chinese(number: int) -> str:
    tens, units = divmod(number, 10)
    return ("" if tens < 2 else CHINESE_DIGITS[tens]) + ("十" if tens else "") + (CHINESE_DIGITS[units] if units else "")


def day_forms(day: date) -> tuple[str, ...]:
    return (
        f"{day.month}月{day.day}日",
        f"{day.month}月{day.day}号",
        f"{day.year}年{day.month}月{day.day}日",
        f"{_chinese(day.month)}月{_chinese(day.day)}日",
        f"{day.month}.{day.day}",
    )


def _body(office: str, figures: list[int], lead_date: str) -> str:
    opening = f"{lead_date}，记者从{office}办事处获悉" if lead_date else f"记者从{office}办事处获悉"
    return (
        f"{opening}，当日辖区共设立核酸检测点{figures[0]}个，{figures[1]}名志愿者上岗服务，"
        f"完成核酸采样{figures[2]}人次，发放防疫物资{figures[3]}份。"
        f"办事处要求各村（社区）继续严格落实各项防控措施，确保群众生活物资供应充足。"
    )


def _write(corpus: Path, carrier: str, day: date, office: str, code: str, figures: list[int]) -> str:
    """One report; returns its path relative to the corpus (for JSONL: the day's export)."""
    title = f"{office}办事处疫情防控工作日报"
    stamp = day.strftime("%Y%m%d")
    number = f"{code}_{(day - FIRST_DAY).days:02d}"  # a name that does not give the date away
    if carrier == "folder":
        name, text = f"{day:%Y/%m/%d}/{code}.txt", f"{title}\n\n{_body(office, figures, '')}\n"
    elif carrier == "file_name":
        name, text = f"daily/{stamp}_{code}.txt", f"{title}\n\n{_body(office, figures, '')}\n"
    elif carrier == "front_matter":
        name = f"md/{number}.md"
        text = f"---\ntitle: {title}\ndate: {day.isoformat()}\n---\n\n{_body(office, figures, '')}\n"
    elif carrier == "page_header":
        name = f"pages/{number}.txt"
        text = f"{day.year}年{day.month}月{day.day}日\n\n星期{'一二三四五六日'[day.weekday()]}\n\n{title}\n\n{_body(office, figures, '')}\n"
    elif carrier == "lead":
        name = f"leads/{day.year}/{number}.txt"
        text = f"{title}\n\n{_body(office, figures, f'{day.month}月{day.day}日')}\n"
    elif carrier == "html_meta":
        name = f"cms/{number}.html"
        text = (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00+08:00"></head>'
            f"<body><nav><a href='/'>首页</a> <a href='/daily'>日报</a></nav><article><h1>{title}</h1>"
            f"<p>{_body(office, figures, '')}</p></article><footer>版权所有 经开时报</footer></body></html>"
        )
    else:
        name = f"export/{stamp}.jsonl"
        record = {"id": f"{stamp}-{code}", "title": title, "publish_time": f"{day.isoformat()} 08:00:00",
                  "content": _body(office, figures, "")}  # fmt: skip
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as export:
            export.write(json.dumps(record, ensure_ascii=False) + "\n")
        return name
    path = corpus / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return name


def write_bulletins(out: Path, seed: int = 20220414) -> dict[str, int]:
    """Write OUT/corpus and the two question files; returns how many of each were written."""
    rng = random.Random(seed)
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    days = [FIRST_DAY + timedelta(days=i) for i in range(DAYS)]
    # Figures differ by day for each office (so an answer names one day), never by much.
    figures = {
        office: list(zip(*(rng.sample(range(base, base + 60), DAYS) for base in (20, 100, 3000, 500)), strict=True))
        for office in OFFICES
    }
    where: dict[tuple[str, date], str] = {}
    for i, day in enumerate(days):
        for office, code in zip(OFFICES, CODES, strict=True):
            where[(office, day)] = _write(corpus, CARRIERS[i % len(CARRIERS)], day, office, code, list(figures[office][i]))
    dated, latest = [], []
    for n, (office, day) in enumerate(sorted(where, key=lambda key: (key[1], key[0]))):
        metric, answer = METRICS[n % len(METRICS)]
        form = day_forms(day)[n % 5]
        index = days.index(day)
        text = f"{form}{office}办事处{metric}？" if n % 2 else f"{office}办事处{form}{metric}？"
        dated.append({"id": f"dated-{n:03d}", "question": text, "source": where[(office, day)],
                      "answers": [answer.format(figures[office][index][METRICS.index((metric, answer))])]})  # fmt: skip
    for n, office in enumerate(OFFICES * 3):
        metric, answer = METRICS[n % len(METRICS)]
        text = LATEST_FORMS[n % len(LATEST_FORMS)].format(office=office, metric=metric)
        figure = figures[office][-1][METRICS.index((metric, answer))]
        latest.append({"id": f"latest-{n:03d}", "question": text, "source": where[(office, days[-1])],
                       "answers": [answer.format(figure)]})  # fmt: skip
    for name, questions in (("questions_dated.jsonl", dated), ("questions_latest.jsonl", latest)):
        lines = "\n".join(json.dumps(q, ensure_ascii=False) for q in questions)
        (out / name).write_text(lines + "\n", encoding="utf-8")
    return {"reports": len(where), "dated": len(dated), "latest": len(latest)}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    print(json.dumps(write_bulletins(Path(sys.argv[1]))))
