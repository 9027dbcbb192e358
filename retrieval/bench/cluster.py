"""The cluster row of `reportqa bench --ray ADDRESS`: the bench's passages encoded on a Ray cluster.

The same distinct passage texts the local build embedded go through the same pipeline a
`reportqa build --ray` uses (`retrieval.model.ray_encoding`), with no cache in between, so the
cluster's rate sits beside this machine's bare encoder on identical work. The wall-clock rate
includes starting the actors (each loads the model once), as a build's does; each node's own
rate counts only the time its actors spent encoding.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from retrieval.bench.report import BuildResult
from retrieval.model.encoder import Encoder
from retrieval.model.ray_encoding import ClusterEncoding, RayCluster, RaySettings


@dataclass(frozen=True)
class ClusterResult:
    address: str
    nodes: int
    cpus: int
    passages: int
    seconds: float  # wall clock, actors' start included
    passages_per_s: float
    local_per_s: float  # this machine's rate on the same texts (the bench's bare encoder, else its build)
    ratio: float
    by_node: dict[str, dict]  # node id -> passages encoded there, and its rate while encoding


def bench_cluster(
    address: str, encoder: Encoder, texts: list[str], build: BuildResult, say: Callable[[str], None]
) -> dict:
    """The cluster's row, next to this machine's bare encoder (else its build) on the same texts."""
    from retrieval.index.cache import text_hash

    say(f"cluster: the same {len(texts)} passages on the Ray cluster at {address}")
    local_per_s = build.bare_encode_per_s or build.passages_per_s
    with RayCluster(address) as cluster:
        encoding = ClusterEncoding(cluster, encoder, RaySettings(address))
        started = time.perf_counter()
        encoded = sum(len(hashes) for hashes, _ in encoding([text_hash(t) for t in texts], texts))
        seconds = time.perf_counter() - started
        cpus = cluster.cpus()
    rate = encoded / seconds if seconds else 0.0
    rates = encoding.node_rates()
    result = ClusterResult(
        address=address,
        nodes=len(encoding.passages_by_node),
        cpus=cpus,
        passages=encoded,
        seconds=round(seconds, 2),
        passages_per_s=round(rate, 2),
        local_per_s=round(local_per_s, 2),
        ratio=round(rate / local_per_s, 3) if local_per_s else 0.0,
        by_node={
            node: {"passages": count, "per_s": rates[node]} for node, count in encoding.passages_by_node.items()
        },
    )
    return asdict(result)
