"""Questions as people type them, on the real seeds index: filler, glued names, pinyin typos."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.bench.evaluate import evaluate, read_questions
from retrieval.search.answer_spans import date_spans
from retrieval.search.asked import (
    asked_words,
    mentions_asked,
    shows_asked,
    surely_asked,
    with_parts,
)
from retrieval.search.bylines import asks_byline, byline_names
from retrieval.search.figures import (
    asked_figures,
    asks_count,
    asks_day,
    asks_identifier,
    asks_which_place,
    counted_words,
    gives_day,
    gives_figure,
)
from retrieval.search.group_sizes import group_asked
from retrieval.search.ordinal_rounds import names_another_round
from retrieval.search.page_staff import asks_staff, staff_names
from retrieval.search.paraphrase import paraphrase_characters
from retrieval.search.people_counts import people_before
from retrieval.search.published import asks_published
from retrieval.search.query import plain_question
from retrieval.search.rerank import person_asked_of
from retrieval.search.roads import names_a_road
from retrieval.search.withheld_names import withholds_name

DATA = Path(__file__).resolve().parent / "data"


def _report(engine, name: str):
    return evaluate(lambda q: engine.search(q.question, k=10, context=q.context), read_questions(DATA / name))


def test_greetings_and_filler_do_not_turn_a_question_away(engine):
    chatty = engine.search("你好，想问一下中牟县为了方便不会用手机的老年人做核酸，专门给他们弄了个啥？")
    assert not chatty.not_found
    assert any("预约二维码卡片" in hit.excerpt for hit in chatty.hits[:5])


def test_a_readers_own_story_around_the_question_does_not_turn_it_away(engine):
    """俺 (a northern 我) and 听说 weighed as words no report has, and pulled the question under
    the not-found threshold."""
    result = engine.search("俺儿子跑车路过八千,听说办事处给外地司机准备了东西,都有啥?")
    assert not result.not_found and "盒饭" in result.hits[0].excerpt
    # Nor does where the reader lives, or that they remember it (俺家在…, 记得那回).
    result = engine.search("俺家就在港区,记得那回全区不让出门,是从几号几点开始的")
    assert not result.not_found and "4月21日0点起" in result.hits[0].excerpt


def test_pronouns_and_idioms_no_report_uses_do_not_turn_a_question_away(engine):
    """中牟那边 ("over in 中牟") and 干这行 ("in this line") point, never name: as words no report
    has, 那边 and 这行 weighed as the rarest name and turned both questions away."""
    result = engine.search("中牟那边老人不会用手机 咋做核酸登记啊")
    assert not result.not_found and "预约二维码卡片" in result.hits[0].excerpt
    result = engine.search("她俩干这行多少年了?", context=["河南省儿童医院来支援明港的带队的是谁?"])
    assert not result.not_found and "从医超过30年" in result.hits[0].excerpt
    # Nor does an idiom saying how it was done (挨家挨户: the page says 逐门户筛查登记).
    result = engine.search("明湖辖区挨家挨户摸下来一共多少人")
    assert not result.not_found and any("161771名居民" in hit.excerpt for hit in result.hits[:5])


def test_colloquial_set_is_never_wrongly_turned_away_and_negatives_still_are(engine):
    colloquial = _report(engine, "seeds_colloquial_dev.jsonl")
    assert colloquial.false_not_found == 0.0, colloquial
    negatives = _report(engine, "seeds_dev_negatives.jsonl")
    assert negatives.not_found_correct == 1.0, negatives


def test_chatty_questions_the_seeds_cannot_answer_are_turned_away_and_answerable_ones_are_not(engine):
    """All 15 colloquial negatives are turned away (6 before the asked-words check, asked.py, 11
    before the figure check, figures.py, 14 before the subject vote, rerank.fuse_subject), and no
    answerable dev question is, follow-ups with
    their context, paraphrases and the second colloquial set included."""
    negatives = _report(engine, "seeds_colloquial_negatives.jsonl")
    assert negatives.not_found_correct >= 0.9, negatives
    answerable_files = ("seeds_dev.jsonl", "seeds_colloquial_dev.jsonl", "seeds_colloquial2_dev.jsonl")
    for name in (*answerable_files, "seeds_followup_dev.jsonl"):
        answerable = _report(engine, name)
        assert answerable.false_not_found == 0.0, (name, answerable)


def test_the_third_colloquial_set_meets_issue_10s_bar(engine):
    """0.941 at rank 1 before the question's names weighed as headline words between an
    article's two best passages (荣阳核酸检测专班有多少人 found 26168人 first)."""
    report = _report(engine, "seeds_colloquial3_dev.jsonl")
    assert report.hit_at_1 >= 0.95 and report.hit_at_5 == 1.0 and report.false_not_found == 0.0, report


def test_a_question_about_a_known_subject_asking_what_no_report_says_is_turned_away(engine):
    """The office has reports of its own, none with a postcode: the subject alone is no answer."""
    assert engine.search("明湖办事处的邮编是多少").not_found
    assert engine.search("中牟县有什么好吃的啊").not_found
    assert not engine.search("明湖办事处发了多少口罩").not_found


def test_a_number_question_whose_best_passages_count_nothing_it_asks_is_turned_away(engine):
    """The reports mention 核酸检测, 村民 and 车, each beside figures of other things, or nowhere
    beside a figure: no price, no count of households, no ambulance."""
    assert engine.search("请问核酸检测多少钱一次").not_found
    assert engine.search("席庄村一共有多少户村民").not_found
    assert engine.search("明港办事处一共派了几辆救护车").not_found
    assert not engine.search("八千有多少党员请战").not_found
    assert not engine.search("明湖发了多少双防护首套").not_found  # 手套, read through the typo


def test_a_number_question_asking_in_a_measure_needs_a_figure_in_it(engine):
    """荥阳's passage counts 26168 people, and 毛书学's tells of his post with no age: a count
    of people is no 人次, a year no 岁. A count asked in 人 takes any classifier (3750名村民)."""
    assert engine.search("荣阳市全员核酸一共检测了多少人次").not_found
    assert engine.search("荥阳 一共查出来几个阳性").not_found  # cases, in 例: not 15个乡镇办
    assert engine.search("蒋冲村的毛书学今年多大岁数了").not_found
    assert not engine.search("蒋冲村有多少人？").not_found
    count = asked_figures("做了多少人次核酸")
    assert [span.text for span in count("累计26168人,检测178万余人次。")] == ["178万余人次"]
    assert [span.text for span in asked_figures("有几个人")("6名人员")] == ["6名"]


def test_an_age_asked_by_its_noun_is_a_figure_in_sui_beside_the_one_asked_of(engine):
    """No report writes 岁数 or 年纪 beside an age (55岁的社区工作者张明强): the figure in 岁 stands
    beside the one named before 多大, not beside another word of the question (工作站's page)."""
    for question in ("张明强 多大岁数了", "张明强多大年纪"):
        result = engine.search(question)
        assert not result.not_found, question
        assert "55岁" in result.hits[0].highlight, question
    assert engine.search("十二工作站站长潘鹏多大年纪").not_found


def test_a_figure_in_a_quoted_name_counts_nothing():
    """“四个一”暖心行动 names a campaign: its 四个 is no count of 体温探测器, as 15支 of 15支“战疫突击队”
    is a count of the teams."""
    question = "王宏伟送了多少个体温探测器"
    assert not gives_figure({"体温": 1.0}, ["严格落实“四个一”暖心行动:每天进行体温测量。"], question)
    assert gives_figure({"突击队": 1.0}, ["组成15支“战疫突击队”。"], "组了多少支突击队")


def test_the_size_of_a_group_is_told_beside_a_group_of_its_kind_on_its_page(engine):
    """经开区党政办's page names its 志愿先锋队 and counts the 80% of other offices' staff sent out,
    never the team's size; 志愿者 elsewhere are counted, and 山东's 队伍 has 100人, on another page."""
    assert engine.search("经开区党政办志愿先锋队一共有多少人").not_found
    assert engine.search("明湖抗疫预备队有多少人").not_found
    shandong = engine.search("山东援郑医疗队一共多少人")
    assert shandong.answer is not None and shandong.answer.text == "100人"
    assert group_asked("经开区党政办志愿先锋队一共有多少人") == "先锋队"
    assert group_asked("志愿先锋队在哪值守") == ""
    # A group no passage names as typed (医了队) is sought in every passage: 100人 still answers.
    assert not engine.search("山东来的医了队一共几个人 怎么排班的").not_found


def test_a_count_of_people_with_ge_is_answered_by_heads_not_by_other_things(engine):
    """席庄村's page counts 3个行政村 and names 工作人员: no count of the people isolated there (蒋冲
    村's 6名居家隔离人员 are another village's). 个 before people still counts them (两个人)."""
    assert engine.search("席庄村 隔离了几个人呢").not_found
    assert not engine.search("蒋冲村隔离了几个人").not_found
    people = asked_figures("隔离了几个人")
    assert [span.text for span in people("深入到席庄、后魏、谢庄3个行政村,有两个人值守。")] == ["两个"]
    assert [span.text for span in asked_figures("设了多少个党员先锋岗")("设立党员先锋岗29个")] == ["29个"]
    assert not engine.search("经开京航蒋冲村有几个居家隔离的").not_found  # those who were: people


