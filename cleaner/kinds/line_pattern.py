"""``line-pattern``: drop (or report) a whole line that matches a pattern, with guards.

Guards keep real sentences: a line longer than ``max_words`` is never
touched, and neither is one that ends like a sentence unless the rule says
``sentences = true``. List items are skipped unless ``list_items = true``, and
lines in lower case alone when the rule says ``lower_case = false``.

>>> from cleaner.rules import Rule
>>> rule = Rule("J001", "advertisement", "line-pattern", "", "", "J", "-", (),
...             params={"pattern": "(?i)advertisement|sponsored"}, action="drop")
>>> [f.reason for f in LinePattern(rule).find(Document("Text here.\\nADVERTISEMENT\\n"))]
["line matches 'ADVERTISEMENT' (entry 'advertisement')"]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterator
from typing import NamedTuple

from ..change import Finding
from ..document import Document, remember
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage
from .entries import entry_of
from .prefilter import LineSet
from .shape import TEXT_PIECE, LineShape, line_shapes, unplaced_shapes


class LinePattern(Kind):
    name = "line-pattern"
    stage = Stage.LINES
    order = 1
    actions = frozenset({"drop", "report"})
    independent = True
    params = {
        "pattern": Param(str, required=True, regex=True, help="regex matched against the whole stripped line"),
        "max_words": Param(int, 12, help="lines with more words are never matched"),
        "sentences": Param(bool, False, help="also match lines that end like a sentence"),
        "list_items": Param(bool, False, help="also match list items (- item, 1. item, | cell)"),
        "lower_case": Param(bool, True, help="also match lines in lower case alone (false: the rule's labels are "
                            "capitalised, and a lower-case line is a term, such as a command or a field)"),
        "needs": Param(list, [], items=str, help="words one of which the line must hold (any case, whole words): "
                       "a line without one is not tried"),
    }

    @classmethod
    def link(cls, kinds: list[Kind]) -> None:
        """Put the rules that need no words in one group, to share one RE2 set."""
        group = PatternGroup([kind for kind in kinds if isinstance(kind, LinePattern)])
        for kind in group.members:
            kind.group = group

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        o = self.options
        self.guards = Guards(o["max_words"], o["sentences"], o["list_items"], o["lower_case"])
        if not all(word.strip() for word in o["needs"]):
            raise RuleError(f"{rule.source}: rule {rule.code}: each of 'needs' must be a word, not blank")
        self.needs = Needs(o["needs"]) if o["needs"] else None
        #: The rules this one is tried with: set by ``link``, or this rule alone when first needed.
        self.group: PatternGroup | None = None

    @staticmethod
    def view(doc: Document) -> Hashable:
        """A line's verdict rests on its text alone (its shape, a needed word in it)."""
        return doc.memo("line-pattern-view", lambda: frozenset(unplaced_shapes(doc)))

    def find(self, doc: Document) -> Iterator[Finding]:
        for shape in self._lines(doc):
            if self.guards.allows(shape) and self.fullmatches(doc, self.options["pattern"], shape.text):
                start, end = doc.line_span(shape.line)
                entry = entry_of(self.options["pattern"], shape.text)
                yield self.finding(start, end, "", f"line matches {shape.text[:60]!r}"
                                   + (f" (entry {entry!r})" if entry else ""), words=shape.words)

    def _lines(self, doc: Document) -> list[LineShape]:
        """The lines to try: those the group's set names this rule for, or those that hold a needed word."""
        if self.needs:
            return self.needs.lines(doc)
        if self.group is None:  # used alone, not through a cleaner
            self.group = PatternGroup([self])
        return self.group.lines_for(doc, self)


