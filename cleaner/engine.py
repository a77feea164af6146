"""The engine: run the rules stage by stage and turn findings into edits and a log.

>>> result = Cleaner().clean("Hello  world \\n\\n\\n")
>>> result.text
'Hello world\\n'
>>> [change.code for change in result.changes]
['W001', 'W002', 'W003', 'W004']
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .change import Change, Finding, Result
from .config import Config, configure
from .document import Document
from .kinds import KINDS, Kind
from .rules import Rule, RuleError, load_rules


@dataclass(frozen=True, slots=True)
class Edit:
    """Where one applied finding sits in the text before and after its step."""

    in_start: int
    in_end: int
    out_start: int
    out_end: int


def build_kinds(rules: Iterable[Rule]) -> list[Kind]:
    """Instantiate (and so validate) every rule; return the enabled ones in run order."""
    kinds = []
    for rule in rules:
        if rule.kind not in KINDS:
            raise RuleError(f"{rule.source}: rule {rule.code}: unknown kind '{rule.kind}' (known: {', '.join(KINDS)})")
        kinds.append(KINDS[rule.kind](rule))
    enabled = [kind for kind in kinds if kind.rule.enabled]
    return sorted(enabled, key=lambda kind: (kind.stage, kind.order, kind.rule.code))


class Cleaner:
    """Rules loaded and compiled once; ``clean`` as often as you like.

    ``Cleaner(preset="article-body")`` is short for ``Cleaner(Config(preset=...))``.
    """

    def __init__(self, config: Config | None = None, **settings: Any) -> None:
        self.config = config or Config(**settings)
        self.rules = configure(load_rules(list(self.config.rules_dirs)), self.config)
        self.kinds = build_kinds(self.rules)

    def clean(self, text: str, *, path: str | None = None, meta: dict[str, Any] | None = None) -> Result:
        return self.clean_document(Document(text, path, meta or {}))

    def clean_records(self, records: Iterable[dict[str, Any]], text_key: str = "text",
                      changes_key: str | None = "changes") -> Iterator[Any]:
        """Clean the ``text_key`` field of each record, lazily, in order.

        Yields a copy of each record with the cleaned text and, under
        ``changes_key``, its changes as dicts (the other keys untouched, in
        their order); with ``changes_key=None``, yields ``(record, Result)``.
        A record without a string ``text_key`` raises ``ValueError``.

        >>> list(Cleaner().clean_records([{"id": 7, "text": "Storm  hits coast"}]))[0]["text"]
        'Storm hits coast\\n'
        """
        for number, record in enumerate(records, 1):
            if not isinstance(record, dict) or not isinstance(record.get(text_key), str):
                raise ValueError(f"record {number}: no string field '{text_key}'")
            result = self.clean(record[text_key])
            cleaned = {**record, text_key: result.text}
            if changes_key is None:
                yield cleaned, result
            else:
                yield {**cleaned, changes_key: [change.to_dict() for change in result.changes]}

    def clean_document(self, doc: Document) -> Result:
        original = doc.text
        locate = Locator(original)
        changes: list[Change] = []
        skipped: list[str] = []
        for kind in self.kinds:
            try:
                findings = list(kind.find(doc))
            except TimeoutError:
                skipped.append(f"rule {kind.rule.code} ({kind.rule.name}) timed out on this document and was skipped")
                continue
            if not findings:
                continue
            step = len(locate.steps)
            text, edits, applied = self._apply(doc.text, findings, kind.rule)
            for finding, done, before, after in applied:
                line, col = locate(finding.start)
                changes.append(Change(kind.rule.code, kind.rule.name, finding.action, line, col, before, after,
                                      finding.reason, step, finding.start, finding.scores, done))
            if edits:
                locate.add_step(edits)
                doc = doc.with_text(text)
        return Result(doc.text, tuple(changes), original, tuple(skipped))

    def _apply(self, text: str, findings: list[Finding], rule: Rule) -> tuple[str, list[Edit], list[Applied]]:
        """Apply non-overlapping findings (first wins); reports and no-ops edit nothing."""
        blocked = rule.fix == "unsafe" and not self.config.unsafe_fixes
        pieces: list[str] = []
        edits: list[Edit] = []
        applied: list[Applied] = []
        cursor = shift = 0
        for finding in sorted(findings, key=lambda f: (f.start, f.end)):
            before = text[finding.start:finding.end]
            if finding.action == "report" or (blocked and before != finding.replacement):
                applied.append((finding, finding.action == "report", before, before))
                continue
            if finding.start < cursor or before == finding.replacement:
                continue
            pieces += (text[cursor:finding.start], finding.replacement)
            out_start = finding.start + shift
            edits.append(Edit(finding.start, finding.end, out_start, out_start + len(finding.replacement)))
            shift += len(finding.replacement) - len(before)
            cursor = finding.end
            applied.append((finding, True, before, finding.replacement))
        if not edits:
            return text, edits, applied
        pieces.append(text[cursor:])
        return "".join(pieces), edits, applied


#: A finding as the log records it: (finding, applied?, text before, text after).
Applied = tuple[Finding, bool, str, str]


class Locator:
    """Line and column in the original text of an offset in the current text.

    Each applied step's edits are kept, so an offset can be walked back
    through every step to where it was before any rule ran.
    """

    def __init__(self, original: str) -> None:
        self.newlines = _newline_offsets(original)
        self.steps: list[tuple[list[int], list[Edit]]] = []

    def add_step(self, edits: list[Edit]) -> None:
        self.steps.append(([edit.out_start for edit in edits], edits))

    def original_offset(self, position: int) -> int:
        for out_starts, edits in reversed(self.steps):
            i = bisect_right(out_starts, position) - 1
            if i >= 0:
                edit = edits[i]
                position = edit.in_start if position < edit.out_end else position - edit.out_end + edit.in_end
        return position

    def __call__(self, position: int) -> tuple[int, int]:
        at = self.original_offset(position)
        line = bisect_right(self.newlines, at - 1)
        col = at - (self.newlines[line - 1] + 1 if line else 0)
        return line + 1, col + 1


def _newline_offsets(text: str) -> list[int]:
    offsets = []
    at = text.find("\n")
    while at != -1:
        offsets.append(at)
        at = text.find("\n", at + 1)
    return offsets


_default: Cleaner | None = None


def clean_text(text: str, *, config: Config | None = None) -> Result:
    """Clean one text with ``config`` (default rules when None)."""
    global _default
    if config is not None:
        return Cleaner(config).clean(text)
    if _default is None:
        _default = Cleaner()
    return _default.clean(text)