def test_a_thing_counted_by_its_spoken_form_is_the_reports_noun(engine):
    """院子 and 口子 are how people say 院 and 口: 明湖 封闭 73个楼院, 席庄村 预留 两个紧急通行路口."""
    from retrieval.search.shorthands import spoken_stem

    result = engine.search("明湖1月26号晚上封了多少个院子")
    assert not result.not_found and "73个楼院" in result.hits[0].excerpt
    assert not engine.search("席庄村进出村留了几个口子").not_found
    assert spoken_stem("院子") == "院" and spoken_stem("儿子") == "" and spoken_stem("楼院") == ""
    # Asked for by kind too: 哪个口子 is a 口, and the page saying 南三环下口 names one.
    gate = engine.search("京港澳高速郑州的南大门是哪个口子")
    assert not gate.not_found and "南三环下口" in gate.hits[0].excerpt


def test_a_count_of_sites_in_ge_is_not_answered_by_people_hours_or_measures(engine):
    """九龙办事处's page counts 500余名党员干部 beside 核酸检测: no count of its 检测点; 银河's counts
    7辆转运车辆, which are no sites either. 几个 with no site after it (班子成员有几个) takes any
    figure still (14名)."""
    assert engine.search("九龙办事处设了几个核酸检测点").not_found
    assert engine.search("银河办事处设了几个核酸检测点").not_found
    assert [span.text for span in asked_figures("设了几个检测点")("带领7辆转运车辆,设立检测点12处")] == ["12处"]
    # A figure in 个 counts what follows it: 4个班次, 15个指导组 are no 检测点 (site_counts.py).
    assert engine.search("经开区全区一共设了多少个核酸检测点").not_found
    assert asked_figures("设了几个检测点")("分为4个班次,3班倒,成立15个指导组到检测点检查") == []
    assert asked_figures("有多少个核酸采样点")("核酸检测中成立临时党支部299个,成立382个“敲门行动”专班") == []
    assert [span.text for span in asked_figures("设了几个检测点")("共设立疫情监测点85个,值守人员779名")] == ["85个"]
    assert engine.search("明港办事处一共设了几个核酸采样点").not_found  # 0点起, 1名司机, 约100人
    points = asked_figures("一共设了几个核酸检测点")
    assert [span.text for span in points("现在是8点,还有15分钟,500余名党员进驻132个检测点。")] == ["132个"]
    assert [span.text for span in asked_figures("班子成员有几个")("14名班子成员靠前指挥")] == ["14名"]


def test_a_thing_named_whole_by_the_passages_is_counted_beside_its_whole_name(engine):
    """经开区's page says 为他们送上体温探测器 and counts none; 体温 of 测量体温 stands beside other
    figures (两个紧急通行路口). 核酸检测点, said whole nowhere beside 蒋冲村's 6个检测点, is looked for
    apart as before."""
    from retrieval.search.whole_things import whole_thing

    assert engine.search("王宏伟送了几个体温探测器").not_found
    assert engine.search("王宏伟 送了多少个体温探测器呀").not_found
    assert engine.search("蒋冲村设了几个核酸检测点").answer.text == "6个"
    assert whole_thing(["体温", "探测器"], "送了几个体温探测器", ["送上体温探测器等防疫设备"]) == "体温探测器"
    assert whole_thing(["体温", "探测器"], "送了几个体温探测器", ["测量体温,两个路口"]) == ""


def test_people_counted_before_a_question_word_ending_the_question_bring_their_count_first(engine):
    """"明湖值守卡点的人有多少" counts the people before 有多少: the passage giving 值守人员779名 goes
    before one that names 明湖's 办事处、社区组织人员 and counts none."""
    result = engine.search("明湖值守卡点的人有多少")
    assert "779名" in result.hits[0].highlight
    assert people_before("那党员有") == "党员" and people_before("党员先锋岗有") == ""


def test_people_sent_somewhere_are_counted_as_people_not_as_going(engine):
    """"派了多少人去明港帮忙": 去 counts nothing, and no passage needs to say it: 河南省儿童医院的
    50名医护人员 全力配合明港办事处 answers."""
    result = engine.search("请问省儿童医院派了多少人去明港帮忙呀")
    assert not result.not_found and result.answer.text == "50名"
    assert counted_words("派了多少人去明港帮忙", ["派", "人", "去"]) == []


def test_a_count_of_people_by_their_noun_is_not_answered_by_other_people(engine):
    """健乐养老中心's 老人 are not the 20名医护人员 of a 社区卫生服务中心; 党员 are counted in 党员干部."""
    assert engine.search("健乐养老中心住了多少老人").not_found
    elders = asked_figures("住了多少老人")
    assert elders("服务中心20名医护人员和八千卫生院的10名医护人员。") == []
    members = asked_figures("选派了多少党员")
    assert [span.text for span in members("选派2600余名党员干部")] == ["2600余名"]
    # The people tested are not those who tested them: 党员干部26168人, 招募志愿者2389人.
    assert engine.search("荥阳 全员核酸 一共测了多少人").not_found
    tested = asked_figures("流动采样车一天能采多少人")
    assert [span.text for span in tested("每天为近4000名工人上门采样,招募志愿者2389人")] == ["近4000名"]


def test_where_a_counted_set_is_needs_a_passage_placing_them(engine):
    """蒋冲村设置了6个检测点 counts them and places none: where they are is not told. 管城's 13
    buses go 分别前往广场楼宇、社区村庄…: that answers where they went."""
    from retrieval.search.answer_guards import places_the_counted

    assert engine.search("蒋冲村设的那6个检测点都在哪里").not_found
    assert not engine.search("管城那13辆采样车都去哪些地方采样").not_found
    question = "那7个转运点都在哪几个乡镇"
    assert not places_the_counted(question, ["在全市15个乡镇按照片区设置7个集中转运点。"])
    assert places_the_counted(question, ["7个转运点分别设在城关、广武两镇。"])


def test_an_hour_asked_needs_a_time_of_day_among_the_passages(engine):
    """荣阳's passages give days (提前一天) and no hour: when its testing points open or close is
    not told. 张明强's page gives his hours (6时15分 to 11时15分)."""
    assert engine.search("荥阳的核酸点晚上几点关门").not_found
    assert engine.search("荣阳那些核酸点几点开始采样").not_found
    assert not engine.search("社区工作者张明强几点开始干活").not_found


def test_a_figure_a_day_is_asked_of_the_first_page_that_gives_one(engine):
    """管城's page gives a total served (13000余名群众), no figure a day; 明港's trucks, on another
    page among the best passages, test 每天近4000名工人: that is not 管城's rate."""
    assert engine.search("管城流动采样车一天能采多少人").not_found
    assert not engine.search("南阳医疗队一天能采多少人").not_found
    follow_up = engine.search("一天能采多少工人？", context=("明港办事处每辆流动采样车配几个人？",))
    assert not follow_up.not_found and "近4000名工人" in follow_up.hits[0].excerpt


def test_a_count_of_people_is_a_figure_of_heads_not_of_hours_or_meals(engine):
    """金水区's page keeps people at home 每天24小时 and brings them 三餐; it counts none of them."""
    assert engine.search("金水区居家隔离的一共有多少人呀").not_found
    assert not engine.search("经开区管委会其他部门抽调了多少人员开展疫情防控？").not_found  # 80%
    people = asked_figures("一共有多少人")
    sentence = "每天24小时居家管理,配送三餐,抽调80%人员,累计3750名村民、178万余人次、30余位专家。"
    assert [span.text for span in people(sentence)] == ["80%", "3750名", "178万余人次", "30余位"]


def test_how_many_mouths_counts_people(engine):
    """多少口人 asks a village's size: 翟庄村's page counts no one, and was answered. 多少口罩 still
    asks masks (口 is no unit)."""
    assert engine.search("翟庄村一共有多少口人").not_found
    people = asked_figures("翟庄村一共有多少口人")
    assert [span.text for span in people("共有村民3750名,每天24小时值守")] == ["3750名"]
    assert engine.search("明湖办事处累计发放了多少个口罩").answer.text == "178260个"


def test_times_something_was_done_count_nothing_else(engine):
    """明湖's 预备队 共行动6次 against 确诊病例: no count of cases, as it is no direct answer."""
    assert engine.search("明湖那时候辖区有几个确诊病例").not_found
    cases = asked_figures("有几个确诊病例")
    # In 例 alone since stop 30: 178万余人次 counts tests, and 几个 cases are still cases.
    assert [span.text for span in cases("共行动6次,处置确诊病例2例,检测178万余人次")] == ["2例"]
    assert [span.text for span in asked_figures("行动了几次")("共行动6次")] == ["6次"]
    # Cases asked as people (确诊了几个人, 多少名): still cases, counted in 例, not 500余名党员.
    assert engine.search("明湖办事处辖区确诊了几个人").not_found
    people = asked_figures("一共确诊了几个人")
    assert [span.text for span in people("确诊病例2例,500余名党员下沉")] == ["2例"]


