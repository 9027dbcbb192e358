"""`reportqa`: the one command. It parses arguments and calls the library; nothing else.

    reportqa build  [--corpus seeds/] [--index embeddings/] [--model builtin|NAME_OR_PATH] [--watch] [--ray ADDRESS] [--json]
    reportqa ask    "明湖办事处一共发了多少口罩？"  [--context "earlier question" ...]
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
import os
import sys
from pathlib import Path

from bot.cli_reports import build_json, print_build, print_eval
from retrieval.errors import ReportQAError
from retrieval.model.encoder import backends


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="folder of reports (default: the shipped seeds/)")
    parser.add_argument("--index", type=Path, help="index folder (default: the shipped embeddings/)")
    parser.add_argument("--model", help="builtin (default) or a sentence-transformers name or path")
    parser.add_argument("--config", type=Path, help="TOML file of settings (flags and REPORTQA_* win)")
    parser.add_argument("--backend", choices=backends(), help="encoder backend of builtin ($REPORTQA_BACKEND)")


def _day(text: str):
    """An ISO date for --since/--until; argparse turns the ValueError into a usage error."""
    from datetime import date

    return date.fromisoformat(text)


def _date_bounds(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only reports of this day or later")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="only reports of this day or earlier")


def _settings(args: argparse.Namespace):
    from retrieval.settings import load_settings

    return load_settings(args)


def cmd_build(args: argparse.Namespace) -> int:
    if args.watch:
        from retrieval.engine import watch

        return watch(_settings(args), on_build=print_build)
    from retrieval.engine import build

    settings = _settings(args)
    report = build(settings, progress=sys.stderr.isatty())
    if args.json:
        print(json.dumps(build_json(report, bool(settings.model.ray_address)), ensure_ascii=False))
    else:
        print_build(report)
    return 0


def _engine(args: argparse.Namespace):
    from retrieval.engine import Engine

    return Engine.open(_settings(args), on_build=print_build, progress=sys.stderr.isatty())


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.citations import format_result_text

    engine = _engine(args)
    result = engine.search(" ".join(args.question), context=tuple(args.context), since=args.since, until=args.until)
    print(format_result_text(result, color=sys.stdout.isatty()))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from retrieval.bench.evaluate import read_questions
    from retrieval.errors import BadQuestion
    from retrieval.types import SearchResult

    if bool(args.question) == bool(args.questions):
        raise ReportQAError("give either a question or --questions FILE.jsonl")
    engine = _engine(args)
    if args.question:
        result = engine.search(" ".join(args.question), context=tuple(args.context), since=args.since, until=args.until)
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    for question in read_questions(args.questions):
        try:
            result = engine.search(question.question, context=question.context, since=args.since, until=args.until)
            result = result.to_json()
        except BadQuestion as exc:  # one bad line must not stop the file: say so on that line
            result = {**SearchResult(question.question, (), True).to_json(), "error": str(exc)}
        print(json.dumps({"id": question.id, **result}, ensure_ascii=False), flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from retrieval.bench.answer_metrics import format_summary
    from retrieval.bench.evaluate import evaluate, read_questions

    engine = _engine(args)
    answers: dict[tuple[str, tuple[str, ...]], object] = {}

    def ask(question):
        """Each question is searched once, though it counts in its file's numbers and the total's."""
        key = (question.question, question.context)
        if key not in answers:
            answers[key] = engine.search(question.question, 10, 0, question.context, args.since, args.until)
        return answers[key]

    questions_by_file = {str(path): read_questions(path) for path in args.files}
    report = evaluate(ask, [q for questions in questions_by_file.values() for q in questions])
    # Each file is its own kind of question: its numbers are shown beside the total's.
    per_file = {name: evaluate(ask, questions) for name, questions in questions_by_file.items()}
    if len(per_file) == 1:
        per_file = {}
    if args.json:
        totals = report.to_json()
        if per_file:
            totals["files"] = {name: each.to_json() for name, each in per_file.items()}
        print(json.dumps(totals, ensure_ascii=False))
    else:
        for name, each in per_file.items():
            print_eval(each, Path(name).name)
        print_eval(report, "all" if per_file else "")
        print("first excerpt, by question kind:\n" + "\n".join(format_summary(report.answers)))
    return 0


def cmd_bot(args: argparse.Namespace) -> int:
    from bot.telegram_bot.runner import run_bot  # imported here: a bad token must fail before torch loads

    return run_bot(args)


def cmd_repl(args: argparse.Namespace) -> int:
    from bot.repl import run_repl

    engine = _engine(args)
    return run_repl(engine, k=engine.settings.search.k, watch=args.watch)


def cmd_bench(args: argparse.Namespace) -> int:
    import tempfile

    from retrieval.bench.report import format_report
    from retrieval.bench.speed import BenchSettings, parse_sizes, run_bench
    from retrieval.settings import load_settings

    engine_settings = load_settings(args)
    with tempfile.TemporaryDirectory(prefix="reportqa-bench-") as scratch:
        settings = BenchSettings(
            work_dir=args.work_dir or Path(scratch),
            corpus=args.corpus,
            synthetic=args.synthetic,
            seeds=args.seeds or load_settings({}, environ={}).index.corpus,
            cmrc_json=args.cmrc_json,
            model=args.model,
            backend=engine_settings.model.backend,
            compare_backends=not args.no_backends,
            bare_encode=not args.no_bare,
            backend_sample=args.backend_sample,
            scale=parse_sizes(args.scale),
            queries=args.queries,
            ray_address=engine_settings.model.ray_address,
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
    build.add_argument("--watch", action="store_true", help="keep building as the corpus folder changes")
    build.add_argument(
        "--ray", dest="ray_address", metavar="ADDRESS", help="encode on this Ray cluster: host:port or auto"
    )
    build.add_argument("--json", action="store_true", help="print the build report as one JSON object")
    build.set_defaults(run=cmd_build)

    from bot.telegram_bot.arguments import add_bot_arguments  # light: no telegram, no torch

    telegram = commands.add_parser("bot", help="run the Telegram bot (see docs/BOT.md)")
    _common(telegram)
    add_bot_arguments(telegram, common=False)
    telegram.set_defaults(run=cmd_bot)

    ask = commands.add_parser("ask", help="answer one question with cited excerpts")
    _common(ask)
    _date_bounds(ask)
    ask.add_argument("-k", type=int, help="number of excerpts (default 5)")
    ask.add_argument(
        "--context", action="append", default=[], metavar="QUESTION",
        help="an earlier question of the same conversation, oldest first (repeatable)",
    )  # fmt: skip
    ask.add_argument("question", nargs="+")
    ask.set_defaults(run=cmd_ask)

    search = commands.add_parser("search", help="machine-readable search results")
    _common(search)
    _date_bounds(search)
    search.add_argument("--json", action="store_true", default=True, help="one JSON object (the default)")
    search.add_argument("-k", type=int, help="number of results (default 5)")
    search.add_argument("--questions", type=Path, help="a JSONL question file: one JSON line per question")
    search.add_argument(
        "--context", action="append", default=[], metavar="QUESTION",
        help="an earlier question of the same conversation (repeatable); file lines carry their own",
    )  # fmt: skip
    search.add_argument("question", nargs="*")
    search.set_defaults(run=cmd_search)

    evaluation = commands.add_parser("eval", help="hit@1, hit@5, MRR@10, not-found, latency on question files")
    _common(evaluation)
    _date_bounds(evaluation)
    evaluation.add_argument("files", nargs="+", type=Path)
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    evaluation.set_defaults(run=cmd_eval)

    repl = commands.add_parser("repl", help="ask questions interactively")
    _common(repl)
    repl.add_argument("-k", type=int, help="number of excerpts (default 5)")
    repl.add_argument("--watch", action="store_true", help="take in new and changed reports while running")
    repl.set_defaults(run=cmd_repl)

    bench = commands.add_parser("bench", help="build and search speed here, next to the bare model")
    source = bench.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a corpus folder to measure (copied, never changed)")
    source.add_argument("--synthetic", type=int, metavar="N", help="a deterministic archive of N articles")
    bench.add_argument("--seeds", type=Path, help="sentences to recombine (default: the shipped seeds/)")
    bench.add_argument("--cmrc-json", type=Path, help="also recombine the texts of this CMRC/SQuAD file")
    bench.add_argument("--model", default="builtin", help="builtin (default) or a sentence-transformers name")
    bench.add_argument("--backend", choices=backends(), help="the backend that builds and searches")
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
    except BrokenPipeError:
        # The reader went away (`reportqa search … | head`): what it wanted it has. Python would
        # print a traceback flushing stdout at exit; point stdout at nothing so it cannot.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a pipe closed under a writer


if __name__ == "__main__":
    sys.exit(main())
