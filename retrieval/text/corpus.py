"""A corpus folder -> its report files and their articles, through the reader registry.

Every file is accounted for: read, skipped with a one-line reason (unreadable, empty, over its
reader's size limit), or counted as unsupported in one line per extension ("3 .xlsx files skipped:
unsupported"); nothing is dropped silently.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.errors import CorpusEmpty, CorpusMissing, UndecodableFile
from retrieval.text.readers import SNIFF_BYTES, Reader, reader_for, readers, supported_extensions
from retrieval.types import Article


@dataclass(frozen=True)
class CorpusFiles:
    readable: list[Path]  # sorted
    unsupported: dict[str, int] = field(default_factory=dict)  # extension ("" for none) -> files

    def warnings(self) -> list[str]:
        """One line per unsupported extension."""
        return [
            f"{count} {ext or 'extensionless'} file{'s' if count > 1 else ''} skipped: unsupported"
            for ext, count in sorted(self.unsupported.items())
        ]


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError:
        return b""  # unreadable: `read_articles` says why, with the file's name


def scan_corpus(corpus_dir: Path, registry: tuple[Reader, ...] | None = None) -> CorpusFiles:
    """Every file under `corpus_dir` a reader takes, recursively and sorted, and a count of the
    others by extension; hidden files and folders are skipped (editors' and VCS's own)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusMissing(f"corpus folder {corpus_dir} does not exist")
    registry = registry or readers()
    readable: list[Path] = []
    unsupported: Counter[str] = Counter()
    for folder, subfolders, files in os.walk(corpus_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            if reader_for(path, _head(path), registry) is None:
                unsupported[path.suffix.lower()] += 1
            else:
                readable.append(path)
    return CorpusFiles(sorted(readable), dict(unsupported))


def iter_corpus_files(corpus_dir: Path) -> list[Path]:
    """The files of `corpus_dir` that some reader takes, sorted (see `scan_corpus`)."""
    return scan_corpus(corpus_dir).readable


def read_articles(
    path: Path, corpus_dir: Path, max_bytes: int | None = None, registry: tuple[Reader, ...] | None = None
) -> list[Article]:
    """The articles of one report file; UndecodableFile if it is unreadable, unsupported or too
    large (over `max_bytes`, else over its reader's own `max_bytes`)."""
    path, source = Path(path), Path(path).relative_to(corpus_dir).as_posix()
    reader = reader_for(path, _head(path), registry or readers())
    if reader is None:
        raise UndecodableFile(f"{source}: unsupported file type, skipped")
    limit = max_bytes or reader.max_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise UndecodableFile(f"{source}: {size / 2**20:.1f} MB is over the {limit / 2**20:g} MB limit")
        data = path.read_bytes()
    except OSError as exc:
        raise UndecodableFile(f"{source}: cannot be read ({exc.strerror or exc}), skipped") from None
    if not data:
        raise UndecodableFile(f"{source}: empty file, skipped")
    return reader.read(data, source)


def load_corpus(corpus_dir: Path, max_bytes: int | None = None) -> tuple[list[Article], list[str]]:
    """Articles of every readable file, and one warning line per file (or extension) skipped.

    Raises CorpusMissing when the folder does not exist, CorpusEmpty when no file gives an article.
    """
    registry = readers()
    files = scan_corpus(corpus_dir, registry)
    articles: list[Article] = []
    warnings: list[str] = []
    for path in files.readable:
        try:
            articles += read_articles(path, corpus_dir, max_bytes, registry)
        except UndecodableFile as exc:
            warnings.append(str(exc))
    warnings += files.warnings()
    if not articles:
        kinds = "/".join(supported_extensions(registry))
        first = f"; first: {warnings[0]}" if warnings else ""
        raise CorpusEmpty(f"no readable report in {corpus_dir} ({len(files.readable)} {kinds} files{first})")
    return articles, warnings