def test_how_many_years_needs_a_length_in_years_beside_what_it_asks(engine):
    """毛书学's 32年党龄 is no length of 翟西才's post, and the 年 of 多少年 is in every date."""
    assert engine.search("翟西才当村支书多少年了").not_found
    assert not engine.search("嗯那个张明强党龄多少年了").not_found
    years = asked_figures("党龄多少年了")
    assert [span.text for span in years("有着32年党龄,2020年入党,干了三十年。")] == ["三十年", "32年"]


def test_the_name_of_a_thing_a_report_tells_of_as_some_one_of_its_kind_is_not_found(engine):
    """银河办事处's page: "某小区出现了一例无症状感染者…赶到了这个小区". Which 小区 it was, or its
    name, is not told; a name before the kind, or before 这个, answers (withheld_names.py)."""
    assert engine.search("银河办事处出现无症状的是哪个小区").not_found
    assert engine.search("银河那个出了无症状的小区叫啥名").not_found
    assert engine.search("银河办事处那个出了无症状感染者的小区,到底叫啥小区?").not_found  # the kind after 叫啥
    assert not engine.search("银河办事处出现无症状感染者以后谁牵头处置的").not_found
    asked = ["品种", "冬眠"]
    assert withholds_name(["品种"], asked, ["某品种的毛毡苔不需要冬眠。"])
    assert not withholds_name(["品种"], asked, ['昆士兰的"Beerwah"这个品种不需要冬眠。'])
    assert not withholds_name(["品种"], asked, ["某品种和昆士兰品种都不需要冬眠。"])
    assert not withholds_name(["品种"], asked, ["某品种要冬眠。", "昆士兰品种不需要冬眠。"])
    # A kind inside a title is named by the title: 《…致全体党员、广大群众的一封信》.
    assert not engine.search("八千给党员群众的那封信叫啥").not_found
    assert not withholds_name(["封信"], ["党员"], ["4月15日《致全体党员、广大群众的一封信》被转发。"])
    # The kind as the reader describes it names none, nor does 各 before it: "明湖辖区各爱心企业、
    # 爱心人士纷纷伸出援助之手,陆续捐赠…物资41批次" names no donor.
    assert engine.search("给明湖捐物资的爱心企业都叫啥名字").not_found
    donors = ["明湖辖区各爱心企业、爱心人士纷纷伸出援助之手,陆续捐赠口罩等生活物资41批次。"]
    assert withholds_name(["企业"], ["捐赠", "物资"], donors, "给明湖捐物资的爱心企业都叫啥名字")
    assert not withholds_name(["企业"], ["捐赠", "物资"], ["郑州某某有限公司爱心企业捐赠物资。"], "爱心企业叫啥")


def test_a_number_that_names_is_answered_by_a_run_of_digits_not_a_count(engine):
    """八千办事处 sets up 5部 hotlines and publishes 24小时热线电话, but no number: turned away."""
    assert engine.search("八千办事处疫情防控咨询热线号码是多少").not_found
    question = "咨询热线电话是多少"
    assert gives_figure(
        ["热线"], ["开通咨询热线0371-67179999,24小时值守。"], question, asked_figures(question)
    )
    assert not gives_figure(["热线"], ["设置咨询热线5部,24小时值守。"], question, asked_figures(question))
    numbers = asked_figures("他的编号是多少")
    assert [span.text for span in numbers("编号是007,共12345人次,800多家商户,2020年。")] == ["007"]
    # Asked with 是啥 as well: no plate number stands in 明港's page.
    assert engine.search("明港办事处流动核酸检测车的车牌号是啥").not_found
    assert not asks_identifier("中牟 老人不会用手机 咋测核酸") and not asks_identifier("八千 咨询热线 几部")


def test_a_passage_under_the_lead_that_names_the_subject_is_found_first(engine):
    """经开区京航办事处蒋冲村 is named in the article's lead; the figure stands two passages on."""
    result = engine.search("经开京航蒋冲村有几个居家隔离的")
    assert "6名居家隔离人员" in result.hits[0].excerpt


def test_a_place_named_only_in_the_lead_counts_for_the_not_found_check_too(engine):
    """The passage says 办事处 and 外地过往司机; its page's lead names 八千办事处. Without the lead the
    question covered too little of itself and was turned away."""
    result = engine.search("八千对过路的外地司机有啥照顾")
    assert not result.not_found
    assert "免费设置热水供应点" in result.hits[0].excerpt


def test_a_place_named_first_under_a_sub_heading_counts_as_the_leads(engine):
    """八千办事处's page says 航空港实验区 (港区) under its first sub-heading; another 八千 page, whose
    lead says 港区, came first and the open letter's date was not given."""
    result = engine.search("港区八千给党员群众的那封公开信是哪天发的来着")
    assert result.answer is not None and result.answer.text == "4月15日"


def test_of_an_articles_two_best_passages_the_one_holding_the_answer_comes_first(engine):
    """The lead names 山东省援郑医疗队 as often; the next passage says how many they are."""
    result = engine.search("麻烦问一下，山东来的医疗队一共多少人呢")
    assert "人数一共是100人" in result.hits[0].excerpt


def test_which_members_make_up_a_whole_are_told_after_the_dateline(engine):
    """The issue's own first turn. The lead's dateline sentence names 山东省援郑医疗队 beside
    南阳's and came first; which teams it is made of (哪几支) is told after it, as who did what is."""
    result = engine.search("山东援郑医疗队是由哪几支队伍组成的")
    assert "省直济南队、济宁队和临沂队" in result.hits[0].excerpt


def test_a_number_question_about_a_place_needs_a_figure_from_that_places_passages(engine):
    """登封市 and 中牟县 have reports, and other offices' passages hold figures of 人口 and 核酸
    (a village's 6000余名流动人口, 银河办事处's 3.7万人次): no count of the place asked."""
    assert engine.search("登封市一共有多少人口").not_found
    assert engine.search("中牟县一共做了多少人次核酸").not_found
    # The figure stands in a passage whose article's lead names the place: still answered.
    kept = engine.search("中牟县抽调了多少机关干部下沉？")
    assert not kept.not_found and "900多名机关干部" in kept.hits[0].excerpt
    assert not engine.search("经开京航蒋冲村有几个居家隔离的").not_found


def test_a_question_asking_the_day_needs_a_date_beside_what_it_asks(engine):
    """The reports tell of 银河办事处's 无症状感染者 and give dates, but no sentence dates the
    finding; the open letter's passage does date its sending."""
    assert engine.search("银河办事处那个无症状感染者是哪天发现的").not_found
    kept = engine.search("那个写给党员群众的公开信是哪天发的")
    assert not kept.not_found
    assert asks_day("公开信是哪天发的") and asks_day("几号开始的") and asks_day("哪一年建成的")
    assert not asks_day("何时建成的") and not asks_day("几点开始的")  # a period or an hour answers these
    # 4月15日 dates the team's coming; no report says when it went back (撤回).
    assert engine.search("河南省儿童医院支援明港的医护人员哪天撤回去的").not_found
    assert gives_day(["开幕"], ["大会于4月21日开幕。"], "大会是哪天开幕的")
    assert not gives_day(["开幕"], ["大会开幕。4月21日起静态管理。"], "大会是哪天开幕的")
    # A date of another grain than asked is no answer: an hour to 哪年, a year to 哪天.
    assert not gives_day(["站长"], ["站长潘鹏有时工作到凌晨2点。"], "潘鹏是哪年当上站长的")
    assert gives_day(["站长"], ["2019年,潘鹏当上站长。"], "潘鹏是哪年当上站长的")
    assert not gives_day(["开幕"], ["大会2019年开幕。"], "大会是哪天开幕的")


def test_when_a_report_came_out_is_its_date_not_a_date_in_its_passages(engine):
    """The 明湖 page's dateline says 2020年4月3日; no sentence does, and the day check turned the
    question away. A date a passage gives (the open letter's) is still read from the passage.
    The date opens the first excerpt, marked: what was asked is in what the reader sees quoted."""
    result = engine.search("明湖硬核防控那篇是哪天登的报来着")
    assert not result.not_found and result.answer.text == "2020年4月3日"
    assert result.hits[0].source == "001_c1940cad4a4d3e86.txt"
    assert result.hits[0].excerpt.startswith("2020年4月3日") and result.hits[0].highlight == "2020年4月3日"
    assert engine.search("那个写给党员群众的公开信是哪天发的").answer.text == "4月15日"
    undated = engine.search("流动核酸检测车开进企业和工地那篇报道是哪天登的")
    assert not undated.not_found and undated.answer is None  # shown, but no date to give
    assert asks_published("最新一期通报是哪天发的") and asks_published("这篇文章什么时候见报的")
    # 哪天 is one word, not 哪 + 天发 (a word no report has, which pulled the question under).
    assert engine.searcher.tokenizer.tokens_and_words("公开信是哪天发的")[1] == ["公开信", "发"]
    assert not asks_published("公开信是哪天发的") and not asks_published("他的论文是哪一年发表的")


