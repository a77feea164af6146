"""``removed.jsonl``: every line a run removed, one JSON object a line, as datatrove's exclusion writer keeps
what a filter dropped.

Each object names the file (its path in OUT), the line in the original text,
the rule's code and name, its reason and the text removed (without its line
end); ``col`` is 1 for a whole line, else where the removed text started in it;
a JSON Lines record adds ``record``, its line in the file. The order is the
run's: files in path order, records in file order, then line, column and rule.

>>> from cleaner.change import Change
>>> drop = Change("J001", "teaser", "drop", 2, 1, "Read more\\nand more\\n", "", "a teaser", 0, 6)
>>> [row["text"] for row in removed_rows(Document("a.txt", (drop,), None))]
['Read more', 'and more']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .documents import Document
from .view import removed_lines, whole_lines

REMOVED_NAME = "removed.jsonl"


def removed_rows(document: Document) -> Iterator[dict[str, Any]]:
    """The removed lines of one document, in line order."""
    ordered = sorted(document.changes, key=lambda change: (change.line, change.col, change.code, change.step))
    for change in ordered:
        for line, text in removed_lines(change):
            row: dict[str, Any] = {"file": document.path}
            if document.record is not None:
                row["record"] = document.record
            row.update(line=line, col=1 if whole_lines(change) else change.col, code=change.code,
                       name=change.name, reason=change.reason, text=text)
            yield row


def removed_jsonl(document: Document) -> bytes:
    """The lines of ``removed.jsonl`` for one document."""
    return b"".join(json.dumps(row, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
                    for row in removed_rows(document))
