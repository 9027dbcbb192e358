"""Follow-up questions on the real seeds index, from the CLI, and the conversation store."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from bot.cli import main
from bot.conversation import Conversations
from bot.repl import Repl
from retrieval.bench.evaluate import evaluate, read_questions
from retrieval.search.context import ContextResolver
from retrieval.search.figures import asked_figures, gives_figure
from retrieval.search.titles_asked import asked_title_of
from retrieval.text.tokenize import Tokenizer

DATA = Path(__file__).resolve().parent / "data"
TEAM = "山东援郑医疗队是由哪几支队伍组成的？"
HOURS = "每天从早上8点开始做准备"


def _report(engine, name: str):
    return evaluate(
        lambda q: engine.search(q.question, k=10, context=q.context), read_questions(DATA / name)
    )


def test_a_follow_up_leans_on_the_earlier_question(engine):
    alone = engine.search("他们每天从几点干到几点？")
    followed = engine.search("他们每天从几点干到几点？", context=[TEAM])
    assert followed.context_used == "山东援郑医疗队"
    assert HOURS in followed.hits[0].excerpt
    assert HOURS in followed.hits[0].highlight  # the sentence marked is the answer, not the team
    assert alone.context_used == "" and (alone.not_found or HOURS not in alone.hits[0].excerpt)


def test_a_question_naming_its_subject_ignores_an_unrelated_earlier_one(engine):
    alone = engine.search("翟庄村党支部书记叫什么？")
    after = engine.search("翟庄村党支部书记叫什么？", context=[TEAM])
    assert after.context_used == ""
    assert [(h.source, h.excerpt) for h in after.hits] == [(h.source, h.excerpt) for h in alone.hits]


def test_the_subject_carries_over_two_follow_ups(engine):
    result = engine.search("那志愿者招了多少？", context=["荣阳市成立了多少个临时党支部？", "他们组建了多少支突击队？"])
    assert result.context_used == "荣阳市"
    assert "招募志愿者2389人" in result.hits[0].excerpt


def test_a_subject_jieba_cuts_apart_still_carries_over(engine):
    """经开区 is cut 经/p 开区/ns, so no run of nouns starts the earlier question: the name at its
    start is the subject all the same, with the office named after it."""
    result = engine.search("他们在哪个路口做引导", context=["经开区党政办成立了什么志愿队？"])
    assert result.context_used.startswith("经开区党政办")  # and the 志愿队 asked of: 路口 is asked for
    assert "南三环下口" in result.hits[0].excerpt


def test_follow_up_and_unrelated_turn_sets_meet_the_bar(engine):
    followups = _report(engine, "seeds_followup_dev.jsonl")
    # "那中牟县呢？" after 八千办事处's 机关干部 finds its figure at rank 2: 八千办事处's own passage
    # says 下沉机关干部 too, and the figure's passage names 中牟县 only through its article's lead.
    assert followups.hit_at_1 >= 0.95 and followups.hit_at_5 == 1.0, followups
    # Written later, before any code change for them: one of 30 finds the answer at rank 2 only
    # ("他们排查的是哪些人": the passage after the one that lists them). Another ("那他们怎么照顾
    # 隔离人员" after 席庄村) is first on an Intel Xeon and second on an AMD EPYC: its two best
    # passages are within 2% in the fused score, and the int8 encoder's vectors differ by CPU.
    later = _report(engine, "seeds_followup2_dev.jsonl")
    assert later.hit_at_1 >= 0.9 and later.hit_at_5 == 1.0 and later.false_not_found == 0.0, later
    # Written the next session from the reports, before the counted noun and the names weighed
    # as headline words: 0.950 / 1.000 then.
    third = _report(engine, "seeds_followup3_dev.jsonl")
    assert third.hit_at_1 >= 0.95 and third.hit_at_5 == 1.0 and third.false_not_found == 0.0, third
    unrelated = _report(engine, "seeds_followup_unrelated_dev.jsonl")
    assert unrelated.hit_at_1 >= 0.975 and unrelated.false_not_found == 0.0, unrelated


def test_an_unrelated_earlier_turn_costs_no_answer(engine):
    """Every answerable question of three single-question sets, each asked after a question on
    another page: hit@1 may drop by 0.025 at most (issue 10's bar), and nothing turns not found."""
    questions = [
        question
        for name in ("seeds_dev.jsonl", "seeds_colloquial_dev.jsonl", "seeds_colloquial2_dev.jsonl")
        for question in read_questions(DATA / name)
    ]
    after_another = []
    for i, question in enumerate(questions):
        other = next(q for q in questions[i + 7 :] + questions[: i + 7] if q.source != question.source)
        after_another.append(replace(question, context=(other.question,)))
    alone = evaluate(lambda q: engine.search(q.question, k=10), questions)
    after = evaluate(lambda q: engine.search(q.question, k=10, context=q.context), after_another)
    assert after.hit_at_1 >= alone.hit_at_1 - 0.025 and after.false_not_found == 0.0, (alone, after)


def test_cli_ask_takes_the_context(seeds_index, capsys):
    code = main(["ask", "--index", str(seeds_index), "-k", "1", "--context", TEAM, "他们每天从几点干到几点？"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("（接上文：山东援郑医疗队）") and HOURS in out.replace("\n", "")


def test_conversations_keep_recent_turns_per_key_and_forget_quiet_ones():
    now = [0.0]
    conversations = Conversations(quiet_seconds=60, turns=2, clock=lambda: now[0])
    for question in ("一", "二", "三"):
        conversations.add("chat-a", question)
    assert conversations.context("chat-a") == ("二", "三")
    assert conversations.context("chat-b") == ()
    now[0] = 61.0
    assert conversations.context("chat-a") == ()
    conversations.add("chat-a", "四")
    conversations.forget("chat-a")
    assert conversations.context("chat-a") == ()


def test_a_follow_up_naming_a_thing_by_its_head_takes_the_thing_along(engine):
    """"这些专班" are the 敲门行动工作专班 of the turn before: they go with the subject, and say so."""
    result = engine.search("这些专班是干什么的", context=["中牟县成立了多少个敲门行动工作专班？"])
    assert result.context_used == "中牟县 敲门行动工作专班"
    assert "采取上门服务" in result.hits[0].highlight


def test_a_count_of_the_head_names_the_thing_of_the_turn_before(engine):
    """车 of "几辆车" (one jieba word: count, measure word, noun) is the 流动采样车 of the turn
    before, cut off before its 每辆: the vehicles go along and their count comes first."""
    result = engine.search("那一共有几辆车啊", context=["明港办事处的流动采样车每辆配几个人"])
    assert result.context_used == "明港办事处 流动采样车"
    assert "6辆流动采样车" in result.hits[0].excerpt
    # jieba cuts 流动采样车上 as 流动 采样 车上 (a place): the run names the 车 all the same.
    result = engine.search("那一共有几辆车啊", context=["明港办事处的流动采样车上都配了啥人"])
    assert result.context_used == "明港办事处 流动采样车"
    assert "6辆流动采样车" in result.hits[0].highlight


def test_a_count_jieba_glues_to_its_noun_is_told_by_the_noun_beside_a_figure():
    """几辆车 is one word to jieba: the 6辆 beside 流动采样车 tells it, where no sentence says 几辆车."""
    sentence = "6辆流动采样车每天为近4000名工人上门采样。"
    assert gives_figure({"几辆车": 1.0}, [sentence], "明港办事处一共有几辆车", asked_figures("一共有几辆车"))
    assert not gives_figure({"几辆车": 1.0}, ["每天为近4000名工人上门采样。"], "明港办事处一共有几辆车")


def test_any_count_with_its_measure_word_names_the_thing_by_its_head():
    """多少台电脑 after 笔记本电脑 as 几辆车 after 流动采样车; a count of people (几个人) names
    nothing of its own, so it goes on about the thing the turn before asked of."""
    resolver = ContextResolver(Tokenizer(()))
    computers = resolver.resolve("那一共有多少台电脑", ["明湖办事处的笔记本电脑每台多少钱"])
    assert computers.subject == "明湖办事处 笔记本电脑"
    people = resolver.resolve("那有几个人", ["明港办事处的流动采样车每辆配几个人"])
    assert people.subject == "明港办事处 流动采样车"


def test_the_passage_that_answers_comes_before_the_one_naming_the_subject_again(engine):
    """Both passages are 荣阳市's article: "选派3名组工干部进驻检测企业" does not repeat the name,
    which the article gave in its lead, and still answers "派了几个人去检测企业" first."""
    result = engine.search("派了几个人去检测企业", context=["荣阳市设了几个集中转运点"])
    assert result.context_used == "荣阳市"
    assert "选派3名组工干部进驻检测企业" in result.hits[0].highlight
    alone = engine.search("荣阳核酸检测专班有多少人")
    assert "13名业务骨干" in alone.hits[0].highlight


def test_he_means_the_person_named_after_what_the_earlier_question_opens_with(engine):
    """"55岁的社区工作者张明强在核酸检测里干啥？" opens with his age, not his name; "他几点开始干？"
    still means 张明强 (开始时间是6时15分)."""
    result = engine.search("他几点开始干？", context=["55岁的社区工作者张明强在核酸检测里干啥？"])
    assert "张明强" in result.context_used and "6时15分" in result.hits[0].excerpt


def test_what_the_earlier_turn_asked_with_jiao_is_no_part_of_whom_it_described(engine):
    """"…的那个老党员叫啥？" describes him by 村委办公楼核对核酸安排, not "党员叫"; then 他 of "他是
    哪个村的支书？" finds 毛书学's passage (身为蒋冲村党支部书记)."""
    earlier = "经开区凌晨5点就在村委办公楼核对核酸安排的那个老党员叫啥？"
    result = engine.search("他是哪个村的支书？", context=[earlier])
    assert "叫" not in result.context_used and "身为蒋冲村党支部书记" in result.hits[0].excerpt


def test_a_question_word_or_a_common_noun_is_no_name_a_follow_up_opens_with(engine):
    """"送到哪家医院了？" opens with no name (送到哪家 + 医院 is none): it goes on about 明港办事处's
    pregnant woman. "那社区书记、主任呢？" asks the earlier count of them: 社区 is no place's name."""
    sent = engine.search("送到哪家医院了？", context=["明港办事处管控区有个孕妇快生了，办事处咋处理的？"])
    assert "明港办事处" in sent.context_used
    assert any("郑大一附院南院区" in hit.excerpt for hit in sent.hits)
    counted = engine.search("那社区书记、主任呢？", context=["明湖办事处有多少机关工作人员下沉一线？"])
    assert counted.context_used == "明湖办事处"


def test_a_follow_up_naming_no_thing_of_its_own_goes_on_about_the_earlier_ones(engine):
    """"一天能采多少人？" names nothing but a count: it asks of the 流动核酸检测车 the turn before asked
    about, not of any of 明港办事处's reports. A phrase ending in a verb (队伍组成) is no thing."""
    result = engine.search("一天能采多少人？", context=["明港办事处的流动核酸检测车都去哪儿采样？"])
    assert result.context_used == "明港办事处 流动核酸检测车"
    assert "每天为近4000名工人上门采样" in result.hits[0].excerpt
    hours = engine.search("他们每天从几点干到几点？", context=["山东援郑医疗队是由哪几支队伍组成的？"])
    assert hours.context_used == "山东援郑医疗队"
    # What the turn before counted may be a noun of two characters, cut off its count by jieba
    # (多少 + 户 + 居民): "一共多少人" then counts 居民, and the page's 161771名居民 comes first.
    people = engine.search("一共多少人？", context=["明湖办事处辖区有多少户居民？"])
    assert people.context_used.endswith("居民")
    assert "161771名居民" in people.hits[0].excerpt


def test_a_name_and_ne_asks_the_earlier_question_of_it_and_marks_its_answer(engine):
    """"南阳的呢？" (no 那) after "山东援郑医疗队一共多少人？" asks how many 南阳's team had: the
    sentence marked holds the figure, not just the name 南阳."""
    result = engine.search("南阳的呢？", context=["山东援郑医疗队一共多少人？"])
    assert result.context_used == "援郑医疗队一共多少人？"
    assert "80人支援队" in result.hits[0].highlight
    # 啥时候 asks a date as 什么时候 does: the date is marked and given.
    started = engine.search("啥时候开始发车的？", context=["管城区用什么车当流动采样车？"])
    assert started.answer is not None and started.answer.text == "1月11日"
    # A name's 的 inside what is asked of: 南阳/ns 的 医疗队 is asked the same question too.
    phrase = engine.search("那南阳的医疗队呢？", context=["山东省援郑医疗队一共来了多少人？"])
    assert phrase.answer is not None and phrase.answer.text == "80人"
    after_fifth = engine.search("那中牟县呢？", context=["荣阳市成立了多少个临时党支部？"])
    assert after_fifth.answer is not None and after_fifth.answer.text == "299个"
    # A question that ends in 呢 but asks something itself stands alone.
    alone = engine.search("明湖办事处发了多少口罩呢", context=["山东援郑医疗队一共多少人？"])
    assert alone.context_used == "" and "178260" in alone.hits[0].excerpt + alone.hits[1].excerpt


def test_that_one_then_asks_the_earlier_question_of_another_subject(engine):
    """"那翟庄村呢？" after "蒋冲村党支部书记是谁？" asks for 翟庄村's party secretary."""
    result = engine.search("那翟庄村呢？", context=["蒋冲村党支部书记是谁？"])
    assert result.context_used == "党支部书记是谁？"
    assert "翟西才" in result.hits[0].excerpt


def test_that_one_then_asks_the_earlier_count_of_another_thing_of_the_same_subject(engine):
    """"那护目镜呢" after "明湖办事处发了多少口罩" counts 护目镜 of 明湖办事处: the figure given is
    of 护目镜, not the 口罩 of the same sentence; 村党组织 (jieba: 那村 + 党组织/nt) is a thing of
    登封市, not another subject."""
    goggles = engine.search("那护目镜呢", context=["明湖办事处发了多少口罩？"])
    assert goggles.context_used == "明湖办事处" and goggles.answer.text == "200个"
    posts = engine.search("党员先锋岗呢", context=["明湖办事处成立了多少个临时党支部？"])
    assert posts.answer.text == "29个"  # not the 20个 临时党支部 of the same sentence
    # "那党员有多少呢" asks the count again of 党员, as "那党员呢" would: not 一名党员就是一面旗帜.
    members = engine.search("那党员有多少呢", context=["八千办事处下沉了多少机关干部？"])
    assert members.context_used == "八千办事处" and "205名党员" in members.hits[0].highlight
    # Not after a question that counted nothing, nor of a thing the earlier count named (核酸点).
    people = engine.search("那镇区流动人口有多少", context=["八千办事处镇区管理办临时党支部书记是谁"])
    assert people.answer is not None and people.answer.text == "7000余人"
    points = engine.search("那核酸点一共有几个", context=["登封派了多少党员去核酸点帮忙"])
    assert points.answer is not None and points.answer.text == "132个"
    # And back: 临时党支部 is a kind of branch (临时 sorts, jieba's b), not a subject named by 党支部.
    branches = engine.search("那临时党支部呢", context=["明湖办事处设了多少个党员先锋岗"])
    assert branches.context_used == "明湖办事处" and branches.answer.text == "20个"
    villages = engine.search("那村党组织呢", context=["登封市有多少个社区支部动员党员组突击队"])
    assert villages.context_used == "登封市" and "299个村党组织" in villages.hits[0].excerpt
    # An earlier question that counts nothing is not asked again of the thing: no byline for 护目镜.
    after_byline = engine.search("那护目镜呢", context=["翟庄村导师帮带那篇的通讯员是谁"])
    assert after_byline.answer is None or after_byline.answer.text != "翟昱昊"


def test_he_after_a_turn_describing_someone_takes_the_description_along(engine):
    """他 is the 信息采集员 of the turn before, at the station named before that (IT产业园…, a
    subject that opens with a Latin word)."""
    chat = ["IT产业园第十二工作站站长叫啥", "他们站里那个55岁的信息采集员是谁"]
    result = engine.search("他当时都面临啥难处", context=chat)
    assert result.context_used.startswith("IT产业园第十二工作站") and "信息采集" in result.context_used
    assert any("智能手机使用不熟练" in hit.excerpt for hit in result.hits[:5])


def test_the_subject_carried_stops_at_the_question_word(engine):
    """多少 and 一共 are tagged as numerals, like the counts a subject may hold: the line shown was
    "（接上文：山东援郑医疗队一共多少人）"."""
    result = engine.search("每天几点结束", context=["山东援郑医疗队一共多少人"])
    assert result.context_used == "山东援郑医疗队"


def test_a_short_name_jieba_does_not_read_as_one_is_still_the_subject(engine):
    """登封 is tagged a verb and 经开 cut 经 + 开, but both are the corpus's short names; "这么弄对
    小区居民…" opens with no name, though 小区 ends like one."""
    elsewhere = engine.search("除了卡点他们还去哪", context=["登封那17个行业部门组的突击队在哪站岗"])
    assert elsewhere.context_used.startswith("登封") and "深入人员密集场所" in elsewhere.hits[0].excerpt
    union = engine.search("他说现在是啥阶段啊", context=["经开工会主席去慰问了哪些卡口"])
    assert union.context_used == "经开工会主席" and "最关键阶段" in union.hits[0].excerpt
    assert engine.search("这么弄对小区居民有啥好处", context=["明港那流动采样车一天给多少工人采样啊"]).context_used == "明港"


def test_what_post_someone_holds_is_said_by_the_post(engine):
    """No passage says 职务; 张庄办事处副主任李君川 is the answer."""
    result = engine.search("他是啥职务啊", context=["张庄办事处翟庄村的帮带导师是谁"])
    assert not result.not_found and "张庄办事处副主任李君川" in result.hits[0].excerpt


def test_the_other_subject_is_found_in_a_passage_that_names_it_only_in_its_lead(engine):
    """The same words of 荣阳市 or 八千办事处 answer another question than "那中牟县呢？"."""
    result = engine.search("那中牟县呢？", context=["荣阳市成立了多少个临时党支部？"])
    assert result.hits[0].title == "在疫情防控中 锻造能力作风"  # 中牟县's article
    assert "成立临时党支部299个" in result.hits[0].excerpt


def test_the_repl_follows_up_until_new(engine):
    out = io.StringIO()
    repl = Repl(engine, k=1, out=out)
    repl.handle(TEAM)
    repl.handle("他们每天从几点干到几点？")
    assert "（接上文：山东援郑医疗队）" in out.getvalue()
    repl.handle(":new")
    out.truncate(0)
    repl.handle("他们每天从几点干到几点？")
    assert "接上文" not in out.getvalue()


def test_which_leader_is_asked_as_a_person_not_as_a_place(engine):
    """哪个领导 read as 哪个 + a kind of place needed 领导 in the passages, which say 副主任崔郑波:
    the follow-up was turned away."""
    result = engine.search("每天上门看他们的是哪个领导", context=["银河办事处居家隔离的一共多少人"])
    assert not result.not_found and "崔郑波" in result.hits[0].excerpt


def test_how_long_someone_has_been_in_a_calling_is_said_the_reports_way(engine):
    """干医生多少年 against the page's 两个人从医超过30年, 入党多少年 against 32年党龄: the years
    were there, beside no word the reader used, and both were turned away."""
    result = engine.search("她俩干医生多少年了", context=["河南省儿童医院来支援明港 带队的是谁"])
    assert not result.not_found and "从医超过30年" in result.hits[0].excerpt
    assert not engine.search("张明强入党多少年了").not_found
    assert engine.search("蒋冲村毛书学当书记多少年了").not_found  # no page says


def test_two_counts_glued_to_their_measure_words_count_the_first_one_s_noun(engine):
    """"他一天带几辆车跑几趟": jieba's 几辆车 and 几趟 are counts asked; what is counted is 车, which
    the page counts (带领7辆转运车辆进行20次的转运), not a thing called 跑."""
    from retrieval.search.figures import counted_words

    asked = ["一天", "带", "几辆车", "跑", "几趟"]
    assert counted_words("他一天带几辆车跑几趟", asked) == ["车", "跑"]
    result = engine.search("他一天带几辆车跑几趟", context=["银河办事处转运组组长是谁"])
    assert not result.not_found and "7辆转运车辆" in result.hits[0].highlight


def test_a_day_asked_with_no_word_of_its_own_is_answered_beside_the_name_carried(engine):
    """"他们是几号过去的": 过去 is a direction (query.FILLER_WORDS) and 号 is what jieba left of 几号,
    so a date beside the 河南省儿童医院 carried over answers (自4月15日驰援航空港区以来)."""
    result = engine.search("他们是几号过去的", context=["河南省儿童医院去明港支援了多少医护"])
    assert not result.not_found and "自4月15日驰援航空港区以来" in result.hits[0].excerpt


def test_verbs_alone_or_a_kind_asked_for_name_no_thing_of_the_follow_up_s_own():
    """"几号开始跑的" names nothing but what was done: it asks of the thing the turn before asked of.
    The kind a question word asks for (啥东西, which jieba tags as a place) is no subject of its
    own either: the person the turn before asked of carries over."""
    resolver = ContextResolver(Tokenizer(()))
    started = resolver.resolve("几号开始跑的", ["管城区投了多少辆流动采样车"])
    assert started.subject == "管城区 流动采样车"
    brought = resolver.resolve("都送了啥东西", ["王宏伟去慰问了哪些卡口"])
    assert brought.subject == "王宏伟"
    # What is counted by a doer left unsaid (给多少工人采: who samples them?) is no thing of the
    # turn's own; the thing asked is (招了多少志愿者 asks of 荣阳 alone).
    sampled = resolver.resolve("一天能给多少工人采", ["明港办事处那个流动核酸检测车是干啥的"])
    assert sampled.subject == "明港办事处 流动核酸检测车"
    recruited = resolver.resolve("招了多少志愿者", ["荣阳成立了多少个临时党支部"])
    assert recruited.subject == "荣阳"


def test_a_place_word_after_a_name_is_that_name_s_not_a_pointer_back(engine):
    """明港那边 says where 明港 is: the turn names its own subject, and 登封 stays out of it. A
    那边 with no name before it still points back at the subject of the turn before."""
    own = engine.search("明港那边豫康新城卫生服务中心来了几个医护", context=["登封派了多少党员去核酸点"])
    assert own.context_used == "" and "20名医护人员" in own.hits[0].excerpt
    back = engine.search("那边来了几个医护", context=["明港办事处来了哪些医院支援"])
    assert back.context_used.startswith("明港")


def test_that_one_then_takes_the_place_of_a_count_noun_the_unit_starts(engine):
    """"有多少村民" counts 村民, whose 村 reads as a unit: "那流动人口呢" asks 有多少流动人口, not
    有多少村流动人口, and the direct answer is the count of them. A classifier before its noun
    stays (几辆车 → 几辆救护车)."""
    resolver = engine.searcher.context
    assert resolver.resolve("那流动人口呢", ["蒋冲村有多少村民"]).query.endswith(" 有多少流动人口")
    people = engine.search("那流动人口呢", context=["蒋冲村有多少村民"])
    assert people.answer is not None and people.answer.text == "6000余名"
    assert resolver.resolve("那救护车呢", ["明港办事处有几辆流动采样车"]).query.endswith("有几辆救护车")


def test_a_name_opening_with_latin_letters_is_the_turn_s_own_subject(engine):
    """IT产业园 (IT/eng 产业园/n) names the subject: 明港 of the turn before is not put before it."""
    result = engine.search("IT产业园那个退役军人一天在隔离区里待多久", context=["明港给滞留司机办通行证了没"])
    assert result.context_used == "" and not result.not_found


def test_them_after_give_is_whom_something_was_done_for(engine):
    """办事处给他们定了啥机制: 他们 after 给 are the people asked about before (居家隔离), not its
    subject; with 蒋冲村 alone the passage on its test's start came before 落实“五包一”工作机制."""
    result = engine.search("办事处给他们定了啥机制", context=["蒋冲村有几个居家隔离的"])
    assert result.context_used == "蒋冲村 居家隔离"
    assert "五包一" in result.hits[0].excerpt


def test_a_leading_then_jieba_glues_to_an_unknown_word_still_goes_on(engine):
    """那额温枪发了几个: jieba's HMM cut 那额 + 温枪发, two words no report has, and the question was
    turned away; with 那 set apart it asks of 额温枪 what the turn before asked of 明湖办事处."""
    result = engine.search("那额温枪发了几个", context=["明湖办事处2020年疫情时候发了哪些防疫物资"])
    assert not result.not_found
    assert "额温枪43个" in result.hits[0].highlight


def test_they_after_a_place_are_the_people_the_turn_before_counted_there(engine):
    """他们 after 荥阳 is no place but the 核酸检测专班 the turn before counted: with 荥阳 alone no
    passage of the best five said what the team does."""
    result = engine.search("他们负责啥工作", context=["荥阳的核酸检测专班抽了多少人"])
    assert result.context_used == "荥阳 核酸检测专班"
    assert "负责核酸检测统筹协调" in result.hits[0].highlight
    result = engine.search("他们都下到哪儿去了", context=["中牟县抽了多少机关干部下沉"])
    assert "下沉到村(社区)和高速卡口" in result.hits[0].highlight
    # Not when the turn before counted nobody: 他们家孩子 are the village's people.
    assert "居家" not in engine.search("那他们家孩子上学咋办", context=["席庄村对居家隔离的人咋管的"]).context_used


def test_a_title_asked_for_is_answered_by_the_passage_quoting_it(engine):
    """信的标题叫啥来着: the lead (its 信心) and another page came before the passage quoting
    《在大战大考中锤炼过硬作风…的一封信》; the first of the best three quoting a title holding 信 goes first."""
    chats = [("八千办事处那封信是几号发的呀", "信的标题叫啥来着"), ("八千办事处那封给党员群众的信是哪天发的", "标题叫啥来着")]
    for earlier, follow_up in chats:
        result = engine.search(follow_up, context=[earlier])
        assert "在大战大考中锤炼过硬作风" in result.hits[0].highlight, follow_up
    assert asked_title_of("那封公开信的题目是啥") == "信" and asked_title_of("信是哪天发的") is None
    # What a letter is called is its title, which a page may quote in “” (宣传“致辖区居民的一封信”):
    # the passage quoting another notice's 《…》 came first.
    called = engine.search("席庄村发给居民的那个公开信叫什么")
    assert "致辖区居民的一封信" in called.hits[0].highlight
    assert asked_title_of("那个公开信叫什么") == "信" and asked_title_of("那个通知叫啥名字") == "知"


def test_the_day_something_was_done_is_told_in_the_report_s_own_words(engine):
    """几号开始发车的 against 1月11日发出流动检测车以来: no passage says 发车, and the sentence
    giving the day shares its characters (发, 车); the question was turned away."""
    result = engine.search("那是从几号开始发车的", context=["管城区的流动采样车服务了多少群众"])
    assert not result.not_found
    assert "1月11日" in result.hits[0].highlight
    assert engine.search("郑州地铁啥时候恢复运营的").not_found  # a day no report tells, as before


def test_a_pronoun_and_a_name_s_ending_make_no_name(engine):
    """他们村 ends as a village's name does, and its head 他们 points back: it is no subject of the
    question's own, which a later turn would then carry (他们村 as if a village were so called)."""
    resolved = engine.searcher.context.resolve("他们村有多少村民啊", ["毛书学是哪个村的书记"])
    assert "他们村" not in (resolved.subject, resolved.own_subject)


def test_there_is_the_place_the_turn_before_asked_of(engine):
    """那里 after "席庄村的紧急通行路口留了几个" is the 通行路口 (路口, a place word jieba tags apart
    from nouns): with 席庄村 alone the question was turned away."""
    result = engine.search("那里是咋值守的", context=["席庄村的紧急通行路口留了几个"])
    assert result.context_used == "席庄村 通行路口"
    assert "24小时值班看守" in result.hits[0].highlight


def test_an_office_named_after_its_district_is_carried_whole(engine):
    """经开区前程办事处: jieba was given 前程办事处 as a word with no tag, and the subject stopped at
    经开区, whose pages are many; the follow-up found another office's passage first."""
    result = engine.search("他们成立了哪几个巡查专班", context=["经开区前程办事处主任是谁"])
    assert result.context_used == "经开区前程办事处"
    assert "民兵巡查组、干部巡查组和智能巡查组" in result.hits[0].excerpt


def test_an_earlier_turn_opening_with_a_date_still_gives_its_subject(engine):
    """"截至4月27日,八千办事处下沉了多少名机关干部?": the date clause opened the turn, no subject was
    found, and "那志愿者呢" was searched alone. The date stays in what is asked again."""
    earlier = ["截至4月27日,八千办事处下沉了多少机关干部?"]
    result = engine.search("那志愿者呢", context=earlier)
    assert result.context_used and "志愿者参与疫情防控工作累计1142人次" in result.hits[0].excerpt
    resolved = engine.searcher.context.resolve("那党员有多少呢", earlier)
    assert resolved.own_subject == "八千办事处" and "截至4月27日" in resolved.query
    # The same question after an unrelated turn stands alone, as typed.
    assert engine.searcher.context.resolve(earlier[0], ["明天郑州会下雨吗?"]).query == earlier[0]


def test_a_count_asked_after_a_turn_on_a_thing_counts_that_thing(engine):
    """"一共有几辆啊" after "明港办事处的每辆流动采样车配备了哪些人员?": the thing is 流动采样车 (its
    run went on to the verb 配备), and 一共 (jieba: an abbreviation) names nothing of its own."""
    result = engine.search("一共有几辆啊", context=["明港办事处的每辆流动采样车配备了哪些人员?"])
    assert result.context_used == "明港办事处 流动采样车"
    assert result.answer is not None and result.answer.text == "6辆"
    # People counted by their noun (多少群众) are answered in heads, not by the 13辆公交车 carried.
    served = engine.search("一共服务了多少群众啊", context=["管城区投了多少辆公交车当流动采样车"])
    assert served.answer is not None and served.answer.text == "13000余名"


def test_a_name_then_that_one_asks_the_earlier_question_of_the_name(engine):
    """"山东那支呢" after "南阳市援郑医疗队有多少人?" asks it of 山东's team: 100人."""
    result = engine.search("山东那支呢", context=["南阳市援郑医疗队有多少人?"])
    assert result.answer is not None and result.answer.text == "100人"
    assert engine.search("那个呢", context=["南阳市援郑医疗队有多少人?"]).context_used == "南阳市援郑医疗队"


def test_the_things_a_turn_asks_of_are_its_noun_runs_or_a_counted_run_up_to_its_noun():
    """"每辆流动采样车配备了哪些人员": the run after 每辆 goes on to the verb 配备, and the thing is
    流动采样车; a run no count opens and a verb ends (站长潘鹏负责) is no thing. 一共 (jieba: an
    abbreviation) is no noun a follow-up names."""
    from retrieval.search.chat_phrases import noun_phrases

    tokenizer = Tokenizer(())
    counted = noun_phrases(tokenizer.tagged("每辆流动采样车配备了哪些人员"), ending_in_noun=True)
    assert counted == ("流动采样车",)
    assert noun_phrases(tokenizer.tagged("站长潘鹏负责哪些公寓"), ending_in_noun=True) == ()
    assert noun_phrases(tokenizer.tagged("一共有几辆"), holding_noun=True) == ()


def test_a_name_jieba_tags_as_none_is_asked_the_earlier_question_or_one_of_its_own(engine):
    """"那登封呢" after a question of 中牟县 asks it of 登封, which jieba tags a verb (登封/v): it
    was searched as 中牟县's. "那登封呢,几个部门" asks a question of 登封's own: turned away before."""
    earlier = ["中牟县从多少个县直单位抽调了干部?"]
    again = engine.search("那登封呢", context=earlier)
    assert again.context_used == "从多少个县直单位抽调了干部?" and "登封市" in again.hits[0].excerpt
    assert engine.search("那经开区呢", context=earlier).context_used == "从多少个县直单位抽调了干部?"
    own = engine.search("那登封呢,几个部门", context=earlier)
    assert own.context_used == "" and own.answer is not None and own.answer.text == "28个"
    # A name made with a suffix but no corpus name's (村改居 is none) is no subject swapped in.
    assert engine.search("村改居社区呢", context=["明湖城市社区用的是啥联动模式"]).answer is None


def test_of_two_sentences_marking_alike_the_one_naming_the_subject_carried_is_marked(engine):
    """"来了多少人" after a question on 河南省儿童医院: the lead's 80名白衣天使 (3家医疗机构) and
    "河南省儿童医院的50名医护人员" score alike without the carried subject, which marks no
    sentence (chat_turn.marking_words); the one naming it is marked, not the first."""
    result = engine.search("来了多少人", context=["河南省儿童医院支援明港是谁带队的?"])
    assert "河南省儿童医院的50名医护人员" in result.hits[0].highlight
    assert result.answer is not None and result.answer.text == "50名"


def test_a_person_whose_name_jieba_cut_after_the_surname_is_the_subject_carried(engine):
    """"他们村有多少村民" after "毛书学是哪个村的支部书记": jieba cuts 毛/nr 书学/n, so the earlier
    turn had no subject to carry and the follow-up was searched alone (蒋冲村's 3750名 at rank 4)."""
    result = engine.search("他们村有多少村民", context=["毛书学是哪个村的支部书记"])
    assert result.context_used.startswith("毛书学")
    assert result.answer is not None and result.answer.text == "3750名"


def test_a_swapped_name_then_its_question_may_be_set_apart_by_a_space_and_be_jieba_s_place(engine):
    """"那荥阳呢 组织了多少党员干部" after a question of 登封: 荥阳 (jieba: a place; the reports say
    荣阳) is swapped in, and the question after the space is its own."""
    result = engine.search("那荥阳呢 组织了多少党员干部", context=["登封派了多少党员去核酸检测点帮忙?"])
    assert result.context_used == "" and result.answer is not None and result.answer.text == "26168人"
