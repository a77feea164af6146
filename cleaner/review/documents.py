"""The documents of a ``clean`` run, read back from its output folder for review.

A document is a file cleaned whole (text, or the text of an HTML page) or
one record of a JSON Lines file that has changes. Its original text is
rebuilt from the cleaned copy in OUT and the log (``undo``), so a reviewer
sees each removed line among the lines around it. A copy that is missing
or was edited after cleaning leaves the document without its text: its
changes are still shown, without context.

Logs are read one at a time, in path order, JSON Lines logs entry by entry
(``cleaner.logstream``), so the order, and everything made from it, is the
same for any ``--jobs``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..change import Change
from ..files import CHANGES_DIR, InputError
from ..log import per_line, sha256, undo
from ..logstream import open_log

#: The run summary ``clean`` writes beside the logs; not a log.
SUMMARY_NAME = "summary.json"


@dataclass(frozen=True)
class Document:
    """One cleaned document: where it is in OUT, its changes, and its original lines if they could be rebuilt.

    ``record`` is the line of a JSON Lines record (None for a whole file); ``lines`` holds the original
    text split at line ends (None when the cleaned copy is missing or does not match its log).
    """

    path: str
    changes: tuple[Change, ...]
    lines: tuple[str, ...] | None
    record: int | None = None

    @property
    def name(self) -> str:
        """How the review names the document: its path in OUT, and for a record its line (``part.jsonl:7``)."""
        return self.path if self.record is None else f"{self.path}:{self.record}"


def split_lines(text: str) -> tuple[str, ...]:
    """A text's lines without their line ends (``\\n``, or ``\\r\\n``), numbered as the log numbers them: at each
    ``\\n`` (a final one opens no line).

    >>> split_lines("a\\r\\nb\\n"), split_lines("a\\n\\nb")
    (('a', 'b'), ('a', '', 'b'))
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    return tuple(lines[:-1] if lines[-1] == "" else lines)


def log_paths(out: Path) -> list[Path]:
    """The change logs of a ``clean`` output folder, in path order (the run summary and other files left out)."""
    changes = out / CHANGES_DIR
    if not changes.is_dir():
        raise InputError(f"{out}: not a `cleaner clean` output folder (it has no {CHANGES_DIR}/)")
    return sorted(path for path in changes.rglob("*.json")
                  if path.is_file() and path.relative_to(changes) != Path(SUMMARY_NAME))


def read_run(out: Path) -> Iterator[Document]:
    """Every document of the run in OUT that has changes, log by log in path order.

    OUT without ``_changes/`` is an ``InputError`` at once; a log that cannot be read is one naming it, when
    it is reached."""
    return _read_logs(out, log_paths(out))


def _read_logs(out: Path, paths: list[Path]) -> Iterator[Document]:
    changes = out / CHANGES_DIR
    for log_path in paths:
        relative = log_path.relative_to(changes).as_posix().removesuffix(".json")
        try:
            yield from _documents(out / relative, log_path, relative)
        except (InputError, OSError, ValueError, KeyError, TypeError) as error:  # ValueError: not JSON
            raise InputError(f"{log_path}: cannot read this change log: {error}") from error


def _documents(cleaned: Path, log_path: Path, relative: str) -> Iterator[Document]:
    with open_log(log_path) as log:
        if log.header.get("format") == "jsonl":
            yield from _records(cleaned, log, relative)
            return
        items = {**log.header, **log.trailer()}
    changes = _changes(items)
    if changes:
        yield Document(relative, changes, _original(cleaned, items, changes))


def _changes(log: dict[str, Any]) -> tuple[Change, ...]:
    """A log's changes, one a line: a logged run of dropped lines is split into its lines (``per_line``)."""
    return tuple(line for change in log.get("changes", []) for line in per_line(Change.from_dict(change)))


def _original(cleaned: Path, log: dict[str, Any], changes: tuple[Change, ...]) -> tuple[str, ...] | None:
    """The original lines of a file cleaned whole: its copy (or withheld text) with the changes undone."""
    withheld = log.get("withheld")
    try:
        data = cleaned.read_bytes() if withheld is None else withheld.encode("utf-8")
    except OSError:
        return None
    if withheld is None and sha256(data) != log.get("sha256_after"):
        return None
    return split_lines(undo(data.decode("utf-8", "replace"), changes))


def _records(cleaned: Path, log: Any, relative: str) -> Iterator[Document]:
    """The records of a JSON Lines file that have changes, each with its original text when it can be read."""
    text_field = log.header.get("text_field", "text")
    with _open_lines(cleaned) as lines:
        at = 0  # lines of the cleaned file read so far
        withheld = 0  # records before this one that --drop-duplicates left out of the file
        for entry in log.records():
            changes = _changes(entry)
            if "withheld" in entry:
                line, withheld = entry["withheld"].encode("utf-8"), withheld + 1
            else:
                line = None
                while lines is not None and at < entry["line"] - withheld:
                    line, at = next(lines, None), at + 1
            if changes:
                yield Document(relative, changes, _record_lines(line, text_field, changes), record=entry["line"])


def _record_lines(line: bytes | None, text_field: str, changes: tuple[Change, ...]) -> tuple[str, ...] | None:
    """A record's original lines: the text value of its line in the cleaned file with the changes undone."""
    try:
        value = json.loads(line)[text_field] if line is not None else None
    except (ValueError, TypeError, KeyError):
        return None
    return split_lines(undo(value, changes)) if isinstance(value, str) else None


@contextmanager
def _open_lines(path: Path) -> Iterator[Iterator[bytes] | None]:
    """The lines of a cleaned JSON Lines file (gzip read through), or None when it cannot be opened."""
    try:
        raw = open(path, "rb")
    except OSError:
        yield None
        return
    with raw, (gzip.open(raw) if path.name.lower().endswith(".gz") else nullcontext(raw)) as handle:
        yield iter(handle)
