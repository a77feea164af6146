"""JSON Lines: one document per record, cleaned in its text field, streamed.

A record whose text did not change is copied byte for byte. In a changed
one, the text field's new string value is spliced in where the old one was:
every other byte (numbers as spelled, duplicate keys, whitespace) stays. It
escapes non-ASCII characters as ``\\uXXXX`` if the old value did; the log says
so, and keeps the old value if it was spelled some other way, for
``restore``. A UTF-8 BOM at the start of the file stays, with line 1. A line
that cannot be used (not JSON, not an object, no text field, text not a
string, longer than ``--max-bytes``) is named as a problem and copied as is.

The file is read a line at a time (decompressed as it is read, for
``.jsonl.gz``), and each cleaned line and each log entry is written as soon
as it is made: memory holds one record, whatever the file's size. A line
longer than ``--max-bytes`` is copied in chunks, never held whole, so a gzip
bomb cannot fill memory either.

>>> body = b'{"id": 1e400, "text": "Storm  hits", "meta": {"text": "x"}}'
>>> start, end = text_span(body, "text")
>>> body[:start] + literal("Storm hits", False) + body[end:]
b'{"id": 1e400, "text": "Storm hits", "meta": {"text": "x"}}'
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from ..change import Change
from ..files import InputError, megabytes
from ..log import LOG_VERSION, undo
from ..logstream import LogWriter, open_log
from .base import Notes, Pick, ReadOptions, Sink, dropped_duplicate
from .compressed import CHUNK, gunzip_stream

#: JSON's whitespace; a string literal; a number, ``true``, ``false``, ``null``, ``NaN`` or ``Infinity``;
#: what opens or closes a nested value, or a string in it.
SPACE = re.compile(rb"[ \t\n\r]*")
STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)  # possessive: never backtracks
SCALAR = re.compile(rb"[^ \t\n\r,\]}]+")
NESTING = re.compile(rb'["\[\]{}]')


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type.

    >>> json_type(5), json_type(None), json_type([1])
    ('a number', 'null', 'an array')
    """
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
             dict: "an object", type(None): "null"}
    return names[type(value)]


class LineProblem(ValueError):
    """A line that is not a usable record; the message says why."""


def literal(text: str, ascii_only: bool) -> bytes:
    """The JSON string literal of ``text``, non-ASCII characters as ``\\uXXXX`` escapes or not.

    >>> literal('Café "1"', True), literal('Café', False)
    (b'"Caf\\\\u00e9 \\\\"1\\\\""', b'"Caf\\xc3\\xa9"')
    """
    # A lone surrogate (from a "\\ud800" escape) cannot be UTF-8: it is written as such an escape.
    return json.dumps(text, ensure_ascii=ascii_only).encode("utf-8", "backslashreplace")


def spelling(value: bytes, text: str) -> dict[str, Any]:
    """How the string literal ``value`` of ``text`` was written, for a log entry: ``ascii``, whether its
    non-ASCII characters were escaped; and ``literal``, ``value`` itself, if ``literal()`` does not give it back.

    >>> spelling(b'"Caf\\\\u00e9"', "Café"), spelling(b'"\\\\ud800"', "\\ud800"), spelling(b'"a\\\\/b"', "a/b")
    ({'ascii': True}, {'ascii': False}, {'ascii': False, 'literal': '"a\\\\/b"'})
    """
    # A lone surrogate is written as an escape either way: only another non-ASCII character says which way.
    ascii_only = value.isascii() and not text.encode("utf-8", "backslashreplace").isascii()
    if literal(text, ascii_only) == value:
        return {"ascii": ascii_only}
    return {"ascii": ascii_only, "literal": value.decode("utf-8")}


def text_span(body: bytes, field: str) -> tuple[int, int]:
    """Where, in the JSON object ``body``, the value of ``field`` that ``json.loads`` takes is: that of the
    last top-level key that is ``field`` (keys may be escaped; nested objects are passed over)."""
    span = None
    for key, start, end in members(body):
        if (json.loads(key) if b"\\" in key else key[1:-1].decode("utf-8")) == field:
            span = start, end
    if span is None:
        raise LineProblem(f"no '{field}' field")
    return span


