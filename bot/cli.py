"""`reportqa`: the one command. It parses arguments and calls the library; nothing else.

    reportqa build  [--corpus seeds/] [--index embeddings/] [--model builtin|NAME_OR_PATH] [--ray ADDRESS] [--json]
    reportqa ask    "明湖办事处一共发了多少口罩？"
    reportqa repl
    reportqa search --json [-k 10] "question" | --questions FILE.jsonl
    reportqa eval   FILE.jsonl [FILE.jsonl ...]
    reportqa bench  [--corpus DIR | --synthetic N] [--scale 100000,1000000] [--json]
    reportqa bot    (see docs/BOT.md)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from retrieval.errors import ReportQAError
from retrieval.model.embed import BACKENDS


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="folder of reports (default: the shipped seeds/)")
    parser.add_argument("--index", type=Path, help="index folder (default: the shipped embeddings/)")
    parser.add_argument("--model", help="builtin (default) or a sentence-transformers name or path")
    parser.add_argument("--config", type=Path, help="TOML file of settings (flags and REPORTQA_* win)")
    parser.add_argument("--backend", choices=BACKENDS, help="encoder backend of builtin ($REPORTQA_BACKEND)")


def _settings(args: argparse.Namespace):
    from retrieval.settings import load_settings

    flags = {name: getattr(args, name, None) for name in ("corpus", "index", "model", "k", "backend", "ray_address")}
    return load_settings(flags, config=getattr(args, "config", None))


def _print_build(report) -> None:
    for warning in report.skipped:
        print(f"warning: {warning}", file=sys.stderr)
    if report.up_to_date:
        print(f"index up to date: {report.files} files, {report.articles} articles, {report.chunks} passages")
    else:
        print(
            f"indexed {report.files} files, {report.articles} articles, {report.chunks} passages "
            f"({report.embedded} embedded, {report.reused} from cache) in {report.seconds:.1f}s -> {report.generation}"
        )


def _build_json(report, on_ray: bool) -> dict:
    fields = ("files", "articles", "chunks", "embedded", "reused", "skipped", "up_to_date")
    summary = {name: getattr(report, name) for name in fields}
    summary.update(seconds=round(report.seconds, 2), generation=str(report.generation))
    if on_ray:
        summary["ray"] = {"nodes": report.encoded_on}
    return summary


def cmd_build(args: argparse.Namespace) -> int:
    from retrieval.service import build

    settings = _settings(args)
    report = build(settings, progress=sys.stderr.isatty())
    if args.json:
        print(json.dumps(_build_json(report, bool(settings.ray_address)), ensure_ascii=False))
    else:
        _print_build(report)
    return 0


def _searcher(args: argparse.Namespace):
    from retrieval.service import open_searcher

    return open_searcher(_settings(args), on_build=_print_build, progress=sys.stderr.isatty())


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.citations import format_result_text

    searcher = _searcher(args)
    result = searcher.search(" ".join(args.question), k=_settings(args).k)
    print(format_result_text(result, color=sys.stdout.isatty()))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from retrieval.bench.evaluate import read_questions
    from retrieval.errors import BadQuestion
    from retrieval.types import SearchResult

    if bool(args.question) == bool(args.questions):
        raise ReportQAError("give either a question or --questions FILE.jsonl")
    searcher = _searcher(args)
    k = _settings(args).k
    if args.question:
        print(json.dumps(searcher.search(" ".join(args.question), k=k).to_json(), ensure_ascii=False))
        return 0
    for question in read_questions(args.questions):
        try:
            result = searcher.search(question.question, k=k).to_json()
        except BadQuestion as exc:  # one bad line must not stop the file: say so on that line
            result = {**SearchResult(question.question, (), True).to_json(), "error": str(exc)}
        print(json.dumps({"id": question.id, **result}, ensure_ascii=False), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from retrieval.bench.evaluate import evaluate, read_questions

    searcher = _searcher(args)
    questions = [q for path in args.files for q in read_questions(path)]
    report = evaluate(lambda text: searcher.search(text, k=10), questions)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(
            f"answerable {report.answerable}: hit@1 {report.hit_at_1:.3f}  hit@5 {report.hit_at_5:.3f}  "
            f"MRR@10 {report.mrr_at_10:.3f}  wrongly not-found {report.false_not_found:.3f}\n"
            f"unanswerable {report.unanswerable}: not-found {report.not_found_correct:.3f}\n"
            f"latency p50 {report.latency_p50_ms:.0f} ms  p95 {report.latency_p95_ms:.0f} ms"
        )
        if report.misses:
            print("missed (no hit in top 5): " + " ".join(report.misses))
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    from bot.telegram_bot.runner import run_bot  # imported here: a bad token must fail before torch loads

    return run_bot(args)


def cmd_repl(args: argparse.Namespace) -> int:
    from bot.repl import run_repl

    return run_repl(_searcher(args), k=_settings(args).k)


def cmd_bench(args: argparse.Namespace) -> int:
    import tempfile

    from retrieval.bench.report import format_report
    from retrieval.bench.speed import BenchSettings, parse_sizes, run_bench
    from retrieval.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="reportqa-bench-") as scratch:
        settings = BenchSettings(
            work_dir=args.work_dir or Path(scratch),
            corpus=args.corpus,
            synthetic=args.synthetic,
            seeds=args.seeds or load_settings({}, environ={}).corpus,
            cmrc_json=args.cmrc_json,
            model=args.model,
            backend=load_settings({"backend": args.backend}).backend,
            compare_backends=not args.no_backends,
            bare_encode=not args.no_bare,
            backend_sample=args.backend_sample,
            scale=parse_sizes(args.scale),
            queries=args.queries,
            ray_address=args.ray_address or load_settings({}).ray_address,
        )
        report = run_bench(settings, say=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else format_report(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportqa", description="Ask questions of Chinese news reports.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build or update the index of a corpus folder")
    _common(build)
    build.add_argument(
        "--ray", dest="ray_address", metavar="ADDRESS", help="encode on this Ray cluster: host:port or auto"
    )
    build.add_argument("--json", action="store_true", help="print the build report as one JSON object")
    build.set_defaults(run=cmd_build)

    from bot.settings import add_bot_arguments  # light: no telegram, no torch

    telegram = commands.add_parser("bot", help="run the Telegram bot (see docs/BOT.md)")
    _common(telegram)
    add_bot_arguments(telegram, common=False)
    telegram.set_defaults(run=cmd_bot)

    ask = commands.add_parser("ask", help="answer one question with cited excerpts")
    _common(ask)
    ask.add_argument("-k", type=int, help="number of excerpts (default 5)")
    ask.add_argument("question", nargs="+")
    ask.set_defaults(run=cmd_ask)

    search = commands.add_parser("search", help="machine-readable search results")
    _common(search)
    search.add_argument("--json", action="store_true", default=True, help="one JSON object (the default)")
    search.add_argument("-k", type=int, help="number of results (default 5)")
    search.add_argument("--questions", type=Path, help="a JSONL question file: one JSON line per question")
    search.add_argument("question", nargs="*")
    search.set_defaults(run=cmd_search)

    evaluation = commands.add_parser("eval", help="hit@1, hit@5, MRR@10, not-found, latency on question files")
    _common(evaluation)
    evaluation.add_argument("files", nargs="+", type=Path)
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.set_defaults(run=cmd_eval)

    repl = commands.add_parser("repl", help="ask questions interactively")
    _common(repl)
    repl.add_argument("-k", type=int, help="number of excerpts (default 5)")
    repl.set_defaults(run=cmd_repl)

    bench = commands.add_parser("bench", help="build and search speed here, next to the bare model")
    source = bench.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a corpus folder to measure (copied, never changed)")
    source.add_argument("--synthetic", type=int, metavar="N", help="a deterministic archive of N articles")
    bench.add_argument("--seeds", type=Path, help="sentences to recombine (default: the shipped seeds/)")
    bench.add_argument("--cmrc-json", type=Path, help="also recombine the texts of this CMRC/SQuAD file")
    bench.add_argument("--model", default="builtin", help="builtin (default) or a sentence-transformers name")
    bench.add_argument("--backend", choices=BACKENDS, help="the backend that builds and searches")
    bench.add_argument("--scale", default="", help="index structures alone at these sizes, e.g. 100k,1M")
    bench.add_argument("--queries", type=int, default=100, help="questions for the latency figures")
    bench.add_argument("--backend-sample", type=int, default=0, help="texts to compare backends on (0: all)")
    bench.add_argument("--no-backends", action="store_true", help="skip the backend comparison")
    bench.add_argument(
        "--no-bare", action="store_true", help="skip the bare encoder runs around the build (large archives)"
    )
    bench.add_argument(
        "--ray", dest="ray_address", metavar="ADDRESS", help="also encode the passages on this Ray cluster"
    )
    bench.add_argument("--work-dir", type=Path, help="keep corpus and index here (default: a temp folder)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.set_defaults(run=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        return args.run(args)
    except ReportQAError as exc:
        print(f"reportqa: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reportqa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
