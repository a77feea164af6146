"""``metadata``: a line that is only metadata (a date, ``Published: …``, a byline),
or a metadata prefix fused onto the start of a line.

In ``line`` mode the whole stripped line must match and the line is dropped;
a line mode rule leaves the document alone when several of its lines match
(dated entries of a timeline are text, not furniture). In ``prefix`` mode the
match at the start of a line is cut away, and only
when what remains still reads as text (a capital letter or a quote, and at
least ``min_rest_words`` words). ``head`` limits the rule to the first
non-blank lines of the document, where such metadata lives (0 = anywhere),
and ``above_body`` to the lines above the first sentence of the body.

Before/after (prefix mode, with a date pattern)::

    " date 2021-10-09 Talks resume in Geneva"  ->  "Talks resume in Geneva"
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

import regex

from ..change import Finding
from ..document import Document, Line
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage
from .shape import LineShape, body_texts, has_words, line_shapes

TEXT_START = regex.compile(r"[\p{Lu}\p{Lo}\"“‘'«\d]")


class Metadata(Kind):
    name = "metadata"
    stage = Stage.LINES
    order = 0
    actions = frozenset({"fix", "drop", "report"})
    params = {
        "pattern": Param(str, required=True, regex=True, help="the metadata, as a regex"),
        "mode": Param(str, "line", help="'line': the line is only metadata; 'prefix': it starts the line",
                      choices=("line", "prefix")),
        "head": Param(int, 0, help="only the first N non-blank lines (0: anywhere)"),
        "above_body": Param(int, 0, help="only lines above the first sentence of this many words (0: anywhere)"),
        "max_words": Param(int, 12, help="line mode: longer lines are never dropped"),
        "min_rest_words": Param(int, 3, help="prefix mode: words that must remain"),
        "prefilter": Param(str, "", regex=True, help="a cheap regex a line must contain before `pattern` is tried"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        allowed = {"line": ("drop", "report"), "prefix": ("fix", "report")}[self.options["mode"]]
        if rule.action not in allowed:
            raise RuleError(f"{rule.source}: rule {rule.code}: {self.options['mode']} mode takes action {' or '.join(allowed)}")

    @staticmethod
    def view(doc: Document) -> Hashable:
        """A line's verdict rests on its text and on the non-blank lines above it (``head``, ``above_body``)."""
        return body_texts(doc)

    def find(self, doc: Document) -> Iterator[Finding]:
        """In line mode, nothing when the metadata recurs (asked only once a line matches: most documents have none)."""
        line_mode = self.options["mode"] == "line"
        head, kept, checked = self.options["head"], 0, False
        for shape in line_shapes(doc):
            if head and kept >= head or self._starts_body(shape):
                break
            finding = self._line(doc, shape) if line_mode else self._prefix(doc, shape.line)
            if finding and line_mode and not checked:
                if self._recurs(doc):
                    return
                checked = True
            if finding:
                yield finding
            if not (finding and line_mode):
                kept += 1  # a dropped line does not count towards the head

    def _starts_body(self, shape: LineShape) -> bool:
        """Whether the line is the first sentence of the body, below which an ``above_body`` rule does not look."""
        least = self.options["above_body"]
        return bool(least) and shape.words >= least and shape.sentence

    def _recurs(self, doc: Document) -> bool:
        """Whether several lines of the document are such metadata: then it is structure (a timeline), not furniture."""
        matches = 0
        for shape in line_shapes(doc):
            if shape.words <= self.options["max_words"] and self._matches(doc, shape.text):
                matches += 1
                if matches > 1:
                    return True
        return False

    def _line(self, doc: Document, shape: LineShape) -> Finding | None:
        text = shape.text
        if shape.words > self.options["max_words"] or not self._matches(doc, text):
            return None
        start, end = doc.line_span(shape.line)
        return self.finding(start, end, "", f"line is only metadata: {text[:60]!r}")

    def _matches(self, doc: Document, text: str) -> bool:
        return self._may_hold(doc, text) and self.fullmatches(doc, self.options["pattern"], text)

    def _may_hold(self, doc: Document, text: str) -> bool:
        """Whether the cheap ``prefilter`` (if any) finds something in ``text``: only then is the pattern tried."""
        prefilter = self.options["prefilter"]
        return not prefilter or self.matches(doc, prefilter, "search", text)

    def _prefix(self, doc: Document, line: Line) -> Finding | None:
        if not self._may_hold(doc, line.text):
            return None
        match = self.budget(doc).run(self.options["pattern"].match, line.text)
        if not match or not match.group().strip():
            return None
        rest = line.text[match.end():]
        if not TEXT_START.match(rest) or not has_words(rest, self.options["min_rest_words"]):
            return None
        prefix = match.group()
        reason = f"metadata prefix {prefix.strip()!r} fused onto the line"
        return self.finding(line.start, line.start + match.end(), "", reason)
