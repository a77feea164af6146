"""A ``clean`` run read for review: its documents with changes, the rules' tallies and samples, its summary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import CHANGES_DIR
from .documents import SUMMARY_NAME, Document, read_run
from .tally import RuleTally, tally
from .view import around, removed_lines


@dataclass(frozen=True)
class Sample:
    """One change shown as a sample of its rule: the lines it covers (``text``; for a fix or a note, what it
    replaced, and ``after``), with the line above and the line below."""

    code: str
    action: str
    document: int
    name: str
    line: int
    text: str
    after: str
    reason: str
    above: str | None
    below: str | None


@dataclass(frozen=True)
class Review:
    """What the review of a run shows: its documents (in path order), the rules in code order, and the run's
    ``summary.json`` (None if it has none or it cannot be read)."""

    documents: list[Document]
    rules: list[RuleTally]
    summary: dict[str, Any] | None

    def samples(self, rule: RuleTally) -> list[Sample]:
        """The rule's sample, with context."""
        return [self._sample(document, index) for _, document, index in rule.sample]

    def _sample(self, place: int, index: int) -> Sample:
        document = self.documents[place]
        change = document.changes[index]
        above, below = around(document, change)
        removed = removed_lines(change)
        text = "\n".join(line for _, line in removed) if removed else change.before
        return Sample(change.code, change.action, place, document.name, change.line, text, change.after,
                      change.reason, above, below)


def load_review(out: Path) -> Review:
    """Read the run in the ``clean`` output folder ``out`` (see ``read_run``)."""
    documents = list(read_run(out))
    return Review(documents, tally(documents), _summary(out / CHANGES_DIR / SUMMARY_NAME))


def _summary(path: Path) -> dict[str, Any] | None:
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return summary if isinstance(summary, dict) else None
