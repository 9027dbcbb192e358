"""Building, rebuilding and refusing indexes, with the real model, FAISS, jieba and SQLite."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from conftest import settings_for

from retrieval.engine import Engine
from retrieval.errors import CorpusEmpty, CorpusMissing, IndexCorrupt, IndexMismatch
from retrieval.index import generations as gen
from retrieval.index.build import build_index
from retrieval.index.cache import EmbeddingCache
from retrieval.index.store import Store
from retrieval.text.tokenize import Tokenizer

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

NEW_ARTICLE = """

郑东新区 龙湖办事处开展春季消杀

本报讯（记者 张三）近日，龙湖办事处组织志愿者对辖区12个小区开展春季消杀，共出动消杀人员86人次。

记者 张三 通讯员 李四
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def warm_index(tmp_path, seeds_index) -> Path:
    """An empty index folder whose embedding cache already knows the seeds' passages."""
    folder = tmp_path / "index"
    folder.mkdir()
    shutil.copy(seeds_index / gen.CACHE_NAME, folder / gen.CACHE_NAME)
    return folder


def test_rebuild_embeds_only_what_changed(corpus, warm_index, encoder):
    first = build_index(corpus, warm_index, encoder)
    assert first.embedded == 0 and first.reused > 0  # all from the cache of the first build

    again = build_index(corpus, warm_index, encoder)
    assert again.up_to_date and again.embedded == 0

    page = corpus / "002_da53ae4b4d24c8ae.txt"
    page.write_text(page.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    changed = build_index(corpus, warm_index, encoder)
    assert 1 <= changed.embedded <= 3, changed  # the new article's passage(s), nothing else
    assert changed.chunks == first.chunks + changed.embedded

    engine = Engine.open(settings_for(warm_index), build_if_missing=False, encoder=encoder)
    result = engine.search("龙湖办事处对多少个小区开展了消杀？")
    assert result.hits[0].source == page.name and "12个小区" in result.hits[0].excerpt
    engine.close()


def test_update_tokenizes_only_what_a_new_name_can_change(corpus, warm_index, encoder, tmp_path, monkeypatch):
    """A name learned from new text re-cuts only the texts that contain it: an update tokenizes
    those and the new passages, and ends up with exactly the BM25 index a full build makes."""
    def names(generation: Path) -> set[str]:
        return set((generation / gen.USERWORDS_NAME).read_text(encoding="utf-8").split())

    known = names(build_index(corpus, warm_index, encoder).generation)
    page = corpus / "002_da53ae4b4d24c8ae.txt"
    page.write_text(page.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    tokenized: list[str] = []
    tokenize_all = Tokenizer.tokenize_all

    def spy(self, texts):
        texts = list(texts)
        tokenized.extend(texts)
        return tokenize_all(self, texts)

    monkeypatch.setattr(Tokenizer, "tokenize_all", spy)
    update = build_index(corpus, warm_index, encoder)
    monkeypatch.undo()
    new_names = names(update.generation) - known
    assert "龙湖办事处" in new_names
    store = Store(update.generation / gen.STORE_NAME)
    texts = [chunk.indexed_text for chunk in store.chunks(range(update.chunks)).values()]
    store.close()
    must = [text for text in texts if any(name in text for name in new_names)]
    assert sorted(tokenized) == sorted(must) and len(must) < len(texts) / 10

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    shutil.copy(warm_index / gen.CACHE_NAME, scratch / gen.CACHE_NAME)
    cache = EmbeddingCache(scratch / gen.CACHE_NAME)
    cache.keep_only_tokens("no tokenizer")  # every passage tokenized anew
    cache.close()
    full = build_index(corpus, scratch, encoder)
    for part in ("lexical.json", "offsets.npy", "rows.npy", "weights.npy"):
        ours = (update.generation / gen.LEXICAL_DIR / part).read_bytes()
        assert ours == (full.generation / gen.LEXICAL_DIR / part).read_bytes(), part


def test_removed_file_leaves_the_index(corpus, warm_index, encoder):
    build_index(corpus, warm_index, encoder)
    (corpus / "003_ae551ef007b5810a.txt").unlink()
    report = build_index(corpus, warm_index, encoder)
    assert report.files == 4 and report.embedded == 0
    engine = Engine.open(settings_for(warm_index), build_if_missing=False, encoder=encoder)
    assert all(info.source != "003_ae551ef007b5810a.txt" for info in engine.sources())
    result = engine.search("翟庄村党支部书记叫什么？", k=10)
    assert all(hit.source != "003_ae551ef007b5810a.txt" for hit in result.hits)
    engine.close()


def test_ctrl_c_while_names_are_learned_stops_the_embedding_too(corpus, warm_index, encoder, monkeypatch):
    """The model embeds in a worker thread while jieba learns names and tokenizes; giving up
    in the main thread must not leave the worker embedding the rest of the archive."""
    build_index(corpus, warm_index, encoder)
    for page in corpus.glob("*.txt"):  # every passage changes: a long re-embedding
        page.write_text(page.read_text(encoding="utf-8").replace("疫情", "疫情（新）"), encoding="utf-8")
    monkeypatch.setattr("retrieval.index.encoding.EMBED_BATCH", 4)

    def pressed_ctrl_c(texts):
        raise KeyboardInterrupt

    monkeypatch.setattr("retrieval.index.build.learn_names", pressed_ctrl_c)
    cache = EmbeddingCache(warm_index / gen.CACHE_NAME)
    before = cache.count_vectors(encoder.cache_key)
    with pytest.raises(KeyboardInterrupt):
        build_index(corpus, warm_index, encoder)
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("reportqa-embed")]
    stopped_at = cache.count_vectors(encoder.cache_key)
    monkeypatch.undo()
    report = build_index(corpus, warm_index, encoder)
    assert stopped_at - before <= 2 * 4 < report.embedded  # a batch or two, not the archive
    cache.close()


def test_interrupted_build_keeps_the_old_index_and_resumes(corpus, warm_index, encoder, monkeypatch):
    build_index(corpus, warm_index, encoder)
    for page in corpus.glob("*.txt"):  # every passage changes: a long re-embedding
        page.write_text(page.read_text(encoding="utf-8").replace("疫情", "疫情（新）"), encoding="utf-8")
    monkeypatch.setattr("retrieval.index.encoding.EMBED_BATCH", 8)

    def interrupt(done: int, total: int) -> None:
        if done >= 16:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(corpus, warm_index, encoder, progress=interrupt)
    engine = Engine.open(settings_for(warm_index), build_if_missing=False, encoder=encoder)  # the previous generation still answers
    assert "（新）" not in engine.search("八千办事处下沉了多少机关干部？").hits[0].excerpt
    engine.close()

    resumed = build_index(corpus, warm_index, encoder)
    assert resumed.reused >= 16  # the batches embedded before the interruption were kept
    assert not list(warm_index.glob(".building-*"))
    engine = Engine.open(settings_for(warm_index), build_if_missing=False, encoder=encoder)
    assert "（新）" in engine.search("八千办事处下沉了多少机关干部？").hits[0].excerpt
    engine.close()


def test_index_of_another_model_is_refused(seeds_index, encoder, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    manifest_path = gen.current_generation(copy) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["model"] = "BAAI/bge-small-zh-v1.5"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="reportqa build"):
        Engine.open(settings_for(copy), build_if_missing=False, encoder=encoder)


def test_index_of_another_format_is_refused(seeds_index, encoder, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    manifest_path = gen.current_generation(copy) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["format_version"] = 999
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexMismatch, match="format version"):
        Engine.open(settings_for(copy), build_if_missing=False, encoder=encoder)


@pytest.mark.parametrize("damaged", [gen.VECTORS_NAME, gen.STORE_NAME, "manifest.json"])
def test_corrupt_index_is_refused_with_a_rebuild_hint(seeds_index, encoder, tmp_path, damaged):
    copy = tmp_path / "index"
    shutil.copytree(seeds_index, copy)
    (gen.current_generation(copy) / damaged).write_bytes(b"\x00garbage" * 100)
    with pytest.raises((IndexCorrupt, IndexMismatch), match="rebuild"):
        Engine.open(settings_for(copy), build_if_missing=False, encoder=encoder)


def test_empty_and_missing_corpus(tmp_path, encoder):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n", encoding="utf-8")
    (empty / "image.txt").write_bytes(bytes(range(256)))
    with pytest.raises(CorpusEmpty):
        build_index(empty, tmp_path / "index", encoder)
    with pytest.raises(CorpusMissing):
        build_index(tmp_path / "nowhere", tmp_path / "index", encoder)
    assert not gen.has_index(tmp_path / "index")


def test_bad_files_are_skipped_and_named(corpus, warm_index, encoder):
    (corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (corpus / "empty.md").write_text("", encoding="utf-8")
    report = build_index(corpus, warm_index, encoder)
    assert report.files == 5
    assert any("binary.txt" in line for line in report.skipped)
    assert any("empty.md" in line for line in report.skipped)


def test_builds_in_quick_succession_each_take_over(corpus, warm_index, encoder):
    """Generations are named by time; two builds within one second must not collide."""
    build_index(corpus, warm_index, encoder)
    for round_number in range(3):
        page = corpus / "004_3dce56448bb60ae0.txt"
        page.write_text(page.read_text(encoding="utf-8") + f"\n\n补记{round_number}。\n", encoding="utf-8")
        report = build_index(corpus, warm_index, encoder)
        assert report.generation == gen.current_generation(warm_index)
    assert len(list(warm_index.glob("gen-*"))) == 1


def test_a_format_1_index_still_answers_and_the_next_build_upgrades_it(corpus, warm_index, encoder):
    import sqlite3

    from retrieval.index.manifest import FORMAT_VERSION, MANIFEST_NAME

    folder = build_index(corpus, warm_index, encoder).generation
    with sqlite3.connect(folder / gen.STORE_NAME) as store:  # what a format-1 build wrote
        for column in ("url", "page", "record"):
            store.execute(f"ALTER TABLE articles DROP COLUMN {column}")
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    (folder / MANIFEST_NAME).write_text(json.dumps({**manifest, "format_version": 1}), encoding="utf-8")

    searcher = Engine.open(settings_for(warm_index), build_if_missing=False, encoder=encoder)
    hit = searcher.search("明湖办事处一共发放了多少只口罩？").hits[0]
    assert hit.source == "001_c1940cad4a4d3e86.txt" and hit.url is None
    searcher.close()
    upgraded = build_index(corpus, warm_index, encoder)
    assert not upgraded.up_to_date and upgraded.embedded == 0
    assert json.loads((upgraded.generation / MANIFEST_NAME).read_text(encoding="utf-8"))["format_version"] == FORMAT_VERSION


def test_an_index_cut_by_an_older_tokenizer_is_rebuilt_from_the_cache(corpus, warm_index, encoder):
    """Queries are cut by this code's tokenizer; passages cut by another would not match them."""
    from retrieval.index.build import TOKENIZER_VERSION
    from retrieval.index.manifest import MANIFEST_NAME

    folder = build_index(corpus, warm_index, encoder).generation
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    older = {**manifest, "tokenizer": {**manifest["tokenizer"], "version": TOKENIZER_VERSION - 1}}
    (folder / MANIFEST_NAME).write_text(json.dumps(older), encoding="utf-8")
    again = build_index(corpus, warm_index, encoder)
    assert not again.up_to_date and again.embedded == 0
    assert build_index(corpus, warm_index, encoder).up_to_date
