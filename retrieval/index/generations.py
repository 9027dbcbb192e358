"""Index folder layout: numbered generations, and an atomic switch between them.

    embeddings/
      CURRENT                 name of the generation in use (replaced atomically)
      embedding_cache.sqlite  vectors and tokens by content hash; survives every rebuild
      gen-20261126T153000-000123/   manifest.json store.sqlite vectors.faiss lexical/ userwords.txt
                              aliases.json (absent in indexes built before it: no aliases)

A build writes a new generation aside and switches CURRENT only when it is complete, so a
crash or Ctrl-C in the middle leaves the previous index in use; readers that opened the old
generation keep working from their open files.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from retrieval.errors import IndexCorrupt, IndexMissing, ReportQAError

CURRENT_NAME = "CURRENT"
CACHE_NAME = "embedding_cache.sqlite"
STORE_NAME = "store.sqlite"
VECTORS_NAME = "vectors.faiss"
LEXICAL_DIR = "lexical"
USERWORDS_NAME = "userwords.txt"
ALIASES_NAME = "aliases.json"


def current_generation(index_dir: Path) -> Path:
    """The generation folder in use; IndexMissing when there is none."""
    pointer = index_dir / CURRENT_NAME
    if not pointer.is_file():
        raise IndexMissing(f"no index in {index_dir}; build one with `reportqa build --index {index_dir}`")
    name = pointer.read_text(encoding="utf-8").strip()
    folder = index_dir / name
    if not name or "/" in name or not folder.is_dir():
        raise IndexCorrupt(f"{pointer} names a missing generation {name!r}; rebuild with `reportqa build`")
    return folder


def has_index(index_dir: Path) -> bool:
    return (index_dir / CURRENT_NAME).is_file()


def new_generation_folder(index_dir: Path) -> Path:
    """A fresh, hidden folder to build into; `publish` makes it visible and current."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    # The random part: two builds in the same second would otherwise name the generation in
    # use, and the finished build could not take its place.
    folder = index_dir / f".building-{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True)
    return folder


def publish(index_dir: Path, building: Path) -> Path:
    """Rename the finished build into place, point CURRENT at it, drop older generations."""
    final = index_dir / building.name.replace(".building-", "gen-", 1)
    os.replace(building, final)
    pointer_tmp = index_dir / f".{CURRENT_NAME}.tmp"
    pointer_tmp.write_text(final.name + "\n", encoding="utf-8")
    with open(pointer_tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / CURRENT_NAME)
    for old in index_dir.glob("gen-*"):
        if old != final:
            shutil.rmtree(old, ignore_errors=True)  # open readers keep their files on POSIX
    return final


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index; leftovers of an interrupted build are cleared under it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".build.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ReportQAError(f"another build is running on {index_dir}; wait for it to finish") from exc
        for leftover in index_dir.glob(".building-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        yield
