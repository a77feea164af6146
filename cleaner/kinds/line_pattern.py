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

from ..change import Finding
from ..document import Document
from .base import REGEX_TIMEOUT, Kind, Param, Stage
from .shape import line_shapes


class LinePattern(Kind):
    name = "line-pattern"
    stage = Stage.LINES
    order = 2
    actions = frozenset({"drop", "report"})
    params = {
        "pattern": Param(str, required=True, regex=True, help="regex matched against the whole stripped line"),
        "max_words": Param(int, 12, help="lines with more words are never matched"),
        "sentences": Param(bool, False, help="also match lines that end like a sentence"),
        "list_items": Param(bool, False, help="also match list items (- item, 1. item, | cell)"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        pattern, max_words = self.options["pattern"], self.options["max_words"]
        sentences, list_items = self.options["sentences"], self.options["list_items"]
        for shape in line_shapes(doc):
            if shape.words > max_words or (shape.sentence and not sentences) or (shape.list_item and not list_items):
                continue
            if pattern.fullmatch(shape.text, timeout=REGEX_TIMEOUT):
                start, end = doc.line_span(shape.line)
                yield self.finding(start, end, "", f"line matches {shape.text[:60]!r}", words=shape.words)
