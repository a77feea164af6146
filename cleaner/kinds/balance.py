"""``balance``: report quotes and brackets that open without closing (or close
without opening) inside one paragraph. It never edits: where the missing mark
belongs is a judgement for a person.

Example finding::

    “Nothing should be done, he said.   ->  report: '“' opened at column 1 is never closed
"""

from __future__ import annotations

from collections.abc import Iterator

from ..change import Finding
from ..document import Document
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage


class Balance(Kind):
    name = "balance"
    stage = Stage.INLINE
    actions = frozenset({"report"})
    params = {
        "pairs": Param(list, ["“”", "()", "[]"], items=str, help="opening and closing marks, two characters each"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        if not all(len(pair) == 2 for pair in self.options["pairs"]):
            raise RuleError(f"{rule.source}: rule {rule.code}: each of 'pairs' must be two characters, opening and closing")
        self.pairs = {pair[0]: pair[1] for pair in self.options["pairs"]}
        self.closers = {close: open_ for open_, close in self.pairs.items()}

    def find(self, doc: Document) -> Iterator[Finding]:
        for line in doc.lines:
            yield from self._line(line.start, line.text, self.pairs, self.closers)

    def _line(self, offset: int, text: str, pairs: dict[str, str], closers: dict[str, str]) -> Iterator[Finding]:
        stack: list[tuple[str, int]] = []
        for column, char in enumerate(text):
            if char in pairs:
                if stack and stack[-1][0] == char and pairs[char] == char:
                    stack.pop()
                else:
                    stack.append((char, column))
            elif char in closers:
                if stack and stack[-1][0] == closers[char]:
                    stack.pop()
                else:
                    yield self._report(offset + column, f"{char!r} closes a {closers[char]!r} that was never opened")
        for char, column in stack:
            yield self._report(offset + column, f"{char!r} is opened and never closed in this paragraph")

    def _report(self, at: int, reason: str) -> Finding:
        return self.finding(at, at + 1, "", reason, action="report")
