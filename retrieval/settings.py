"""Every setting of reportqa, one typed object: flags > REPORTQA_* environment > TOML file > defaults.

This is the only module that reads the environment or a settings file; the engine, the CLI,
the REPL, the bot and the bench receive a `Settings`. It imports nothing heavy (no telegram,
no torch), so a bad bot token or a typo in a file fails in milliseconds.

A TOML file has one table a section (`[index]`, `[model]`, `[search]`, `[chunking]`, `[bot]`);
the flat keys of earlier releases (`corpus`, `index`, `model`, `k`, `backend` at the top or in
`[reportqa]`, bot keys at the top of a file without tables) are still read.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from retrieval.errors import SettingsError
from retrieval.setting_values import field_pairs, flag, ids, lang, number, url

# The shipped corpus and index sit beside the packages in a checkout (and an editable
# install); elsewhere they are looked for in the working folder.
_PROJECT_ROOT = Path(__file__).resolve().parents[1]
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
CONFIG_ENV = "REPORTQA_CONFIG"
# "<bot id>:<secret>"; real secrets are 35 characters of [A-Za-z0-9_-], tests use shorter ones.
_TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")


def _shipped(name: str) -> Path:
    return _PROJECT_ROOT / name if (_PROJECT_ROOT / "seeds").is_dir() else Path(name)


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    """Where the converted builtin model lives: $REPORTQA_CACHE_DIR, else the XDG cache."""
    if path := environ.get("REPORTQA_CACHE_DIR"):
        return Path(path)
    if xdg := environ.get("XDG_CACHE_HOME"):
        return Path(xdg) / "reportqa"
    return Path.home() / ".cache" / "reportqa"


@dataclass(frozen=True)
class IndexSettings:
    corpus: Path = field(default_factory=lambda: _shipped("seeds"))
    path: Path = field(default_factory=lambda: _shipped("embeddings"))


@dataclass(frozen=True)
class ModelSettings:
    name: str | None = None  # None: the model the index was built with, else builtin
    backend: str | None = None  # None: the model's default backend (see model.encoder.load_encoder)
    cache_dir: Path = field(default_factory=lambda: default_cache_dir(os.environ))
    ray_address: str | None = None  # builds encode on this Ray cluster (host:port or auto); None: here
    ray_gpus: float = 0.0  # > 0: each Ray encoder actor takes this many GPUs and runs torch on CUDA


@dataclass(frozen=True)
class SearchSettings:
    k: int = 5  # excerpts per answer
    candidates: int = 50  # rows taken from each side before fusion
    dense_weight: float = 1.0
    # 1.5 once outvoted the model on paraphrases BM25 cannot see (公开信 / 一封信); with the
    # coverage rerank below bringing the lexical evidence back, 1.0 is better everywhere:
    # CMRC trial hit@1 0.945 -> 0.949, colloquial dev 0.929 -> 0.952.
    lexical_weight: float = 1.0
    # The best `coverage_depth` fused rows ranked again by what they mention (rerank.py), fused
    # in at this weight: CMRC trial hit@1 0.937 -> 0.945, seeds_dev 0.962 -> 1.000 (README).
    coverage_depth: int = 20
    coverage_weight: float = 2.0
    # A first-rank vote at this weight for each of those rows that names every place or office
    # the question names, itself or in its article's lead (rerank.fuse_subject): follow-ups
    # 0.917 -> 0.958 hit@1 (那中牟县呢？), CMRC trial unchanged; 0.5 to 60 measure the same.
    subject_weight: float = 1.0
    # At most this many excerpts of one article in an answer. 3, not 2: a question about one
    # article's subject often finds its answer in that article's third-best passage (CMRC trial
    # hit@5 0.984 -> 0.989, MRR 0.969 -> 0.971; 4 measures as 3; the seeds files unchanged), and
    # the passages an excerpt mostly repeats are left out anyway.
    per_article: int = 3
    # Confidence = the largest share of the question's IDF mass that one of the best
    # `confidence_depth` passages mentions (a place the question names counts when the page's
    # lead names it, as in the rerank), plus a bonus for a top dense cosine above its pivot
    # (e5 cosines sit in 0.75-0.95, hence the steep slope) and one for how far the top cosine
    # stands above the 11th-50th (an answer stands out; a stray question finds a flat field).
    # Below min_confidence: not_found. Calibrated on tests/data/seeds_dev*.jsonl (answerable
    # >= 0.81, unanswerable <= 0.32, the threshold 0.08 above them) and checked on the CMRC
    # trial, where 0.5% of answerable questions fall below it. On all dev files together
    # (answerable: seeds_dev, seeds_colloquial_dev, seeds_followup*_dev; unanswerable: both
    # negatives files) the answerable reach 0.44 (a paraphrase: 公开信 for 一封信) while chatty
    # negatives about a known subject reach 0.94, so the bar alone cannot part them (0.5: 19/25
    # negatives, 2% answerable lost; 0.6: 21/25, 2.9%).
    confidence_depth: int = 3
    dense_pivot: float = 0.85
    dense_slope: float = 4.0
    gap_pivot: float = 0.03
    gap_slope: float = 6.0
    min_confidence: float = 0.40
    # Also not_found when none of the best `asked_depth` passages mentions a word the question
    # asks beyond its names (asked.py). All dev files: negatives 16/25 -> 21/25 (colloquial
    # 6/15 -> 11/15), no answerable question lost; CMRC trial wrongly not-found 0.005 -> 0.012
    # (hit@1 0.949 -> 0.942), under its 0.025 budget: "X的职业是什么" is answered by "X是演员",
    # with 职业 only in passages further down. Depth 3: 21/25 and 0.020; 10 or 20: 19/25, 0.007.
    require_asked: bool = True
    asked_depth: int = 5
    # And, for a question asking 多少 / 几, when none of those passages has a sentence holding
    # both a word asked and a figure, or for one asking the day (哪天, 几号), a date; of a
    # question naming a place, only its passages count (figures.py, README "Quality").
    require_figure: bool = True


@dataclass(frozen=True)
class ChunkSettings:
    max_chars: int = 240
    overlap: int = 1
    # Extra JSON export field names, as (meaning, name) pairs: (("body", "news_content"),).
    # Meanings: title, date, author, body, url, page, id (see text/readers/fields.py).
    record_fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class BotSettings:
    """What `reportqa bot` needs beyond the engine; the token is checked by `check_token`."""

    token: str = field(default="", repr=False)
    api_url: str | None = None  # e.g. http://127.0.0.1:8081 for a self-hosted telegram-bot-api
    webhook_url: str | None = None  # webhook mode when set, long polling otherwise
    listen: str = "0.0.0.0"
    port: int = 8443
    allowed_ids: frozenset[int] = frozenset()  # users and chats; empty means everyone
    admin_ids: frozenset[int] = frozenset()
    rate_limit: int = 10  # questions per user per minute; 0 turns the limit off
    lang: str = "zh"
    db_path: Path | None = None  # None: bot.sqlite3 beside the index (see Settings.bot_db)
    workers: int = 4  # threads that run searches off the event loop
    quiet_seconds: float = 900.0  # a chat's earlier questions are forgotten after this long quiet
    watch: bool = False  # build new and changed reports of the corpus in-process (else follow CURRENT)

    @property
    def base_url(self) -> str | None:
        """The Bot API endpoint prefix PTB appends the token to, or None for Telegram's own."""
        return f"{self.api_url.rstrip('/')}/bot" if self.api_url else None

    @property
    def base_file_url(self) -> str | None:
        return f"{self.api_url.rstrip('/')}/file/bot" if self.api_url else None