def test_who_wrote_a_report_is_answered_from_its_byline(engine):
    """No passage names its writers; the byline does, and opens the first excerpt, marked."""
    result = engine.search("翟庄村导师帮带那篇的通讯员是谁")
    assert not result.not_found and result.answer.text == "翟昱昊"
    top = result.hits[0]
    assert "通讯员 翟昱昊" in top.excerpt[:40] and top.highlight == "记者 王军方 通讯员 翟昱昊 文/图"
    lead = engine.search("管城区流动采样车那篇报道的记者是谁啊")  # a byline inside the lead
    assert lead.answer.text == "王思俊" and lead.hits[0].excerpt.startswith("本报讯(记者 王思俊")
    assert asks_byline("这篇报道是哪个记者写的") == "记者" and asks_byline("那篇报道是谁写的") == ""
    assert asks_byline("公开信是谁写的") is None and asks_byline("《越南亡国史》的作者是谁") is None
    assert asks_byline("记者看到谁在做核酸") is None
    assert byline_names("记者 王赛华 通讯员 王莹 张韶楠 文/图", "通讯员") == "王莹 张韶楠"
    # Naming no report, any report's byline would do: not found, unless the chat named one.
    assert engine.search("记者是谁").not_found
    followup = engine.search("那篇报道的记者是谁", context=["翟庄村的帮带导师是谁"])
    assert not followup.not_found and followup.answer.text == "王军方"


def test_who_made_a_page_is_answered_from_its_credits(engine):
    """The 明湖 page credits "编辑:赵青 美编:金驰 校对:海梅" in its furniture, which no passage
    holds: the credits open the first excerpt, marked, and "那美编呢" asks the same of 美编."""
    result = engine.search("明湖硬核防控那一版的编辑是谁")
    assert not result.not_found and result.answer.text == "赵青"
    top = result.hits[0]
    assert top.excerpt.startswith("编辑:赵青 美编:金驰 校对:海梅") and top.highlight == top.staff
    followup = engine.search("那校对呢", context=["明湖办事处硬核防控那一版的编辑是谁"])
    assert followup.answer.text == "海梅" and followup.hits[0].excerpt.startswith("编辑:赵青")
    assert engine.search("那记者呢", context=["明湖硬核防控那一版的编辑是谁"]).answer.text == "王赛华"
    assert asks_staff("这版美编叫啥") == "美编" and asks_staff("责任编辑是哪位") == "责任编辑"
    assert asks_staff("郑州日报的总编辑是谁") is None and asks_staff("编辑部在哪") is None
    assert staff_names("责任编辑： 李明 校对:王芳", "校对") == "王芳"
    # 编辑 is not the tail of 美术编辑; a CMS's 责任编辑 is the editor asked for.
    assert staff_names("美术编辑:王五 责任编辑:李明", "编辑") == "李明"
    # Naming no page, any page's credits would do: not found.
    assert engine.search("编辑是谁").not_found


def test_mainly_is_no_word_asked(engine):
    """主要 ("mainly") weighed as a word asked and was mentioned (主要干道): 席庄村's page, which
    names no crop, answered "席庄村主要种的啥庄稼". What its industry mainly is it answers."""
    assert engine.search("席庄村主要种的啥庄稼").not_found
    result = engine.search("席庄村主要靠啥产业")
    assert not result.not_found and "以农业为主" in result.hits[0].excerpt


def test_a_modal_and_a_knack_asked_do_not_turn_a_question_away(engine):
    """不会 (can't) and 啥招 (what trick: how) are words no report uses; each weighed as the rarest
    name and turned away a question the page answers with its 预约二维码卡片."""
    result = engine.search("中牟对不会用智能手机的老人想了啥招")
    assert not result.not_found and "预约二维码卡片" in result.hits[0].highlight


def test_a_yes_or_no_question_on_a_verb_no_report_uses_is_turned_away(engine):
    """"郑州这周末下雨不" asks whether it rains; 郑州 and 周末 (放弃周末休假) are all a page can
    match. A yes or no beside another question is an aside to it, and a cost is asked its own way."""
    assert engine.search("郑州这周末下雨不").not_found
    assert engine.search("周末郑州会降温吗").not_found
    assert engine.search("我想知道明天郑州会不会下雨").not_found  # asked after 会不会
    aside = engine.search("八千那边对过路的外地司机有啥照顾没,有热水喝不")
    assert not aside.not_found and "热水供应点" in aside.hits[0].excerpt


def test_a_cost_asked_needs_a_sum_or_a_fee_told(engine):
    """管城's page tells of its buses and of no fee: "收钱不" is not answered by 13000余名群众.
    八千's page says its hot water is free (免费设置热水供应点), which answers whether it costs."""
    assert engine.search("管城区的流动采样车做核酸收钱不").not_found
    assert engine.search("明港那几辆流动采样车一共花了多少钱啊").not_found
    free = engine.search("八千办事处给过往司机的热水要钱不")
    assert not free.not_found and "免费设置热水供应点" in free.hits[0].excerpt


def test_a_question_asking_which_one_of_a_kind_needs_that_kind_mentioned(engine):
    """The reports list 明湖办事处's 防护服 but never a 厂家: turned away. A 医院 they do name."""
    from retrieval.search.kinds_asked import kind_head

    assert engine.search("明湖办事处的防护服是哪个厂家生产的").not_found
    kept = engine.search("明港办事处的孕妇是在哪家医院待产的")
    assert not kept.not_found and "郑大一附院南院区" in kept.hits[0].highlight
    # 医院待产 is two words of the dictionary, not a compound kind whose head is 待产.
    tag = engine.searcher.tokenizer.dictionary_tag
    assert kind_head(["医院", "待产"], "医院待产的", tag) == (["待产"], [])


def test_where_a_place_is_said_with_地处_too(engine):
    """The report says "翟庄村地处张庄村东": no 位于 or 坐落, and the question was turned away."""
    result = engine.search("那个翟庄村在哪个位置啊")
    assert not result.not_found and "地处张庄村东" in result.hits[0].excerpt


def test_what_a_thing_is_called_is_said_by_quoting_the_name(engine):
    """"作为经开区“中枢神经”的党政办": no 称作 in the report, and the question was turned away."""
    result = engine.search("经开区党政办被称作经开区的什么")
    assert not result.not_found and "中枢神经" in result.hits[0].excerpt


def test_how_long_before_is_answered_by_a_length_beside_what_it_asks(engine):
    """After 多久 stands what was done (发下去), which the report says its own way (分发)."""
    result = engine.search("那检测物资提前多久发下去的", context=["荣阳市核酸检测专班是干啥的"])
    assert not result.not_found and "提前一天将检测物资分发" in result.hits[0].excerpt


def test_a_count_of_one_kind_of_thing_needs_a_figure_in_its_classifier(engine):
    """"电暖气…多少台": the report says 配备电暖气 with no figure in 台, and 20名 beside it counts
    people. Turned away; a share (80%人员) still answers a count, as it did."""
    assert engine.search("荣阳核酸采集点的电暖气一共配了多少台").not_found
    assert not engine.search("经开区管委会抽了多少人去社区卡点").not_found
    question = "电暖气一共配了多少台"
    assert not gives_figure(["电暖气"], ["配备电暖气,安排20名医护人员。"], question, asked_figures(question))
    assert gives_figure(["电暖气"], ["配备电暖气12台。"], question, asked_figures(question))
    assert gives_figure(["车辆"], ["抽调80%车辆。"], "抽了多少辆车辆", asked_figures("抽了多少辆车辆"))
    # Cases are counted in 例: 登封's 178万余人次 tested is no count of them.
    assert engine.search("登封这轮疫情一共确诊了多少例").not_found
    cases = "一共确诊了多少例"
    assert gives_figure(["确诊"], ["新增确诊病例2例。"], cases, asked_figures(cases))
    assert not gives_figure(["确诊"], ["确诊后已检测178万余人次。"], cases, asked_figures(cases))
    # 多少确诊病例 counts cases too: 明湖's "共行动6次,有效对确诊病例…进行了紧急处置" gives none.
    assert engine.search("明湖辖区一共出了多少确诊病例").not_found
    # 多大了 asks an age, in 岁: no page gives 王晓东's; 张明强's is 55岁.
    assert engine.search("八千纪工委书记王晓东多大了").not_found
    assert not engine.search("社区工作者张明强今年多大了").not_found
    # Rounds are counted in 轮: 八千's page tells of its testing and counts no rounds.
    assert engine.search("八千办事处一共做了几轮全员核酸").not_found
    rounds = "全员核酸一共做了几轮"
    assert gives_figure(["全员核酸"], ["已完成全员核酸检测3轮。"], rounds, asked_figures(rounds))


def test_a_post_said_the_short_way_is_read_as_the_reports_write_it(engine):
    """支书 / 老支书 are what people say for the reports' 支部书记, which no split or sound finds."""
    assert [part.word for part in engine.searcher.respeller.parts("老支书")] == ["支部书记"]
    result = engine.search("经开蒋冲村那个老支书叫啥名字")
    assert not result.not_found and "毛书学" in result.hits[0].highlight


def test_the_one_in_charge_is_the_offices_director_or_the_villages_secretary(engine):
    """一把手 is no word of the reports: an office's is its 主任 (主任王文昌), and 明港's page
    names no 主任 of 明港, so that one stays not found."""
    result = engine.search("八千办事处一把手是谁啊")
    assert not result.not_found and result.answer is not None and result.answer.text == "王文昌"
    assert engine.search("明港办事处一把手是谁").not_found


