"""Findings: what ``check`` reports of each change, one per change, pointing at its line.

A finding in a JSON Lines file points at the record's line; where it sits
inside the record's text is said at the end of the message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .change import Change, Result


@dataclass
class Piece:
    """One cleaned document of a file: the whole file, or one JSONL record (its line and id)."""

    result: Result
    line: int = 0
    key: Any = None


@dataclass(frozen=True)
class Finding:
    """One line of ``check`` output."""

    path: str
    line: int
    col: int
    code: str
    name: str
    message: str
    fixable: bool


def findings(path: str, pieces: Iterable[Piece], safe_codes: set[str],
             only: Callable[[Change], bool] = lambda change: True) -> list[Finding]:
    """The findings of a file's documents (those ``only`` keeps), in line order."""
    found = []
    for piece in pieces:
        for change in sorted(filter(only, piece.result.changes), key=lambda c: (c.line, c.col)):
            fixable = change.edits and change.code in safe_codes
            if piece.line:  # a JSONL record: point at its line, say where in its text
                where = f" (record {piece.key}, text line {change.line} col {change.col})"
                found.append(Finding(path, piece.line, 1, change.code, change.name, change.reason + where, fixable))
            else:
                found.append(Finding(path, change.line, change.col, change.code, change.name, change.reason, fixable))
    return found
