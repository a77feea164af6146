"""The engine: run the rules stage by stage and turn findings into edits and a log.

>>> result = Cleaner().clean("Hello  world \\n\\n\\n")
>>> result.text
'Hello world\\n'
>>> [change.code for change in result.changes]
['W001', 'W002', 'W003', 'W004']
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice
from typing import Any, NamedTuple

from .change import Change, Finding, Result
from .config import Config, configure
from .document import Document
from .kinds import KINDS, Kind, Stage
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
    enabled = sorted((kind for kind in kinds if kind.rule.enabled), key=lambda kind: (kind.stage, kind.order, kind.rule.code))
    for kind_class in dict.fromkeys(type(kind) for kind in enabled):
        kind_class.link([kind for kind in enabled if type(kind) is kind_class])
    return enabled


class Cleaner:
    """Rules loaded and compiled once; ``clean`` as often as you like.

    What depends on a line's text alone is remembered across the documents a cleaner cleans
    (``Document.lasting``, bounded: a few tens of MB at most), so reuse one cleaner for a corpus.

    ``Cleaner(preset="article-body")`` is short for ``Cleaner(Config(preset=...))``.
    """

    def __init__(self, config: Config | None = None, **settings: Any) -> None:
        self.config = config or Config(**settings)
        self.rules = configure(load_rules(list(self.config.rules_dirs)), self.config)
        self.kinds = build_kinds(self.rules)
        #: ``Document.lasting`` of every document this cleaner cleans.
        self.lasting: dict[str, Any] = {}

    def clean(self, text: str, *, path: str | None = None, meta: dict[str, Any] | None = None) -> Result:
        meta = meta or {}
        if self.config.language and "language" not in meta:
            meta = {**meta, "language": self.config.language}
        return self.clean_document(Document(text, path, meta, lasting=self.lasting))

    def __getstate__(self) -> dict[str, Any]:
        """A cleaner sent to another process (``--jobs``, Ray, a user's pool) goes without its caches."""
        return {**vars(self), "lasting": {}}

    def uses(self, kind_name: str) -> bool:
        """Whether an enabled rule of this kind runs (readers skip work that no rule needs)."""
        return any(kind.name == kind_name for kind in self.kinds)

    def clean_records(self, records: Iterable[dict[str, Any]], text_key: str = "text",
                      changes_key: str | None = "changes") -> Iterator[Any]:
        """Clean the ``text_key`` field of each record, lazily, in order.

        Yields a copy of each record with the cleaned text and, under
        ``changes_key``, its changes as dicts (the other keys untouched, in
        their order); with ``changes_key=None``, yields ``(record, Result)``.
        A record without a string ``text_key`` raises ``ValueError``.

        >>> list(Cleaner().clean_records([{"id": 7, "text": "Storm  hits coast"}]))[0]["text"]
        'Storm hits coast'
        """
        for number, record in enumerate(records, 1):
            if not isinstance(record, dict) or not isinstance(record.get(text_key), str):
                raise ValueError(f"record {number}: no string field '{text_key}'")
            result = self.clean(record[text_key], meta={"record": True})
            cleaned = {**record, text_key: result.text}
            if changes_key is None:
                yield cleaned, result
            else:
                yield {**cleaned, changes_key: [change.to_dict() for change in result.changes]}

    def clean_document(self, doc: Document) -> Result:
        """Run the stages over the document until a pass changes nothing (at most ``MAX_PASSES``).

        A rule judges the text the rules before it left, so a later rule's
        edit can make an earlier one match (``Share  on  Facebook`` is a share
        button only once W002 collapsed its spaces); the next pass lets it, so
        one clean leaves nothing for the next. Its edits are logged as further
        steps, and reports only come from the first pass. A pass that leaves
        the text as it found it (two rules that undo each other) is taken back.
        A document still changing after the last pass is named in ``Result.skipped``.
        """
        run = Run(doc, Locator(doc.text))
        plan = self._plan()
        settled_after = sum(map(len, plan))
        for pass_ in range(MAX_PASSES):
            start = run.mark()
            settled_after = self._run_pass(run, plan, settled_after, reports=pass_ == 0)
            if pass_ and run.doc.text == start.doc.text:
                run.rollback(start)
                break
            if settled_after < 0:
                break
        else:
            codes = ", ".join(dict.fromkeys(change.code for change in run.changes[start.changes:] if change.edits))
            run.skipped.append(f"cleaning did not settle in {MAX_PASSES} passes: {codes} still changed this document")
        return Result(run.doc.text, tuple(run.changes), doc.text, tuple(run.skipped))

    def _plan(self) -> list[list[list[Kind]]]:
        """The enabled kinds by stage, then by step: consecutive rules of a kind that judges
        each line by itself (``Kind.independent``) look at the same text and their edits are
        applied together as one step (a line two of them flag goes to the earlier rule);
        any other rule is a step of its own and sees the text its predecessors left."""
        return [[list(step) for _, step in groupby(stage, key=lambda kind: type(kind) if kind.independent else kind)]
                for _, stage in groupby(self.kinds, key=lambda kind: kind.stage)]

    def _run_pass(self, run: Run, plan: list[list[list[Kind]]], settled_after: int, *, reports: bool) -> int:
        """Run every stage once, the lines stage until no rule drops a line (at most ``LINE_ROUNDS``
        times); return the number of the last step that edited the text, or -1 when none did.

        Steps after ``settled_after`` (the last that edited in the previous pass) already saw the
        text as it is now: when none before them edited it, they are not run again. So, within the
        lines stage, are the steps after the last that edited in the previous round.
        """
        last = -1
        first = 0
        for stage in plan:
            round_settled = first + len(stage)
            for round_ in range(LINE_ROUNDS if stage[0][0].stage == Stage.LINES else 1):
                edited = -1
                for number, kinds in enumerate(stage, first):
                    if last < 0 and number > settled_after:
                        return -1
                    if edited < 0 and number > round_settled:
                        break
                    if self._run_step(run, number, kinds, reports=reports and round_ == 0):
                        edited, last = number, max(last, number)
                if edited < 0:
                    break
                round_settled = edited
            first += len(stage)
        return last

    def _run_step(self, run: Run, number: int, kinds: list[Kind], *, reports: bool) -> bool:
        """Run step ``number``'s kinds over the document and apply their findings; return whether the text changed.

        Where no report is logged (``reports`` off), a rule that only reports is not run: what it would find
        is dropped unlogged, and edits nothing. Nor is a step run there whose kinds edited nothing in an
        earlier text of the same view (``Kind.view``): they would find again what they found then."""
        doc = run.doc
        doc.reports = reports
        view = kinds[0].view(doc) if len(doc.text) <= VIEW_CHARS else None  # the kinds of a step are of one type
        if view is not None and not reports and _settled(run.unedited.get(number), view):
            return False
        skipped = len(run.skipped)
        changed = self._commit(run, [pair for kind in kinds if reports or not kind.reports_only
                                     for pair in self._find(run, kind)], reports=reports)
        if view is None or changed or len(run.skipped) > skipped:  # a skipped rule did not judge the text
            run.unedited.pop(number, None)
        else:
            run.unedited[number] = view
        return changed

    @staticmethod
    def _find(run: Run, kind: Kind) -> list[tuple[Finding, Rule]]:
        """What ``kind`` finds in the current text, with its rule.

        Nothing when its regexes ran out of their time for the document (now
        or in an earlier round: said once), or when it finds more than
        ``MAX_FINDINGS`` things in one document (a degenerate input: a log of
        millions of changes would take gigabytes); ``Result.skipped`` says so.
        """
        rule = kind.rule
        if kind.out_of_time(run.doc):
            return []
        try:
            found = [(finding, rule) for finding in islice(kind.find(run.doc), MAX_FINDINGS + 1)]
        except TimeoutError:
            run.skipped.append(f"rule {rule.code} ({rule.name}) timed out on this document and was skipped")
            return []
        if len(found) > MAX_FINDINGS:
            run.skipped.append(f"rule {rule.code} ({rule.name}) found more than {MAX_FINDINGS:,} things to change "
                               "in this document and was skipped")
            return []
        return found

    def _commit(self, run: Run, found: list[tuple[Finding, Rule]], *, reports: bool) -> bool:
        """Apply ``found`` as one step and log it; return whether the text changed."""
        if not found:
            return False
        step = len(run.locate.steps)
        text, edits, applied = self._apply(run.doc.text, found)
        for finding, rule, done, before, after in applied:
            if not reports and before == after:
                continue
            line, col = run.locate(finding.start)
            run.changes.append(Change(rule.code, rule.name, finding.action, line, col, before, after,
                                      finding.reason, step, finding.start, finding.scores, done))
        if edits:
            run.locate.add_step(edits)
            run.doc = run.doc.with_text(text)
        return bool(edits)

    def _apply(self, text: str, found: list[tuple[Finding, Rule]]) -> tuple[str, list[Edit], list[Applied]]:
        """Apply the findings that overlap no earlier one (by rule, then by position).

        Reports, no-ops and blocked unsafe fixes edit nothing; a report is
        dropped when an earlier rule's edit took its text (as if that rule had run first).
        """
        claimed = Claimed()
        applied: list[Applied] = []
        for _, group in groupby(found, key=lambda pair: id(pair[1])):
            earlier = claimed.copy()
            for finding, rule in sorted(group, key=lambda pair: (pair[0].start, pair[0].end)):
                before = text[finding.start:finding.end]
                blocked = rule.fix == "unsafe" and not self.config.unsafe_fixes and before != finding.replacement
                if finding.action == "report" or blocked:
                    if not earlier.overlaps(finding.start, finding.end):
                        applied.append((finding, rule, finding.action == "report", before, before))
                elif before != finding.replacement and claimed.take(finding.start, finding.end):
                    applied.append((finding, rule, True, before, finding.replacement))
        pieces: list[str] = []
        edits: list[Edit] = []
        cursor = shift = 0
        for finding, *_ in sorted((entry for entry in applied if entry[3] != entry[4]), key=lambda e: e[0].start):
            pieces += (text[cursor:finding.start], finding.replacement)
            out_start = finding.start + shift
            edits.append(Edit(finding.start, finding.end, out_start, out_start + len(finding.replacement)))
            shift += len(finding.replacement) - (finding.end - finding.start)
            cursor = finding.end
        if not edits:
            return text, edits, applied
        pieces.append(text[cursor:])
        return "".join(pieces), edits, applied


class Claimed:
    """The spans edited so far in one step, sorted: edits of one step may not overlap."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.spans = spans or []

    def copy(self) -> Claimed:
        return Claimed(list(self.spans))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.spans, (start, end))
        return (i > 0 and self.spans[i - 1][1] > start) or (i < len(self.spans) and self.spans[i][0] < end)

    def take(self, start: int, end: int) -> bool:
        """Claim ``start:end`` unless it overlaps a claimed span; return whether it was claimed."""
        if self.overlaps(start, end):
            return False
        insort(self.spans, (start, end))
        return True


def _settled(seen: Hashable, view: Hashable) -> bool:
    """Whether a step that edited nothing in a text of view ``seen`` edits nothing in a text of view ``view``:
    the views are equal or, for a kind that judges each line by itself (its view is the set of what it reads
    of each line), each line of this text stood in that one."""
    return seen == view or isinstance(view, frozenset) and isinstance(seen, frozenset) and view <= seen


#: Most findings one rule may make in one document before it is skipped there.
MAX_FINDINGS = 100_000

#: How often the lines stage may run over one document, in one pass, before it must have settled.
LINE_ROUNDS = 8

#: How many passes of all the stages one document may take before it must have settled.
MAX_PASSES = 4

#: A step judges a text longer than this in every round and pass: the view of it a step would keep
#: (``Kind.view``, its lines) would hold a copy of it after the cleaning moved on.
VIEW_CHARS = 1 << 20


@dataclass
class Run:
    """The state of one document's cleaning: its current text, the log so far."""

    doc: Document
    locate: Locator
    changes: list[Change] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: By step number: the view (``Kind.view``) of the last text in which the step's kinds edited nothing.
    unedited: dict[int, Hashable] = field(default_factory=dict)

    def mark(self) -> Mark:
        """Where the cleaning stands now, to ``rollback`` to."""
        return Mark(self.doc, len(self.locate.steps), len(self.changes), len(self.skipped))

    def rollback(self, mark: Mark) -> None:
        """Forget every step, change and warning since ``mark``."""
        self.doc = mark.doc
        del self.locate.steps[mark.steps:], self.changes[mark.changes:], self.skipped[mark.skipped:]


class Mark(NamedTuple):
    """A point of a ``Run``: its document, and how many steps, changes and warnings it had."""

    doc: Document
    steps: int
    changes: int
    skipped: int


#: A finding as the log records it: (finding, its rule, applied?, text before, text after).
Applied = tuple[Finding, Rule, bool, str, str]


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
