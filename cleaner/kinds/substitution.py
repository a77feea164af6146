"""``substitution``: replace every match of a regex (Vale's *substitution*).

>>> from cleaner.rules import Rule
>>> rule = Rule("W001", "trailing-whitespace", "substitution", "", "", "W", "-", (),
...             params={"pattern": "[ \\t]+$", "replace": ""})
>>> [(f.start, f.end) for f in Substitution(rule).find(Document("a  \\nb\\n"))]
[(1, 3)]
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from ..rules import Rule, RuleError
from .base import Kind, Param, Stage
from .prefilter import Search, TextSet
from .required import required_characters


GROUP_REFERENCE = regex.compile(r"\\(\d+)|\\g<([^>]*)>")


class Substitution(Kind):
    name = "substitution"
    stage = Stage.INLINE
    actions = frozenset({"fix", "report"})
    params = {
        "pattern": Param(str, required=True, regex=True, help="regex; `^`/`$` match at line ends"),
        "replace": Param(str, "", help="replacement, with \\1 or \\g<name> group references"),
        "table": Param(dict, {}, help="the replacement of each matched text, instead of `replace` (unlisted: kept)"),
        "stage": Param(str, "inline", help="encoding, characters, lines, inline or layout",
                       choices=tuple(stage.name.lower() for stage in Stage)),
        "reason": Param(str, "", help="why, for the log; default: the rule's summary"),
        "prefilter": Param(str, "", regex=True, help="a cheap regex that must match somewhere before `pattern` is tried"),
        "record_replace": Param(str, None, help="the replacement in a JSON Lines record's text, when it differs"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.stage = Stage[self.options["stage"].upper()]
        if not all(isinstance(value, str) for value in self.options["table"].values()):
            raise RuleError(f"{rule.source}: rule {rule.code}: parameter 'table' must map texts to texts")
        pattern = self.options["pattern"]
        for number, name in GROUP_REFERENCE.findall(self.options["replace"]):
            known = int(number) <= pattern.groups if number else (name in pattern.groupindex or
                                                                   name.isdigit() and int(name) <= pattern.groups)
            if not known:
                raise RuleError(f"{rule.source}: rule {rule.code}: parameter 'replace' refers to group "
                                f"{number or name!r}, which the pattern does not have")
        #: Characters a document must hold for the pattern (and the prefilter) to match at all.
        patterns = [pattern, self.options["prefilter"]] if self.options["prefilter"] else [pattern]
        self.required = list(dict.fromkeys(filter(None, map(required_characters, patterns))))
        #: One RE2 pass that tells whether the pattern may match at all (most documents need no fix).
        self.search = Search(pattern.pattern)
        #: The set of the enabled substitutions' patterns and this one's number in it: set by ``link``.
        self.shared: tuple[TextSet, int] | None = None

    @classmethod
    def link(cls, kinds: list[Kind]) -> None:
        """Put the enabled substitutions' patterns in one RE2 set: one pass over a text tells which may match."""
        members = [kind for kind in kinds if isinstance(kind, Substitution)]
        texts = TextSet([kind.search.source for kind in members])
        for number, kind in enumerate(members):
            kind.shared = (texts, number)

    def find(self, doc: Document) -> Iterator[Finding]:
        pattern, prefilter = self.options["pattern"], self.options["prefilter"]
        if not self._may_match(doc) or not all(required.found_in(doc.text) for required in self.required):
            return
        budget = self.budget(doc)
        if prefilter and not budget.run(prefilter.search, doc.text):
            return
        in_record = bool(doc.meta.get("record")) and self.options["record_replace"] is not None
        template = self.options["record_replace"] if in_record else self.options["replace"]
        for match in budget.finditer(pattern, doc.text):
            replacement = self._replacement(match, template)
            if replacement != match.group():
                yield self.finding(match.start(), match.end(), replacement, self.reason(match, in_record))

    def _may_match(self, doc: Document) -> bool:
        """Whether the pattern may match somewhere in the text: by the set of all the substitutions (``link``),
        read once per text, or, for a huge text or a rule used alone, by this rule's own RE2 pass."""
        if self.shared is None or len(doc.text) > self.shared[0].longest:
            return self.search.may_match(doc.text)
        texts, number = self.shared
        return number in doc.memo(f"substitution-set-{id(texts)}", lambda: texts.candidates(doc.text))

    def reason(self, match: regex.Match[str], in_record: bool) -> str:
        """Why ``match`` is replaced, for the log: the rule's ``reason``, else its summary (a kind built on this
        one says what it found)."""
        return self.options["reason"] or self.rule.summary

    def _replacement(self, match: regex.Match[str], template: str) -> str:
        table = self.options["table"]
        return table.get(match.group(), match.group()) if table else match.expand(template)