def members(body: bytes) -> Iterator[tuple[bytes, int, int]]:
    """``(key, start, end)`` of each top-level member of ``body``, a JSON object that ``json.loads`` accepts:
    the literal of its key and where its value starts and ends."""
    at = _skip_space(body, _skip_space(body, 0) + 1)  # past "{"
    while body[at:at + 1] == b'"':
        key = STRING.match(body, at)
        start = _skip_space(body, _skip_space(body, key.end()) + 1)  # past ":"
        end = value_end(body, start)
        yield key.group(), start, end
        at = _skip_space(body, _skip_space(body, end) + 1)  # past "," (or the closing "}": no key follows)


def _skip_space(body: bytes, at: int) -> int:
    """Where the JSON whitespace from ``at`` ends."""
    return SPACE.match(body, at).end()


def value_end(body: bytes, start: int) -> int:
    """Where the JSON value that starts at ``start`` in ``body`` ends.

    >>> body = b'[{"a": "]"}, 1] , 2'
    >>> body[:value_end(body, 0)]
    b'[{"a": "]"}, 1]'
    """
    opening = body[start:start + 1]
    if opening == b'"':
        return STRING.match(body, start).end()
    if opening not in (b"{", b"["):
        return SCALAR.match(body, start).end()
    depth, at = 0, start
    while True:
        found = NESTING.search(body, at)
        at = found.end()
        if found.group() == b'"':
            at = STRING.match(body, found.start()).end()
            continue
        depth += 1 if found.group() in b"[{" else -1
        if depth == 0:
            return at


def dump(record: dict[str, Any], style: list[Any]) -> bytes:
    """A record in a ``style`` (ensure_ascii, separators): how ``clean`` wrote changed records before it spliced."""
    ascii_only, items, keys = style
    return json.dumps(record, ensure_ascii=ascii_only, separators=(items, keys)).encode("utf-8", "backslashreplace")


class LongLine:
    """A line longer than the limit: ``chunks`` yields it piece by piece as it is read, once."""

    def __init__(self, head: bytes, handle: BinaryIO) -> None:
        self.chunks = self._read(head, handle)

    @staticmethod
    def _read(chunk: bytes, handle: BinaryIO) -> Iterator[bytes]:
        yield chunk
        while not chunk.endswith(b"\n") and (chunk := handle.readline(CHUNK)):
            yield chunk


def read_lines(handle: BinaryIO, limit: int = 0) -> Iterator[bytes | LongLine]:
    """The lines of ``handle`` with their endings; only ``\\n`` ends a line (JSON strings hold no raw newline).

    A line whose content is longer than ``limit`` bytes (if not 0) comes as a
    ``LongLine``, never read whole; what its reader leaves of it is passed over.
    """
    while line := handle.readline(limit + 2 if limit else -1):
        if limit and len(split_line(line)[0]) > limit:
            long = LongLine(line, handle)
            yield long
            for _ in long.chunks:
                pass
        else:
            yield line


def split_line(line: bytes) -> tuple[bytes, bytes]:
    """A line's content and its line ending (``\\n``, ``\\r\\n`` or none)."""
    for ending in (b"\r\n", b"\n"):
        if line.endswith(ending):
            return line[: -len(ending)], ending
    return line, b""


def line_parts(line: bytes, number: int) -> tuple[bytes, bytes, bytes]:
    """A line's BOM (only line 1 may start with one), its content and its line ending.

    >>> line_parts(codecs.BOM_UTF8 + b'{"text": ""}\\r\\n', 1)
    (b'\\xef\\xbb\\xbf', b'{"text": ""}', b'\\r\\n')
    """
    body, ending = split_line(line)
    bom = codecs.BOM_UTF8 if number == 1 and body.startswith(codecs.BOM_UTF8) else b""
    return bom, body[len(bom):], ending


def integer(digits: str) -> int | str:
    """A JSON integer; its digits if Python will not convert that many (a record's numbers are never written)."""
    try:
        return int(digits)
    except ValueError:
        return digits


