"""A document as the rules see it: its text, plus line and word views built on demand.

>>> doc = Document("Title\\n\\nA first sentence.\\n")
>>> [line.text for line in doc.lines]
['Title', '', 'A first sentence.']
>>> doc.lines[2].start, doc.lines[2].end
(7, 24)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, repeat
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

#: The longest line a cache of ``Document.shared`` keeps: boilerplate lines are short and repeat, while a
#: huge line does not, and each version of it the cleaning makes would stay alive in the cache.
LONGEST_REMEMBERED = 4000
#: The most entries a cache of ``Document.lasting`` holds: one that is full is emptied before it takes the
#: next (a corpus's boilerplate fills it again within a few documents). The judge's line facts, the largest,
#: then take about 25 MB.
LASTING_ENTRIES = 1 << 14


def remember(cache: dict[Any, T], key: Any, value: T) -> T:
    """``value``, kept in ``cache`` (one of ``Document.shared`` or ``Document.lasting``) under ``key``: a line
    text, unless it is longer than ``LONGEST_REMEMBERED``, or any other key. A cache that holds
    ``LASTING_ENTRIES`` is emptied first."""
    if not isinstance(key, str) or len(key) <= LONGEST_REMEMBERED:
        if len(cache) >= LASTING_ENTRIES:
            cache.clear()
        cache[key] = value
    return value


class Line(NamedTuple):
    """One line: ``text`` without its newline, ``start``/``end`` offsets of that text.

    A named tuple: documents are split into lines often, and tuples are cheap to make.
    """

    index: int
    start: int
    end: int
    text: str
    blank: bool

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Document:
    """Text to clean, with where it came from.

    ``meta`` carries what a reader knew (source path, URL, HTML title...).
    The line view is computed once per text and shared by all rules of a step.
    """

    text: str
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: Shared by every text of one cleaning (``with_text`` passes it on): what belongs to this document, such
    #: as a rule's time budget and the second extraction of its page.
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: Whether what a rule reports in this text now is logged: the engine logs reports from its first look
    #: at a document only (later rounds judge a text already reported on), and a rule may skip making them.
    reports: bool = field(default=True, repr=False, compare=False)
    #: Kept by the ``Cleaner`` across the documents it cleans: caches of what depends on a line's text (and
    #: the rule asking) alone, such as a pattern's verdict on it or the judge's facts of it. A site's menus,
    #: bylines and footers come back on each of its pages. ``remember`` keeps each cache bounded.
    lasting: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """What ``compute()`` returns, computed once per text and shared by every rule that asks."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def with_text(self, text: str) -> Document:
        """The same document with new text (views are rebuilt lazily).

        The cleaning moves on to the new text, so this one lets go of its
        views (built again if asked for): the lines of a huge text are a
        copy of it, and the first text of a cleaning is kept to the end.
        """
        self._memo.clear()
        for view in VIEWS:
            self.__dict__.pop(view, None)
        return Document(text, self.path, self.meta, shared=self.shared, lasting=self.lasting)

    @cached_property
    def lines(self) -> list[Line]:
        pieces = self.text.split("\n")
        if len(pieces) > 1 and not pieces[-1]:
            pieces.pop()  # the text ends with a newline: no line after it
        starts = list(accumulate([len(piece) + 1 for piece in pieces[:-1]], initial=0))
        ends = [start + len(piece) for start, piece in zip(starts, pieces)]
        blank = [not piece.strip() for piece in pieces]
        # tuple.__new__ makes each Line in C (a named tuple's own __new__ is a Python function)
        return list(map(tuple.__new__, repeat(Line), zip(range(len(pieces)), starts, ends, pieces, blank)))

    @cached_property
    def starts(self) -> list[int]:
        return [line.start for line in self.lines]

    def line_at(self, offset: int) -> Line:
        """The line that holds ``offset``."""
        return self.lines[max(bisect_right(self.starts, offset) - 1, 0)]

    @cached_property
    def body(self) -> list[Line]:
        """The non-blank lines, in order."""
        return [line for line in self.lines if not line.blank]

    def head(self, count: int) -> list[Line]:
        """The first ``count`` non-blank lines (all of them when ``count`` is 0)."""
        return self.body[:count] if count else self.body

    def line_span(self, line: Line) -> tuple[int, int]:
        """The span that removes ``line`` whole: its text and its newline.

        When the line stands alone as a paragraph (blank or nothing on both
        sides), the blank line after it goes too, so dropping a paragraph does
        not leave a double gap.
        """
        lines = self.lines
        end = min(line.end + 1, len(self.text))
        i = line.index
        alone_before = i == 0 or lines[i - 1].blank
        if alone_before and i + 1 < len(lines) and lines[i + 1].blank:
            end = min(lines[i + 1].end + 1, len(self.text))
        return line.start, end


#: The views of a ``Document`` built on demand and kept (its cached properties).
VIEWS = tuple(name for name, value in vars(Document).items() if isinstance(value, cached_property))