def test_when_something_ended_needs_its_ending_told_not_the_subjects_start(engine):
    """港区's 静态管理 began 4月21日; no report says when it was lifted (解除): not found, where
    the start date was given as the answer. An hour asked of work (几点干到几点) is not held to it."""
    assert engine.search("港区静态管理啥时候解除的").not_found
    assert not engine.search("请问一下呀，张明强那天从几点干到几点啊").not_found
    assert not engine.search("明湖办事处什么时候把楼院全部物理封闭的").not_found


def test_a_hotline_counted_with_its_measure_word_is_a_count_not_a_number(engine):
    """"咨询热线 几部" counts hotlines (热线5部); "热线电话号码是多少" asks the number itself."""
    result = engine.search("八千 咨询热线 几部")
    assert not result.not_found and result.answer is not None and result.answer.text == "5部"
    assert engine.search("八千办事处的热线电话号码是多少").not_found
    # Counted first and then asked the number of: the numbers, not how many, are what it asks.
    assert engine.search("八千那几条咨询热线电话是多少啊").not_found
    numbers = asked_figures("那几部热线的号码是多少")
    assert [span.text for span in numbers("设置咨询热线5部,号码0371-67179999。")] == ["0371-67179999"]


def test_a_direction_said_with_a_verb_is_no_word_asked(engine):
    """"抽了多少人下去", "哪天过来的": no report says 下去 or 过来 (抽调, 驰援), and the question was
    turned away for a word it does not need."""
    result = engine.search("他说管委会其他部门抽了多少人下去？", context=["经开区党政办的支部书记是谁？"])
    assert not result.not_found and "抽调80%人员" in result.hits[0].excerpt
    came = engine.search("他们是哪天过来的？", context=["河南省儿童医院有多少医护人员来支援明港办事处？"])
    assert not came.not_found and "4月15日" in came.hits[0].highlight


def test_where_something_was_done_needs_no_mention_of_the_doing(engine):
    """"去哪里值守": the report says where they 开展引导车流, not 值守. Which one of a kind (哪个厂家)
    still needs the kind mentioned."""
    result = engine.search("经开区党政办新冠疫情防控志愿先锋队利用下班时间去哪里值守？")
    assert not result.not_found and "南三环下口" in result.hits[0].highlight
    assert asks_which_place("口罩是哪个厂家生产的") and not asks_which_place("他们在哪里值守")


def test_a_round_no_report_tells_of_is_not_another_round(engine):
    """前期办事处's 第四轮 核酸检测 is told (上门检测66人); its 第五轮 is not."""
    assert engine.search("前期办事处第五轮核酸上门检测了多少人").not_found
    assert not engine.search("前期办事处第四轮核酸上门检测了多少人").not_found
    assert names_another_round("第5批物资哪天到的", ["第四批物资4月20日到达"])
    assert not names_another_round("第一届比赛在哪里举行", ["首届比赛于2008年举行"])


def test_a_question_asking_the_year_needs_a_year_beside_what_it_asks(engine):
    """The reports name 第十二工作站站长潘鹏 and say he works till 凌晨2点, with no year he took
    the post: turned away, where an hour used to pass for the date asked."""
    assert engine.search("第十二工作站站长潘鹏是哪一年上任的").not_found
    # The question word's own 年 (jieba cuts 哪年 into 哪 年) is no word asked beside a figure.
    assert not gives_figure(["年"], ["一名有着32年党龄的老党员。"], "他是哪年入党的", date_spans)


def test_what_a_number_question_counts_and_where_a_figure_of_it_stands(engine):
    assert counted_words("核酸检测多少钱一次", ["核酸", "检测", "钱", "一次"]) == ["钱"]
    assert counted_words("明港办事处派了几辆救护车", ["派", "辆", "救护车"]) == ["救护车"]
    assert counted_words("明湖发了多少双防护首套", ["发", "防护", "手套"]) == ["防护", "手套"]
    # jieba glues the classifier to the noun (几/支队): 队 is counted, as 15支“战疫突击队” says it.
    # People counted with no classifier (多少机关干部): a figure of heads, not 14个村级党组织.
    cadres = asked_figures("八千下沉了多少机关干部")
    assert [span.text for span in cadres("联系14个村级党组织,机关干部全部下沉。下沉机关干部66人。")] == ["66人"]
    assert "66人" in engine.search("八千办事处派下去多少机关干部").hits[0].excerpt  # was the 14个 passage
    assert counted_words("组了几支队", ["组", "支队"]) == ["队"]
    assert counted_words("蒋冲村有多少村民", ["村民"]) == ["村民"]  # 村 is no classifier there
    assert not engine.search("八千办事处的党员组了几支队").not_found
    assert asks_count("明湖有多少户居民") and not asks_count("夏尔精通哪几门语言？")
    passage = "中牟县抽调900多名机关干部下沉到村。确保群众核酸检测速度快。"
    assert gives_figure(["干部"], [passage], "中牟县下沉了多少干部")
    assert not gives_figure(["核酸"], [passage], "中牟县做了多少人次核酸")
    assert not gives_figure(["医生"], ["每辆车配备一名医生。"], "配了几个医生")  # 一名 is an article


def test_what_is_asked_is_the_question_without_its_names():
    tagged = [
        ("明湖办事处", "x"),
        ("的", "uj"),
        ("邮编", "n"),
        ("张明强", "nr"),
        ("公开信", "nr"),
        ("港区", "n"),
    ]
    words = {"明湖办事处": 1.7, "邮编": 5.4, "张明强": 3.8, "公开信": 5.4, "港区": 3.2}
    seen = {"明湖办事处", "张明强", "港区"}.__contains__
    # 公开信: tagged a person, but a name no report uses is not the subject, so it stays asked.
    assert set(asked_words(words, tagged, frozenset({"明湖办事处"}), seen)) == {"邮编", "公开信"}
    assert mentions_asked({"邮编": 5.4}, ["明湖办事处 邮编450000"])
    assert not mentions_asked({"邮编": 5.4}, ["明湖办事处发放口罩"])
    assert mentions_asked({}, ["anything"])  # a question of names only asks nothing more


def test_a_passage_mentions_what_is_asked_by_a_word_inside_the_asked_word(engine):
    """出生于瑞士 answers 出生地 and 纬度 经纬度, a figure beside it included; 第一 of 第一名 is no
    such word."""
    tokenizer, names = engine.searcher.tokenizer, engine.searcher.corpus_names
    parts = with_parts({"出生地": 2.0, "经纬度": 3.0, "第一名": 1.0}, tokenizer)
    assert {"出生", "纬度"} <= set(parts) and not {"第一", "一名"} & set(parts)

    def shown(question: str, passage: str) -> bool:
        words = dict.fromkeys(tokenizer.tokens_and_words(question)[1], 1.0)
        counts, day = asks_count(question), asks_day(question)
        return shows_asked(question, [passage], words, names, tokenizer, lambda _: True, counts, day)

    assert shown("克伦贝格尔的出生地在哪里", "克伦贝格尔1958年出生于瑞士。")
    assert not shown("克伦贝格尔的邮编是多少", "克伦贝格尔1958年出生于瑞士。")
    assert shown("塔顶的经纬度是多少", "其塔顶纬度为北纬23°26′31″。")
    assert not shown("塔顶的经纬度是多少", "塔顶为一空心圆球。纬度表示南北位置。")
    # Where a thing is, a report says with 位于 and never names its 位置; an address it must give.
    assert shown("阿尔坎塔拉的地理位置在哪", "阿尔坎塔拉是西班牙西部小城，位于卡塞雷斯省境内。")
    assert not shown("阿尔坎塔拉的地理位置在哪", "阿尔坎塔拉是西班牙西部小城，以古罗马石桥闻名。")
    assert not shown("明湖办事处的地址在哪", "明湖办事处位于航空港区。")


def test_greetings_and_thanks_are_cut_but_the_question_mark_stays():
    assert plain_question("您好，请问八千办事处设了几部咨询热线？谢谢") == "八千办事处设了几部咨询热线？"
    assert plain_question("嗯那个，明湖办事处发了多少口罩啊") == "明湖办事处发了多少口罩"
    assert plain_question("那防护服呢？") == "那防护服？"  # the 那 of a follow-up is kept
    assert plain_question("谢谢") == "谢谢"  # nothing but politeness: left as typed
    assert plain_question("八千对外地司机有啥照顾没？") == "八千对外地司机有啥照顾？"  # 没 asks, as 吗
    assert plain_question("没有核酸证明的人能进吗") == "没有核酸证明的人能进吗"  # a 没有 that is a word stays
    assert plain_question("哪些村还没有") == "哪些村还没有"  # and the negation asked about
    # Hearsay opening it: jieba read 听说明港 as 听 + 说明 + 港, and the question was turned away.
    assert plain_question("俺听说明港有个孕妇快生了") == "明港有个孕妇快生了"
    assert plain_question("听说过静态管理吗") == "听说过静态管理吗"  # whether one has heard of it
    # 额 hesitates before a pause; it also starts words, and 额温枪 lost its first character.
    assert plain_question("额，明湖发了多少口罩") == "明湖发了多少口罩"
    assert plain_question("额温枪一共发了几个") == "额温枪一共发了几个"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("首套", "手套"),
        ("中要", "中药"),
        ("毛书雪", "毛书学"),
        ("洛锁", "落锁"),
        ("喷物器", "喷雾器"),
        ("宅庄村", "翟庄村"),  # the surname 翟 reads zhai, pypinyin's second reading of it
        ("公会", "工会"),  # a word of jieba's (187), but a rare one, for one five times commoner
        ("核算", "核酸"),  # a common word (330), but the reports are about 核酸: in 40% of passages
    ],
)
def test_a_pinyin_typo_is_read_as_the_corpus_word_of_the_same_sound(engine, typed, meant):
    [part] = engine.searcher.respeller.parts(typed)
    assert part.word == meant and part.homophone


