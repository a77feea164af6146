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
from functools import cached_property
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
        for shape in self.group.hits(doc) if self.group else line_shapes(doc):
            if self.guards.allows(shape) and self._matches(doc, shape.text):
                start, end = doc.line_span(shape.line)
                yield self.finding(start, end, "", f"line matches {shape.text[:60]!r}", words=shape.words)

    def _matches(self, doc: Document, text: str) -> bool:
        if self.group:
            return self.group.matches(doc, self, text)
        return self.fullmatches(doc, self.options["pattern"], text)


class Guards(NamedTuple):
    """Which lines a rule looks at: at most ``max_words`` words; sentences and list items only if allowed."""

    max_words: int
    sentences: bool
    list_items: bool

    def allows(self, shape: LineShape) -> bool:
        return self.admits(shape.words, shape.sentence, shape.list_item)

    def admits(self, words: int, sentence: bool, list_item: bool) -> bool:
        """Whether a line of ``words`` words, a sentence or not, a list item or not, passes."""
        return words <= self.max_words and (self.sentences or not sentence) and (self.list_items or not list_item)


#: Global inline flags at the start of a pattern that can become scoped flags in a union.
LEADING_FLAGS = regex.compile(r"\A\(\?([imsx]*)\)")
#: What a pattern must not hold to join a union: inline flags later on, back-references, conditionals
#: (a group, not an escaped parenthesis: ``\(?(?:`` is an optional "(" before a group).
NOT_UNITABLE = regex.compile(r"(?<!\\)(?:\\\\)*(?:\(\?[a-zA-Z]+\)|\(\?P=|\(\?\()|\\[1-9]|\\g<")


#: A line that the guards of at most this many members let through is tried by those members
#: alone: the union would also try every other member, which cannot drop it anyway.
FEW_MEMBERS = 3


class PatternGroup:
    """The line-pattern rules of one cleaner, tried first as one combined regex.

    Most lines match no rule; one ``fullmatch`` of the union per line (and
    per distinct line text, across the rounds of one document) finds the few
    that do. Its match names the first member that matches the line, and
    one of the union in reverse order the last: the members before the first
    and after the last do not match, and only those in between (for the few
    lines three rules match) are tried rule by rule. A line that only a few
    members' guards let through (a long sentence, say) is tried by those
    members instead. A pattern that cannot join the union (inline flags
    after its start, back-references) is tried on every line by its own
    rule, as before.
    """

    def __init__(self, kinds: list[LinePattern]) -> None:
        parts = {kind: _scoped(kind.options["pattern"].pattern) for kind in kinds}
        self.members = [kind for kind, part in parts.items() if part is not None]
        self.position = {kind: i for i, kind in enumerate(self.members)}
        names = _group_names([kind.options["pattern"] for kind in self.members])
        self.union = Alternation([parts[kind] for kind in self.members], names)
        #: The members whose guards let a line of each shape (words, sentence, list item) through, as met.
        self.watchers: dict[tuple[int, bool, bool], tuple[LinePattern, ...]] = {}

    @cached_property
    def reverse(self) -> Alternation:
        """The union of the members in reverse order (compiled once a line matches the union)."""
        return self.union.reversed()

    def hits(self, doc: Document) -> list[LineShape]:
        """The lines some member may match, computed once per text."""
        return doc.memo(f"line-pattern-hits-{id(self)}", lambda: self._hits(doc))

    def matches(self, doc: Document, kind: LinePattern, text: str) -> bool:
        """Whether ``kind``'s pattern matches all of ``text``, a line of ``hits``: as the unions tell, or tried."""
        verdict = self._verdicts(doc).get(text)
        if isinstance(verdict, tuple):
            at = self.position[kind]
            if at in verdict:
                return True
            if not verdict[0] < at < verdict[1]:
                return False
        return kind.fullmatches(doc, kind.options["pattern"], text)

    def _verdicts(self, doc: Document) -> dict[str, Verdict]:
        """What the unions said of each line text, kept for the whole cleaning of ``doc``."""
        return doc.shared.setdefault(f"line-pattern-union-{id(self)}", {})

    def _hits(self, doc: Document) -> list[LineShape]:
        seen = self._verdicts(doc)
        found = []
        for shape in line_shapes(doc):
            members = self._watchers(shape)
            if not members:
                continue
            if len(members) <= FEW_MEMBERS:
                if self._any_matches(doc, members, shape.text):
                    found.append(shape)
                continue
            if shape.text not in seen:
                seen[shape.text] = self._judge(shape.text)
            if seen[shape.text] is not False:
                found.append(shape)
        return found

    def _judge(self, text: str) -> Verdict:
        """The verdict of the union on ``text`` and, on a hit, of the reversed union."""
        last = len(self.members) - 1
        try:
            first = self.union.first(text)
        except TimeoutError:  # let each rule try (and time out) on its own
            return True
        if first is None:
            return False
        try:
            from_end = self.reverse.first(text)
        except TimeoutError:  # then every member after the first must be tried
            from_end = None
        return first, last + 1 if from_end is None else last - from_end

    def _watchers(self, shape: LineShape) -> tuple[LinePattern, ...]:
        """The members whose guards let ``shape`` through (the same for every document: rules alone decide)."""
        key = (shape.words, shape.sentence, shape.list_item)
        if key not in self.watchers:
            self.watchers[key] = tuple(kind for kind in self.members if kind.guards.admits(*key))
        return self.watchers[key]

    @staticmethod
    def _any_matches(doc: Document, members: tuple[LinePattern, ...], text: str) -> bool:
        """Whether one of ``members`` matches all of ``text`` (each answer kept for its rule)."""
        try:
            return any(kind.fullmatches(doc, kind.options["pattern"], text) for kind in members)
        except TimeoutError:  # let each rule try (and time out) on its own
            return True


