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

import json
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal

from .files import InputError

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
    def from_dict(cls, data: Any) -> Change:
        """A change read from a log. A missing or mistyped field is an ``InputError`` that names it; a field
        this version does not know (a newer one's) is passed over.

        >>> Change.from_dict({"code": "W001", "offset": "x"})
        Traceback (most recent call last):
        cleaner.files.InputError: a change has no 'name'
        """
        checked = check_items(data, CHANGE_TYPES, OPTIONAL_CHANGE_FIELDS, "a change")
        if checked["action"] not in ACTIONS:
            raise InputError(f"a change's 'action' must be one of {', '.join(ACTIONS)}, not {shown(checked['action'])}")
        return cls(**checked)

    @property
    def edits(self) -> bool:
        """True when the change altered the text (an applied fix or drop)."""
        return self.action != "report" and self.applied


CHANGE_FIELDS = tuple(f.name for f in fields(Change))
#: The JSON type of each field of a logged change.
CHANGE_TYPES: dict[str, type] = {"code": str, "name": str, "action": str, "line": int, "col": int, "before": str,
                                 "after": str, "reason": str, "step": int, "offset": int, "scores": dict,
                                 "applied": bool}
#: The fields a logged change may leave out (they have defaults).
OPTIONAL_CHANGE_FIELDS = frozenset(f.name for f in fields(Change)
                                   if f.default is not MISSING or f.default_factory is not MISSING)
#: How an error names the JSON type a field must have.
TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "an array", dict: "an object"}


def check_items(data: Any, types: dict[str, type], optional: frozenset[str], what: str) -> dict[str, Any]:
    """The items of the JSON object ``data`` that ``types`` names, each checked to be of its type; every one
    that is not ``optional`` must be there. Else an ``InputError`` names ``what`` and the item.

    >>> check_items({"line": "7", "new": 1}, {"line": int}, frozenset(), "an entry")
    Traceback (most recent call last):
    cleaner.files.InputError: an entry's 'line' must be an integer, not "7"
    """
    if not isinstance(data, dict):
        raise InputError(f"{what} must be an object, not {shown(data)}")
    for name, kind in types.items():
        if name not in data and name not in optional:
            raise InputError(f"{what} has no '{name}'")
        value = data.get(name, kind())
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError(f"{what}'s '{name}' must be {TYPE_NAMES[kind]}, not {shown(value)}")
    return {name: data[name] for name in types if name in data}


def shown(value: Any) -> str:
    """A value as it is written in JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


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
