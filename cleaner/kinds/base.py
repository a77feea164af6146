"""The base of every rule kind: parameter schema, validation and the ``find`` contract."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from time import perf_counter
from typing import Any, ClassVar, TypeVar

import regex

from ..change import Action, Finding
from ..document import Document, remember
from ..rules import Rule, RuleError

#: Longest a rule's regexes may run, in all, over a short document before the rule
#: is skipped for that document (guards against catastrophic backtracking in user rules)...
REGEX_TIMEOUT = 2.0
#: ...and the extra seconds it gets per million characters: a linear scan of a
#: 20 MB line must finish, while backtracking blows up far beyond this.
TIMEOUT_PER_MILLION = 2.0


def timeout_for(text: str) -> float:
    """Seconds a rule's regexes may run over ``text`` before they count as runaway.

    >>> timeout_for(""), timeout_for("x" * 5_000_000)
    (2.0, 12.0)
    """
    return REGEX_TIMEOUT + len(text) / 1e6 * TIMEOUT_PER_MILLION


T = TypeVar("T")


class Budget:
    """The seconds one rule's regexes may still run over one document: ``timeout_for`` its text, at first.

    Every regex call of the rule runs with what is left as its timeout, and
    what it took is spent: a rule that backtracks a little on each of many
    lines stops within the limit for the document, not within the limit
    for each line. Once it is spent, every call raises ``TimeoutError``.

    >>> budget = Budget(1.0)
    >>> budget.run(regex.compile("a+").search, "xaa").group(), 0 < budget.left < 1.0
    ('aa', True)
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.left = seconds

    @property
    def spent(self) -> bool:
        return self.left <= 0

    def run(self, call: Callable[..., T], *args: Any) -> T:
        """``call(*args)`` (a regex method such as ``pattern.search``), with the time left as its timeout."""
        with Clock(self) as left:
            return call(*args, timeout=left)

    def finditer(self, pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
        """``pattern.finditer(text)`` with the time left as its timeout; the time until the last match (or until
        the caller stops asking: ``regex`` counts that time too) is spent."""
        with Clock(self) as left:
            yield from pattern.finditer(text, timeout=left)


class Clock:
    """One regex call's time out of a ``Budget``: entered, the time left (``TimeoutError`` when none is);
    left, what the call took is spent (all of it, if it timed out).

    A class rather than a ``contextmanager`` generator, which cost more than the regex call it timed
    on a short line (rules time one for every line they try).
    """

    __slots__ = ("budget", "started")

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = 0.0

    def __enter__(self) -> float:
        if self.budget.spent:
            raise TimeoutError("the rule's regex time for this document is spent")
        self.started = perf_counter()
        return self.budget.left

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: Any) -> None:
        if kind is not None and issubclass(kind, TimeoutError):
            self.budget.left = 0.0
        self.budget.left -= perf_counter() - self.started


