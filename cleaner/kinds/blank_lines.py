"""``blank-lines``: runs of blank lines cut down to at most ``max`` blank lines.

A blank line is one with nothing but spaces and tabs (and a CR, when C001 is
off); a run longer than ``max`` becomes exactly ``max`` empty lines.

Before/after (``max = 1``)::

    "One.\\n\\n\\n\\nTwo.\\n"  ->  "One.\\n\\nTwo.\\n"
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage


class BlankLines(Kind):
    name = "blank-lines"
    stage = Stage.LAYOUT
    actions = frozenset({"fix", "report"})
    params = {"max": Param(int, 1, help="most blank lines allowed in a row")}

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        most = self.options["max"]
        if most < 0:
            raise RuleError(f"{rule.source}: rule {rule.code}: 'max' must be 0 or more")
        self.run = regex.compile(r"(\r?\n)(?:[ \t]*\r?\n){%d,}" % (most + 1))

    def find(self, doc: Document) -> Iterator[Finding]:
        most = self.options["max"]
        for match in self.run.finditer(doc.text):
            newline, blank = match.group(1), match.group().count("\n") - 1
            yield self.finding(match.start(), match.end(), newline * (most + 1),
                               f"{blank} blank lines in a row; at most {most} kept")
