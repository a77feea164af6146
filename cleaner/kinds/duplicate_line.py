"""``duplicate-line``: a line repeated near the top of a document, as extractors
repeat a title. Lines compare equal up to quote style, whitespace and case;
the first one stays.

Before/after::

    Storm "Ida" heads north          Storm "Ida" heads north
    Storm “Ida” heads north    ->    The storm ...
    The storm ...
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterator

import regex

from ..change import Finding
from ..document import Document, remember
from .base import Kind, Param, Stage
from .shape import LineShape, line_shapes, unplaced_shapes

QUOTES = str.maketrans({c: '"' for c in "“”„‟″«»"} | {c: "'" for c in "‘’‚‛′`"})
SPACE = regex.compile(r"\s+")
#: What ``line_key`` changes, found by the standard library's faster scan first (most lines hold neither):
#: a quote of ``QUOTES``; a space of ``SPACE`` (Unicode's White_Space) other than one plain space.
QUOTE_MARKS = re.compile("[“”„‟″«»‘’‚‛′`]")
UNUSUAL_SPACE = re.compile("[\t\n\x0b\x0c\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]| {2}")


LETTER = regex.compile(r"\p{L}")
#: ``LETTER`` for ASCII text, by the standard library's faster scan.
ASCII_LETTER = re.compile("[A-Za-z]")


def line_key(text: str) -> str | None:
    """What two lines must share to count as the same line; None for a line without a letter
    (a row of figures is data, which may repeat)."""
    if not (ASCII_LETTER if text.isascii() else LETTER).search(text):
        return None
    if QUOTE_MARKS.search(text):
        text = text.translate(QUOTES)
    if UNUSUAL_SPACE.search(text):
        text = SPACE.sub(" ", text)
    return text.strip().casefold()


def remembered_key(doc: Document, text: str) -> str | None:
    """``line_key(text)``, remembered per line text (``Document.lasting``) and shared by the rules that
    key lines (the duplicate-line rules, the line judge): the lines stage sees most lines again."""
    keys: dict[str, str | None] = doc.lasting.setdefault("line-keys", {})
    return keys[text] if text in keys else remember(keys, text, line_key(text))


class DuplicateLine(Kind):
    name = "duplicate-line"
    stage = Stage.LINES
    order = 2
    actions = frozenset({"drop", "report"})
    params = {
        "head": Param(int, 5, help="compare only the first N non-blank lines (0: the whole document)"),
        "min_words": Param(int, 2, help="shorter lines are left alone"),
        "first_line": Param(bool, False, help="only copies of the first non-blank line count as repeats"),
        "min_block": Param(int, 1, help="a repeat is dropped only in a run of this many repeats among the lines "
                           "of min_words or more; a shorter run is only reported"),
        "max_words": Param(int, 0, help="a repeat of more words is a paragraph, not a title: only reported "
                           "(0: no limit)"),
    }

    @staticmethod
    def view(doc: Document) -> Hashable:
        """Repeats are read from the non-blank lines in order, by their words and their texts' keys."""
        return unplaced_shapes(doc)

    def find(self, doc: Document) -> Iterator[Finding]:
        """Each repeat, dropped when it is part of a repeated block (``min_block`` repeats in a row among the
        lines long enough to compare), else only reported: a writer may repeat one paragraph on purpose (the
        same question to each person interviewed), while a page rendered twice repeats whole blocks. A repeat
        longer than ``max_words`` is only reported too: it is a paragraph (a caption given twice), not a title."""
        repeats = list(self._repeats(doc))
        blocks = _run_lengths([rank for rank, _ in repeats])
        what = "the first" if self.options["first_line"] else "an earlier"
        max_words = self.options["max_words"]
        for (rank, shape), block in zip(repeats, blocks):
            start, end = doc.line_span(shape.line)
            if max_words and shape.words > max_words:
                yield self.finding(start, end, "", f"repeats {what} line up to quotes, spacing and case, but has "
                                   f"{shape.words} words, more than a title's {max_words}: reported only",
                                   action="report")
            elif block >= self.options["min_block"]:
                yield self.finding(start, end, "", f"repeats {what} line up to quotes, spacing and case"
                                   + (f", in a block of {block} repeated lines" if block > 1 else ""))
            else:
                yield self.finding(start, end, "", f"repeats {what} line up to quotes, spacing and case, but "
                                   f"alone (a block needs {self.options['min_block']} in a row): reported only",
                                   action="report")

    def _repeats(self, doc: Document) -> Iterator[tuple[int, LineShape]]:
        """``(rank, shape)`` of each repeated line, ``rank`` counting the lines long enough to compare.

        Repeats do not count towards ``head``, so one pass settles the head. Equal lines have as many words,
        so a line is keyed only if it has ``min_words`` or more and another line has as many; a line without
        a letter (figures) is never a repeat.
        """
        head, min_words, first_seen, kept = self.options["head"], self.options["min_words"], set(), 0
        first_line = self.options["first_line"]
        shapes = line_shapes(doc)
        counts = Counter(shape.words for shape in shapes)
        rank = 0
        for number, shape in enumerate(shapes):
            if head and kept >= head:
                break
            key = None
            if shape.words >= min_words and counts[shape.words] > 1:
                key = remembered_key(doc, shape.text)
            if shape.words >= min_words:
                rank += 1
            if key is not None and key in first_seen:
                yield rank, shape
                continue
            if key is not None and (number == 0 or not first_line):
                first_seen.add(key)
            kept += 1


def _run_lengths(ranks: list[int]) -> list[int]:
    """For each of the increasing numbers ``ranks``, the length of the run of consecutive numbers it is in.

    >>> _run_lengths([2, 3, 4, 7, 9, 10])
    [3, 3, 3, 1, 2, 2]
    """
    lengths: list[int] = []
    start = 0
    for i in range(1, len(ranks) + 1):
        if i == len(ranks) or ranks[i] != ranks[i - 1] + 1:
            lengths += [i - start] * (i - start)
            start = i
    return lengths
