"""``normalize``: Unicode normalization (NFC, NFKC...), of the whole text or of what a pattern matches.

Without ``pattern``, every grapheme cluster that is not already in
``form`` is normalized on its own, so the log holds ``é`` written as two
code points, not the whole line. With
``pattern``, each match is normalized on its own: ``[\\uff01-\\uff5e]+``
with NFKC turns full-width ASCII into ASCII and touches nothing else.

Before/after (NFC)::

    "cafe\\u0301"  ->  "caf\\u00e9"
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from ..rules import Rule
from .base import Kind, Param, Stage

FORMS = ("NFC", "NFKC", "NFD", "NFKD")
#: A grapheme cluster, or a run of characters that cannot change under normalization.
GRAPHEME = regex.compile(r"[\x00-\x7f]+(?!\p{M})|\X")


class Normalize(Kind):
    name = "normalize"
    stage = Stage.CHARACTERS
    actions = frozenset({"fix", "report"})
    params = {
        "form": Param(str, "NFC", help="NFC, NFKC, NFD or NFKD", choices=FORMS),
        "pattern": Param(str, "", regex=True, help="normalize only the matches of this regex (default: all the text)"),
        "reason": Param(str, "", help="why, for the log; default: the rule's summary"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.form = self.options["form"]
        self.reason = self.options["reason"] or rule.summary

    def find(self, doc: Document) -> Iterator[Finding]:
        if self.options["pattern"]:
            for match in self.budget(doc).finditer(self.options["pattern"], doc.text):
                yield from self._span(match.start(), match.group())
        elif not unicodedata.is_normalized(self.form, doc.text):
            for cluster in GRAPHEME.finditer(doc.text):
                yield from self._span(cluster.start(), cluster.group())

    def _span(self, start: int, text: str) -> Iterator[Finding]:
        fixed = unicodedata.normalize(self.form, text)
        if fixed == text:
            return
        yield self.finding(start, start + len(text), fixed, f"{self.reason} ({self.form})")


