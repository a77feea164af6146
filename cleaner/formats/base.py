"""What every format shares: the options of a run, the ``Notes`` it keeps of a file's documents, what a
cleaned file yields (``Processed``), and the ``Format`` protocol that ``text``, ``html`` and ``jsonl`` follow.

What a run keeps of the documents is ``Notes``: counts for the summary and
what the command prints, never the documents themselves.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from ..change import Result
from ..engine import Cleaner
from ..files import DEFAULT_MAX_BYTES
from ..findings import Finding, Piece, findings

#: The cleaner for a document of this file, given the document's URL (for site rules), if any.
Pick = Callable[[str | None], Cleaner]
#: A unified diff's hunk header; its first number is the hunk's first line in the old text.
HUNK = re.compile(r"@@ -(\d+)")
#: The rule that finds duplicate documents (``clean --corpus``); ``--drop-duplicates`` makes it drop them.
DUPLICATE_RULE = "D002"


@dataclass(frozen=True)
class ReadOptions:
    """Where a JSON Lines record keeps its text, its id and its URL; how large a document may be; what a run
    does with each file's documents."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    #: Largest text file, HTML page (also once decompressed) or JSON Lines record, 0 for no limit.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Worker processes that clean files in parallel (1: in this process). Output is the same for any number.
    jobs: int = 1
    #: What the command prints of each document (see ``Notes``): "" (``clean``), "check", "diff" or "fix".
    show: str = ""
    #: ``clean``: the folder in OUT where a streamed file's copy and log are written before the run moves them.
    staging: Path | None = None
    #: ``fix``: in the names of the run's temporary copies, so that it can remove those a killed worker leaves.
    tag: str = ""
    #: ``check`` and ``fix``: write text files as UTF-8 without a byte-order mark, not in their own encoding.
    to_utf8: bool = False

    @property
    def writes_back(self) -> bool:
        """Whether the output replaces the source (``check``, ``fix``) rather than being a new copy (``clean``)."""
        return self.show in ("check", "diff", "fix")