def parse_record(body: bytes, text_field: str) -> dict[str, Any]:
    try:
        record = json.loads(body.decode("utf-8"), parse_int=integer)
    except UnicodeDecodeError as error:
        raise LineProblem(f"not valid UTF-8: {error.reason} at byte {error.start}") from error
    except json.JSONDecodeError as error:
        raise LineProblem(f"not valid JSON: {error.msg} (column {error.colno})") from error
    if not isinstance(record, dict):
        raise LineProblem(f"{json_type(record)}, not a JSON object")
    if text_field not in record:
        raise LineProblem(f"no '{text_field}' field")
    if not isinstance(record[text_field], str):
        raise LineProblem(f"'{text_field}' is {json_type(record[text_field])}, not a string")
    return record


def texts(path: Path, text_field: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of each usable record of a JSON Lines file, read as a stream; other lines are passed over."""
    with open(path, "rb") as raw:
        source = gunzip_stream(raw) if path.name.lower().endswith(".gz") else raw
        for number, line in enumerate(read_lines(source, limit), 1):
            try:
                if isinstance(line, bytes):
                    yield number, parse_record(line_parts(line, number)[1], text_field)[text_field]
            except LineProblem:
                continue


class Nowhere:
    """Where the bytes of a file that is not written go (``check``)."""

    def write(self, data: bytes) -> int:
        return len(data)


class JsonlFormat:
    name = "jsonl"
    in_place = True
    streams = True

    def __init__(self, compressed: bool = False) -> None:
        self.compressed = compressed

    def output_name(self, relative: Path) -> Path:
        return relative

    def stream(self, path: str, source: BinaryIO, pick: Pick, options: ReadOptions, notes: Notes,
               sink: Sink) -> list[tuple[int, str]]:
        """Clean each record of ``source`` as it is read: its line goes to ``sink.output`` and its log entry
        (if it has changes) to ``sink.log`` at once. Returns ``(line, cause)`` of the lines copied as they were."""
        problems: list[tuple[int, str]] = []
        before, after = hashlib.sha256(), hashlib.sha256()
        log = LogWriter(sink.log, {"version": LOG_VERSION, "format": "jsonl", "source": path,
                                   "compressed": self.compressed, "text_field": options.text_field,
                                   "id_field": options.id_field})
        with self._writer(sink.output) as out:
            lines = read_lines(gunzip_stream(source) if self.compressed else source, options.max_bytes)
            for number, line in enumerate(lines, 1):
                if isinstance(line, LongLine):
                    size, limit = megabytes(_copy(line, out, before, after)), megabytes(options.max_bytes)
                    problems.append((number, f"record is {size}, above --max-bytes {limit}"))
                    continue
                try:
                    made, entry = self._clean_line(path, number, line, pick, options, notes)
                except LineProblem as problem:
                    problems.append((number, str(problem)))
                    made, entry = line, None
                before.update(line)
                after.update(made)
                if entry is None or "withheld" not in entry:
                    out.write(made)
                if entry is not None:
                    log.add(entry)
        log.close({"sha256_before": before.hexdigest(), "sha256_after": after.hexdigest(), "changed": notes.changed})
        return problems

    def _clean_line(self, path: str, number: int, line: bytes, pick: Pick, options: ReadOptions,
                    notes: Notes) -> tuple[bytes, dict[str, Any] | None]:
        """The line ``clean`` makes of one line, and the record's log entry if it has changes."""
        bom, body, ending = line_parts(line, number)
        if not body.strip():
            return line, None
        record = parse_record(body, options.text_field)
        url = record.get(options.url_field)
        url = url if isinstance(url, str) else None
        result = pick(url).clean(record[options.text_field], path=f"{path}:{number}", meta={"url": url, "record": True})
        key = record.get(options.id_field, number)
        notes.add(path, result, number, key)
        if not result.changes:
            return line, None
        entry: dict[str, Any] = {"line": number, "id": key, "changed": result.changed,
                                 "skipped_rules": list(result.skipped),
                                 "changes": [change.to_dict() for change in result.changes]}
        if not result.changed:
            return line, entry
        start, end = text_span(body, options.text_field)
        entry.update(spelling(body[start:end], record[options.text_field]))
        made = bom + body[:start] + literal(result.text, entry["ascii"]) + body[end:] + ending
        if dropped_duplicate(result):  # left out of OUT; the log keeps the line, for restore
            entry["withheld"] = made.decode("utf-8")
        return made, entry

    @contextmanager
    def _writer(self, handle: BinaryIO | None) -> Iterator[Any]:
        """Where the lines go: ``handle`` (through gzip for ``.jsonl.gz``), or nowhere."""
        if handle is None:
            yield Nowhere()
        elif not self.compressed:
            yield handle
        else:  # no name and no time in the header: the same lines always give the same bytes
            with gzip.GzipFile(filename="", mode="wb", fileobj=handle, mtime=0) as compressed:
                yield compressed

    def restore(self, cleaned: Path, log_path: Path, out: BinaryIO) -> None:
        """The original records: each changed record's text edits undone, its line rebuilt.

        Two passes over the cleaned file, each streamed: the first checks it
        against the log's sha256 (so an edited file is named as such), the
        second rebuilds the original, checked against the other sha256.
        """
        with open_log(log_path) as log, open(cleaned, "rb") as raw:
            digest = hashlib.sha256()
            for line, _ in self._made_lines(raw, log.records()):
                for chunk in _chunks(line):
                    digest.update(chunk)
            items = {**log.header, **log.trailer()}  # the hashes follow the records, but may come first
            if digest.hexdigest() != items["sha256_after"]:
                raise InputError("the cleaned file does not match its log (sha256 differs): it was edited after cleaning")
        with open_log(log_path) as log, open(cleaned, "rb") as raw, self._writer(out) as write:
            digest = hashlib.sha256()
            for line, entry in self._made_lines(raw, log.records()):
                original = _chunks(line) if entry is None else (_original(_whole(line), entry, items["text_field"]),)
                for chunk in original:
                    digest.update(chunk)
                    write.write(chunk)
            if digest.hexdigest() != items["sha256_before"]:
                raise InputError("restoring did not reproduce the original records (sha256 differs)")

    def _made_lines(self, raw: BinaryIO, entries: Iterator[dict[str, Any]]
                    ) -> Iterator[tuple[bytes | LongLine, dict[str, Any] | None]]:
        """The lines ``clean`` made, in order (the cleaned file's, with the withheld ones put back), each with
        its log entry (None for a record without changes, or a line that is not a record)."""
        lines = read_lines(gunzip_stream(raw) if self.compressed else raw, CHUNK)
        number = 0
        for entry in entries:
            while number < entry["line"] - 1:
                number += 1
                yield next(lines, b""), None
            number += 1
            yield (entry["withheld"].encode("utf-8") if "withheld" in entry else next(lines, b"")), entry
        for line in lines:
            yield line, None


def _chunks(line: bytes | LongLine) -> Iterator[bytes]:
    return line.chunks if isinstance(line, LongLine) else iter((line,))


def _whole(line: bytes | LongLine) -> bytes:
    """A line that a log entry names, whole (a record ``clean`` read was never over the limit it had)."""
    return b"".join(line.chunks) if isinstance(line, LongLine) else line


def _copy(line: LongLine, out: Any, before: Any, after: Any) -> int:
    """Copy a line over the limit as it is, chunk by chunk; return its size (without its ending)."""
    size, chunk = 0, b""
    for chunk in line.chunks:
        out.write(chunk)
        before.update(chunk)
        after.update(chunk)
        size += len(chunk)
    return size - len(split_line(chunk)[1])


def _original(made: bytes, entry: dict[str, Any], field: str) -> bytes:
    """The original line of a made line whose record's log entry is ``entry``."""
    if not entry["changed"]:
        return made
    bom, body, ending = line_parts(made, entry["line"])
    if "original" in entry:  # "original" and "style": a log from before values were spliced
        return entry["original"].encode("utf-8") + ending
    if "style" in entry:
        record = json.loads(body)
        record[field] = _undone(record[field], entry)
        return dump(record, entry["style"]) + ending
    start, end = text_span(body, field)
    if "literal" in entry:
        value = entry["literal"].encode("utf-8")
    else:
        value = literal(_undone(json.loads(body[start:end]), entry), entry["ascii"])
    return bom + body[:start] + value + body[end:] + ending


def _undone(text: str, entry: dict[str, Any]) -> str:
    """A record's text before the changes of its log entry."""
    return undo(text, (Change.from_dict(change) for change in entry["changes"]))
