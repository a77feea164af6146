"""``doubled-word``: the same word twice in a row, as when a link text is
pasted after its own article (``told the The Times``). The words must be
separated by spaces: a tab separates the cells of a pasted table.

Doubles of the words in ``fix_words`` are fixed; doubles that English uses on
purpose (``exceptions``, e.g. ``had had``) are left alone; any other double
(``Bora Bora``, ``very very``) is only reported. When the two differ in case,
the capitalised one stays, since it is usually the start of a name.

Before/after::

    "told the The Times on Monday"  ->  "told The Times on Monday"
"""

from __future__ import annotations

from collections.abc import Iterator

import re

from ..change import Finding
from ..document import Document
from ..rules import Rule
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
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.fix_words = frozenset(w.casefold() for w in self.options["fix_words"])
        self.exceptions = frozenset(w.casefold() for w in self.options["exceptions"])

    def find(self, doc: Document) -> Iterator[Finding]:
        for match in DOUBLE.finditer(doc.text):
            run = match.group().split()
            word = run[0].casefold()
            if word in self.exceptions or word.isdigit():
                continue
            capitalised = [w for w in run if w[0].isupper()]
            keep = capitalised[0] if run[0][0].islower() and capitalised else run[0]
            action = None if word in self.fix_words else "report"
            reason = f"{' '.join(run)!r}: the word is doubled"
            yield self.finding(match.start(), match.end(), keep, reason, action=action)
