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
        "changes": [change.to_dict() for change in result.changes],
    }


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
