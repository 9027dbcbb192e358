"""A deterministic synthetic archive: news pages recombined from the sentences of real reports.

    pool = SentencePool.from_corpus(Path("seeds"), cmrc_json=Path(".../cmrc2018_trial.json"))
    write_archive(Path("/tmp/archive"), 2000, pool)            # articles 0..1999
    write_archive(Path("/tmp/archive"), 20, pool, start=2000)  # 1% more, in new files

Article i depends only on (pool, seed, i), so a run is reproducible anywhere and adding
articles later never changes the earlier files. Each page file holds up to
`ARTICLES_PER_PAGE` articles: a markdown headline, a date line, then body paragraphs.
The same pool makes the scale benchmark's passages (`retrieval.bench.scale`) and its questions
(`questions`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import ReportQAError
from retrieval.text.corpus import load_corpus
from retrieval.text.sentences import FULL_STOPS, split_sentences

ARTICLES_PER_PAGE = 3
ARTICLES_PER_DAY = 12
FIRST_DAY = dt.date(2020, 1, 1)
MIN_SENTENCE, MAX_SENTENCE = 8, 160  # characters; shorter are fragments, longer are run-ons
LEAD_MARKS = ("本报讯", "本报")  # the ingest rightly starts a new article at these


@dataclass(frozen=True)
class SentencePool:
    """Headlines and whole sentences to recombine, in a fixed order."""

    titles: tuple[str, ...]
    sentences: tuple[str, ...]

    @classmethod
    def from_corpus(cls, corpus_dir: Path, cmrc_json: Path | None = None) -> SentencePool:
        """The headlines and sentences of a corpus folder, plus those of a CMRC/SQuAD file if given."""
        articles, _ = load_corpus(corpus_dir)
        titles = [a.title for a in articles if a.title]
        paragraphs = [p for a in articles for p in a.paragraphs]
        if cmrc_json is not None:
            try:
                data = json.loads(Path(cmrc_json).read_text(encoding="utf-8"))["data"]
            except (OSError, ValueError, KeyError) as exc:
                raise ReportQAError(f"cannot read {cmrc_json} as a CMRC/SQuAD file: {exc}") from exc
            titles += [entry["title"] for entry in data]
            paragraphs += [p["context"] for entry in data for p in entry["paragraphs"]]
        sentences = [
            s.strip()
            for paragraph in paragraphs
            for s in split_sentences(paragraph)
            if MIN_SENTENCE <= len(s.strip()) <= MAX_SENTENCE
            and s.strip()[-1] in FULL_STOPS  # whole sentences, not clauses
            and not s.strip().startswith(LEAD_MARKS)
        ]
        titles = [t.strip() for t in titles if 2 <= len(t.strip()) <= 40]
        if not titles or len(sentences) < 10:
            raise ReportQAError(f"{corpus_dir} has too few whole sentences to recombine")
        # dict.fromkeys: drop repeats, keep first-seen order (deterministic)
        return cls(tuple(dict.fromkeys(titles)), tuple(dict.fromkeys(sentences)))

    def held_out(self, every: int = 20) -> tuple[SentencePool, SentencePool]:
        """(the pool less every `every`-th sentence, those sentences): text for "tomorrow's"
        articles that the archive has never seen, with its new names and terms."""
        kept = tuple(s for i, s in enumerate(self.sentences) if i % every)
        fresh = tuple(s for i, s in enumerate(self.sentences) if not i % every)
        return SentencePool(self.titles, kept), SentencePool(self.titles, fresh)


@dataclass(frozen=True)
class SyntheticArticle:
    number: int
    title: str
    date: dt.date
    paragraphs: tuple[str, ...]


def make_article(pool: SentencePool, number: int, seed: int = 0) -> SyntheticArticle:
    """Article `number`: a headline, its day, and 2-6 paragraphs of 1-4 sentences."""
    rng = random.Random(f"{seed}:{number}")
    paragraphs = tuple(
        "".join(rng.choice(pool.sentences) for _ in range(rng.randint(1, 4)))
        for _ in range(rng.randint(2, 6))
    )
    date = FIRST_DAY + dt.timedelta(days=number // ARTICLES_PER_DAY)
    return SyntheticArticle(number, rng.choice(pool.titles), date, paragraphs)


def _page_text(articles: list[SyntheticArticle]) -> str:
    blocks = []
    for article in articles:
        day = article.date
        blocks.append(f"# {article.title}\n\n{day.year}年{day.month:02d}月{day.day:02d}日\n")
        blocks.extend(p + "\n" for p in article.paragraphs)
    return "\n".join(blocks)


def write_archive(
    out_dir: Path, n_articles: int, pool: SentencePool, seed: int = 0, start: int = 0
) -> list[Path]:
    """Write articles start..start+n_articles-1 as page files under `out_dir`; the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    end = start + n_articles
    for first in range(start, end, ARTICLES_PER_PAGE):
        articles = [make_article(pool, i, seed) for i in range(first, min(first + ARTICLES_PER_PAGE, end))]
        path = out_dir / f"{articles[0].date.isoformat()}_{first:07d}.md"
        path.write_text(_page_text(articles), encoding="utf-8")
        written.append(path)
    return written


def questions(pool: SentencePool, n: int, seed: int = 0) -> list[str]:
    """n question-like strings: the first 8-24 characters of random sentences."""
    rng = random.Random(f"questions:{seed}")
    picked = []
    for _ in range(n):
        sentence = rng.choice(pool.sentences)
        picked.append(sentence[: rng.randint(8, 24)].rstrip(FULL_STOPS + "，,"))
    return picked
