"""Where a document's changes sit among its lines: what the review shows of one document.

A drop that starts a line and ends at a line end (or at the end of the text)
removes whole lines: those lines are shown struck through. Every other change
(a fix, a report, a drop inside a line) is a note on the line it starts on,
shown as before → after.

>>> from cleaner.change import Change
>>> drop = Change("J001", "teaser", "drop", 2, 1, "Read more\\n", "", "a teaser", 0, 6)
>>> removed_lines(drop)
[(2, 'Read more')]
>>> [row[:3] for row in rows(Document("a.txt", (drop,), ("Title", "Read more", "Body")), context=1)]
[['k', 1, 'Title'], ['d', 2, 'Read more'], ['k', 3, 'Body']]
"""

from __future__ import annotations

from typing import Any

from ..change import Change
from .documents import Document, split_lines

#: Unchanged lines shown above and below each change in a document's view; longer stretches are folded.
VIEW_CONTEXT = 8


def whole_lines(change: Change) -> bool:
    """True when the change is a drop of whole lines (from a line's start to a line end or the text's end)."""
    return change.action == "drop" and change.col == 1 and change.before != ""


def removed_lines(change: Change) -> list[tuple[int, str]]:
    """The lines an applied drop removed, each with its line number; a drop inside a line gives its text."""
    if change.action != "drop" or not change.applied:
        return []
    if not whole_lines(change):
        return [(change.line, change.before)]
    return list(enumerate(split_lines(change.before) or ("",), change.line))


def marks(document: Document) -> tuple[dict[int, int], dict[int, list[int]]]:
    """The lines each whole-line drop removed (line -> index of the change), and the other changes by the
    line they start on (line -> indices)."""
    dropped: dict[int, int] = {}
    noted: dict[int, list[int]] = {}
    for index, change in enumerate(document.changes):
        if whole_lines(change):
            for line, _ in removed_lines(change) if change.applied else [(change.line, "")]:
                dropped.setdefault(line, index)
        else:
            noted.setdefault(change.line, []).append(index)
    return dropped, noted


def rows(document: Document, context: int = VIEW_CONTEXT) -> list[list[Any]]:
    """The rows of a document's view: ``[kind, line, text, change indices]``, kind ``k`` (kept), ``d`` (dropped),
    ``n`` (kept, with notes) or ``g`` (a fold: ``[g, first line, number of lines, []]``).

    Unchanged lines more than ``context`` lines from any change are folded. Without the original text,
    only the changed lines are shown, as the log gives them (a noted line's text is then None)."""
    dropped, noted = marks(document)
    changed = sorted({*dropped, *noted})
    if document.lines is None:
        texts = {line: text for change in document.changes for line, text in removed_lines(change)}
        return [_row(line, texts.get(line), dropped, noted) for line in changed]
    # a change past the last line (a final line end added) is shown on a line of its own
    shown = sorted({*changed, *(near for line in changed for near in range(line - context, line + context + 1)
                                if 1 <= near <= len(document.lines))})
    result: list[list[Any]] = []
    previous = 0
    for line in shown:
        if line > previous + 1:
            result.append(["g", previous + 1, line - previous - 1, []])
        result.append(_row(line, document.lines[line - 1] if line <= len(document.lines) else "", dropped, noted))
        previous = line
    if previous < len(document.lines):
        result.append(["g", previous + 1, len(document.lines) - previous, []])
    return result


def _row(line: int, text: str | None, dropped: dict[int, int], noted: dict[int, list[int]]) -> list[Any]:
    notes = noted.get(line, [])
    if line in dropped:
        return ["d", line, text, [dropped[line], *notes]]
    return ["n" if notes else "k", line, text, notes]


def around(document: Document, change: Change) -> tuple[str | None, str | None]:
    """The line above a change and the line below the lines it covers (None at the text's ends or without
    the original text)."""
    if document.lines is None:
        return None, None
    last = change.line + len(removed_lines(change)) - 1 if whole_lines(change) else change.line
    above = document.lines[change.line - 2] if change.line >= 2 else None
    below = document.lines[last] if last < len(document.lines) else None
    return above, below
