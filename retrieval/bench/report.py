"""The figures `reportqa bench` reports: typed records, the machine they ran on, the table."""

from __future__ import annotations

import os
import platform
import resource
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildResult:
    articles: int
    passages: int
    seconds: float
    passages_per_s: float
    # None with --no-bare: on a large archive the two bare runs would triple the bench's time.
    bare_encode_seconds: float | None
    bare_encode_per_s: float | None
    ratio: float | None
    bare_encode_runs_s: list[float]  # before and after the build; the faster one is compared
    load_averages: list[float]  # 1-minute load: start, build starts, build ends, bare runs end
    peak_rss_mb: float
    index_bytes_per_passage: float
    cache_bytes_per_passage: float
    # Where the rest of the build goes, timed again alone on the same text: jieba's part-of-
    # speech pass that learns place names (all new articles) and BM25 tokenization (passages).
    learn_names_s: float
    tokenize_s: float


@dataclass(frozen=True)
class QueryResult:
    queries: int
    p50_ms: float
    p95_ms: float
    bare_p50_ms: float  # bare query encoding + bare FAISS search
    bare_p95_ms: float
    p50_ratio: float
    encode_p50_ms: float
    faiss_p50_ms: float
    lexical_p50_ms: float  # jieba + BM25 top-k
    lexical_share: float  # of the search p50
    beside_encode_p50_ms: float = 0.0  # the search less its own question encode


@dataclass(frozen=True)
class IncrementalResult:
    new_articles: int
    embedded: int
    seconds: float
    full_rebuild_seconds: float  # the full build above, from an empty cache
    share: float


@dataclass
class BenchReport:
    machine: dict
    backend: str
    build: BuildResult
    query: QueryResult
    incremental: IncrementalResult
    backends: dict[str, float] = field(default_factory=dict)
    backend_texts: int = 0
    scale: list[dict] = field(default_factory=list)
    cluster: dict | None = None  # `bench --ray`: see retrieval.bench.cluster.ClusterResult

    def to_json(self) -> dict:
        out = asdict(self)
        out["build"]["backend"] = self.backend
        return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent through
    fork + exec, so a child process started by a big parent would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        flags = Path("/proc/cpuinfo").read_text()
        vnni = "avx512_vnni" in flags or "avx_vnni" in flags
    except OSError:
        vnni = False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "cores": cores,
        "vnni": vnni,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "load_average_start": round(os.getloadavg()[0], 2),
    }


def format_report(report: BenchReport) -> str:
    """The human-readable table of one run."""
    m, b, q, inc = report.machine, report.build, report.query, report.incremental
    vnni = ", AVX-512 VNNI" if m.get("vnni") else ""
    lines = [
        f"machine      {m['cpu']} ({m['cores']} cores{vnni}), {m['memory_gb']} GB, python {m['python']}, "
        f"load {m['load_average_start']} -> {m.get('load_average_end', '?')}",
        f"build        {b.articles} articles, {b.passages} passages, backend {report.backend}",
        f"  end to end   {b.passages_per_s:8.2f} passages/s  ({b.seconds:.1f} s)",
        f"  bare encode  {b.bare_encode_per_s:8.2f} passages/s  ({b.bare_encode_seconds:.1f} s, the faster of "
        f"{b.bare_encode_runs_s[0]:.1f} s before and {b.bare_encode_runs_s[1]:.1f} s after)   ratio {b.ratio:.3f}"
        if b.bare_encode_per_s
        else "  bare encode  not run (--no-bare)",
        f"  load average {' -> '.join(str(load) for load in b.load_averages)}  (start, build starts, build ends, end)",
        f"  peak RSS     {b.peak_rss_mb:8.0f} MB          index {b.index_bytes_per_passage:.0f} B/passage "
        f"(+ embedding cache {b.cache_bytes_per_passage:.0f} B)",
        f"  jieba        learning names {b.learn_names_s:.1f} s, tokenizing {b.tokenize_s:.1f} s "
        "(timed alone; a build runs them beside the model)",
        f"query        {q.queries} questions, warm process",
        f"  search       p50 {q.p50_ms:7.2f} ms  p95 {q.p95_ms:7.2f} ms",
        f"  bare         p50 {q.bare_p50_ms:7.2f} ms  p95 {q.bare_p95_ms:7.2f} ms   ratio {q.p50_ratio:.3f}  "
        f"(encode {q.encode_p50_ms:.2f} + faiss {q.faiss_p50_ms:.2f})",
        f"  lexical      p50 {q.lexical_p50_ms:7.2f} ms  ({q.lexical_share:.0%} of search)",
        f"  beside model p50 {q.beside_encode_p50_ms:7.2f} ms  (the search less its own question encode)",
        f"incremental  +{inc.new_articles} articles ({inc.embedded} passages embedded): {inc.seconds:.1f} s, "
        f"full build {inc.full_rebuild_seconds:.1f} s ({inc.share:.1%})",
    ]
    if report.backends:
        rates = "  ".join(f"{name} {rate:.2f}/s" for name, rate in report.backends.items())
        lines.append(f"backends     {rates}  (same {report.backend_texts} texts, taking turns)")
    if report.cluster:
        c = report.cluster
        lines.append(
            f"cluster      {c['address']}: {c['nodes']} nodes, {c['cpus']} CPUs, {c['passages']} passages "
            f"{c['passages_per_s']:.2f}/s ({c['seconds']:.1f} s, actors' start included) against "
            f"{c['local_per_s']:.2f}/s here   ratio {c['ratio']:.3f}"
        )
        for node, row in c["by_node"].items():
            lines.append(f"  node {node[:12]}  {row['passages']:>7} passages  {row['per_s']:8.2f}/s while encoding")
    if report.scale:
        lines.append(
            "scale        passages  index  build_s  rss_mb  faiss_p95_ms  recall@10  "
            "bm25_build_s  bm25_p95_ms  search_p95_ms"
        )
        for row in report.scale:
            lines.append(
                f"             {row['passages']:>8}  {row['index_type']:<5}  {row['build_s']:7.1f}  "
                f"{row['rss_mb']:6.0f}  {row['p95_ms']:12.2f}  {row['recall_at_10']:9.4f}  "
                f"{row['lexical_build_s']:12.1f}  {row['lexical_p95_ms']:11.2f}  {row['search_p95_ms']:13.2f}"
            )
            lines.append(f"               {row['index_type']}: {row.get('why', '')} (faiss {row.get('faiss_simd', '?')})")
    return "\n".join(lines)
