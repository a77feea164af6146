"""A document as the rules see it: its text, plus line and word views built on demand.

>>> doc = Document("Title\\n\\nA first sentence.\\n")
>>> [line.text for line in doc.lines]
['Title', '', 'A first sentence.']
>>> doc.lines[2].start, doc.lines[2].end
(7, 24)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    """One line: ``text`` without its newline, ``start``/``end`` offsets of that text."""

    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

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

    def with_text(self, text: str) -> Document:
        """The same document with new text (views are rebuilt lazily)."""
        return Document(text, self.path, self.meta)

    @cached_property
    def lines(self) -> list[Line]:
        lines = []
        start = 0
        text = self.text
        for index, piece in enumerate(text.split("\n")):
            end = start + len(piece)
            lines.append(Line(index, start, end, piece))
            start = end + 1
        if lines and lines[-1].text == "" and text.endswith("\n"):
            lines.pop()
        return lines

    def head(self, count: int) -> list[Line]:
        """The first ``count`` non-blank lines (all of them when ``count`` is 0)."""
        nonblank = [line for line in self.lines if not line.blank]
        return nonblank[:count] if count else nonblank

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
