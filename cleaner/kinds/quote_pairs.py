"""``quote-pairs``: straight double quotes made curly, only where the pairing is certain.

A paragraph (line) is changed only when its straight quotes pair up: an even
number of them, each odd one placed like an opening quote (at the start, or
after a space or an opening bracket or dash, and before a non-space) and
each even one like a closing quote (after a non-space, before the end, a
space or punctuation). Anything else (inch marks such as ``12"``, a quote
left open across paragraphs) is only reported.

Before/after::

    'She said "yes" twice.'  ->  'She said “yes” twice.'
"""

from __future__ import annotations

from collections.abc import Iterator

from ..change import Finding
from ..document import Document
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage

OPENS_AFTER = frozenset(" \t([{—–-/")
CLOSES_BEFORE = frozenset(" \t.,;:!?)]}—–-/…'’")


class QuotePairs(Kind):
    name = "quote-pairs"
    stage = Stage.INLINE
    actions = frozenset({"fix", "report"})
    params = {
        "straight": Param(str, '"', help="the straight quote to pair"),
        "pair": Param(str, "“”", help="the opening and the closing curly quote"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        if len(self.options["straight"]) != 1 or len(self.options["pair"]) != 2:
            raise RuleError(f"{rule.source}: rule {rule.code}: 'straight' must be one character and 'pair' two")

    def find(self, doc: Document) -> Iterator[Finding]:
        straight = self.options["straight"]
        for line in doc.lines:
            if straight in line.text:
                yield from self._line(line.start, line.text, straight)

    def _line(self, offset: int, text: str, straight: str) -> Iterator[Finding]:
        at = [i for i, char in enumerate(text) if char == straight]
        wrong = next((i for n, i in enumerate(at) if not (_opens if n % 2 == 0 else _closes)(text, i)), None)
        if len(at) % 2 or wrong is not None:
            where = at[-1] if wrong is None else wrong
            why = "an odd number of straight quotes" if wrong is None else "a quote not placed like an opening or closing one"
            yield self.finding(offset + where, offset + where + 1, straight,
                               f"straight quotes left as they are: {why} in this paragraph", action="report")
            return
        for n, i in enumerate(at):
            side = "opening" if n % 2 == 0 else "closing"
            yield self.finding(offset + i, offset + i + 1, self.options["pair"][n % 2],
                               f"straight quote made {side}: the paragraph's {len(at)} quotes pair up")


def _opens(text: str, i: int) -> bool:
    return (i == 0 or text[i - 1] in OPENS_AFTER) and i + 1 < len(text) and not text[i + 1].isspace()


def _closes(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or text[i + 1] in CLOSES_BEFORE)
