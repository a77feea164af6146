"""JSON Lines: one document per record, cleaned in its text field.

Every other field, the key order and the record order stay as they were. A
record whose text did not change is copied byte for byte; a changed one is
written back in the JSON style its line was written in (ASCII escapes or
not, compact or spaced separators), so ``restore`` can rebuild the original
line exactly. A line that cannot be used (not JSON, not an object, no text
field, text not a string) is named as a problem and copied through as it is.

>>> line_style(b'{"id": 1, "text": "caf\\\\u00e9"}', {"id": 1, "text": "café"})
[True, ', ', ': ']
>>> line_style(b'{"id":1,"text":"caf\\xc3\\xa9"}', {"id": 1, "text": "café"})
[False, ',', ':']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .change import Change
from .files import InputError
from .formats import Pick, Piece, Processed, ReadOptions, gunzip, gzip_bytes
from .log import LOG_VERSION, sha256, undo

#: (ensure_ascii, item separator, key separator): how common writers write JSON Lines.
STYLES: tuple[tuple[bool, str, str], ...] = (
    (False, ", ", ": "), (True, ", ", ": "), (False, ",", ":"), (True, ",", ":"),
)


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


def dump(record: dict[str, Any], style: list[Any] | tuple[bool, str, str]) -> bytes:
    ascii_only, items, keys = style
    # A lone surrogate (from a "\\ud800" escape) cannot be UTF-8: it is written as the escape it was read from.
    return json.dumps(record, ensure_ascii=ascii_only, separators=(items, keys)).encode("utf-8", "backslashreplace")


def line_style(body: bytes, record: dict[str, Any]) -> list[Any] | None:
    """The style that writes ``record`` back as exactly ``body``, or None."""
    for style in STYLES:
        if dump(record, style) == body:
            return list(style)
    return None


def lines_of(content: bytes) -> list[bytes]:
    """The lines of ``content`` with their endings; only ``\\n`` ends a line (JSON strings hold no raw newline)."""
    parts = content.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def split_line(line: bytes) -> tuple[bytes, bytes]:
    """A line's content and its line ending (``\\n``, ``\\r\\n`` or none)."""
    for ending in (b"\r\n", b"\n"):
        if line.endswith(ending):
            return line[: -len(ending)], ending
    return line, b""


def parse_record(body: bytes, text_field: str) -> dict[str, Any]:
    try:
        record = json.loads(body.decode("utf-8"))
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


class JsonlFormat:
    name = "jsonl"
    in_place = True

    def __init__(self, compressed: bool = False) -> None:
        self.compressed = compressed

    def output_name(self, relative: Path) -> Path:
        return relative

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions) -> Processed:
        content = gunzip(raw, options.max_bytes) if self.compressed else raw
        pieces: list[Piece] = []
        entries: list[dict[str, Any]] = []
        problems: list[tuple[int, str]] = []
        out: list[bytes] = []
        for number, line in enumerate(lines_of(content), 1):
            body, ending = split_line(line)
            if not body.strip():
                out.append(line)
                continue
            try:
                record = parse_record(body, options.text_field)
            except LineProblem as problem:
                problems.append((number, str(problem)))
                out.append(line)
                continue
            piece, entry, written = self._clean_record(path, number, body, record, pick, options)
            pieces.append(piece)
            entries += [entry] if entry["changes"] else []
            out.append(written + ending)
        output = b"".join(out)
        log = {
            "version": LOG_VERSION, "format": "jsonl", "source": path, "compressed": self.compressed,
            "text_field": options.text_field, "id_field": options.id_field,
            "sha256_before": sha256(content), "sha256_after": sha256(output),
            "changed": output != content, "records": entries,
        }
        return Processed(pieces, gzip_bytes(output) if self.compressed else output, log, problems)

    def _clean_record(self, path: str, number: int, body: bytes, record: dict[str, Any], pick: Pick,
                      options: ReadOptions) -> tuple[Piece, dict[str, Any], bytes]:
        url = record.get(options.url_field)
        url = url if isinstance(url, str) else None
        result = pick(url).clean(record[options.text_field], path=f"{path}:{number}", meta={"url": url, "record": True})
        key = record.get(options.id_field, number)
        entry: dict[str, Any] = {"line": number, "id": key, "changed": result.changed,
                                 "skipped_rules": list(result.skipped),
                                 "changes": [change.to_dict() for change in result.changes]}
        if not result.changed:
            return Piece(result, number, key), entry, body
        style = line_style(body, record)
        if style is None:
            entry["original"] = body.decode("utf-8")
        entry["style"] = style or list(STYLES[0])
        return Piece(result, number, key), entry, dump({**record, options.text_field: result.text}, entry["style"])

    def restore(self, cleaned: bytes, log: dict[str, Any]) -> bytes:
        """The original records: each changed record's text edits undone, its line rebuilt."""
        content = gunzip(cleaned) if self.compressed else cleaned
        if sha256(content) != log["sha256_after"]:
            raise InputError("the cleaned file does not match its log (sha256 differs): it was edited after cleaning")
        lines = lines_of(content)
        field = log["text_field"]
        for entry in log["records"]:
            if not entry["changed"]:
                continue
            body, ending = split_line(lines[entry["line"] - 1])
            if "original" in entry:
                lines[entry["line"] - 1] = entry["original"].encode("utf-8") + ending
                continue
            record = json.loads(body)
            record[field] = undo(record[field], (Change.from_dict(c) for c in entry["changes"]))
            lines[entry["line"] - 1] = dump(record, entry["style"]) + ending
        original = b"".join(lines)
        if sha256(original) != log["sha256_before"]:
            raise InputError("restoring did not reproduce the original records (sha256 differs)")
        return gzip_bytes(original) if self.compressed else original
