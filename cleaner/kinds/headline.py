"""``headline``: the article's own headline, the first line when body text follows it.

For users who want the body only. The first non-blank line is a headline when
it is headline-shaped (``min_words`` to ``max_words`` words, one phrase with
no closing period, not a list item nor a ``Label: value`` line, though a
headline after a label such as ``The Latest:`` counts) and a body line
follows within ``reach`` lines: a sentence of at least ``body_words`` words
(or as long a line that ends with a colon). Only short lines (a byline, a
date) may stand between them. Reliable because a headline is defined by what
follows it: a first line followed by more short lines is a list or a
heading of a section, and stays.

Before/after::

    Storm closes the coast road              (dropped)
    The coast road was closed on Monday after the storm washed ...
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from .base import Kind, Param, Stage
from .shape import effective_words, ends_sentence, is_list_item, label_prefix

#: A sentence boundary inside the line: a headline is one phrase. A period after a lone capital
#: ("U.S.", "J. Lee") marks initials, not the end of a sentence.
INNER_STOP = regex.compile(r"(?<!(?:^|[\s.])\p{Lu})[.!?。！？]['\"’”]?\s+\p{Lu}")
#: How a headline ends: a letter, a digit, a closing quote or bracket, ? or !.
HEADLINE_END = regex.compile(r"[\w'\"’”)\]?!]$")


class Headline(Kind):
    name = "headline"
    stage = Stage.LINES
    order = 5
    actions = frozenset({"drop", "report"})
    params = {
        "min_words": Param(int, 3, help="shorter first lines are not taken for a headline"),
        "max_words": Param(int, 25, help="longer first lines are not taken for a headline"),
        "body_words": Param(int, 15, help="a body line is a sentence of at least this many words"),
        "reach": Param(int, 3, help="the body line must come within this many lines"),
        "between_words": Param(int, 12, help="lines between headline and body must be this short"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        lines = doc.head(self.options["reach"] + 1)
        if len(lines) < 2:
            return
        first, o = lines[0], self.options
        text = first.stripped
        words = effective_words(text)
        if not o["min_words"] <= words <= o["max_words"] or not self._headline_shaped(first.text):
            return
        for distance, line in enumerate(lines[1:], 1):
            body_words = effective_words(line.stripped)
            if body_words >= o["body_words"] and (ends_sentence(line.stripped) or line.stripped.endswith(":")):
                start, end = doc.line_span(first)
                reason = (f"first line, {words} words without a closing period ({o['min_words']}-{o['max_words']}), "
                          f"followed {distance} line(s) later by a {body_words}-word sentence (>= {o['body_words']})")
                yield self.finding(start, end, "", reason, words=words, body_distance=distance, body_words=body_words)
                return
            if body_words > o["between_words"]:
                return

    @staticmethod
    def _headline_shaped(text: str) -> bool:
        """One phrase, no closing period, not a list item, not a ``Label: value`` line."""
        text = text.strip()
        return (not ends_sentence(text) or text.endswith(("?", "!"))) and bool(HEADLINE_END.search(text)) \
            and not INNER_STOP.search(text) and not is_list_item(text) and not _label_line(text)


def _label_line(text: str) -> bool:
    """A ``Label: value`` line (``Tested by: Ann Lee``, ``RRP: £40 More info: …``), but not a headline
    after a label (``The Latest: Storm closes the coast road``): one label, then four words or more."""
    return label_prefix(text) is not None and (text.count(":") > 1 or len(text.split(":", 1)[1].split()) < 4)
