"""A run's changes counted by rule, with a sample of each rule's changes, taken as the documents stream by.

The sample is the same for the same run: each change gets a key hashed from
where it is (document, line, place in the log), and a rule keeps the changes
with the smallest keys, which spreads the sample over the run instead of
taking the first files. A sample keeps its lines of context, so no document
has to be kept once it has been counted.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from dataclasses import dataclass, field

from ..change import ACTIONS, Change
from .documents import Document
from .view import around, removed_lines

#: Changes kept as a sample of each rule.
SAMPLES = 20


@dataclass(frozen=True)
class Sample:
    """One change shown as a sample of its rule: the lines it covers (``text``; for a fix or a note, what it
    replaced, and ``after``), with the line above and the line below; ``document`` is the place of its
    document in the run."""

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

    @classmethod
    def of(cls, document: Document, place: int, change: Change) -> Sample:
        above, below = around(document, change)
        removed = removed_lines(change)
        text = "\n".join(line for _, line in removed) if removed else change.before
        return cls(change.code, change.action, place, document.name, change.line, text, change.after,
                   change.reason, above, below)


@dataclass
class RuleTally:
    """One rule's changes in a run: how many of each action, in how many documents, and a sample.

    ``kept`` holds ``(inverted key, document place, change index, sample)`` as a heap while the run is read;
    ``samples`` is the sample in key order once ``Tally.finish`` has run."""

    code: str
    name: str
    actions: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    kept: list[tuple[bytes, int, int, Sample]] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.actions.values())

    def counts(self) -> list[int]:
        """The number of changes of each action, in ``ACTIONS`` order (fix, drop, report)."""
        return [self.actions[action] for action in ACTIONS]

    def offer(self, key: bytes, document: Document, place: int, index: int) -> None:
        """Keep the change in the sample if its key is among the ``SAMPLES`` smallest so far."""
        inverted = bytes(255 - byte for byte in key)  # the heap's smallest, dropped first, is the largest key
        if len(self.kept) == SAMPLES and inverted <= self.kept[0][0]:
            return
        entry = (inverted, place, index, Sample.of(document, place, document.changes[index]))
        (heapq.heappush if len(self.kept) < SAMPLES else heapq.heapreplace)(self.kept, entry)


@dataclass
class Tally:
    """The rules' tallies of a run's documents, added one document at a time."""

    rules: dict[str, RuleTally] = field(default_factory=dict)
    documents: int = 0

    def add(self, document: Document) -> None:
        seen = set()
        for index, change in enumerate(document.changes):
            rule = self.rules.setdefault(change.code, RuleTally(change.code, change.name))
            rule.actions[change.action] += 1
            if change.code not in seen:
                seen.add(change.code)
                rule.documents += 1
            key = hashlib.blake2b(f"{document.name}\0{change.line}\0{index}".encode("utf-8", "replace"),
                                  digest_size=8).digest()
            rule.offer(key, document, self.documents, index)
        self.documents += 1

    def finish(self) -> list[RuleTally]:
        """The rules in code order, each with its sample in key order."""
        for rule in self.rules.values():
            rule.samples = [entry[3] for entry in sorted(rule.kept, key=lambda entry: entry[:3], reverse=True)]
            rule.kept = []
        return [self.rules[code] for code in sorted(self.rules)]
