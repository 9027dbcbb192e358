"""Dates: in questions (every common Chinese form), and in ranking over an archive of daily bulletins."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import settings_for

from bot.citations import format_result_text
from bot.cli import main
from retrieval.bench.bulletins import write_bulletins
from retrieval.bench.evaluate import evaluate, read_questions
from retrieval.engine import Engine
from retrieval.index.build import build_index
from retrieval.search.dates import asked_dates, resolve
from retrieval.text.dating import article_date, chinese_number

APRIL_2022 = {(2022, 4), (2022, 5)}


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("4月20日八千办事处设了多少个检测点？", "2022-04-20", "2022-04-20"),
        ("4月20号八千办事处设了多少个检测点？", "2022-04-20", "2022-04-20"),
        ("2022年4月20日八千办事处设了多少个检测点？", "2022-04-20", "2022-04-20"),
        ("四月二十日八千办事处设了多少个检测点？", "2022-04-20", "2022-04-20"),
        ("二〇二二年四月二十日的通报", "2022-04-20", "2022-04-20"),
        ("4.20八千办事处设了多少个检测点？", "2022-04-20", "2022-04-20"),
        ("2022-04-20的日报", "2022-04-20", "2022-04-20"),
        ("4月上旬明湖办事处", "2022-04-01", "2022-04-10"),
        ("4月中旬明湖办事处", "2022-04-11", "2022-04-20"),
        ("4月下旬明湖办事处", "2022-04-21", "2022-04-30"),
        ("5月初明湖办事处", "2022-05-01", "2022-05-07"),
        ("4月20日到22日明湖办事处", "2022-04-20", "2022-04-22"),
        ("4月28日至5月2日明湖办事处", "2022-04-28", "2022-05-02"),
        ("五一期间明湖办事处", "2022-05-01", "2022-05-05"),
        ("4月份明湖办事处", "2022-04-01", "2022-04-30"),
    ],
)
def test_question_dates_in_every_common_form(question, first, last):
    (span,) = asked_dates(question).spans
    (resolved,) = resolve(span, {(2022, 4)} if "5月" not in question and "五一" not in question else APRIL_2022)
    assert (resolved[0].isoformat(), resolved[1].isoformat()) == (first, last)


def test_a_day_without_month_is_each_month_the_archive_holds():
    (span,) = asked_dates("20日到22日明湖办事处").spans
    assert [(a.isoformat(), b.isoformat()) for a, b in resolve(span, APRIL_2022)] == [
        ("2022-04-20", "2022-04-22"), ("2022-05-20", "2022-05-22"),
    ]  # fmt: skip


@pytest.mark.parametrize("question", ["郑州地铁5号线有多少个站？", "3号楼有多少人？", "人口增长了3.5万", "增长1.2倍"])
def test_numbers_that_are_not_dates_are_not_read_as_dates(question):
    assert not asked_dates(question).spans


def test_latest_words():
    assert asked_dates("最近一天明湖办事处有多少志愿者上岗？").latest
    assert asked_dates("明湖办事处最后一次通报").latest
    assert not asked_dates("明湖办事处有多少志愿者上岗？").latest


def test_article_dates_in_order_of_trust():
    assert chinese_number("二十七") == 27 and chinese_number("二〇二二") == 2022
    lead = ["4月20日，记者从八千办事处获悉，当日辖区共设立核酸检测点30个。"]
    assert article_date("a.txt", "2022-04-19T08:00:00+08:00", "2022-04-18", lead) == "2022-04-19"
    assert article_date("2022/04/17/a.txt", None, "2022-04-18", lead) == "2022-04-17"
    assert article_date("daily/20220416_a.txt", None, "2022-04-18", lead) == "2022-04-16"
    assert article_date("a.txt", None, "2022-04-18", lead) == "2022-04-18"
    assert article_date("2022/a.txt", None, None, lead) == "2022-04-20"
    assert article_date("a.txt", None, None, lead) is None  # a day without its year sorts nowhere


@pytest.fixture(scope="module")
def bulletins(tmp_path_factory, encoder):
    out = tmp_path_factory.mktemp("bulletins")
    write_bulletins(out)
    build_index(out / "corpus", out / "index", encoder)
    searcher = Engine.open(settings_for(out / "index"), build_if_missing=False, encoder=encoder)
    yield out, searcher
    searcher.close()


def test_every_bulletin_has_its_date(bulletins):
    out, searcher = bulletins
    dated = [info.date for info in searcher.sources()]
    assert len(dated) >= 100 and all(dated)


def test_the_asked_day_s_report_comes_first(bulletins):
    out, searcher = bulletins
    report = evaluate(lambda question: searcher.search(question.question, k=10), read_questions(out / "questions_dated.jsonl"))
    assert report.answerable == 136 and report.hit_at_1 >= 0.9


def test_the_latest_report_comes_first(bulletins):
    out, searcher = bulletins
    report = evaluate(lambda question: searcher.search(question.question, k=10), read_questions(out / "questions_latest.jsonl"))
    assert report.answerable == 24 and report.hit_at_1 >= 0.9


def test_the_reply_says_which_date_it_understood(bulletins):
    _, searcher = bulletins
    result = searcher.search("4月27日八千办事处设了多少个核酸检测点？")
    assert result.understood_dates == "2022-04-27" and result.hits[0].date == "2022-04-27"
    assert format_result_text(result).startswith("按日期：2022-04-27")
    missing = searcher.search("5月20日八千办事处设了多少个核酸检测点？")
    assert not missing.dates_in_archive and "无此日期" in format_result_text(missing)
    latest = searcher.search("最近一天明湖办事处有多少志愿者上岗？")
    assert latest.latest_first and latest.hits[0].date == "2022-04-30"


def test_when_the_latest_report_came_out_is_answered_with_its_date(bulletins):
    """No passage says the day a bulletin came out; its date does."""
    _, searcher = bulletins
    result = searcher.search("明湖办事处最新一期通报是哪天发的")
    assert not result.not_found and result.answer is not None
    assert result.answer.text == "2022年4月30日" and result.hits[0].date == "2022-04-30"


def test_since_and_until_bound_ask_and_search(bulletins, capsys):
    out, _ = bulletins
    where = ["--corpus", str(out / "corpus"), "--index", str(out / "index")]
    assert main(["search", *where, "-k", "10", "--since", "2022-04-25", "--until", "2022-04-26", "明湖办事处有多少名志愿者上岗？"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"] and {r["date"] for r in answer["results"]} <= {"2022-04-25", "2022-04-26"}
    assert date.fromisoformat(answer["results"][0]["date"]) >= date(2022, 4, 25)
    assert main(["ask", *where, "--since", "2022-04-30", "明湖办事处有多少名志愿者上岗？"]) == 0
    assert "2022-04-30" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("question", "figure", "pick"),
    [
        ("4月20日到26日八千办事处哪天设的核酸检测点最多？", r"核酸检测点(\d+)个", max),
        ("4月下旬明湖办事处哪一天上岗的志愿者最少？", r"(\d+)名志愿者", min),
    ],
)
def test_which_day_had_the_most_comes_first(bulletins, question, figure, pick):
    import re

    from retrieval.text.corpus import load_corpus

    out, searcher = bulletins
    office = "八千" if "八千" in question else "明湖"
    first, last = ("2022-04-20", "2022-04-26") if "26日" in question else ("2022-04-21", "2022-04-30")
    articles, _ = load_corpus(out / "corpus")
    by_day = {
        a.date: int(re.search(figure, a.text).group(1))
        for a in articles
        if a.title.startswith(office) and first <= a.date <= last
    }
    hits = searcher.search(question).hits
    assert hits[0].date == pick(by_day, key=by_day.get)
    assert len({hit.date for hit in hits}) == len(hits)  # one excerpt a day


def test_a_day_asked_of_a_mostly_undated_archive_keeps_its_undated_reports(engine):
    """One seed page has a date (April 2020); the page saying 截至4月27日 has none, and is the answer."""
    result = engine.search("截止到4月底八千那边一共下沉了多少机关干部啊")
    assert not result.not_found and "下沉机关干部66人" in result.hits[0].excerpt
    assert not result.understood_dates and "按日期" not in format_result_text(result)
