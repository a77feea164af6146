"""``story-cards``: a list of links to other stories that ends the document.

Extractors render a "more stories" widget as list items whose bullet stands
on a line of its own, each followed by a headline and maybe a one-line
summary. A run of at least ``min_cards`` such cards that reaches the end of
the document is dropped whole. A card's headline must not end like a
sentence (a question or an exclamation may) and its summary must be short, so a bulleted list of paragraphs
(a digest whose items are the story) is not a run of cards.

Before/after::

    The pier reopened on Monday after two years of repairs.      (kept)
    -                                                             (dropped)
    Mayor opens the new library                                   (dropped)
    The library has 40,000 books                                  (dropped)
    -                                                             (dropped)
    Rain expected all week                                        (dropped)
    ...
"""

from __future__ import annotations

from collections.abc import Iterator

from ..change import Finding
from ..document import Document
from .base import Kind, Param, Stage
from .shape import LineShape, line_shapes

#: What an extractor leaves for a list item's bullet when the item's text went on the next lines.
BARE_BULLETS = frozenset("-*•·▪◦+–")


class StoryCards(Kind):
    name = "story-cards"
    stage = Stage.LINES
    order = 3
    actions = frozenset({"drop", "report"})
    params = {
        "min_cards": Param(int, 3, help="fewer cards at the end are left alone"),
        "headline_words": Param(int, 14, help="a card's headline has at most this many words"),
        "summary_words": Param(int, 30, help="a card's summary line has at most this many words"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        shapes = line_shapes(doc)
        cards = self._trailing_cards(shapes)
        if len(cards) < self.options["min_cards"]:
            return
        reason = (f"one of {len(cards)} story cards that end the document (>= {self.options['min_cards']}): "
                  "a bare bullet line, a headline without a closing period and at most one short line")
        for first, last in cards:
            start = doc.line_span(shapes[first].line)[0]
            end = doc.line_span(shapes[last].line)[1]
            yield self.finding(start, end, "", reason, cards=len(cards), lines=last - first + 1)

    def _trailing_cards(self, shapes: list[LineShape]) -> list[tuple[int, int]]:
        """(first, last) shape index of each card in the run that ends the document, in order."""
        cards: list[tuple[int, int]] = []
        end = len(shapes)
        while end:
            start = self._card_start(shapes, end)
            if start is None:
                break
            cards.append((start, end - 1))
            end = start
        return cards[::-1]

    def _card_start(self, shapes: list[LineShape], end: int) -> int | None:
        """Where the card that ends just before ``end`` starts: a bare bullet 2 or 3 lines up."""
        for size in (2, 3):
            start = end - size
            if start >= 0 and shapes[start].text in BARE_BULLETS and self._is_card(shapes[start + 1:end]):
                return start
        return None

    def _is_card(self, body: list[LineShape]) -> bool:
        """A headline (no closing period, though ? and ! may end it; not a list item) and maybe one short line."""
        headline, *summary = body
        o = self.options
        headline_shaped = (not headline.sentence or headline.text[-1] in "?!") and not headline.list_item
        return (headline_shaped and headline.text not in BARE_BULLETS and headline.words <= o["headline_words"]
                and all(line.words <= o["summary_words"] and line.text not in BARE_BULLETS for line in summary))
