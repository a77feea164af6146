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
from .shape import ends_sentence, is_list_item, word_count


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
        pattern = self.options["pattern"]
        for line in doc.lines:
            text = line.stripped
            if not text or word_count(text) > self.options["max_words"]:
                continue
            if not self.options["sentences"] and ends_sentence(text):
                continue
            if not self.options["list_items"] and is_list_item(line.text):
                continue
            match = pattern.fullmatch(text, timeout=REGEX_TIMEOUT)
            if match:
                start, end = doc.line_span(line)
                yield self.finding(start, end, "", f"line matches {text[:60]!r}", words=word_count(text))
