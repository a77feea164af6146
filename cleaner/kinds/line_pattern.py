"""``line-pattern``: drop (or report) a whole line that matches a pattern, with guards.

Guards keep real sentences: a line longer than ``max_words`` is never
touched, and neither is one that ends like a sentence unless the rule says
``sentences = true``. List items are skipped unless ``list_items = true``.

>>> from cleaner.rules import Rule
>>> rule = Rule("J001", "advertisement", "line-pattern", "", "", "J", "-", (),
...             params={"pattern": "(?i)advertisement"}, action="drop")
>>> [f.reason for f in LinePattern(rule).find(Document("Text here.\\nADVERTISEMENT\\n"))]
["line matches 'ADVERTISEMENT'"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from ..change import Finding
from ..document import Document
from ..rules import Rule
from .base import Kind, Param, Stage, timeout_for
from .shape import LineShape, line_shapes


class LinePattern(Kind):
    name = "line-pattern"
    stage = Stage.LINES
    order = 2
    actions = frozenset({"drop", "report"})
    independent = True
    params = {
        "pattern": Param(str, required=True, regex=True, help="regex matched against the whole stripped line"),
        "max_words": Param(int, 12, help="lines with more words are never matched"),
        "sentences": Param(bool, False, help="also match lines that end like a sentence"),
        "list_items": Param(bool, False, help="also match list items (- item, 1. item, | cell)"),
    }
    group: PatternGroup | None = None

    @classmethod
    def link(cls, kinds: list[Kind]) -> None:
        group = PatternGroup([kind for kind in kinds if isinstance(kind, LinePattern)])
        for kind in kinds:
            assert isinstance(kind, LinePattern)
            kind.group = group if kind in group.members else None

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        o = self.options
        self.guards = Guards(o["max_words"], o["sentences"], o["list_items"])

    def find(self, doc: Document) -> Iterator[Finding]:
        pattern = self.options["pattern"]
        for shape in self.group.hits(doc) if self.group else line_shapes(doc):
            if self.guards.allows(shape) and self.fullmatches(doc, pattern, shape.text):
                start, end = doc.line_span(shape.line)
                yield self.finding(start, end, "", f"line matches {shape.text[:60]!r}", words=shape.words)


class Guards(NamedTuple):
    """Which lines a rule looks at: at most ``max_words`` words; sentences and list items only if allowed."""

    max_words: int
    sentences: bool
    list_items: bool

    def allows(self, shape: LineShape) -> bool:
        return shape.words <= self.max_words and (self.sentences or not shape.sentence) and (
            self.list_items or not shape.list_item)


#: Global inline flags at the start of a pattern that can become scoped flags in a union.
LEADING_FLAGS = regex.compile(r"\A\(\?([ims]*)\)")
#: What a pattern must not hold to join a union: inline flags later on, back-references, conditionals.
NOT_UNITABLE = regex.compile(r"\(\?[a-zA-Z]+\)|\\[1-9]|\(\?P=|\\g<|\(\?\(")


class PatternGroup:
    """The line-pattern rules of one cleaner, tried first as one combined regex.

    Most lines match no rule; one ``fullmatch`` of the union per line (and
    per distinct line text, across the rounds of one document) finds the few
    that do, and only those are tried rule by rule. A pattern that cannot
    join the union (inline flags after its start, back-references) is tried
    on every line by its own rule, as before.
    """

    def __init__(self, kinds: list[LinePattern]) -> None:
        parts = {kind: _scoped(kind.options["pattern"].pattern) for kind in kinds}
        self.members = [kind for kind, part in parts.items() if part is not None]
        self.union = regex.compile("|".join(parts[kind] for kind in self.members), regex.MULTILINE)
        self.loosest = Guards(max((kind.guards.max_words for kind in self.members), default=0),
                              any(kind.guards.sentences for kind in self.members),
                              any(kind.guards.list_items for kind in self.members))

    def hits(self, doc: Document) -> list[LineShape]:
        """The lines some member may match, computed once per text."""
        return doc.memo(f"line-pattern-hits-{id(self)}", lambda: self._hits(doc))

    def _hits(self, doc: Document) -> list[LineShape]:
        seen: dict[str, bool] = doc.shared.setdefault(f"line-pattern-union-{id(self)}", {})
        found = []
        for shape in line_shapes(doc):
            if not self.loosest.allows(shape):
                continue
            if shape.text not in seen:
                try:
                    seen[shape.text] = self.union.fullmatch(shape.text, timeout=timeout_for(shape.text)) is not None
                except TimeoutError:  # let each rule try (and time out) on its own
                    seen[shape.text] = True
            if seen[shape.text]:
                found.append(shape)
        return found


def _scoped(source: str) -> str | None:
    """``source`` as one alternative of a union (global flags made local), or None when it cannot be."""
    flags = LEADING_FLAGS.match(source)
    rest = source[flags.end():] if flags else source
    if NOT_UNITABLE.search(rest):
        return None
    return f"(?{flags.group(1)}:{rest})" if flags and flags.group(1) else f"(?:{rest})"
