"""``balance``: report quotes and brackets that open without closing (or close
without opening) inside one paragraph. It never edits: where the missing mark
belongs is a judgement for a person.

Example finding::

    “Nothing should be done, he said.   ->  report: '“' opened at column 1 is never closed
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

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
        self.marks = regex.compile("[" + regex.escape("".join(self.pairs) + "".join(self.closers)) + "]")

    def find(self, doc: Document) -> Iterator[Finding]:
        """One scan of the document for the marks; a paragraph's (a line's) stack is emptied at its end."""
        text = doc.text
        stack: list[tuple[str, int]] = []
        line_end = -1
        for match in self.marks.finditer(text):
            char, at = match.group(), match.start()
            if at > line_end:  # a mark on a later line: the earlier line's stack is done
                yield from self._unclosed(stack)
                line_end = text.find("\n", at)
                line_end = len(text) if line_end == -1 else line_end
            if char in self.pairs and not (stack and stack[-1][0] == char and self.pairs[char] == char):
                stack.append((char, at))
            elif stack and stack[-1][0] == self.closers.get(char, char):
                stack.pop()
            else:
                yield self._report(at, f"{char!r} closes a {self.closers[char]!r} that was never opened")
        yield from self._unclosed(stack)

    def _unclosed(self, stack: list[tuple[str, int]]) -> Iterator[Finding]:
        yield from (self._report(start, f"{mark!r} is opened and never closed in this paragraph") for mark, start in stack)
        stack.clear()

    def _report(self, at: int, reason: str) -> Finding:
        return self.finding(at, at + 1, "", reason, action="report")
