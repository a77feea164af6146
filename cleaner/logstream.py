"""A change log too large to hold in memory: one JSON object, written and read piece by piece.

A JSON Lines file's log is one JSON object, like every log, but its
``records`` array (an entry per record with changes) is written entry by
entry, one a line, as the records are cleaned; the hashes come after it,
once the whole file has gone through::

    {
      "version": 1,
      "format": "jsonl",
      ...
      "records": [
        {"line": 2, "id": "b", "changed": true, ...},
        {"line": 7, "id": null, "changed": true, ...}
      ],
      "sha256_before": "...",
      "sha256_after": "...",
      "changed": true
    }

``LogReader`` reads any log back the same way, whatever its whitespace: the
items before ``records``, then its entries one at a time, then the items
after; it holds one entry at a time.

>>> import io
>>> out = io.BytesIO()
>>> log = LogWriter(out, {"version": 1})
>>> log.add({"line": 2})
>>> log.close({"changed": True})
>>> reader = LogReader(io.StringIO(out.getvalue().decode()))
>>> reader.header, list(reader.records()), reader.trailer()
({'version': 1}, [{'line': 2}], {'changed': True})
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson

#: The key of the array that is written and read entry by entry.
RECORDS = "records"
#: Characters read at a time (more while one value is longer).
CHUNK = 2**20
DECODER = json.JSONDecoder()
SPACE = re.compile(r"[ \t\n\r]*")
#: What may follow the part of a number already read, when the text read so far ends: "1" may be "1.5e3".
NUMBER_GOES_ON = re.compile(r"[-+.eE0-9]*\Z")


#: What orjson writes, by the json module (for what orjson refuses).
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: Any) -> bytes:
    """``value`` as compact JSON in UTF-8, by orjson: a log holds one value per change, and the standard library's
    encoder took longer than most rules. What orjson refuses (a lone surrogate, an integer beyond 64 bits) the
    standard library writes, a lone surrogate escaped (``\\ud800``: JSON reads it back as itself).

    >>> dumps({"code": "W001", "line": 3}), dumps(2**64)
    (b'{"code":"W001","line":3}', b'18446744073709551616')
    >>> dumps(chr(0xD800))
    b'"\\\\ud800"'
    """
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return _json(value).encode("utf-8", "backslashreplace")


class LogWriter:
    """Writes a log to ``handle`` (None: nowhere): ``header`` items, ``add``-ed entries, then ``close``'s items."""

    def __init__(self, handle: BinaryIO | None, header: dict[str, Any]) -> None:
        self.handle = handle
        self.entries = 0
        self._write(b"{\n" + b"".join(b"  %s: %s,\n" % (dumps(key), dumps(value)) for key, value in header.items())
                    + b"  %s: [" % dumps(RECORDS))

    def add(self, entry: dict[str, Any]) -> None:
        self._write((b"," if self.entries else b"") + b"\n    " + dumps(entry))
        self.entries += 1

    def close(self, trailer: dict[str, Any]) -> None:
        self._write(b"\n  ]" + b"".join(b",\n  %s: %s" % (dumps(key), dumps(value)) for key, value in trailer.items())
                    + b"\n}\n")

    def _write(self, data: bytes) -> None:
        if self.handle is not None:
            self.handle.write(data)


class LogReader:
    """A JSON object read piece by piece from ``handle``: ``header``, ``records()``, then ``trailer()``.

    ``header`` holds the items before ``records`` (all of them when there is
    no ``records``). Damage raises ``ValueError`` (``json.JSONDecodeError``).
    """

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.text, self.at, self.eof = "", 0, False
        self.header: dict[str, Any] = {}
        self._after: dict[str, Any] = {}
        self._entries: Iterator[Any] = iter(())
        self._take("{")
        if self._peek() == "}":
            self.at += 1
        else:
            self._items(self.header, until_records=True)

    def records(self) -> Iterator[Any]:
        """The entries of ``records``, one at a time (they are read once)."""
        return self._entries

    def trailer(self) -> dict[str, Any]:
        """The items after ``records`` (what is left of ``records`` is read, and passed over)."""
        for _ in self._entries:
            pass
        return self._after

    def get(self, key: str, default: Any = None) -> Any:
        """An item other than ``records``: from the header, or else (reading past the records) from the trailer."""
        return self.header[key] if key in self.header else self.trailer().get(key, default)

    def _read_entries(self) -> Iterator[Any]:
        if self._peek() == "]":
            self.at += 1
        else:
            while True:
                yield self._value()
                if self._take(",]") == "]":
                    break
        if self._take(",}") == ",":
            self._items(self._after, until_records=False)

    def _items(self, into: dict[str, Any], until_records: bool) -> None:
        """Read ``"key": value`` items into ``into`` up to the object's end, or up to ``records``' opening bracket."""
        while True:
            key = self._value()
            if not isinstance(key, str):
                raise ValueError(f"not a change log: a key is {type(key).__name__}, not a string")
            self._take(":")
            if until_records and key == RECORDS:
                self._take("[")
                self._entries = self._read_entries()
                return
            into[key] = self._value()
            if self._take(",}") == "}":
                return

    def _value(self) -> Any:
        """The next JSON value; the text read grows until the value is whole."""
        self._peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.text, self.at)
                if self.eof or not (isinstance(value, (int, float)) and NUMBER_GOES_ON.match(self.text, end)):
                    self.at = end
                    return value
            except json.JSONDecodeError:
                if self.eof:
                    raise
            self._read()

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            self.at = SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or self.eof:
                return self.text[self.at:self.at + 1]
            self._read()

    def _take(self, expected: str) -> str:
        """The next character, which must be one of ``expected``."""
        found = self._peek()
        if not found or found not in expected:
            raise ValueError(f"not a change log: expected {' or '.join(expected)}, found {found or 'the end'!r}")
        self.at += 1
        return found

    def _read(self) -> None:
        """Read more, as much as is pending (so a long value is parsed a few times, not once per chunk)."""
        pending = self.text[self.at:]
        chunk = self.handle.read(max(CHUNK, len(pending)))
        self.text, self.at = pending + chunk, 0
        self.eof = not chunk


@contextmanager
def open_log(path: Path) -> Iterator[LogReader]:
    """The change log at ``path``, to be read piece by piece."""
    with open(path, encoding="utf-8") as handle:
        yield LogReader(handle)


def to_json(data: Any) -> bytes:
    """A log or summary as JSON: objects and lists laid out two levels deep, each deeper value on one line.

    ``json.dumps(indent=...)`` runs the pure-Python encoder, which took longer
    than the cleaning; ``dumps`` writes each change of a log on its line.

    >>> print(to_json({"version": 1, "changes": [{"code": "W001", "line": 3}]}).decode(), end="")
    {
      "version": 1,
      "changes": [
        {"code":"W001","line":3}
      ]
    }
    """
    return _layout(data, 0) + b"\n"


def _layout(value: Any, depth: int) -> bytes:
    if depth >= 2 or not value or not isinstance(value, (dict, list)):
        return dumps(value)
    inner, outer = b"  " * (depth + 1), b"  " * depth
    if isinstance(value, dict):
        items = [b"%s%s: %s" % (inner, dumps(key), _layout(item, depth + 1)) for key, item in value.items()]
        return b"{\n" + b",\n".join(items) + b"\n" + outer + b"}"
    return b"[\n" + b",\n".join(inner + _layout(item, depth + 1) for item in value) + b"\n" + outer + b"]"
