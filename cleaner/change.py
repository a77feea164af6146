"""What a rule found, what the engine changed, and what a clean returns.

A kind *finds* (``Finding``: a span of the text it was shown, an action, a
replacement and a reason); the engine *edits* and turns every finding it
applied or reported into a ``Change`` for the log. ``Result`` bundles the
cleaned text with its changes.

>>> f = Finding(start=0, end=5, replacement="", action="drop", reason="date line")
>>> f.span
(0, 5)
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

Action = Literal["fix", "drop", "report"]
ACTIONS: tuple[Action, ...] = ("fix", "drop", "report")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule saw: replace ``text[start:end]`` by ``replacement``.

    For ``action="report"`` the replacement is ignored: nothing is edited.
    ``scores`` holds the signals behind the decision (shown in the log).
    """

    start: int
    end: int
    replacement: str
    action: Action
    reason: str
    scores: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of the change log.

    ``line``/``col`` (1-based) point into the original text; ``step`` and
    ``offset`` locate the edit in the text as it was just before the rule
    that made it ran, which is what ``restore`` needs to undo it.
    ``applied`` is False for an unsafe fix that was held back (``fix``
    without ``--unsafe-fixes``): it is reported, the text is unchanged.
    """

    code: str
    name: str
    action: Action
    line: int
    col: int
    before: str
    after: str
    reason: str
    step: int
    offset: int
    scores: dict[str, Any] = field(default_factory=dict)
    applied: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The change as a dict of plain values, for JSON (``scores`` copied, not shared).

        >>> Change("W001", "trailing-whitespace", "fix", 1, 5, " ", "", "trailing", 0, 4).to_dict()["after"]
        ''
        """
        data = {name: getattr(self, name) for name in CHANGE_FIELDS}
        data["scores"] = dict(self.scores)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(**data)

    @property
    def edits(self) -> bool:
        """True when the change altered the text (an applied fix or drop)."""
        return self.action != "report" and self.applied


CHANGE_FIELDS = tuple(f.name for f in fields(Change))


@dataclass(frozen=True, slots=True)
class Result:
    """The cleaned text and every change made on the way."""

    text: str
    changes: tuple[Change, ...]
    original: str
    skipped: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.original

    @property
    def reports(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.edits)
