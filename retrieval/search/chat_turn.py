"""One question of a chat, resolved against the turns before it (context.ContextResolver): what
to search for, and what it gives the next turn to lean on."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Resolved:
    """What to search for one question of a chat."""

    query: str  # the question, with what it leans on from the chat put in
    subject: str  # what was taken from the chat, as shown to the user; "" when it stands alone
    own_subject: str = ""  # the subject this turn gives later turns (its own, or the one carried)
    predicate: str = ""  # what this turn asks about its subject, for "那中牟县呢？" after it
    asked_again: bool = False  # the earlier question asked of another subject ("那中牟县呢？")
    phrases: tuple[str, ...] = ()  # this turn's runs of nouns, which a next turn may name by their head
    things: tuple[str, ...] = ()  # those of its runs that end in a noun: what it asked about

    def marking_words(self, query_words: dict[str, float]) -> dict[str, float]:
        """The question's words that mark the answering sentence. A subject carried over is in
        every sentence of its article, or in its lead only, and marks none of them; but what an
        earlier question asked again of another subject carries over is what is asked."""
        if self.asked_again or not self.subject:
            return query_words
        # The subject only: the thing a follow-up names by its head (专班) is what it asks about.
        carried = self.own_subject
        return {word: weight for word, weight in query_words.items() if word not in carried} or query_words

    def after_date(self, date: str) -> Resolved:
        """This turn as asked after the date clause it opened with, which its query and what it
        asks keep (截至4月27日 is in the passage that answers)."""
        return replace(self, query=f"{date}{self.query}", predicate=f"{date}{self.predicate}")