def test_a_village_typed_by_its_surnames_sound_finds_its_secretary_and_rare_readings_make_no_typo(engine):
    """宅庄村 for 翟庄村: 翟 is filed under its two commonest readings, di and zhai. A rarer one
    made false homophones: 奥 read you made 有多 of 有多远 the name 奥多."""
    from retrieval.search.respell import _readings

    result = engine.search("宅庄村的支书叫啥")
    assert not result.not_found and result.answer is not None and result.answer.text == "翟西才"
    assert ("zhai", "zhuang", "cun") in _readings("翟庄村") and ("you", "duo") not in _readings("奥多")


def test_a_rare_word_typed_for_a_far_commoner_one_of_its_sound_is_read_as_that_one(engine):
    """公会 (a guild) for 工会 (a union): 经开区工会主席王宏伟. 收到, as common as words go, is
    still what the reader meant, not the reports' 受到."""
    result = engine.search("经开公会主席是哪位")
    assert not result.not_found and result.answer is not None and result.answer.text == "王宏伟"
    assert engine.searcher.respeller.parts("收到") is None


def test_a_village_typed_wrong_and_cut_into_lone_characters_is_read_as_the_corpus_name(engine):
    """将冲村支书 is cut 将 + 冲 + 村支书: two words the reports use, neither unseen, so no typo
    was looked for. Before the name's suffix they sound like 蒋冲. A slogan jieba cuts the same
    way (四不两直: 四 + 不 + 两直) has no suffix after it and stays as typed."""
    result = engine.search("将冲村支书是谁啊")
    assert not result.not_found and "毛书学" in result.hits[0].excerpt
    assert engine.searcher.respeller.rejoined(["四", "不", "两直"], "四不两直 是啥意思") == ["四", "不", "两直"]


def test_a_place_the_scanned_page_misspells_is_found_by_its_real_name(engine):
    """The seeds' scan reads 荥阳市 as 荣阳市 throughout; a reader types the real name. 洛阳, a
    place no report covers, looks like no corpus word and is still turned away."""
    [part] = engine.searcher.respeller.parts("荥阳")
    assert part.word == "荣阳" and part.homophone
    found = engine.search("荥阳在乡镇设了几个集中转运点")
    assert not found.not_found and "7个集中转运点" in found.hits[0].excerpt
    assert engine.searcher.respeller.parts("洛阳") is None
    assert engine.search("洛阳在乡镇设了几个集中转运点").not_found


@pytest.mark.parametrize("word", ["冬奥会", "天气", "今天", "收到", "新人", "公开信", "下雨"])
def test_words_typed_on_purpose_are_left_alone(engine, word):
    """Unseen but real words: not split into characters, not taken for a typo of a corpus word."""
    assert engine.searcher.respeller.parts(word) is None


def test_a_word_that_splits_into_glue_alone_is_a_word_no_report_has(engine):
    """jieba cuts 会 + 下雨; rejoined, 会下雨 is 会 + 下 + 雨, two lone characters and a function
    word: no corpus word in it, so it stays unseen and the weather question is turned away."""
    assert engine.searcher.respeller.parts("会下雨") is None
    assert engine.search("明天郑州会下雨不").not_found
    assert [part.word for part in engine.searcher.respeller.parts("发了")] == ["发", "了"]


def test_a_long_word_is_not_read_as_the_lone_characters_in_it(engine):
    """今年保级 is 年 and 级 besides glue, characters the reports use only inside other words: not
    a split. The off-topic question kept only 河南 and such characters, and was answered."""
    assert engine.searcher.respeller.parts("今年保级") is None
    assert engine.search("河南建业今年保级了没").not_found
    assert [part.word for part in engine.searcher.respeller.parts("明湖设")][0] == "明湖"


def test_a_sound_alike_weighs_less_than_the_word_itself(engine):
    weights, shares = engine.searcher.respeller.weigh(["首套"])
    assert shares == {"手套": pytest.approx(0.8)}
    assert weights["手套"] == pytest.approx(0.8 * engine.searcher.lexical.idf("手套"))


def test_typo_and_glued_name_still_find_the_figure(engine):
    result = engine.search("明湖发了多少双防护首套")
    assert not result.not_found and "防护手套2507双" in result.hits[0].excerpt


def test_a_word_jieba_cut_across_is_read_as_the_corpus_words(engine):
    """After 明湖的, jieba cuts 额温枪发了 as 额 + 温枪发, the reports' 额温枪 as 额温 + 枪: both
    pieces are read together, so the figure is found instead of two words no report has."""
    respeller = engine.searcher.respeller
    assert respeller.rejoined(["明湖", "额", "温枪发"], "明湖的额温枪发了几个") == ["明湖", "额温枪发"]
    result = engine.search("明湖的额温枪发了几个")
    assert not result.not_found and "额温枪43个" in result.hits[0].excerpt
    # A word no report has stays one when its neighbour splits on its own (几辆 = 几 + 辆).
    assert respeller.rejoined(["几辆", "救护车"], "几辆救护车") == ["几辆", "救护车"]
    # Nor is a word typed on purpose joined to its neighbour: 明儿 + 天气 split as 明 + 儿天
    # (二天's sound) + 气, and the weather question matched the reports' 郑州.
    assert respeller.rejoined(["郑州", "明儿", "天气"], "郑州明儿天气咋样") == ["郑州", "明儿", "天气"]
    assert engine.search("郑州明儿天气咋样").not_found
    assert engine.search("明港办事处一共派了几辆救护车").not_found


def test_the_words_that_settle_a_question_untagged_are_always_asked(engine):
    """The search skips tagging when a passage mentions a surely-asked word; that is only right if
    the tagger would have kept each of them asked. Over every dev question, it would."""
    tokenizer = engine.searcher.tokenizer
    names = engine.searcher.corpus_names
    settled = 0
    for path in sorted(DATA.glob("*.jsonl")):
        for question in read_questions(path):
            words = dict.fromkeys(tokenizer.tokens_and_words(question.question)[1], 1.0)
            surely = surely_asked(words, names, tokenizer.dictionary_tag)
            asked = asked_words(words, tokenizer.tagged(question.question), names, lambda _: True)
            assert set(surely) <= set(asked), question.question
            settled += bool(surely)
    assert settled >= 100  # most questions are settled without the tagger
    # Known to the dictionary as a place (ns) or unknown to it (a person jieba's HMM finds): not sure.
    assert surely_asked({"郑州": 1.0, "时富枝": 1.0, "口罩": 1.0}, names, tokenizer.dictionary_tag) == {
        "口罩": 1.0
    }


def test_a_count_asked_with_a_one_character_verb_is_answered_by_a_figure_beside_its_name(engine):
    """"八千卫生院来了几个": 来 is how the reader asks, and no report says 来 beside the count; the
    page says "八千卫生院的10名医护人员". Turned away before."""
    result = engine.search("八千卫生院来了几个")
    assert not result.not_found and "八千卫生院的10名医护人员" in result.hits[0].excerpt


def test_a_length_of_time_needs_a_figure_in_its_unit(engine):
    """"隔多少天" is answered by 14天 or 十四天, not by 2600余名 or a date beside 居家隔离: no report
    says how long 金水区 isolates. Turned away; 几分钟 with a 15分钟 there still answered."""
    assert engine.search("金水区居家隔离一般要隔多少天啊").not_found
    assert not engine.search("银河那边核酸样本转运前几分钟就得封箱啊").not_found
    question = "居家隔离要隔多少天"
    assert gives_figure(["隔离"], ["居家隔离十四天。"], question, asked_figures(question))
    assert not gives_figure(["隔离"], ["居家隔离人员2600余名。"], question, asked_figures(question))


def test_when_something_ended_needs_a_passage_telling_its_end_with_a_date(engine):
    """The page gives only the day 港区's 静态管理 began: asked when it ended, turned away. The
    hour the 山东 team stops work (次日凌晨5点左右结束) still answers."""
    assert engine.search("港区静态管理到哪天结束的").not_found
    result = engine.search("山东援郑医疗队每天几点结束")
    assert not result.not_found and "结束" in result.hits[0].excerpt
    # Going back asked with a verb of one character (回的, 撤的): a day's 结束 does not say they left.
    assert engine.search("山东那个医疗队是哪天回的").not_found
    assert engine.search("管城那些公交采样车啥时候撤了").not_found
    # Or with the place gone back to between: 回山东的.
    assert engine.search("山东医疗队啥时候回山东的").not_found
    # Stopping asked with 停: a report would say 停止, 停运 or 结束 (管城's buses: only when they set out).
    assert engine.search("管城区 流动采样车 哪天停的").not_found