class Stage(IntEnum):
    """Rules run stage by stage, in this order."""

    ENCODING = 0
    CHARACTERS = 1
    LINES = 2
    INLINE = 3
    LAYOUT = 4


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its type, default, and whether it is a regex."""

    type: type | tuple[type, ...]
    default: Any = None
    required: bool = False
    regex: bool = False
    help: str = ""
    items: type | None = None
    #: The values allowed, when the parameter is one of a few names.
    choices: tuple[Any, ...] = ()


class Kind:
    """A rule kind. Subclasses set ``name``, ``stage``, ``order``, ``params``, ``actions``.

    ``order`` sorts kinds inside a stage (metadata before duplicate lines
    before junk lines, for instance); rules of one kind then run by code.
    """

    name: ClassVar[str]
    stage: ClassVar[Stage]
    order: ClassVar[int] = 0
    actions: ClassVar[frozenset[Action]] = frozenset({"fix", "drop", "report"})
    params: ClassVar[dict[str, Param]] = {}
    #: Whether each finding rests on its own line alone: then consecutive rules of the
    #: kind look at one text and the engine applies their edits as one step.
    independent: ClassVar[bool] = False

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.options = self._validate(rule)
        #: Where ``doc.shared`` keeps this rule's ``Budget``.
        self._budget_key = f"regex-budget-{id(self)}"

    def _validate(self, rule: Rule) -> dict[str, Any]:
        where = f"{rule.source}: rule {rule.code} ({rule.name})"
        if rule.action not in self.actions:
            allowed = ", ".join(sorted(self.actions))
            raise RuleError(f"{where}: kind '{self.name}' does not support action '{rule.action}' (allowed: {allowed})")
        unknown = sorted(set(rule.params) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise RuleError(f"{where}: unknown parameter(s) {', '.join(unknown)} (kind '{self.name}' takes: {known})")
        options: dict[str, Any] = {}
        for key, spec in self.params.items():
            if key not in rule.params:
                if spec.required:
                    raise RuleError(f"{where}: missing parameter '{key}'")
                options[key] = spec.default
                continue
            value = rule.params[key]
            if isinstance(value, bool) and bool not in _types(spec.type) or not isinstance(value, spec.type):
                raise RuleError(f"{where}: parameter '{key}' must be {_type_names(spec.type)}, not {type(value).__name__}")
            if spec.choices and value not in spec.choices:
                raise RuleError(f"{where}: {key} must be one of {', '.join(map(repr, spec.choices))}, not {value!r}")
            if spec.items is not None and not all(isinstance(item, spec.items) for item in value):
                raise RuleError(f"{where}: parameter '{key}' must be a list of {spec.items.__name__}")
            options[key] = _compile(value, where, key) if spec.regex else value
        return options

    @classmethod
    def link(cls, kinds: list[Kind]) -> None:
        """Let the enabled rules of this kind share work (one combined regex, say); by default they share nothing."""

    @staticmethod
    def view(doc: Document) -> Hashable:
        """What of ``doc`` the edits of this kind's rules are read from, for a kind that reads less than the
        text; None (the default) for the whole text. A kind that judges each line by itself gives the set
        of what it reads of each line.

        Rules that edited nothing in a text edit nothing in a later text of
        the same view (or, for a set, whose lines all stood in that text), so
        the engine does not run them there: the next rounds and passes of a
        cleaning judge mostly the text they judged, changed only where other
        rules edited it (lines dropped, a final newline added, spaces at the
        ends of lines taken off).
        """
        return None

    def find(self, doc: Document) -> Iterator[Finding]:
        raise NotImplementedError

    def budget(self, doc: Document) -> Budget:
        """The time this rule's regexes have left over the cleaning of ``doc``: one budget for all its
        lines and all the rounds of its stage, made when the rule first runs a regex there."""
        if self._budget_key not in doc.shared:
            doc.shared[self._budget_key] = Budget(timeout_for(doc.text))
        budget: Budget = doc.shared[self._budget_key]
        return budget

    def out_of_time(self, doc: Document) -> bool:
        """Whether this rule's regexes have spent their time over the cleaning of ``doc`` (then it is skipped there)."""
        budget = doc.shared.get(self._budget_key)
        return budget is not None and budget.spent

    def fullmatches(self, doc: Document, pattern: regex.Pattern[str], text: str) -> bool:
        """Whether ``pattern`` matches all of ``text`` (see ``matches``)."""
        return self.matches(doc, pattern, "fullmatch", text)

    def matches(self, doc: Document, pattern: regex.Pattern[str], how: str, text: str) -> bool:
        """Whether ``pattern`` matches ``text`` in the way ``how`` names ("search", "fullmatch"); remembered
        per text across the documents a cleaner cleans (``Document.lasting``: the lines stage runs several
        rounds, and the cleaning several passes, over mostly the same lines, and a site's pages share their
        boilerplate), if the line is not huge. A call that runs out of time
        raises ``TimeoutError`` and leaves no verdict."""
        seen: dict[str, bool] = doc.lasting.setdefault(f"{how}-{id(pattern)}", {})
        if text not in seen:
            return remember(seen, text, self.budget(doc).run(getattr(pattern, how), text) is not None)
        return seen[text]

    @property
    def reports_only(self) -> bool:
        """Whether every finding of this rule is a report: its action is ``report`` (``finding``)."""
        return self.rule.action == "report"

    def finding(self, start: int, end: int, replacement: str, reason: str, *,
                action: Action | None = None, **scores: Any) -> Finding:
        """A finding with this rule's action, or a weaker one the kind chose: a rule set to ``report`` only
        reports, whatever the kind would have done (the line judge's verdict drops a line above its threshold)."""
        chosen = "report" if self.reports_only else action or self.rule.action
        return Finding(start, end, replacement, chosen, reason, scores)


def _types(spec: type | tuple[type, ...]) -> tuple[type, ...]:
    return spec if isinstance(spec, tuple) else (spec,)


def _type_names(spec: type | tuple[type, ...]) -> str:
    return " or ".join(t.__name__ for t in _types(spec))


def _compile(value: Any, where: str, key: str) -> Any:
    if isinstance(value, list):
        return [_compile(v, where, key) for v in value]
    if not isinstance(value, str):
        raise RuleError(f"{where}: parameter '{key}' must hold regex strings")
    try:
        return regex.compile(value, regex.MULTILINE)
    except regex.error as error:
        raise RuleError(f"{where}: parameter '{key}': bad regex {value!r}: {error}") from error
