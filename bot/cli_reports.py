"""How the `reportqa` command prints the library's reports: a build's and an evaluation's."""

from __future__ import annotations

import sys


def print_build(report) -> None:
    for warning in report.skipped:
        print(f"warning: {warning}", file=sys.stderr)
    if report.up_to_date:
        print(f"index up to date: {report.files} files, {report.articles} articles, {report.chunks} passages")
    else:
        print(
            f"indexed {report.files} files, {report.articles} articles, {report.chunks} passages "
            f"({report.embedded} embedded, {report.reused} from cache) in {report.seconds:.1f}s -> {report.generation}"
        )


def build_json(report, on_ray: bool) -> dict:
    fields = ("files", "articles", "chunks", "embedded", "reused", "skipped", "up_to_date")
    summary = {name: getattr(report, name) for name in fields}
    summary.update(seconds=round(report.seconds, 2), generation=str(report.generation))
    if on_ray:
        summary["ray"] = {"nodes": report.encoded_on}
    return summary


def print_eval(report, name: str = "") -> None:
    prefix = f"{name}: " if name else ""
    print(
        f"{prefix}answerable {report.answerable}: hit@1 {report.hit_at_1:.3f}  hit@5 {report.hit_at_5:.3f}  "
        f"MRR@10 {report.mrr_at_10:.3f}  wrongly not-found {report.false_not_found:.3f}\n"
        f"{prefix}unanswerable {report.unanswerable}: not-found {report.not_found_correct:.3f}\n"
        f"{prefix}latency p50 {report.latency_p50_ms:.0f} ms  p95 {report.latency_p95_ms:.0f} ms"
    )
    if report.misses:
        print(f"{prefix}missed (no hit in top 5): " + " ".join(report.misses))