@dataclass(frozen=True)
class Settings:
    index: IndexSettings = field(default_factory=IndexSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    chunking: ChunkSettings = field(default_factory=ChunkSettings)
    bot: BotSettings = field(default_factory=BotSettings)

    @property
    def bot_db(self) -> Path:
        """The bot's questions and votes: kept with the index they were asked of, not in the cwd."""
        return self.bot.db_path or self.index.path / "bot.sqlite3"


@dataclass(frozen=True)
class _Spec:
    section: str
    name: str  # the dataclass field
    parse: Callable[[Any], Any]
    env: str | None = None
    flag: str | None = None  # argparse dest; default: the field's name


_PATH, _TEXT = Path, str
_SPECS = (
    _Spec("index", "corpus", _PATH, "REPORTQA_CORPUS"),
    _Spec("index", "path", _PATH, "REPORTQA_INDEX", flag="index"),
    _Spec("model", "name", _TEXT, "REPORTQA_MODEL", flag="model"),
    _Spec("model", "backend", _TEXT, "REPORTQA_BACKEND"),
    _Spec("model", "cache_dir", _PATH, "REPORTQA_CACHE_DIR"),
    _Spec("model", "ray_address", _TEXT, "REPORTQA_RAY_ADDRESS", flag="ray_address"),
    _Spec("model", "ray_gpus", number(float, 0), "REPORTQA_RAY_GPUS"),
    _Spec("search", "k", number(int, 1), "REPORTQA_K"),
    *(
        _Spec("search", f.name, {"bool": flag, "int": number(int, 0)}.get(f.type, number(float, 0)))
        for f in fields(SearchSettings)
        if f.name != "k"
    ),
    _Spec("chunking", "max_chars", number(int, 20)),
    _Spec("chunking", "overlap", number(int, 0)),
    _Spec("chunking", "record_fields", field_pairs, "REPORTQA_RECORD_FIELDS"),
    _Spec("bot", "api_url", url, "REPORTQA_BOT_API_URL"),
    _Spec("bot", "webhook_url", url, "REPORTQA_WEBHOOK_URL"),
    _Spec("bot", "listen", _TEXT, "REPORTQA_LISTEN"),
    _Spec("bot", "port", number(int, 1), "REPORTQA_PORT"),
    _Spec("bot", "allowed_ids", ids, "REPORTQA_ALLOWED_IDS"),
    _Spec("bot", "admin_ids", ids, "REPORTQA_ADMIN_IDS"),
    _Spec("bot", "rate_limit", number(int, 0), "REPORTQA_RATE_LIMIT"),
    _Spec("bot", "lang", lang, "REPORTQA_LANG"),
    _Spec("bot", "db_path", _PATH, "REPORTQA_BOT_DB"),
    _Spec("bot", "workers", number(int, 1), "REPORTQA_WORKERS"),
    _Spec("bot", "quiet_seconds", number(float, 1), "REPORTQA_QUIET_SECONDS"),
    _Spec("bot", "watch", flag, "REPORTQA_WATCH"),
)
# Keys of earlier releases' flat files and [reportqa] table -> (section, field).
_LEGACY = {"corpus": ("index", "corpus"), "index": ("index", "path"), "model": ("model", "name"),
           "backend": ("model", "backend"), "k": ("search", "k"), "db": ("bot", "db_path"),
           "ray_address": ("model", "ray_address"), "ray_gpus": ("model", "ray_gpus")}  # fmt: skip
_SECTIONS = {"index": IndexSettings, "model": ModelSettings, "search": SearchSettings,
             "chunking": ChunkSettings, "bot": BotSettings}  # fmt: skip


def _read_file(path: Path) -> dict[tuple[str, str], Any]:
    """The file's values by (section, field); unknown keys are refused, not ignored."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config {path} is not valid TOML: {exc}") from exc
    known = {(spec.section, spec.name) for spec in _SPECS}
    bot_fields = {name for section, name in known if section == "bot"}
    values: dict[tuple[str, str], Any] = {}
    unknown: list[str] = []
    flat = {key: value for key, value in data.items() if not isinstance(value, dict)}
    for key, value in {**flat, **data.get("reportqa", {})}.items():
        place = _LEGACY.get(key) or (("bot", key) if key in bot_fields else None)
        if place is None:
            unknown.append(key)
        else:
            values[place] = value
    for section in _SECTIONS:
        table = data.get(section)
        # "index" is a section and also an earlier release's flat key for the index folder
        for key, value in table.items() if isinstance(table, dict) else ():
            place = (section, key) if (section, key) in known else _LEGACY.get(key) if section == "bot" else None
            if place is None:
                unknown.append(f"[{section}] {key}")
            else:
                values[place] = value
    unknown += [f"[{name}]" for name, value in data.items() if isinstance(value, dict)
                and name not in (*_SECTIONS, "reportqa")]  # fmt: skip
    if unknown:
        raise SettingsError(f"config {path}: unknown setting(s): {', '.join(sorted(unknown))}")
    return values


def load_settings(
    flags: Mapping[str, Any] | Any = None,
    environ: Mapping[str, str] | None = None,
    config: Path | str | None = None,
) -> Settings:
    """Fill Settings from flags (a mapping or an argparse Namespace; None = not given), then
    REPORTQA_* in `environ` (default: the process environment), then the TOML file (`config`,
    the `config` flag or $REPORTQA_CONFIG)."""
    environ = os.environ if environ is None else environ
    flags = dict(vars(flags)) if flags is not None and not isinstance(flags, Mapping) else dict(flags or {})
    config = config or flags.get("config") or environ.get(CONFIG_ENV) or None
    from_file = _read_file(Path(config)) if config else {}
    chosen: dict[str, dict[str, Any]] = {section: {} for section in _SECTIONS}
    for spec in _SPECS:
        candidates = (
            (f"--{(spec.flag or spec.name).replace('_', '-')}", flags.get(spec.flag or spec.name)),
            (spec.env, environ.get(spec.env) if spec.env else None),
            (f"[{spec.section}] {spec.name}", from_file.get((spec.section, spec.name))),
        )
        for origin, value in candidates:
            if value is None or value == "":
                continue
            try:
                chosen[spec.section][spec.name] = spec.parse(value)
            except SettingsError as exc:
                raise SettingsError(f"{origin}: {exc}") from None
            break
    if "cache_dir" not in chosen["model"]:
        chosen["model"]["cache_dir"] = default_cache_dir(environ)
    return Settings(**{section: _SECTIONS[section](**values) for section, values in chosen.items()})


def check_token(settings: Settings, environ: Mapping[str, str] | None = None) -> Settings:
    """`settings` with the bot token from $TELEGRAM_BOT_TOKEN; SettingsError (never echoing it)
    when it is absent or malformed."""
    environ = os.environ if environ is None else environ
    token = environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise SettingsError(f"{TOKEN_ENV} is not set; create a bot with @BotFather and export its token")
    if not _TOKEN_SHAPE.fullmatch(token):
        raise SettingsError(f"{TOKEN_ENV} is malformed; it looks like 123456789:AAH... (digits, colon, secret)")
    return replace(settings, bot=replace(settings.bot, token=token))