class Needs:
    """The ``needs`` test: the needed words looked for in the whole lower-cased document, not line by line.

    >>> needs = Needs(["inbox", "try again"])
    >>> [shape.text for shape in needs.lines(Document("Inboxes\\nPlease TRY AGAIN.\\nSent to your inbox\\n"))]
    ['Please TRY AGAIN.', 'Sent to your inbox']
    """

    def __init__(self, words: list[str]) -> None:
        self.words = [word.lower() for word in words]
        #: For the rare text whose lower case is longer or shorter than itself (an offset would be off).
        self.regex = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, words)), re.IGNORECASE)

    def lines(self, doc: Document) -> list[LineShape]:
        return doc.memo(f"needs-{id(self)}", lambda: self._lines(doc))

    def _lines(self, doc: Document) -> list[LineShape]:
        shapes = line_shapes(doc)
        starts = [shape.line.start for shape in shapes]
        return [shapes[at] for at in sorted({bisect_right(starts, at) - 1 for at in self._offsets(doc.text)})]

    def _offsets(self, text: str) -> Iterator[int]:
        """Where a needed word starts in ``text``, as a whole word: looked for in pieces of ``TEXT_PIECE``
        characters (the lower case of a huge text at once would take many times its size)."""
        longest = max(map(len, self.words))
        for start in range(0, len(text), TEXT_PIECE):
            yield from self._offsets_in(text, start, start + TEXT_PIECE, longest)

    def _offsets_in(self, text: str, start: int, end: int, longest: int) -> Iterator[int]:
        """Where a needed word starts in ``text[start:end]``, the characters around it read too."""
        begin, stop = max(start - 1, 0), min(end + longest + 1, len(text))
        lower = text[begin:stop].lower()
        if len(lower) != stop - begin:
            yield from (match.start() for match in self.regex.finditer(text, start, stop) if match.start() < end)
            return
        for word in self.words:
            last = end - begin + len(word) - 1  # where the search may end: the word starts before ``end``
            at = lower.find(word, start - begin, last)
            while at != -1:
                after = at + len(word)
                if not (at and _is_word(lower[at - 1]) or after < len(lower) and _is_word(lower[after])):
                    yield begin + at
                at = lower.find(word, at + 1, last)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class Guards(NamedTuple):
    """Which lines a rule looks at: at most ``max_words`` words; sentences, list items and lines in lower case
    alone only if allowed."""

    max_words: int
    sentences: bool
    list_items: bool
    lower_case: bool

    def allows(self, shape: LineShape) -> bool:
        return (self.admits(shape.words, shape.sentence, shape.list_item)
                and (self.lower_case or not shape.text.islower()))

    def admits(self, words: int, sentence: bool, list_item: bool) -> bool:
        """Whether a line of ``words`` words, a sentence or not, a list item or not, passes."""
        return words <= self.max_words and (self.sentences or not sentence) and (self.list_items or not list_item)


class PatternGroup:
    """The line-pattern rules of one cleaner (but those that name the words they need), tried together.

    An RE2 set of all their patterns (see ``prefilter``) names, in one pass
    over a line, the few rules that may match it; only those try it with
    ``regex``. Most lines are named by none and cost one pass. A line is
    looked at only if the guards of some rule let it through, and each
    line text once (``Document.lasting``: the lines stage runs several
    rounds over mostly the same lines, and pages share boilerplate).
    """

    def __init__(self, kinds: list[LinePattern]) -> None:
        self.members = [kind for kind in kinds if not kind.needs]
        self.position = {kind: i for i, kind in enumerate(self.members)}
        self.set = LineSet([kind.options["pattern"].pattern for kind in self.members])
        #: The members whose guards let a line of each shape (words, sentence, list item) through, as met.
        self.watchers: dict[tuple[int, bool, bool], tuple[int, ...]] = {}

    def lines_for(self, doc: Document, kind: LinePattern) -> list[LineShape]:
        """The lines the set names ``kind`` for, among those its guards let through."""
        return self._named(doc)[self.position[kind]]

    def _named(self, doc: Document) -> list[list[LineShape]]:
        """For each member, the lines the set names it for: computed once per text."""
        return doc.memo(f"line-pattern-named-{id(self)}", lambda: self._name(doc))

    def _name(self, doc: Document) -> list[list[LineShape]]:
        named: list[list[LineShape]] = [[] for _ in self.members]
        seen: dict[str, tuple[int, ...]] = doc.lasting.setdefault(f"line-pattern-set-{id(self)}", {})
        for shape in line_shapes(doc):
            watchers = self._watchers(shape)
            if not watchers:
                continue
            text = shape.text
            for at in seen[text] if text in seen else remember(seen, text, self.set.candidates(text)):
                if at in watchers:
                    named[at].append(shape)
        return named

    def _watchers(self, shape: LineShape) -> tuple[int, ...]:
        """The positions of the members whose guards let ``shape`` through (rules alone decide: kept for every document)."""
        key = (shape.words, shape.sentence, shape.list_item)
        if key not in self.watchers:
            self.watchers[key] = tuple(at for at, kind in enumerate(self.members) if kind.guards.admits(*key))
        return self.watchers[key]
