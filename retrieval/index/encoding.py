"""Where a build's missing passages get encoded: here by default, or by a hook such as
`retrieval.model.ray_encoding.ClusterEncoding`. Either way the build receives batches of
(hashes, vectors) as they are done and alone writes them to the cache, one batch at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np

from retrieval.model.encoder import Encoder

EMBED_BATCH = 256  # vectors are committed to the cache after every batch

# (hashes, texts) -> batches of (hashes, vectors), in any order.
PassageEncoding = Callable[[Sequence[str], Sequence[str]], Iterator[tuple[list[str], np.ndarray]]]


def encode_here(encoder: Encoder, hashes: Sequence[str], texts: Sequence[str]) -> Iterator[tuple[list[str], np.ndarray]]:
    for start in range(0, len(hashes), EMBED_BATCH):
        batch = slice(start, start + EMBED_BATCH)
        yield list(hashes[batch]), encoder.encode_passages(list(texts[batch]))
