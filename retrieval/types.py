"""The frozen records that the retrieval stages pass to each other."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article of a report page: what a citation points at."""

    source: str  # file name relative to the corpus folder, e.g. "000_cec1fee83778a17a.txt"
    number: int  # position of the article within its file, from 0
    title: str  # the headline (kicker and sub-headline joined by " " when there are several)
    date: str | None  # ISO date of the page or article, when the text gives one
    byline: str | None  # e.g. "记者 王军方 通讯员 董辉 文/图"
    paragraphs: tuple[str, ...]  # body paragraphs, lead first, line breaks inside sentences joined
    # Indices into `paragraphs` of the sub-headings inside the article (sections); the chunker
    # starts a new chunk at each and records it as `Chunk.section`.
    subheadings: tuple[int, ...] = ()
    url: str | None = None  # where the CMS published it, when the file says
    page: str | None = None  # the paper's page or the CMS section: "第03版", "要闻"
    record: str | None = None  # which record of a JSON export: its id field, else its position from 1
    staff: str | None = None  # the page's credits: "编辑:赵青 美编:金驰 校对:海梅" (text/layout.py)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences from one article: the unit that is embedded and ranked."""

    source: str
    article: int  # Article.number
    number: int  # position of the chunk within its article, from 0
    title: str
    date: str | None
    paragraph: int  # index into Article.paragraphs of the paragraph the chunk starts in
    text: str  # the sentences themselves, as shown to a user
    section: str = ""  # the sub-heading inside the article the chunk falls under, if any

    @property
    def indexed_text(self) -> str:
        """What is embedded and tokenized: the headline gives a bare sentence its subject."""
        context = " ".join(part for part in (self.title, self.section) if part)
        return f"{context}\n{self.text}" if context else self.text


@dataclass(frozen=True)
class Hit:
    """One cited excerpt in a search answer."""

    rank: int
    score: float
    source: str
    title: str
    date: str | None
    paragraph: int
    excerpt: str  # at most EXCERPT_CHARS (retrieval.limits), quoted from the article
    highlight: str  # the sentence of the excerpt most likely to answer
    article: int  # Article.number, to fetch the whole article
    url: str | None = None
    author: str | None = None  # Article.byline
    page: str | None = None
    record: str | None = None
    staff: str | None = None  # Article.staff

    def to_json(self) -> dict:
        known = {
            name: value for name in ("url", "author", "page", "record", "staff") if (value := getattr(self, name))
        }
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "paragraph": self.paragraph,
            "excerpt": self.excerpt,
            "highlight": self.highlight,
            "article": self.article,
            **known,
        }


@dataclass(frozen=True)
class DirectAnswer:
    """The short span that answers the question ("178万余人次"), quoted from a hit's marked sentence."""

    text: str
    rank: int  # the Hit it is quoted from
    sentence: str  # that hit's marked sentence

    def to_json(self) -> dict:
        return {"text": self.text, "rank": self.rank, "sentence": self.sentence}


@dataclass(frozen=True)
class SearchResult:
    """The answer to one question: hits, or not_found with the nearest headlines."""

    question: str
    hits: tuple[Hit, ...]
    not_found: bool
    nearest_titles: tuple[str, ...] = field(default=())
    latency_ms: float = 0.0
    # The dates the question (or --since/--until) asks about as the search understood them:
    # "2022-04-20", "2022-04-11 – 2022-04-20", or "". `dates_in_archive` False: no report has
    # those dates, so the search was not restricted. `latest_first`: "最近/最新" put the newest first.
    understood_dates: str = ""
    dates_in_archive: bool = True
    latest_first: bool = False
    # Given only when sure (a wrong figure is worse than none); None otherwise.
    answer: DirectAnswer | None = None
    # The subject taken from the chat's earlier questions ("山东援郑医疗队"); "" when the
    # question was searched as it stands. Shown in replies, so a wrong guess is visible.
    context_used: str = ""

    def to_json(self) -> dict:
        dates = {"understood_dates": self.understood_dates} if self.understood_dates else {}
        if self.understood_dates and not self.dates_in_archive:
            dates["dates_in_archive"] = False
        if self.latest_first:
            dates["latest_first"] = True
        return {
            "question": self.question,
            **dates,
            "context_used": self.context_used,
            "not_found": self.not_found,
            "answer": self.answer.to_json() if self.answer else None,
            "results": [hit.to_json() for hit in self.hits],
            "nearest_titles": list(self.nearest_titles),
            "latency_ms": round(self.latency_ms, 2),
        }