@dataclass
class Notes:
    """What a run keeps of one file's documents, gathered as each is cleaned: small, whatever the file's size.

    Always the counts the summary needs and the warnings; then, by ``show``:
    the findings (``check``, with ``safe_codes`` marked fixable), a unified
    diff per document (``check --diff``), or the unsafe fixes held back (``fix``).
    """

    show: str = ""
    safe_codes: frozenset[str] = frozenset()
    changed: bool = False
    #: Whether any finding is report-only (``check --strict`` fails on them).
    reports: bool = False
    lines_dropped: int = 0
    #: Changes made (or reported) per ``("CODE name", action)``; not the unsafe fixes ``fix`` held back.
    rules: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: ``check``: its findings by what ``fix`` does with them: "safe" (applies), "unsafe" (only with
    #: ``--unsafe-fixes``), "report" (nothing).
    fixes: Counter[str] = field(default_factory=Counter)
    #: ``(line, message)``: rules skipped on a document (line 0: the whole file).
    warnings: list[tuple[int, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    def add(self, path: str, result: Result, line: int = 0, key: Any = None) -> None:
        """Note one cleaned document (``line`` and ``key``: a JSONL record's line and id)."""
        self.changed |= result.changed
        self.reports |= bool(result.reports)
        for change in result.changes:
            if change.applied:
                self.rules[f"{change.code} {change.name}", change.action] += 1
            if self.show in ("check", "diff"):
                self.fixes["report" if change.action == "report" else
                           "safe" if change.code in self.safe_codes else "unsafe"] += 1
            if change.action == "drop" and change.applied:
                self.lines_dropped += sum(1 for text in change.before.splitlines() if text.strip())
        self.warnings += [(line, skipped) for skipped in result.skipped]
        if self.show == "diff":
            self.diffs.append(unified_diff(result.original, result.text, f"{path}:{line}" if line else path,
                                           rule_marks(result)))
        elif self.show in ("check", "fix"):
            self.findings += self._findings(path, Piece(result, line, key))

    def _findings(self, path: str, piece: Piece) -> list[Finding]:
        if self.show == "fix":  # only the unsafe fixes that were held back
            return findings(path, [piece], set(), only=lambda change: not change.applied)
        return findings(path, [piece], set(self.safe_codes))


def unified_diff(before: str, after: str, name: str, marks: dict[int, list[str]] | None = None) -> str:
    """A unified diff that ``patch`` accepts, with ``\\ No newline at end of file`` where due; each removed or
    changed line followed by a ``# ^`` line naming the rules (``marks``: by line of ``before``) that changed it.

    >>> print(unified_diff("a\\nb  c\\n", "a\\nb c\\n", "x", {2: ["W002 space-runs"]}), end="")
    --- x
    +++ x (cleaned)
    @@ -1,2 +1,2 @@
     a
    -b  c
    # ^ W002 space-runs
    +b c
    """
    lines, line = [], 0
    for text in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     name, f"{name} (cleaned)"):
        lines.append(text if text.endswith("\n") else text + "\n\\ No newline at end of file\n")
        if text.startswith("@@"):
            line = int(HUNK.match(text)[1])  # type: ignore[index]
        elif text.startswith(" "):
            line += 1
        elif text.startswith("-") and not text.startswith("---"):
            if marks and line in marks:
                lines.append(f"# ^ {', '.join(marks[line])}\n")
            line += 1
    return "".join(lines)


def rule_marks(result: Result) -> dict[int, list[str]]:
    """The rules that removed or changed each line of a document's original text: ``{line: ["CODE name"]}``."""
    marks: dict[int, list[str]] = {}
    for change in result.changes:
        if change.edits:
            first, before = change.line, change.before
            if change.col > 1 and before.startswith(("\n", "\r\n")):  # from a line's end: that line stays
                first, before = first + 1, before.partition("\n")[2]
            spanned = before.count("\n") + (0 if before.endswith("\n") else 1)
            for line in range(first, first + max(spanned, 1)):
                rule = f"{change.code} {change.name}"
                if rule not in marks.setdefault(line, []):
                    marks[line].append(rule)
    return marks


def dropped_duplicate(result: Result) -> bool:
    """Whether D002 dropped this document (``--drop-duplicates``): it is left out of OUT, its log keeps it."""
    return any(c.code == DUPLICATE_RULE and c.action == "drop" and c.applied for c in result.changes)


@dataclass
class Processed:
    """A cleaned file: its notes, what to write, and the JSONL lines it had to copy as they were.

    ``output`` and ``log`` are the bytes and the log of a file read whole, or
    the staged files that already hold them (a streamed file, ``clean``), or
    None: nothing to write (``check``; ``fix`` of a streamed file, done by
    then; a dropped duplicate's output). ``problems`` holds ``(line, cause)``.
    """

    notes: Notes
    output: bytes | Path | None = None
    log: dict[str, Any] | Path | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.notes.changed

    def discard(self) -> None:
        """Remove the staged files that were not moved into place."""
        for staged in (self.output, self.log):
            if isinstance(staged, Path):
                staged.unlink(missing_ok=True)


@dataclass
class Sink:
    """Where a streamed file's cleaned bytes and log entries go as they are made (None: nowhere)."""

    output: BinaryIO | None = None
    log: BinaryIO | None = None


class Format(Protocol):
    name: str
    #: Whether ``fix`` may rewrite such a file in place (not HTML: its output is text).
    in_place: bool
    #: Whether files are streamed record by record (``StreamedFormat``) rather than read whole (``WholeFormat``).
    streams: bool

    def output_name(self, relative: Path) -> Path: ...

    def restore(self, cleaned: Path, log_path: Path, out: BinaryIO) -> None:
        """Write the original of the file ``cleaned`` made, from its log, to ``out``."""


class WholeFormat(Format, Protocol):
    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions, notes: Notes) -> Processed:
        """Clean a file's bytes; the output and log are returned, for the run to write."""


class StreamedFormat(Format, Protocol):
    def stream(self, path: str, source: BinaryIO, pick: Pick, options: ReadOptions, notes: Notes,
               sink: Sink) -> list[tuple[int, str]]:
        """Clean a file as it is read, writing its output and log to ``sink``; return its problem lines."""