def test_a_place_no_report_mentions_is_not_found(engine):
    """惠济区 (jieba cuts 惠济 + 区) and 新密市 are covered by no page; their questions' other words
    stand in 登封's "已累计检测178万余人次", which was the answer. A place the reports name in
    short (中牟 for 中牟县) or misspell (荥阳) is still asked of, and 那会儿社区 names no place."""
    assert engine.search("惠济区 核酸 累计 人次").not_found
    assert engine.search("新密市 核酸 累计 人次").not_found
    assert not engine.search("登封 核酸 累计 人次").not_found
    assert not engine.search("中牟县全员核酸的时候给老年人弄了个啥").not_found
    assert not engine.search("港区静态管理那会儿社区不让出 明港那边大家咋买菜呢").not_found


def test_a_city_named_bare_that_no_report_mentions_is_not_found(engine):
    """西安 has no suffix to read it as a place by; jieba's dictionary knows it as one, and its
    question's other words (疫情, 全员, 核酸) stand in every page. 上街 is a place to jieba too,
    but a rare one and a word of its own (上街巡查): it stays asked."""
    assert engine.search("西安那次疫情全员核酸做了几轮").not_found
    assert not engine.search("明湖那些平安志愿者上街巡查主要干啥呢").not_found
    # A rarer one (新郑: 98 in the dictionary) the question calls a place (那边); 二七区, whose head
    # jieba knows as a numeral (二七) and the whole as a place.
    assert engine.search("新郑那边全员核酸咋安排的呀").not_found
    assert engine.search("二七区 核酸点 在哪儿啊").not_found
    assert not engine.search("明港那边一天采多少人").not_found


def test_when_something_started_is_the_date_given_with_it_whatever_verb_the_reader_uses(engine):
    """"1月11日发出流动检测车以来": no report says 开始 or 跑 beside it, and "啥时候开始跑的" was
    turned away for want of them."""
    result = engine.search("管城区的流动采样车啥时候开始跑的")
    assert not result.not_found
    assert "1月11日" in result.hits[0].excerpt
    # 哪天 asks a day: the date stands beside the subject's name, "自4月15日驰援航空港区以来".
    result = engine.search("河南省儿童医院是哪天开始支援港区的")
    assert result.answer is not None and result.answer.text == "4月15日"


def test_a_final_laizhe_weighs_nothing(engine):
    """jieba cuts 多少人来着 as 人来 + 着: 来 and 着 weighed as rare words in the not-found check."""
    words = engine.searcher.question_words.find("支援明港的医护一共多少人来着", None, 50, 10).words
    assert "医护" in words and "来" not in words and "着" not in words


def test_which_road_is_answered_only_by_a_passage_naming_a_road(engine):
    """席庄村's page tells of 两个紧急通行路口 and names no road; it was the answer. 经开区's
    卡口 stand on 航海路, which answers."""
    assert engine.search("席庄村那两个紧急通行路口在哪条路上").not_found
    found = engine.search("王宏伟去慰问的防疫服务站卡口在哪条路上")
    assert not found.not_found and "航海路" in found.hits[0].excerpt
    # The road must be on the subject's pages: 经开区's 航海路 is no road of 河南省儿童医院.
    assert engine.search("河南省儿童医院在郑州哪条路上").not_found
    assert names_a_road(["先后前往航海路防疫服务站卡口"])
    assert not names_a_road(["村内道路较窄,路口设卡,督促各沿街门店,走上街道"])


def test_which_bus_route_is_answered_only_by_a_passage_naming_one(engine):
    """管城's page tells of 13辆公交车 and names no route; five blind negatives asked which one
    (跑哪几路的, 几路车, 坐几路公交) and were answered with it. 几路 asks no count either."""
    from retrieval.search.roads import asks_route, names_a_route

    assert engine.search("管城区那13辆公交车原来是跑哪几路的").not_found
    assert engine.search("麻烦问下从港区坐几路公交能到郑州东站?").not_found
    assert asks_route("平常跑的是几路车") and asks_route("坐地铁几号线") and not asks_route("哪条路上")
    assert not asks_route("明湖那条路口有几个人")
    assert names_a_route(["乘坐6路公交车", "地铁1号线"]) and not names_a_route(["13辆公交车在路口"])
    assert not engine.search("管城区的流动采样车是哪天开始跑的").not_found


def test_of_the_first_two_passages_the_one_giving_the_count_comes_first(engine):
    """八千's lead names its 志愿者 and no 人次, and came before "…志愿者1142人次"."""
    result = engine.search("请问一下八千那边志原者一共参与了多少人次啊")
    assert "1142人次" in result.hits[0].excerpt
    assert result.answer is not None and result.answer.text == "1142人次"


def test_a_count_in_a_unit_with_nothing_counted_puts_first_the_passage_counting_in_it(engine):
    """明湖's 56149户161771名居民 came fourth, after passages on the same 辖区 with no 户; 席庄村's
    户 are counted nowhere, and 明湖's figure is no answer to them."""
    result = engine.search("明湖辖区一共多少户多少口人")
    assert "56149户" in result.hits[0].excerpt
    result = engine.search("席庄村一共多少户人家")
    assert result.not_found or result.answer is None or "56149" not in result.answer.text


def test_an_hour_asked_puts_first_and_marks_the_sentence_giving_one(engine):
    """山东's team at work in 第七人民医院 names the team and no hour; the quote four sentences on
    says 每天从早上8点开始…一直到次日凌晨5点左右结束."""
    result = engine.search("请问一下山东来的医疗队每天干到几点啊")
    assert "次日凌晨5点" in result.hits[0].highlight


def test_a_choice_is_answered_only_by_a_passage_naming_one_of_its_options(engine):
    """明港's page tells of the expectant mother, not of the birth: "男孩还是女孩" was answered with
    that passage. 蒋冲村's test began 提前半个小时, which names one option of 提前还是推迟."""
    from retrieval.search.choices import options_offered

    assert engine.search("明港那个孕妇生的是男孩还是女孩").not_found
    assert engine.search("席庄村今年春耕种的是小麦还是玉米啊").not_found
    assert not engine.search("蒋冲村的核酸检测是提前还是推迟").not_found
    tagged = engine.searcher.tokenizer.tagged
    assert options_offered("现在还是封着吗", tagged("现在还是封着吗")) == ()  # 还是: still
    # Offered side by side, without 还是 (four blind rounds asked so); not two verbs asking times.
    assert engine.search("那个孕妇后来顺利生了吗,是男孩女孩").not_found
    assert options_offered("生了没,男孩女孩", tagged("生了没,男孩女孩")) == ("男孩", "女孩")
    assert options_offered("每天几点上班下班", tagged("每天几点上班下班")) == ()


def test_a_district_jieba_tags_as_a_common_noun_is_still_the_subject_asked_of(engine):
    """jieba's dictionary tags 金水区 n (count 3), so it was no name and a count of 金水区's
    isolated people was checked against every page: 明港's 约100人的居家隔离人员 passed for it.
    Common nouns ending so (开发区, 居住区) are frequent words and stay common nouns."""
    from retrieval.search.place_names import is_place_name

    assert engine.search("金水区现在一共有多少人在居家隔离").not_found
    tokenizer = engine.searcher.tokenizer
    assert is_place_name("金水区", frozenset(), tokenizer.dictionary_tag, tokenizer.dictionary_count)
    assert not is_place_name("居住区", frozenset(), tokenizer.dictionary_tag, tokenizer.dictionary_count)
    assert not engine.search("金水区居家隔离的人管理责任是咋落实到人的").not_found


def test_which_company_needs_the_kind_named_not_only_its_modifier(engine):
    """"哪个公交公司出的": 管城's page tells of 13辆公交车 and names no 公司, yet mentioned 公交; a
    compound kind needs its head. A kind of one word keeps the words after it: 哪个国家的赛车手."""
    from retrieval.search.kinds_asked import kind_head

    assert engine.search("管城区那13辆公交采样车是哪个公交公司出的").not_found
    # Nor does another page's 物业公司 among the best passages name a 公交公司: the head must be
    # said with its modifier, in one passage.
    assert engine.search("管城区那些采样车是哪个公交公司出的车").not_found
    tag = engine.searcher.tokenizer.dictionary_tag
    assert kind_head(["公交", "公司"], "公交公司出的", tag) == (["公司"], ["公交"])
    assert kind_head(["路口", "值守"], "路口值守呀", tag) == (["路口", "值守"], [])
    assert kind_head(["国家", "赛车手"], "国家的赛车手", tag) == (["国家", "赛车手"], [])
    assert not engine.search("经开党政办志愿者在哪个路口值守呀").not_found
    # A kind of one character (厂) is asked too, though too short a word to be surely asked: no
    # page says where 明湖's masks came from. 镇 of 八千镇区 and 院 of 郑大一附院 are said.
    assert engine.search("明湖发的口罩是哪个厂的").not_found
    assert not engine.search("八千办事处属于哪个镇").not_found
    assert not engine.search("明港的孕妇送到哪个院了").not_found


