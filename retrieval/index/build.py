"""Building an index from a corpus folder, incrementally: only new text is embedded."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import jieba
import numpy as np

from retrieval.errors import CorpusEmpty, CorpusMissing, ReportQAError
from retrieval.index import generations as gen
from retrieval.index.cache import EmbeddingCache, text_hash
from retrieval.index.encoding import PassageEncoding, encode_here
from retrieval.index.lexical import LexicalIndex
from retrieval.index.manifest import FORMAT_VERSION, Manifest
from retrieval.index.reading import read_corpus
from retrieval.index.vectors import build_vector_index, index_type_for
from retrieval.index.writer import GenerationWriter
from retrieval.model.encoder import Encoder
from retrieval.settings import ChunkSettings
from retrieval.text.aliases import dictionary_names, learn_aliases
from retrieval.text.chunk import chunk_articles
from retrieval.text.tokenize import Tokenizer, learn_names
from retrieval.types import Chunk

log = logging.getLogger(__name__)

# Bump when tokenize.py changes what it emits: cached token lists are then recomputed.
TOKENIZER_VERSION = 6


@dataclass
class BuildReport:
    files: int = 0
    skipped: list[str] = field(default_factory=list)  # one warning line per unreadable file
    articles: int = 0
    chunks: int = 0
    embedded: int = 0  # vectors computed by the model in this build
    reused: int = 0  # vectors taken from the cache
    up_to_date: bool = False
    seconds: float = 0.0
    generation: Path | None = None
    encoded_on: dict[str, int] = field(default_factory=dict)  # passages by Ray node id; empty: here


def _previous(index_dir: Path, model: str, chunking: ChunkSettings) -> tuple[Manifest, Path] | None:
    """The generation in use, if its chunks can be reused for unchanged files."""
    try:
        folder = gen.current_generation(index_dir)
        manifest = Manifest.load(folder)
    except ReportQAError:
        return None
    same_settings = (
        manifest.format_version == FORMAT_VERSION
        and manifest.model == model
        and manifest.chunking == _chunking_json(chunking)
    )
    return (manifest, folder) if same_settings else None


def _chunking_json(chunking: ChunkSettings) -> dict:
    """The settings as the manifest keeps them (JSON has lists, not tuples)."""
    return json.loads(json.dumps(asdict(chunking)))


def _known_words(previous: tuple[Manifest, Path] | None) -> set[str]:
    """The names the index in use was tokenized with."""
    words_file = previous[1] / gen.USERWORDS_NAME if previous is not None else None
    return set(words_file.read_text(encoding="utf-8").split()) if words_file and words_file.is_file() else set()


def _tokenizer_settings(user_words: list[str]) -> dict:
    return {
        "version": TOKENIZER_VERSION,
        "jieba": jieba.__version__,
        "user_words": hashlib.sha256("\n".join(user_words).encode()).hexdigest()[:16],
    }


def _tokenizer_key(settings: dict) -> str:
    return "|".join(str(v) for v in settings.values())


def _tokens_for(
    chunks: list[Chunk],
    tokenizer: Tokenizer,
    cache: EmbeddingCache,
    key: str,
    earlier: tuple[str, set[str]] | None = None,
) -> list[list[str]]:
    """Each chunk's tokens: cached under `key`, else the earlier build's (`earlier` = its key
    and the names it did not know) when the chunk mentions none of those names, else new.

    A name changes only how texts containing it are cut (see Tokenizer), so the earlier tokens
    of every other chunk are exactly what tokenizing again would give; a 1% update then
    tokenizes about 1% of the archive, not all of it."""
    hashes = [text_hash(c.indexed_text) for c in chunks]
    cached = cache.tokens(key, hashes)
    if earlier is not None and earlier[0] != key:
        earlier_key, new_names = earlier
        text_of = {h: c.indexed_text for h, c in zip(hashes, chunks, strict=True) if h not in cached}
        still_right = {
            h: tokens
            for h, tokens in cache.tokens(earlier_key, list(text_of)).items()
            if not any(name in text_of[h] for name in new_names)
        }
        cache.put_tokens(key, still_right.items())
        cached.update(still_right)
    unknown = [(h, c.indexed_text) for h, c in zip(hashes, chunks, strict=True) if h not in cached]
    fresh = list(zip([h for h, _ in unknown], tokenizer.tokenize_all(text for _, text in unknown), strict=True))
    cache.put_tokens(key, fresh)
    cached.update(fresh)
    cache.keep_only_tokens(key)  # one tokenizer's lists at a time: the cache must not grow each update
    return [cached[h] for h in hashes]


class _Stopped(Exception):
    """The embedding thread saw the build give up (an error or Ctrl-C in the main thread)."""


def _vectors_for(
    chunks: list[Chunk],
    encoder: Encoder,
    cache: EmbeddingCache,
    report: BuildReport,
    progress: Callable[[int, int], None] | bool,
    stop: threading.Event | None = None,
    encode: PassageEncoding | None = None,
) -> np.ndarray:
    hashes = [text_hash(c.indexed_text) for c in chunks]
    cached = cache.vectors(encoder.cache_key, hashes, encoder.dim)
    missing = list(dict.fromkeys(h for h in hashes if h not in cached))
    text_of = {h: c.indexed_text for h, c in zip(hashes, chunks, strict=True)}
    bar = None
    if progress is True and missing:
        from tqdm import tqdm

        bar = tqdm(total=len(missing), desc="embedding", unit="chunk", smoothing=0.1)
    done = 0
    batches = (encode or partial(encode_here, encoder))(missing, [text_of[h] for h in missing])
    try:
        for batch, vectors in batches:
            cache.put_vectors(encoder.cache_key, batch, vectors)
            cached.update(zip(batch, vectors, strict=True))
            if stop is not None and stop.is_set():
                raise _Stopped
            done += len(batch)
            if bar is not None:
                bar.update(len(batch))
            elif callable(progress):
                progress(done, len(missing))
    finally:
        batches.close()  # stops a cluster's pipeline too when the build gives up
    if bar is not None:
        bar.close()
    report.embedded = len(missing)
    report.reused = len(set(hashes)) - len(missing)
    dim = encoder.dim
    return np.stack([cached[h] for h in hashes]) if hashes else np.zeros((0, dim), dtype=np.float32)


class _EmbeddingInBackground:
    """`_vectors_for` in a worker thread, with its own cache connection, while the caller learns
    names and tokenizes. jieba is pure Python and holds one core; the encoder releases the GIL
    and keeps every core busy, so jieba's share of a build overlaps the model's instead of
    adding to it. Leaving the block early (an error, Ctrl-C) stops the worker after its batch:
    what it embedded is in the cache, as for any interrupted build."""

    def __init__(
        self,
        chunks: list[Chunk],
        encoder: Encoder,
        cache_path: Path,
        report: BuildReport,
        progress: Callable[[int, int], None] | bool,
        encode: PassageEncoding | None = None,
    ):
        self._stop = threading.Event()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="reportqa-embed")
        embed = partial(_vectors_for, chunks, encoder, report=report, progress=progress, stop=self._stop, encode=encode)
        self._future = self._pool.submit(self._with_own_cache, embed, cache_path)

    @staticmethod
    def _with_own_cache(work: Callable[[EmbeddingCache], np.ndarray], cache_path: Path) -> np.ndarray:
        cache = EmbeddingCache(cache_path)  # sqlite3 connections belong to the thread that made them
        try:
            return work(cache)
        finally:
            cache.close()

    def vectors(self) -> np.ndarray:
        return self._future.result()

    def __enter__(self) -> _EmbeddingInBackground:
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    encoder: Encoder,
    progress: Callable[[int, int], None] | bool = False,
    chunking: ChunkSettings = ChunkSettings(),
    encode: PassageEncoding | None = None,
) -> BuildReport:
    """Bring the index in `index_dir` up to date with `corpus_dir`; the old one serves until done.
    `encode` encodes the passages the cache lacks (default: `encoder`, here)."""
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise CorpusMissing(f"corpus folder {corpus_dir} does not exist")
    report = BuildReport()
    with gen.build_lock(index_dir):
        previous = _previous(index_dir, encoder.name, chunking)
        articles, hashes, changed = read_corpus(corpus_dir, previous, report.skipped, chunking.record_fields)
        report.files = len(hashes)
        if not articles:
            first = f"; {report.skipped[0]}" if report.skipped else ""
            raise CorpusEmpty(f"no readable report in {corpus_dir} (text, HTML, PDF, Word or JSON{first})")
        # An index from before short names were learned, or cut by an older tokenizer, is rebuilt
        # once (its vectors come from the cache).
        if (
            previous is not None
            and previous[0].files == hashes
            and (previous[1] / gen.ALIASES_NAME).is_file()
            and previous[0].tokenizer.get("version") == TOKENIZER_VERSION
        ):
            report.up_to_date = True
            report.articles, report.chunks = previous[0].n_articles, previous[0].n_chunks
            report.generation = previous[1]
            report.seconds = time.perf_counter() - started
            return report

        chunks = chunk_articles(articles, chunking.max_chars, chunking.overlap)
        cache_path = index_dir / gen.CACHE_NAME
        EmbeddingCache(cache_path).close()  # created (or migrated) once, before two connections use it
        with _EmbeddingInBackground(chunks, encoder, cache_path, report, progress, encode) as embedding:
            known = _known_words(previous)
            user_words = sorted(known | set(learn_names(f"{a.title}\n{a.text}" for a in changed)))
            tokenizer = Tokenizer(user_words)
            tokenizer_settings = _tokenizer_settings(user_words)
            tokenizer_key = _tokenizer_key(tokenizer_settings)
            earlier = None
            if previous is not None and previous[0].tokenizer == _tokenizer_settings(sorted(known)):
                earlier = (_tokenizer_key(previous[0].tokenizer), set(user_words) - known)
            cache = EmbeddingCache(cache_path)
            try:
                token_lists = _tokens_for(chunks, tokenizer, cache, tokenizer_key, earlier)
            finally:
                cache.close()
            vectors = embedding.vectors()

        writer = GenerationWriter(index_dir)
        kind = index_type_for(len(chunks))
        writer.write_dense(build_vector_index(vectors, kind))
        writer.write_lexical(LexicalIndex.build(token_lists))
        writer.write_user_words(user_words)
        texts = (f"{a.title}\n{a.text}" for a in articles)
        words = {token for tokens in token_lists for token in tokens}
        names = dictionary_names(words, tokenizer.dictionary_tag, tokenizer.dictionary_count).union(user_words)
        writer.write_aliases(learn_aliases(names, texts, tokenizer.dictionary_count, tokenizer.dictionary_tag))
        writer.write_store(articles, chunks, hashes)
        report.generation = writer.publish(
            model=encoder.name,
            dim=encoder.dim,
            tokenizer=tokenizer_settings,
            chunking=_chunking_json(chunking),
            vector_index=kind,
            files=hashes,
            n_articles=len(articles),
            n_chunks=len(chunks),
        )
    report.articles, report.chunks = len(articles), len(chunks)
    report.seconds = time.perf_counter() - started
    return report
