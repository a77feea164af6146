"""``duplicate-line``: a line repeated near the top of a document, as extractors
repeat a title. Lines compare equal up to quote style, whitespace and case;
the first one stays.

Before/after::

    Storm "Ida" heads north          Storm "Ida" heads north
    Storm “Ida” heads north    ->    The storm ...
    The storm ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document, remember
from .base import Kind, Param, Stage
from .shape import line_shapes

QUOTES = str.maketrans({c: '"' for c in "“”„‟″«»"} | {c: "'" for c in "‘’‚‛′`"})
SPACE = regex.compile(r"\s+")


LETTER = regex.compile(r"\p{L}")


def line_key(text: str) -> str | None:
    """What two lines must share to count as the same line; None for a line without a letter
    (a row of figures is data, which may repeat)."""
    if not LETTER.search(text):
        return None
    return SPACE.sub(" ", text.translate(QUOTES)).strip().casefold()


class DuplicateLine(Kind):
    name = "duplicate-line"
    stage = Stage.LINES
    order = 1
    actions = frozenset({"drop", "report"})
    params = {
        "head": Param(int, 5, help="compare only the first N non-blank lines (0: the whole document)"),
        "min_words": Param(int, 2, help="shorter lines are left alone"),
        "first_line": Param(bool, False, help="only copies of the first non-blank line count as repeats"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        """Repeats are dropped and do not count towards ``head``, so one pass settles the head.

        Equal lines have as many words, so a line is keyed only if it has ``min_words`` or more
        and another line has as many; a line without a letter (figures) is never a repeat.
        """
        head, min_words, first_seen, kept = self.options["head"], self.options["min_words"], set(), 0
        first_line = self.options["first_line"]
        keys: dict[str, str | None] = doc.shared.setdefault("line-keys", {})  # the lines stage sees most lines again
        shapes = line_shapes(doc)
        counts = Counter(shape.words for shape in shapes)
        for number, shape in enumerate(shapes):
            if head and kept >= head:
                break
            key = None
            if shape.words >= min_words and counts[shape.words] > 1:
                key = keys[shape.text] if shape.text in keys else remember(keys, shape.text, line_key(shape.text))
            if key is not None and key in first_seen:
                start, end = doc.line_span(shape.line)
                yield self.finding(start, end, "", f"repeats {'the first' if first_line else 'an earlier'} line "
                                   "up to quotes, spacing and case")
                continue
            if key is not None and (number == 0 or not first_line):
                first_seen.add(key)
            kept += 1
