"""The text machinery a question runs through: one jieba pass for BM25 and highlights (checked
against jieba's own search mode), and excerpts widened from the nearby paragraphs only."""

from __future__ import annotations

import re
from pathlib import Path

import jieba

from retrieval.limits import EXCERPT_CHARS
from retrieval.search.excerpt import excerpt_for, section_text, widen
from retrieval.text.chunk import chunk_articles
from retrieval.text.corpus import load_corpus
from retrieval.text.sentences import split_sentences
from retrieval.text.tokenize import STOPWORDS, Tokenizer, learn_names

ROOT = Path(__file__).resolve().parents[1]


def seed_lines() -> list[str]:
    lines = [
        line
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
    ]
    return lines + [line for line in (ROOT / "tests/data/seeds_dev.jsonl").read_text("utf-8").splitlines()]


def test_tokens_are_jiebas_search_mode_words_plus_bigrams():
    """Search mode is rebuilt from the precise cut the question words need (one jieba pass);
    it must still give every word jieba's own `cut_for_search` gives."""
    reference = jieba.Tokenizer()
    reference.initialize()
    reference.add_word("蒋冲村", freq=20000)
    tokenizer = Tokenizer(["蒋冲村"])
    for line in (line for line in seed_lines() if not re.search(r"\d", line)):
        expected = {w.lower() for w in reference.cut_for_search(line) if re.search(r"\w", w)} - STOPWORDS
        tokens = set(tokenizer.tokenize(line))
        assert expected <= tokens, line
        assert all(len(extra) == 2 for extra in tokens - expected), line  # the bigrams of long words


def test_numbers_names_and_search_mode_words():
    tokenizer = Tokenizer(["蒋冲村"])
    tokens, words = tokenizer.tokens_and_words("2022年4月21日蒋冲村党支部发放3.7万只口罩,占80%吗？")
    assert {"2022年4月21日", "3.7万", "80%", "蒋冲村", "党支部", "口罩"} <= set(tokens)
    assert "支部" in tokens  # search mode: the dictionary word inside 党支部 too
    assert "吗" not in tokens and "吗" not in words
    assert words[:2] == ["2022年4月21日", "蒋冲村"]


def test_a_list_of_single_characters_is_also_read_as_the_word_a_reader_writes():
    """"老、弱、病、残、孕" is what a question calls 老弱病残孕: the pairs of the joined run are tokens."""
    tokens = set(Tokenizer().tokenize("针对辖区老、弱、病、残、孕、幼等特殊群体"))
    assert {"老弱", "弱病", "病残", "残孕"} <= tokens
    assert "老弱" not in Tokenizer().tokenize("老人、孩子")  # words listed, not characters


def test_every_seed_excerpt_is_whole_sentences_around_its_chunk():
    articles, _ = load_corpus(ROOT / "seeds")
    by_key = {(a.source, a.number): a for a in articles}
    for chunk in chunk_articles(articles):
        article = by_key[(chunk.source, chunk.article)]
        excerpt = excerpt_for(chunk, article)
        assert chunk.text.strip() in excerpt and len(excerpt) <= EXCERPT_CHARS
        # Made of the section's own sentences, none cut (but an over-long one the chunker cut).
        sentences = split_sentences(section_text(article, chunk))
        if len(excerpt) > len(chunk.text):
            assert excerpt.startswith(tuple(sentences)) and excerpt.endswith(tuple(sentences))


def test_widening_reaches_past_blank_lines_it_does_not_count():
    """Whitespace between paragraphs is dropped from an excerpt, so a sentence further away
    than the room left, counted in raw characters, can still join it."""
    text = "前面一句。" + "\n" * 60 + "答案在这里。" + " \n" * 40 + "后面一句。"
    assert widen("答案在这里。", text, limit=20) == "前面一句。答案在这里。后面一句。"
    assert widen("答案在这里。", text, limit=12) == "答案在这里。后面一句。"


def test_widening_a_passage_deep_in_a_long_section():
    paragraphs = [f"第{i}段的第一句。第{i}段的第二句话比较长一些。" for i in range(2000)]
    text = "\n".join(paragraphs)
    excerpt = widen("第1000段的第一句。", text, limit=60)
    assert "第1000段的第一句。" in excerpt and len(excerpt) <= 60
    assert re.fullmatch(r"(第\d+段的第[一二]句(话比较长一些)?。)+", excerpt)
    assert widen("不在文中。", text, limit=60) == "不在文中。"


