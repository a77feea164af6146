"""A run's changes counted by rule, with a sample of each rule's changes.

The sample is the same for the same run: each change gets a key hashed from
where it is (document, line, place in the log), and a rule keeps the changes
with the smallest keys, which spreads the sample over the run instead of
taking the first files.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..change import ACTIONS
from .documents import Document

#: Changes kept as a sample of each rule.
SAMPLES = 20


@dataclass
class RuleTally:
    """One rule's changes in a run: how many of each action, in how many documents, and a sample.

    ``sample`` holds ``(key, document index, change index)``, in key order once ``Tally.finish`` has run."""

    code: str
    name: str
    actions: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    sample: list[tuple[bytes, int, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.actions.values())

    def counts(self) -> list[int]:
        """The number of changes of each action, in ``ACTIONS`` order (fix, drop, report)."""
        return [self.actions[action] for action in ACTIONS]


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
            entry = (key, self.documents, index)
            if len(rule.sample) < SAMPLES:
                heapq.heappush(rule.sample, _largest_first(entry))
            else:
                heapq.heappushpop(rule.sample, _largest_first(entry))
        self.documents += 1

    def finish(self) -> list[RuleTally]:
        """The rules in code order, each sample sorted by key."""
        for rule in self.rules.values():
            rule.sample = sorted(_largest_first(entry) for entry in rule.sample)
        return [self.rules[code] for code in sorted(self.rules)]


def _largest_first(entry: tuple[bytes, int, int]) -> tuple[bytes, int, int]:
    """The entry with its key inverted (and back): a min-heap of inverted keys drops the largest key first."""
    return (bytes(255 - byte for byte in entry[0]), entry[1], entry[2])


def tally(documents: Iterable[Document]) -> list[RuleTally]:
    """The rules' tallies over ``documents`` (their indices are the documents' places in that order)."""
    counted = Tally()
    for document in documents:
        counted.add(document)
    return counted.finish()
