"""``doubled-word``: the same word twice in a row, as when a link text is
pasted after its own article (``told the The Times``). The words must be
separated by spaces: a tab separates the cells of a pasted table.

Doubles of the words in ``fix_words`` are fixed; doubles that English uses on
purpose (``exceptions``, e.g. ``had had``) are left alone; any other double
(``Bora Bora``, ``very very``) is only reported. When the two differ in case,
the capitalised one stays, since it is usually the start of a name.

``fix_words`` are English words, and other languages have them too, doubled
on purpose (Polish ``czy to to samo``, "is it the same"): a double is fixed
only in English text, where the document's stoplist is English or
``context_density`` of the eight words each side of it or more are English
stopwords (an English page whose menus fooled the stoplist); elsewhere it is
reported.

Before/after::

    "told the The Times on Monday"  ->  "told The Times on Monday"
"""

from __future__ import annotations

from collections.abc import Iterator

import re

from ..change import Finding
from ..document import Document, remember
from ..rules import Rule
from ..words import best_stoplist, stoplists, stopword_density, words
from .base import Kind, Param, Stage

#: The standard library's ``re`` runs this backreference pattern twice as fast as ``regex``.
DOUBLE = re.compile(r"(?<![\w'’-])(\w++)(?: +\1)+(?![\w'’-])", re.IGNORECASE)


class DoubledWord(Kind):
    name = "doubled-word"
    stage = Stage.INLINE
    actions = frozenset({"fix", "report"})
    params = {
        "fix_words": Param(list, [], items=str, help="words whose doubling is always a mistake"),
        "exceptions": Param(list, [], items=str, help="words English doubles on purpose: never flagged"),
        "context_density": Param(float, 0.3, help="share of English stopwords around a double needed to fix it"),
    }

    #: The words each side of a double that make its context, and how far to look for them, in characters.
    CONTEXT_WORDS = 8
    REACH = 2000

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.fix_words = frozenset(w.casefold() for w in self.options["fix_words"])
        self.exceptions = frozenset(w.casefold() for w in self.options["exceptions"])

    def find(self, doc: Document) -> Iterator[Finding]:
        for start, double in _doubles(doc):
            end = start + len(double)
            run = double.split()
            word = run[0].casefold()
            if word in self.exceptions or word.isdigit():
                continue
            capitalised = [w for w in run if w[0].isupper()]
            keep = capitalised[0] if run[0][0].islower() and capitalised else run[0]
            fix = word in self.fix_words and (best_stoplist(doc)[0] == "English" or
                                              self._in_english(doc.text, start, end, word))
            action = None if fix else "report"
            reason = f"{' '.join(run)!r}: the word is doubled"
            yield self.finding(start, end, keep, reason, action=action)

    def _in_english(self, text: str, start: int, end: int, word: str) -> bool:
        """Whether the ``CONTEXT_WORDS`` words each side of the double of ``word`` at ``start:end`` are
        English enough. Counted in words, with doubles taken once and ``word`` left out, so that
        cleaning (spaces collapsed, other doubles fixed) does not change the verdict."""
        n = self.CONTEXT_WORDS
        before = _once(words(text[max(0, start - self.REACH):start]))[-n:]
        after = _once(words(text[end:end + self.REACH]))[:n]
        context = [token for token in before + after if token != word]
        return stopword_density(context, stoplists()["English"]) >= self.options["context_density"]


def _doubles(doc: Document) -> Iterator[tuple[int, str]]:
    """Where ``DOUBLE`` matches in ``doc`` and what: read line by line (a match holds no newline, and a line's
    end is one to the lookarounds as the text's is), each line text once (``Document.lasting``: the next
    pass reads mostly the same lines)."""
    seen: dict[str, tuple[tuple[int, str], ...]] = doc.lasting.setdefault("doubled-words", {})
    for line in doc.lines:
        found = seen.get(line.text)
        if found is None:
            found = remember(seen, line.text, tuple((at.start(), at.group()) for at in DOUBLE.finditer(line.text)))
        for at, double in found:
            yield line.start + at, double


def _once(tokens: list[str]) -> list[str]:
    """``tokens`` with each run of one token repeated taken once."""
    return [token for i, token in enumerate(tokens) if not i or token != tokens[i - 1]]
