"""File formats: how a file becomes documents, and what is written back.

A plain text file is one document, read whole. A JSON Lines file
(``.jsonl``, ``.jsonl.gz``) holds one document per record, in its text
field; it is streamed, record by record (``cleaner.jsonl``). An HTML page
(``.html``, ``.htm``, also gzipped) is one document: the article body that
trafilatura extracts from it, written as ``<name>.txt``.

What a run keeps of the documents is ``Notes``: counts for the summary and
what the command prints, never the documents themselves.

>>> format_of(Path("crawl/part-1.jsonl.gz")).name, format_of(Path("page.HTM")).name, format_of(Path("a.txt")).name
('jsonl', 'html', 'text')
>>> format_of(Path("page.html.gz")).output_name(Path("news/page.html.gz"))
PosixPath('news/page.txt')
"""

from __future__ import annotations

import difflib
import io
import json
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from .change import Result
from .engine import Cleaner
from .files import DEFAULT_MAX_BYTES, Decoded, InputError, decode, encode, megabytes
from .log import file_log, restore_bytes

if TYPE_CHECKING:
    from .report import Finding

#: The cleaner for a document of this file, given the document's URL (for site rules), if any.
Pick = Callable[[str | None], Cleaner]
#: The rule that finds duplicate documents (``clean --corpus``); ``--drop-duplicates`` makes it drop them.
DUPLICATE_RULE = "D002"
#: Compressed bytes read at a time from a gzip file.
CHUNK = 2**20


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
class Piece:
    """One cleaned document of a file: the whole file, or one JSONL record (its line and id)."""

    result: Result
    line: int = 0
    key: Any = None


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
    #: Changes per ``("CODE name", action)``.
    rules: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: ``(line, message)``: rules skipped on a document (line 0: the whole file).
    warnings: list[tuple[int, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)

    def add(self, path: str, result: Result, line: int = 0, key: Any = None) -> None:
        """Note one cleaned document (``line`` and ``key``: a JSONL record's line and id)."""
        self.changed |= result.changed
        self.reports |= bool(result.reports)
        for change in result.changes:
            self.rules[f"{change.code} {change.name}", change.action] += 1
            if change.action == "drop" and change.applied:
                self.lines_dropped += sum(1 for text in change.before.splitlines() if text.strip())
        self.warnings += [(line, skipped) for skipped in result.skipped]
        if self.show == "diff":
            self.diffs.append(unified_diff(result.original, result.text, f"{path}:{line}" if line else path))
        elif self.show in ("check", "fix"):
            self.findings += self._findings(path, Piece(result, line, key))

    def _findings(self, path: str, piece: Piece) -> list[Finding]:
        from .report import findings  # report imports the runner, which imports this module

        if self.show == "fix":  # only the unsafe fixes that were held back
            return findings(path, [piece], set(), only=lambda change: not change.applied)
        return findings(path, [piece], set(self.safe_codes))


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff that ``patch`` accepts, with ``\\ No newline at end of file`` where due."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     name, f"{name} (cleaned)"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


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


class Gunzip(io.RawIOBase):
    """The decompressed bytes of a gzip stream (every member), read as they are asked for.

    Damage is an ``InputError``: not gzip, corrupt, or cut short.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.inflate = zlib.decompressobj(wbits=31)
        self.data = b""
        self.started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self.inflate.eof and self.data:  # another gzip member follows
                self.inflate = zlib.decompressobj(wbits=31)
            try:
                out = self.inflate.decompress(self.data, len(buffer))
            except zlib.error as error:
                raise InputError(f"not a valid gzip file: {error}") from error
            self.data = self.inflate.unused_data if self.inflate.eof else self.inflate.unconsumed_tail
            if out:
                buffer[: len(out)] = out
                return len(out)
            if not self.data and not self._fill():
                return 0

    def _fill(self) -> bool:
        """Read more compressed bytes; False at the end of the file (where a gzip member must have ended)."""
        self.data = self.raw.read(CHUNK)
        if self.data:
            self.started = True
            return True
        if self.started and not self.inflate.eof:
            raise InputError("not a valid gzip file: it ends before its end-of-stream marker (truncated?)")
        return False


def gunzip_stream(raw: BinaryIO) -> BinaryIO:
    """``raw`` decompressed, buffered (it has ``readline``)."""
    return io.BufferedReader(Gunzip(raw), CHUNK)


def gunzip(raw: bytes, limit: int = 0) -> bytes:
    """The decompressed bytes (of every gzip member); more than ``limit`` (if not 0) are refused: no gzip bombs."""
    stream = gunzip_stream(io.BytesIO(raw))
    data = stream.read(limit + 1) if limit else stream.read()
    if limit and len(data) > limit:
        raise InputError(f"decompresses to more than --max-bytes {megabytes(limit)}")
    return data


class TextFormat:
    """A text file: decoded (see ``cleaner.decoding``), cleaned, and written as UTF-8 into OUT, or back in its own
    encoding (byte-order mark and invalid bytes kept) when fixed in place, unless ``ReadOptions.to_utf8``."""

    name = "text"
    in_place = True
    streams = False

    def output_name(self, relative: Path) -> Path:
        return relative

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions, notes: Notes) -> Processed:
        decoded = decode(raw)
        result = pick(None).clean(decoded.text, path=path, meta=decoded.meta())
        notes.add(path, result)
        log = file_log(path, raw, decoded, result)
        if dropped_duplicate(result):  # no file in OUT; the log keeps its text, for restore
            log["withheld"] = result.text
            return Processed(notes, None, log)
        output = _written(result.text, decoded, options)
        notes.changed |= output != raw  # re-encoding is a change too
        return Processed(notes, output, log)

    def restore(self, cleaned: Path, log_path: Path, out: BinaryIO) -> None:
        log = json.loads(log_path.read_text(encoding="utf-8"))
        withheld = log.get("withheld")
        out.write(restore_bytes(cleaned.read_bytes() if withheld is None else withheld.encode("utf-8"), log))


def _written(text: str, decoded: Decoded, options: ReadOptions) -> bytes:
    """The bytes a cleaned text is written as: UTF-8 (a copy in OUT, or ``to_utf8``), else the source's own
    encoding and byte-order mark; a text that encoding cannot hold any more is an ``InputError``."""
    if not options.writes_back or options.to_utf8:
        return encode(text, "utf-8", b"")
    try:
        return encode(text, decoded.encoding, decoded.bom)
    except UnicodeEncodeError as error:
        raise InputError(f"the cleaned text cannot be written back as {decoded.encoding}: "
                         f"{error.object[error.start:error.end]!r} is not in it (--to-utf8 writes UTF-8)") from error


def format_of(path: Path) -> Format:
    """The format a file name says: ``.jsonl[.gz]``, ``.html``/``.htm[.gz]``, else text."""
    from .html import HtmlFormat
    from .jsonl import JsonlFormat

    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return JsonlFormat(compressed=path.name.lower().endswith(".gz"))
    if name.endswith((".html", ".htm")):
        return HtmlFormat()
    return TextFormat()


def format_of_log(kind: str, output: Path) -> Format:
    """The format that wrote a change log, by its ``format`` item ("text" for logs without one)."""
    from .html import HtmlFormat

    if kind == "jsonl":
        return format_of(output)
    return HtmlFormat() if kind == "html" else TextFormat()