def test_the_passage_telling_of_the_person_asked_about_comes_first(engine):
    """The lead naming IT产业园 and 第十二工作站 came before the passage telling who 刘涛 is: the
    person asked of weighs above the places that only say where he works."""
    result = engine.search("IT产业园第十二工作站的刘涛以前是干啥的")
    assert "退役战士" in result.hits[0].highlight
    # Of two people, the question asks what one said of the other: no passage is moved for either.
    assert person_asked_of([("钱谦益", "nr"), ("评价", "v"), ("李日华", "nr")], lambda word: True) == ""


def test_a_length_of_time_asked_in_a_paraphrase_is_answered(engine):
    """"切到战时状态" is the reader's 平战急转: a character of a word asked that no passage has (战
    of 战时) in the sentence giving the length of time asked tells it. And 多长时间 is one question
    word, as 多久 is: its 时间 weighed as a word brought 开始时间是6时15分 forward."""
    for question in ("中牟多长时间就切到战时状态了", "中牟县多久就切换到战时状态了"):
        result = engine.search(question)
        assert not result.not_found, question
        assert "2小时内实现平战急转" in result.hits[0].highlight, question
    tag = engine.searcher.tokenizer.dictionary_tag
    assert paraphrase_characters({"战时": 1.0, "状态": 1.0, "里面": 1.0}, ["2小时内实现平战急转"], tag) == [
        "态",
        "战",
        "状",
    ]
    assert engine.search("新冠疫苗加强针要隔多久打").not_found
    # What no passage says, nor any sentence giving a length of time in a character of its own, is
    # not told: 24小时 beside 核酸 and 登封 is no time the results take.
    assert engine.search("登封核酸结果一般多久能出来").not_found


def test_how_often_asked_with_yi_hui_is_answered_by_an_interval(engine):
    """多长时间转运一回 asks how often, as 多久…一次 does: 每隔45分钟, not the quote's 还有15分钟."""
    result = engine.search("他们多长时间转运一回?", context=["银河办事处核酸转运组组长是谁?"])
    assert "每隔45分钟" in result.hits[0].highlight


def test_the_weather_today_is_asked_though_jieba_lists_it_as_an_idiom(engine):
    """jieba's dictionary lists 今天天气 as an idiom, which the corpus never uses: dropped as an
    aside, it left 郑州 alone, and any page on 郑州 answered. Its noun half is asked."""
    assert engine.search("郑州今天天气怎么样？").not_found
    assert engine.search("郑州今天天气咋样").not_found
    assert not engine.search("明湖辖区挨家挨户摸下来一共多少人").not_found  # an idiom of how it was done


def test_a_count_asked_of_an_unlisted_village_is_the_village_s_own(engine):
    """席庄村 and 翟庄村 are in no list of names (the learned ones nor jieba's): a count asked of
    them passed on another page's figure (明湖's 56149户). Only the village's own passages count."""
    assert engine.search("席庄村一共多少户人家").not_found
    assert engine.search("翟庄村一共有多少人口").not_found
    result = engine.search("蒋冲村有多少村民")
    assert not result.not_found and "3750名村民" in result.hits[0].excerpt


def test_people_counted_with_de_ren_are_counted_in_heads(engine):
    """居家隔离的人 counts people, before the question word or after it: 24小时 and 三餐 beside
    居家隔离 on 金水区's page are no count of them (no page gives one)."""
    assert engine.search("金水区居家隔离的人一共有多少呀").not_found
    assert engine.search("金水区现在有多少居家隔离的人").not_found
    assert not engine.search("银河办事处有多少居家隔离的人").not_found  # 累计居家隔离人员450多人


def test_a_business_no_passage_mentions_is_named_by_none(engine):
    """荥阳's page says its samples went to 检测企业 and never names one: a 检测公司 asked by name,
    or as 哪家检测公司 (检测, a verbal noun, qualifies the 公司 asked), is turned away."""
    assert engine.search("荥阳送检的那个检测公司叫啥名字").not_found
    assert engine.search("荥阳做核酸检测的是哪家检测公司").not_found
    from retrieval.search.kinds_asked import kind_head

    tag = engine.searcher.tokenizer.dictionary_tag
    assert kind_head(["检测", "公司"], "检测公司做的", tag) == (["公司"], [])
    assert not engine.search("明港的孕妇送到哪家医院了").not_found


def test_a_count_typed_with_its_measure_glued_to_the_question_word_is_a_count(engine):
    """jieba's HMM glues 几人, a word of no dictionary; it sounds like 疾人 of 残疾人, which no
    passage on the 66 cadres says, and so turned "八千 下沉干部 几人" away. Asked apart it is."""
    assert [part.word for part in engine.searcher.respeller.parts("几人")] == ["几", "人"]
    result = engine.search("八千 下沉干部 几人")
    assert not result.not_found and result.answer is not None and result.answer.text == "66人"


def test_a_count_asked_by_its_noun_alone_needs_a_figure_in_its_unit_from_the_place_asked_of(engine):
    """荣阳's page mentions 核酸 and counts no 人次; 登封's 178万余人次 is another place's."""
    assert engine.search("荥阳 核酸 累计人次").not_found
    result = engine.search("登封 核酸 人次")
    assert not result.not_found and result.answer is not None and result.answer.text == "178万余人次"


def test_an_hour_asked_of_what_no_best_passage_mentions_is_turned_away(engine):
    """郑州地铁几点收车: 8点 of a sample transfer is no hour of the 地铁, which the best passages
    never mention. An hour asked of the work a passage tells of is still answered, and a guess
    at a typo (干道 of 干到) is no word the reader asked."""
    assert engine.search("郑州地铁几点收车啊").not_found
    assert engine.search("郑州地铁1号线末班车几点").not_found
    result = engine.search("请问一下呀，张明强那天从几点干到几点啊")
    assert not result.not_found and "6时15分" in result.hits[0].excerpt


def test_a_business_asked_by_name_must_be_mentioned_on_the_page_of_the_place_asked_of(engine):
    """东贾社区's page mentions only its 物业负责人; 明湖's mentions 物业公司, and passed for it.
    叫啥 closing the question asks the name as 叫啥名 does."""
    assert engine.search("东贾社区物业公司叫啥").not_found
    assert engine.search("东贾社区的物业是哪家公司").not_found


def test_what_time_something_is_done_is_told_by_the_part_of_the_day_it_is_done_in(engine):
    """利用什么时间去值守的: 利用下班时间 answers, though the report calls the work 引导车流, not
    值守; when 静态管理 ended is still asked of a report saying 解除."""
    result = engine.search("经开区党政办的志愿先锋队是利用什么时间去值守的")
    assert not result.not_found and "利用下班时间" in result.hits[0].excerpt
    assert engine.search("静态管理啥时候解除的").not_found


def test_a_start_asked_of_a_place_s_event_is_not_dated_by_a_name_holding_the_place(engine):
    """"河南一级响应是哪天启动的": no report dates it; 自4月15日驰援航空港区以来 beside 河南 of
    河南省儿童医院 answered it. A start dated beside its subject's name still is."""
    assert engine.search("河南一级响应是哪天启动的").not_found
    started = engine.search("河南省儿童医院的医护人员哪天开始支援明港的")
    assert not started.not_found and "自4月15日驰援航空港区以来" in started.hits[0].excerpt


def test_a_count_of_a_thing_qualified_as_no_report_says_is_turned_away(engine):
    """"八千办事处常住人口有多少" (three blind rounds): the page counts 流动人口 (7000余人) and no
    passage says 常住; 流动人口 asked is answered, and so is a length of time, 多长时间/n."""
    assert engine.search("八千办事处常住人口有多少啊").not_found
    floating = engine.search("八千办事处流动人口有多少啊")
    assert floating.answer is not None and floating.answer.text == "7000余人"
    quick = engine.search("中牟县多长时间实现平战急转的")
    assert quick.answer is not None and quick.answer.text == "2小时"


def test_which_ones_of_a_kind_named_before_the_question_word_ask_their_names(engine):
    """"明湖那些捐物资的爱心企业都是哪几家" asks the names of 爱心企业, which 明湖's page withholds
    (各爱心企业); four blind rounds asked it so, and were answered. Naming the kind after 哪些 was
    turned away already; the teams 山东援郑医疗队 is made of are named, and answered."""
    assert engine.search("明湖那些捐物资的爱心企业都是哪几家").not_found
    assert engine.search("给明湖捐物资的爱心企业都有谁").not_found
    teams = engine.search("山东援郑医疗队是由哪几支队伍组成的")
    assert not teams.not_found and "省直济南队" in teams.hits[0].excerpt


def test_the_area_under_a_place_is_no_rival_place(engine):
    """"中牟老年人不会用手机咋做核酸": "为辖区老年人制作“预约二维码卡片”" was read as telling of
    another place's 老年人 (辖区 ends in 区) and ranked second, after a sentence on 核酸 only."""
    result = engine.search("中牟老年人不会用手机咋做核酸呢")
    assert "预约二维码卡片" in result.hits[0].highlight


def test_a_count_of_a_model_no_passage_names_is_turned_away(engine):
    """"明湖办事处发了多少个N95口罩": 明湖 counts 防护口罩 and 口罩, never N95 ones; 84消毒液, which
    a passage names so, is still counted."""
    assert engine.search("明湖办事处发了多少个N95口罩").not_found
    assert not engine.search("明湖办事处发了多少84消毒液").not_found
