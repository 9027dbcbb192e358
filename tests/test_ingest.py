"""Ingest: report files -> articles, on the shipped seed pages and on files written under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from retrieval.errors import CorpusEmpty, CorpusMissing, UndecodableFile
from retrieval.text.corpus import iter_corpus_files, load_corpus, read_articles
from retrieval.text.ingest import decode_report, page_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PAGE_000 = "000_cec1fee83778a17a.txt"
PAGE_001 = "001_c1940cad4a4d3e86.txt"
PAGE_002 = "002_da53ae4b4d24c8ae.txt"
PAGE_003 = "003_ae551ef007b5810a.txt"
PAGE_004 = "004_3dce56448bb60ae0.txt"


def seed_articles(name: str):
    return read_articles(SEEDS / name, SEEDS)


def all_paragraphs(name: str) -> list[str]:
    return [p for article in seed_articles(name) for p in article.paragraphs]


@pytest.mark.parametrize(
    ("page", "joined"),
    [
        (PAGE_000, "办事处疫情专班人员连夜分配核酸检测物资,村组干部"),
        (PAGE_000, "办事处领导以上率下,靠前指挥:依托党建"),
        (PAGE_003, "他事无巨细、事事把关"),
        (PAGE_004, "送去工会组织的关爱和温暖"),
        (PAGE_000, "“不出厂区就能做完检测,太方便了。”"),
        (PAGE_001, "消毒酒精2628桶(瓶),“84”消毒液"),
    ],
)
def test_lines_broken_inside_a_sentence_are_joined(page, joined):
    assert any(joined in paragraph for paragraph in all_paragraphs(page))


def test_headings_stay_apart_from_the_paragraph_under_them():
    first = seed_articles(PAGE_000)[0]
    sections = [first.paragraphs[i] for i in first.subheadings]
    assert sections == [
        "靠前指挥 主动担当作为",
        "党建引领 构筑坚强“红色堡垒”",
        "众志成城 冲锋“疫”线锻能力",
        "党群同心 铸就疫情防控“铜墙铁壁”",
    ]
    under = first.paragraphs[first.subheadings[0] + 1]
    assert under.startswith("在本次疫情防控工作中")


@pytest.mark.parametrize(
    ("page", "titles"),
    [
        (
            PAGE_000,
            [
                "八千办事处 在“能力作风建设年”活动中书写抗疫答卷",
                "抓细抓实各项举措 锤炼干部能力作风",
                "明港办事处 全力做好管控区群众生活服务保障",
                "流动核酸检测车开进企业和工地",
                "他们用自己的方式感谢医护人员",
            ],
        ),
        (PAGE_001, ["明湖办事处 “硬核”防控与“温情”相守"]),
        (
            PAGE_002,
            [
                "砥砺严实作风 精准做好防控",
                "“严”字当头“细”处着力 让被隔离人员安心放心",
                "念好“快”“暖”“严”三字经 确保核酸检测有速度有温度",
                "管城区投入13辆流动采样车",
                "在疫情防控中 锻造能力作风",
                "经开区与援助医疗队携手并肩 克难攻坚 筑牢防线",
                "疫情防控一线的老党员",
                "督导组深入一线 督查防疫不放松",
                "“敲门行动”服务特殊群体",
                "党建赋能疫情防控",
            ],
        ),
        (
            PAGE_003,
            [
                "张庄办事处翟庄村“导师帮带”筑防线",
                "银河办事处砥砺“三心”守初心 温馨用情守防线",
                "突出党建引领 八千办事处把战“疫”堡垒筑在抗疫最前沿",
                "他们有个共同的名字叫“社区人”",
            ],
        ),
        (
            PAGE_004,
            [
                "经开区织牢疫情防控“安全网”",
                "区领导 慰问疫情防控卡口工作人员",
                "总工会 深入村庄参与指导疫情防控工作",
                "祥云办事处席庄村 防疫同时全面推进复工复产",
                "明湖办事处 力保辖区环境安全有序",
                "前程办事处 筑牢疫情“防控墙”",
                "党政办 守好防疫“关口”,共筑防疫“安全线”",
            ],
        ),
    ],
)
def test_seed_pages_split_into_the_articles_an_editor_sees(page, titles):
    articles = seed_articles(page)
    assert [a.title for a in articles] == titles
    assert [a.number for a in articles] == list(range(len(titles)))
    assert all(a.source == page and a.paragraphs for a in articles)


def test_byline_set_under_the_first_paragraph_keeps_the_sections_in_its_article():
    first, second = seed_articles(PAGE_000)[:2]
    assert first.byline == "记者 王军方 通讯员 董辉 文/图"
    assert len(first.paragraphs) == 12 and len(first.subheadings) == 4
    assert second.paragraphs[0].startswith("近日,航空港实验区八千办事处将能力作风建设")
    assert [second.paragraphs[i] for i in second.subheadings][0] == "建机制、强举措 在抗击疫情中锻造能力作风"


def test_page_furniture_gives_the_date_and_is_not_an_article():
    (article,) = seed_articles(PAGE_001)
    assert article.date == "2020-04-03"
    assert article.byline == "记者 王赛华 通讯员 王莹 张韶楠 文/图"
    text = article.text
    for furniture in ("星期五", "编辑:赵青", "美编:金驰", "校对:海梅", "2020年4月3日", "共赴春光"):
        assert furniture not in text
    # Who made the page is asked of it ("那一版的编辑是谁"): its articles keep the credits.
    assert article.staff == "编辑:赵青 美编:金驰 校对:海梅"
    assert {a.staff for a in seed_articles(PAGE_000)} == {None}


def test_every_article_of_a_page_keeps_its_credits_however_they_are_set():
    page = "第03版\n责任编辑： 李明  校对:王芳\n\n第一篇 标题\n\n本报讯 第一段。\n\n第二篇 标题\n\n本报讯 第二段。\n"
    articles = page_articles(page, "p.txt")
    assert [a.title for a in articles] == ["第一篇 标题", "第二篇 标题"]
    assert {a.staff for a in articles} == {"责任编辑： 李明 校对:王芳"}


def test_pages_without_furniture_have_no_date_even_with_dates_in_the_body():
    assert {a.date for name in (PAGE_000, PAGE_002, PAGE_003, PAGE_004) for a in seed_articles(name)} == {
        None
    }


def test_bylines_from_lead_own_line_and_paragraph_end():
    page_002 = seed_articles(PAGE_002)
    assert page_002[0].byline == "记者 李晓光 通讯员 宋跃伟 雷达"  # from "本报讯(记者 …)"
    assert page_002[6].byline == "本报记者 王译博 通讯员 薛杨柳"
    assert not page_002[6].paragraphs[0].startswith("本报记者")
    page_004 = seed_articles(PAGE_004)
    assert page_004[1].byline == "记者 王赛华 文/图"
    assert page_004[1].paragraphs[-1].endswith("铜墙铁壁。")
    assert page_004[2].byline == "记者 王赛华 柴琳琳 经开时报 李洪永 杨勇"
    assert page_004[5].byline == "记者 柴琳琳"
    assert page_004[5].paragraphs[-1].endswith("阻击战。")


def test_markdown_headlines_are_titles():
    titles = [a.title for a in seed_articles(PAGE_003)]
    assert not any(title.startswith("#") for title in titles)
    assert seed_articles(PAGE_003)[1].byline == "记者 王军方 通讯员 靳晓姣 常瑞芳 文/图"


def test_gbk_file_reads_the_same_as_utf8(tmp_path):
    for name in (PAGE_001, PAGE_003):
        text = (SEEDS / name).read_text(encoding="utf-8")
        (tmp_path / name).write_bytes(text.encode("gbk"))
        assert read_articles(tmp_path / name, tmp_path) == seed_articles(name)


def test_bom_utf8_utf16_and_crlf_read_like_the_plain_file(tmp_path):
    text = (SEEDS / PAGE_004).read_text(encoding="utf-8")
    (tmp_path / "bom8.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    (tmp_path / "bom16.txt").write_bytes(text.encode("utf-16"))
    expected = [(a.title, a.paragraphs, a.byline) for a in seed_articles(PAGE_004)]
    for name in ("bom8.txt", "bom16.txt"):
        assert [
            (a.title, a.paragraphs, a.byline) for a in read_articles(tmp_path / name, tmp_path)
        ] == expected


def test_full_width_spaces_and_indents_are_cleaned():
    text = "\u3000\u3000靠前指挥\u3000主动担当作为  \n\n\u3000\u3000本报讯 近日,八千办事处开展核酸检测。\t \n"
    (article,) = page_articles(text, "a.txt")
    assert article.title == "靠前指挥 主动担当作为"
    assert article.paragraphs == ("本报讯 近日,八千办事处开展核酸检测。",)


def test_bad_files_are_skipped_with_a_warning_and_the_rest_loads(tmp_path):
    shutil.copy(SEEDS / PAGE_000, tmp_path / "good.txt")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(" \n\t\n\u3000\n".encode())
    (tmp_path / "broken.txt").write_bytes("八千办事处".encode() + b"\x80\x81\xff")
    articles, warnings = load_corpus(tmp_path)
    assert {a.source for a in articles} == {"good.txt"}
    assert len(articles) == 5
    assert len(warnings) == 4
    for name in ("binary.txt", "empty.txt", "blank.md", "broken.txt"):
        (line,) = [w for w in warnings if w.startswith(name)]
        assert "\n" not in line


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \r\n\t ", "whitespace"),
        (b"abc\x00def", "binary"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0fabc", "control"),
        ("中文".encode() + b"\x80", "invalid"),
    ],
)
def test_decode_report_names_the_file_and_the_reason(data, reason):
    with pytest.raises(UndecodableFile, match=rf"^page\.txt: .*{reason}"):
        decode_report(data, "page.txt")


def test_oversized_file_is_skipped(tmp_path):
    shutil.copy(SEEDS / PAGE_002, tmp_path / "big.txt")
    shutil.copy(SEEDS / PAGE_001, tmp_path / "small.txt")
    articles, warnings = load_corpus(tmp_path, max_bytes=10_000)
    assert {a.source for a in articles} == {"small.txt"}
    assert len(warnings) == 1 and warnings[0].startswith("big.txt") and "limit" in warnings[0]


def test_cmrc_style_file_is_one_article_with_its_title(tmp_path):
    paragraph = (
        "《泡泡战士》是一款由日本Taito公司于1986年推出的街机游戏,玩家操作两只泡泡龙,吐出泡泡困住敌人。" * 8
    )
    (tmp_path / "cmrc_0001.txt").write_text(f"# 泡泡战士\n\n{paragraph}\n", encoding="utf-8")
    (article,) = read_articles(tmp_path / "cmrc_0001.txt", tmp_path)
    assert article.title == "泡泡战士"
    assert article.paragraphs == (paragraph,)
    assert article.date is None and article.byline is None


def test_file_without_any_headline_is_one_article(tmp_path):
    (tmp_path / "郑州防疫简报.txt").write_text(
        "本报讯 今天全市开展核酸检测。\n\n检测点共有300个。\n", encoding="utf-8"
    )
    (tmp_path / "a1b2.txt").write_text("今天全市开展核酸检测。\n\n检测点共有300个。\n", encoding="utf-8")
    (named,) = read_articles(tmp_path / "郑州防疫简报.txt", tmp_path)
    assert named.title == "郑州防疫简报"
    assert named.paragraphs == ("本报讯 今天全市开展核酸检测。", "检测点共有300个。")
    (unnamed,) = read_articles(tmp_path / "a1b2.txt", tmp_path)
    assert unnamed.title == "今天全市开展核酸检测"


def test_corpus_files_are_found_recursively_sorted_and_hidden_ones_skipped(tmp_path):
    for name in ("b/2.txt", "b/1.md", "a.TXT", ".hidden.txt", ".git/x.txt", "c/d/e.txt", "notes.xlsx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("标题\n\n正文。\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_corpus_files(tmp_path)]
    assert found == ["a.TXT", "b/1.md", "b/2.txt", "c/d/e.txt"]
    articles, _ = load_corpus(tmp_path)
    assert [a.source for a in articles] == found


def test_missing_or_unreadable_corpus_is_a_named_error(tmp_path):
    with pytest.raises(CorpusMissing):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusEmpty, match="empty.txt"):
        load_corpus(tmp_path)
