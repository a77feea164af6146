"""The per-file change log, and undoing it: ``restore``.

A log records how the source was decoded, the sha256 of the original bytes
and of the cleaned text, and every change. Each edit keeps its ``step`` (the
rule that made it) and its ``offset`` in the text as it was before that rule
ran, so the steps can be undone in reverse order to get the original back:

>>> from cleaner import clean_text
>>> result = clean_text("Title\\n\\nTitle\\n\\nBody text here.")
>>> undo(result.text, result.changes) == result.original
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from itertools import groupby
from typing import Any

from .change import Change, Result
from .files import Decoded, InputError, encode, errors_for

LOG_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_log(source: str, raw: bytes, decoded: Decoded, result: Result) -> dict[str, Any]:
    """The log of a text file cleaned into a UTF-8 copy (``changed``: the copy's bytes differ from the source's,
    re-encoding included); ``decoding`` says how sure the choice of encoding was, and why."""
    output = encode(result.text, "utf-8", b"")
    return {
        "version": LOG_VERSION,
        "source": source,
        "encoding": decoded.encoding,
        "bom": decoded.bom.hex(),
        "decoding": decoded.describe(),
        "sha256_before": sha256(raw),
        "sha256_after": sha256(output),
        "changed": output != raw,
        "skipped_rules": list(result.skipped),
        "changes": logged_changes(result.changes),
    }


def logged_changes(changes: Iterable[Change]) -> list[dict[str, Any]]:
    """The changes as a log holds them: each as its dict, but a run of lines that one rule dropped one
    after the other in one step is one entry (``dropped_run``), which ``undo`` takes back like any other.

    A page dump can lose most of its lines, one finding each; a log of one entry per line took longer to
    build and write than the cleaning.

    >>> from cleaner import clean_text
    >>> result = clean_text("The council met on Monday.\\nShare\\nTweet\\nEmail\\nIt will meet again in May.\\n")
    >>> [(change.code, change.before) for change in result.changes]
    [('B001', 'Share\\n'), ('B001', 'Tweet\\n'), ('B001', 'Email\\n')]
    >>> [(entry["before"], entry["scores"]) for entry in logged_changes(result.changes)]
    [('Share\\nTweet\\nEmail\\n', {'lines': 3, 'all': {'words': 1}})]
    """
    logged: list[dict[str, Any]] = []
    run: list[Change] = []
    for change in changes:
        if run and not _continues(run[-1], change):
            logged.append(dropped_run(run))
            run = []
        if change.action == "drop" and change.edits and not change.after:
            run.append(change)
        else:
            logged.append(change.to_dict())
    if run:
        logged.append(dropped_run(run))
    return logged


def _continues(last: Change, change: Change) -> bool:
    """Whether ``change`` drops the text just after ``last``'s, by the same rule in the same step."""
    return (change.code == last.code and change.step == last.step and change.action == "drop" and change.edits
            and not change.after and change.offset == last.offset + len(last.before))


def dropped_run(run: list[Change]) -> dict[str, Any]:
    """One log entry for lines one rule dropped one after the other: the first line's place, all their text,
    each line's reason (one a line; once if all are the same) and, in ``scores``, how many lines and the
    lines' scores: ``all`` when they are the same, else ``each``. ``per_line`` splits it again."""
    if len(run) == 1:
        return run[0].to_dict()
    reasons = [change.reason for change in run]
    scores: dict[str, Any] = {"lines": len(run)}
    each = [dict(change.scores) for change in run]
    if any(each):
        scores.update({"all": each[0]} if all(item == each[0] for item in each) else {"each": each})
    return {**run[0].to_dict(), "before": "".join(change.before for change in run),
            "reason": reasons[0] if len(set(reasons)) == 1 else "\n".join(reasons), "scores": scores}


def per_line(change: Change) -> list[Change]:
    """A logged run of dropped lines (``dropped_run``) as the changes of its lines; any other change alone.

    >>> run = Change("B001", "share-buttons", "drop", 4, 1, "Share\\nTweet\\n", "", "a\\nb", 0, 30, {"lines": 2})
    >>> [(c.line, c.before, c.reason, c.offset) for c in per_line(run)]
    [(4, 'Share\\n', 'a', 30), (5, 'Tweet\\n', 'b', 36)]
    """
    count = change.scores.get("lines")
    lines = change.before.splitlines(keepends=True)
    if not isinstance(count, int) or count < 2 or len(lines) != count or change.after:
        return [change]
    reasons = change.reason.split("\n")
    split = []
    offset = change.offset
    for i, text in enumerate(lines):
        split.append(replace(change, line=change.line + i, col=1 if i else change.col, before=text, offset=offset,
                             reason=reasons[i] if len(reasons) == count else change.reason,
                             scores=_scores_of(change.scores, i, count)))
        offset += len(text)
    return split


def _scores_of(scores: dict[str, Any], i: int, count: int) -> dict[str, Any]:
    """Line ``i``'s scores in a logged run's ``scores`` (``all`` or ``each``; none in logs of before them)."""
    each = scores.get("each")
    if isinstance(each, list) and len(each) == count and isinstance(each[i], dict):
        return dict(each[i])
    common = scores.get("all")
    return dict(common) if isinstance(common, dict) else {}


def undo(text: str, changes: Iterable[Change]) -> str:
    """The text before ``changes``: each step's edits replaced back, last step first."""
    edits = [change for change in changes if change.edits]
    by_step = [list(group) for _, group in groupby(sorted(edits, key=lambda c: (c.step, c.offset)), key=lambda c: c.step)]
    for step in reversed(by_step):
        pieces = []
        cursor = shift = 0
        for change in step:
            out_start = change.offset + shift
            pieces += (text[cursor:out_start], change.before)
            cursor = out_start + len(change.after)
            shift += len(change.after) - len(change.before)
        pieces.append(text[cursor:])
        text = "".join(pieces)
    return text


def restore_bytes(cleaned: bytes, log: dict[str, Any]) -> bytes:
    """The original bytes of a cleaned file, checked against the log's hashes."""
    if sha256(cleaned) != log["sha256_after"]:
        raise InputError("the cleaned file does not match its log (sha256 differs): it was edited after cleaning")
    text = undo(cleaned.decode("utf-8", errors_for("utf-8")), (Change.from_dict(c) for c in log["changes"]))
    try:
        original = encode(text, log["encoding"], bytes.fromhex(log["bom"]))
    except (UnicodeEncodeError, LookupError) as error:
        raise InputError(f"the restored text cannot be encoded as {log['encoding']} ({error}): "
                         "the log does not fit this file (sha256 of the original cannot match)") from error
    if sha256(original) != log["sha256_before"]:
        raise InputError("restoring did not reproduce the original bytes (sha256 differs)")
    return original
