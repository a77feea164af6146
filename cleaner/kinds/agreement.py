"""``extractor-agreement``: in text extracted from HTML, a line that a stricter
extraction of the same page left out, unless it reads as a sentence.

The HTML reader asks trafilatura for the page's body twice: once for all it
finds, once favouring precision, and hands the second text over in the
document's meta (``SECOND_EXTRACTION``). Where the two disagree about a short
or unpunctuated line (a widget title, a teaser headline, a caption), the line
goes; a sentence of ``sentence_words`` words or more, and any line of more
than ``max_words`` words, stays whatever the second extraction says, since
dropping real text is worse than keeping junk (a page laid out in tables can
come out of trafilatura as one long line that the stricter extraction lacks:
that line is the article).
A line's support is the share of its word 4-grams (of its words, below four
words) found in the second extraction. Documents without a second
extraction (plain text, JSON Lines) are not touched.

Before/after, where the stricter extraction kept only the paragraph::

    The ferry will run every hour from May, the harbour office said.     (kept)
    Most read this week                                                  (dropped)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..change import Finding
from ..document import Document
from ..words import WORD
from .base import Kind, Param, Stage
from .shape import line_shapes

#: The document meta key under which the HTML reader passes the second extraction's text.
SECOND_EXTRACTION = "second_extraction"
N = 4


class Support:
    """The words and word 4-grams of the second extraction, to measure a line against."""

    def __init__(self, text: str) -> None:
        words = WORD.findall(text)
        self.words = frozenset(words)
        self.grams = frozenset(_grams(words))

    def of(self, line: str) -> float | None:
        """The share of the line's 4-grams (or words, below four words) in the second extraction."""
        words = WORD.findall(line)
        if not words:
            return None
        if len(words) < N:
            return sum(word in self.words for word in words) / len(words)
        grams = _grams(words)
        return sum(gram in self.grams for gram in grams) / len(grams)


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + N]) for i in range(len(words) - N + 1)]


class ExtractorAgreement(Kind):
    name = "extractor-agreement"
    stage = Stage.LINES
    order = 6
    actions = frozenset({"drop", "report"})
    params = {
        "min_support": Param((int, float), 0.5, help="a line needs at least this share of support in the second extraction"),
        "sentence_words": Param(int, 15, help="a line that ends like a sentence and has this many words is always kept"),
        "max_words": Param(int, 40, help="a longer line is always kept, sentence or not (a table-layout page's "
                           "whole text can come out as one line)"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        second = doc.meta.get(SECOND_EXTRACTION)
        if not second or not second.strip():  # no second opinion: nothing to compare with
            return
        support = doc.shared.get("second-extraction")
        if support is None:
            support = doc.shared["second-extraction"] = Support(second)
        o = self.options
        for shape in line_shapes(doc):
            if shape.sentence and shape.words >= o["sentence_words"] or shape.words > o["max_words"]:
                continue
            share = support.of(shape.text)
            if share is not None and share < o["min_support"]:
                start, end = doc.line_span(shape.line)
                reason = (f"{share:.0%} of it is in the stricter extraction of the page (< {o['min_support']:.0%}), "
                          f"and it is not a sentence of {o['sentence_words']}+ words")
                yield self.finding(start, end, "", reason, support=round(share, 3), words=shape.words)