def test_a_build_tokenizes_each_passage_as_a_question_alone_would_be(monkeypatch):
    """A build remembers recent cuts (headlines and overlapping sentences repeat); every passage
    must still get exactly the tokens it gets alone, also when the memory fills and starts over."""
    import retrieval.text.tokenize as tokenize_module

    articles, _ = load_corpus(ROOT / "seeds")
    texts = [chunk.indexed_text for chunk in chunk_articles(articles, 240, 1)]
    tokenizer = Tokenizer(["明湖办事处", "蒋冲村"])
    alone = [tokenizer.tokenize(text) for text in texts]
    assert tokenizer.tokenize_all(texts) == alone
    monkeypatch.setattr(tokenize_module, "RECENT_CUTS", 7)
    assert tokenizer.tokenize_all(texts) == alone


def test_names_are_counted_the_same_however_often_a_run_repeats(monkeypatch):
    """learn_names tags a repeated run once: every occurrence must still count (min_count 2 sees
    the counts), also when its memory fills and starts over."""
    import retrieval.text.tokenize as tokenize_module

    articles, _ = load_corpus(ROOT / "seeds")
    texts = [f"{a.title}\n{a.text}" for a in articles] * 2  # every run at least twice
    once = learn_names(texts[: len(articles)], min_count=2)
    twice = learn_names(texts, min_count=2)
    assert set(once) < set(twice)  # names seen once per copy now reach the bar
    monkeypatch.setattr(tokenize_module, "RECENT_CUTS", 3)
    assert learn_names(texts, min_count=2) == twice


def test_a_name_changes_only_how_the_texts_containing_it_are_cut():
    """What lets an update re-tokenize only the passages that mention a newly learned name."""
    plain = Tokenizer()
    names = [f"{a}{b}办事处" for a in "甲乙丙丁戊己庚辛壬癸" for b in "子丑寅卯辰巳午未申酉戌亥"] * 5
    named = Tokenizer([f"{name}{i}" for i, name in enumerate(names)] + ["明湖办事处"])
    for line in seed_lines():
        if "明湖办事处" not in line:
            assert named.tokenize(line) == plain.tokenize(line), line
    assert "明湖办事处" in named.tokenize("明湖办事处发放口罩") != plain.tokenize("明湖办事处发放口罩")


def test_the_readers_cut_keeps_a_statement_whole_where_chunking_cuts_it():
    """The marked sentence is cut by the reader's rules: a semicolon, a full stop inside a title
    or bracket, a Latin initial or a name's "!" do not end it; the chunker's cut is unchanged."""
    texts = [
        "花为聚繖花序顶生；果实为蒴果。",
        "他主演了《卡拉OK.LIVE！‧台北‧我》。2001年去了美国。",
        "统计（含外地人员。）共3人。",
        "作者是J. K. Rowling，住在U.S. 东部。",
        "公司名为Yahoo!奇摩。",
    ]
    for text in texts:
        assert len(split_sentences(text)) > 1, text
    assert split_sentences(texts[0], for_reader=True) == [texts[0]]
    assert split_sentences(texts[1], for_reader=True) == [
        "他主演了《卡拉OK.LIVE！‧台北‧我》。",
        "2001年去了美国。",
    ]
    assert [split_sentences(text, for_reader=True) for text in texts[2:]] == [[text] for text in texts[2:]]


def test_the_readers_cut_still_ends_sentences():
    assert split_sentences("他说：“好。”然后走了。再见!", for_reader=True) == [
        "他说：“好。”然后走了。",
        "再见!",
    ]
    speech = "他说：“我们这个队伍一共由4支队伍组成。工作人员分为4个班次,3班倒。每天从早上8点开始做准备。”"
    assert (
        split_sentences(speech, for_reader=True)[-1] == "每天从早上8点开始做准备。”"
    )  # speech: its own sentences
    unclosed = "（" + "很长的括号。" * 40 + "后面"
    assert len(split_sentences(unclosed, for_reader=True)) > 1  # an unclosed bracket is no reason to run on
    assert split_sentences("第一行\n第二行（跨行。\n）", for_reader=True) == [
        "第一行",
        "第二行（跨行。",
        "）",
    ]
