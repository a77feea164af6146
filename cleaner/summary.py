"""The counts of a run, for its end: files seen, changed and failed, lines dropped, changes per rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .processing import Outcome


@dataclass
class Summary:
    """Counts for the end of a run; ``failures`` are whole files (and paths that are not there: failures, but
    not files seen), ``record_failures`` JSONL lines."""

    files_seen: int = 0
    files_changed: int = 0
    lines_dropped: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)
    record_failures: list[dict[str, str]] = field(default_factory=list)
    rules: dict[str, Counter[str]] = field(default_factory=dict)
    #: The corpus pass's counts and duplicate groups (``clean --corpus``), else None.
    corpus: dict[str, Any] | None = None
    interrupted: bool = False
    #: ``clean``: the outputs (and logs) of an earlier run into OUT that this run did not write, removed.
    removed: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.files_seen += outcome.format is not None or outcome.error is None  # not a missing path
        self.bytes_read += outcome.size
        if outcome.error is not None:
            self.failures.append({"path": str(outcome.path), "error": outcome.error})
        if outcome.processed is None:
            return
        self.record_failures += [{"path": f"{outcome.path}:{line}", "error": cause}
                                 for line, cause in outcome.processed.problems]
        notes = outcome.processed.notes
        self.files_changed += notes.changed
        self.lines_dropped += notes.lines_dropped
        for (rule, action), count in notes.rules.items():
            self.rules.setdefault(rule, Counter())[action] += count

    @property
    def failed(self) -> bool:
        return bool(self.failures or self.record_failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "interrupted": self.interrupted,
            "files_seen": self.files_seen,
            "files_changed": self.files_changed,
            "files_failed": len(self.failures),
            "records_failed": len(self.record_failures),
            "lines_dropped": self.lines_dropped,
            "failures": self.failures + self.record_failures,
            "rules": {rule: dict(sorted(counts.items())) for rule, counts in sorted(self.rules.items())},
            **({"corpus": self.corpus} if self.corpus is not None else {}),
            **({"removed": self.removed} if self.removed else {}),
        }