#: What the unions tell of a line: False, no member matches it; True, the union timed out and each rule must
#: try; (first, last), the first and the last member that match (last past the end: the reversed union timed out).
Verdict = bool | tuple[int, int]


class Alternation:
    """Patterns as the alternatives of one regex, in order, each a named group."""

    def __init__(self, parts: list[str], names: list[str]) -> None:
        self.parts, self.names = parts, names
        self.regex = regex.compile("|".join(f"(?P<{name}>{part})" for name, part in zip(names, parts)),
                                   regex.MULTILINE)
        #: The position of each pattern by its group's number (a match's ``lastindex``: its group closes last).
        self.position = {self.regex.groupindex[name]: i for i, name in enumerate(names)}

    def reversed(self) -> Alternation:
        return Alternation(self.parts[::-1], self.names[::-1])

    def first(self, text: str) -> int | None:
        """The position of the first pattern that matches all of ``text``, None when none does."""
        match = self.regex.fullmatch(text, timeout=timeout_for(text))
        return None if match is None else self.position[match.lastindex]


def _group_names(patterns: list[regex.Pattern[str]]) -> list[str]:
    """A group name for each pattern of a union, unlike any group name the patterns use themselves."""
    prefix = "member"
    while any(name.startswith(prefix) for pattern in patterns for name in pattern.groupindex):
        prefix = "_" + prefix
    return [f"{prefix}{i}" for i in range(len(patterns))]


def _scoped(source: str) -> str | None:
    """``source`` as one alternative of a union (global flags made local), or None when it cannot be."""
    flags = LEADING_FLAGS.match(source)
    rest = source[flags.end():] if flags else source
    if NOT_UNITABLE.search(rest):
        return None
    if not flags or not flags.group(1):
        return f"(?:{rest})"
    # A verbose pattern's last line may be a comment: a newline ends it before the group does.
    return f"(?{flags.group(1)}:{rest}\n)" if "x" in flags.group(1) else f"(?{flags.group(1)}:{rest})"
