"""The interactive REPL: ask questions of the index, read cited excerpts, open whole articles."""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

from bot.citations import format_article_text, format_excerpts_text, format_result_text
from bot.conversation import Conversations
from retrieval.engine import Engine
from retrieval.errors import ReportQAError
from retrieval.types import SearchResult

HELP = """Type a question in Chinese and press Enter. Commands:
  :k N       show N excerpts per answer (now {k})
  :new       a new topic: earlier questions no longer count as context
  :more      the next excerpts of the last answer
  :excerpts  the last answer's excerpts in full
  :full N    the whole article of excerpt N of the last answer
  :sources   the indexed reports
  :help      this text
  Ctrl-D or :quit to leave."""

HISTORY_FILE = Path.home() / ".reportqa_history"


def _enable_history() -> None:
    """Line editing and history across sessions, where the platform has readline."""
    try:
        import readline
    except ImportError:
        return
    with contextlib.suppress(OSError):  # no history yet, or an unreadable one: start afresh
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)
    import atexit

    atexit.register(lambda: _save_history(readline))


def _save_history(readline) -> None:
    with contextlib.suppress(OSError):  # a read-only home must not break leaving the REPL
        readline.write_history_file(HISTORY_FILE)


class Repl:
    """State of one session: the engine, k, and the last answer for :more and :full."""

    def __init__(self, engine: Engine, k: int = 5, out=None):
        self.engine = engine
        self.k = k
        self.out = out or sys.stdout  # looked up now, not when the module was imported
        self.color = self.out.isatty()
        self.last: SearchResult | None = None
        self.last_context: tuple[str, ...] = ()
        self.shown = 0
        self._lock = threading.Lock()  # a live index swaps the engine between questions only
        # The REPL is one conversation; follow-ups ("他们呢？") lean on its recent questions.
        self.conversation = Conversations()

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def swap(self, engine: Engine) -> None:
        """Answer from `engine` from the next question on (a new generation became current)."""
        with self._lock:
            old, self.engine = self.engine, engine
        old.close()

    def handle(self, line: str) -> bool:
        """Act on one input line; False when the user wants to leave."""
        with self._lock:
            return self._handle(line)

    def _handle(self, line: str) -> bool:
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return self._command(line[1:].split())
        context = self.conversation.context(self)
        self._ask(line, offset=0, context=context)
        self.conversation.add(self, line)
        return True

    def _ask(self, question: str, offset: int, context: tuple[str, ...] = ()) -> None:
        try:
            result = self.engine.search(question, k=self.k, offset=offset, context=context)
        except ReportQAError as exc:
            self.say(f"! {exc}")
            return
        if offset == 0 or not result.not_found:
            self.last, self.shown, self.last_context = result, offset + len(result.hits), context
        if offset and not result.hits:
            self.say("(no more excerpts)")
            return
        self.say(format_result_text(result, color=self.color, start=offset + 1))

    def _command(self, words: list[str]) -> bool:
        name, args = (words[0].lower(), words[1:]) if words else ("help", [])
        if name in ("q", "quit", "exit"):
            return False
        if name == "k" and args and args[0].isdigit() and 1 <= int(args[0]) <= 50:
            self.k = int(args[0])
            self.say(f"k = {self.k}")
        elif name == "more" and self.last is not None:
            self._ask(self.last.question, offset=self.shown, context=self.last_context)
        elif name == "excerpts" and self.last is not None and self.last.hits:
            start = self.last.hits[0].rank
            self.say(format_excerpts_text(self.last, color=self.color, start=start))
        elif name == "new":
            self.conversation.forget(self)
            self.say("(new topic)")
        elif name == "full" and args and args[0].isdigit():
            self._full(int(args[0]))
        elif name == "sources":
            for info in self.engine.sources():
                self.say(f"{info.source}  {info.date or '-'}  {info.articles} articles: {' / '.join(info.titles)}")
        else:
            self.say(HELP.format(k=self.k))
        return True

    def _full(self, number: int) -> None:
        hits = {hit.rank: hit for hit in self.last.hits} if self.last else {}
        if number not in hits:
            self.say(f"! no excerpt {number} in the last answer")
            return
        article = self.engine.article(hits[number].source, hits[number].article)
        self.say(format_article_text(article) if article else "! that article is no longer in the index")


def run_repl(engine: Engine, k: int = 5, watch: bool = False) -> int:
    """Read questions until Ctrl-D or Ctrl-C; return the exit code. With `watch`, new and
    changed reports of the corpus are built and answered from without a restart."""
    from retrieval.engine import follow

    repl = Repl(engine, k)
    # Another process's build is followed anyway; with `watch` this one builds too.
    live = follow(engine.settings, lambda: repl.swap(repl.engine.reopened()), engine.encoder if watch else None)
    try:
        return _read_lines(repl)
    finally:
        live.stop()


def _read_lines(repl: Repl) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        _enable_history()
        repl.say(f"reportqa: {repl.engine.passages} passages indexed. Ask a question (:help for commands).")
    while True:
        try:
            line = input("问> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            if interactive:
                repl.say("")
            return 0
        if not repl.handle(line):
            return 0
