"""A ``clean`` run read for review, one document at a time: the rules' tallies and samples, and its summary."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files import CHANGES_DIR
from .documents import SUMMARY_NAME, Document, read_run
from .tally import RuleTally, Tally


@dataclass(frozen=True)
class Review:
    """What the review of a run shows of it as a whole: the rules in code order (counts and samples), the
    number of documents with changes, and the run's ``summary.json`` (None if it has none or it cannot be
    read)."""

    rules: list[RuleTally]
    documents: int
    summary: dict[str, Any] | None


def load_review(out: Path, each: Callable[[Document], None] = lambda document: None,
                documents: Iterable[Document] | None = None) -> Review:
    """Read the run in the ``clean`` output folder ``out`` (its ``documents``, if ``read_run`` has opened them
    already), handing each document to ``each`` as it is read: only one is held at a time."""
    counted = Tally()
    for document in read_run(out) if documents is None else documents:
        counted.add(document)
        each(document)
    return Review(counted.finish(), counted.documents, _summary(out / CHANGES_DIR / SUMMARY_NAME))


def _summary(path: Path) -> dict[str, Any] | None:
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return summary if isinstance(summary, dict) else None
