"""Opening a generation's dense index, lexical side and passage store, by the manifest's kind.

The manifest's `vector_index` names how the generation was written; a registry maps each kind
to the opener that reads it, so `Searcher` never opens files itself and an engine that keeps
its index elsewhere (an `opensearch` kind, say) is one more `register_index_kind` call.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from retrieval.errors import IndexMismatch
from retrieval.index import generations as gen
from retrieval.index.lexical import LexicalIndex
from retrieval.index.manifest import Manifest
from retrieval.index.protocols import DenseIndex, LexicalSide, PassageStore
from retrieval.index.store import Store
from retrieval.index.vectors import VECTOR_INDEX_KINDS, load_vector_index


class IndexParts(NamedTuple):
    dense: DenseIndex
    lexical: LexicalSide
    store: PassageStore


PartsOpener = Callable[[Path, Manifest], IndexParts]
_OPENERS: dict[str, PartsOpener] = {}


def register_index_kind(kind: str, opener: PartsOpener) -> None:
    """Open generations whose manifest says `vector_index: kind` with `opener(folder, manifest)`."""
    _OPENERS[kind] = opener


def open_index_parts(generation: Path, manifest: Manifest) -> IndexParts:
    """The three parts of one generation; IndexMismatch for a kind this reportqa cannot read."""
    opener = _OPENERS.get(manifest.vector_index)
    if opener is None:
        raise IndexMismatch(
            f"the index in {generation} has a {manifest.vector_index!r} vector index, which this "
            f"reportqa cannot open ({', '.join(_OPENERS)}); rebuild it with `reportqa build`"
        )
    return opener(generation, manifest)


def _open_local_files(generation: Path, manifest: Manifest) -> IndexParts:
    """A FAISS file, BM25 arrays and a SQLite store inside the generation folder."""
    store = Store(generation / gen.STORE_NAME)
    try:
        dense = load_vector_index(generation / gen.VECTORS_NAME, store.n_chunks, manifest.dim)
        lexical = LexicalIndex.load(generation / gen.LEXICAL_DIR)
    except BaseException:
        store.close()
        raise
    return IndexParts(dense, lexical, store)


for _kind in VECTOR_INDEX_KINDS:  # FAISS writes each of them as one file; one opener reads them all
    register_index_kind(_kind, _open_local_files)
