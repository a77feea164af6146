"""Rules as data: load and validate ``rules/*.toml``.

A rule file holds one family of rules::

    family = "W"
    title = "Whitespace and layout"

    [[rule]]
    code = "W001"
    name = "trailing-whitespace"
    kind = "substitution"
    summary = "Remove spaces and tabs at the end of a line."
    why = "Invisible, and they make equal lines compare unequal."
    fix = "safe"
    [rule.params]
    pattern = '[ \\t]+$'
    [[rule.examples]]
    before = "Hello  \\n"
    after = "Hello\\n"

A file may define ``[definitions]``: named regex pieces that patterns use as
``{name}``. Every problem is a ``RuleError`` naming the file, the rule and
the cause.
"""

from __future__ import annotations

import codecs

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .change import ACTIONS, Action

# Installed wheels carry the top-level rules/ folder inside the package; a
# source checkout (or editable install) reads it from the repository root.
_HERE = Path(__file__).parent
BUILTIN_RULES = next((p for p in (_HERE / "rules", _HERE.parent / "rules") if p.is_dir()), _HERE / "rules")
REQUIRED = ("code", "name", "kind", "summary", "why", "examples")
OPTIONAL = ("params", "enabled", "fix", "action")
CODE = regex.compile(r"[A-Z]{1,3}\d{3}")
NAME = regex.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLACEHOLDER = regex.compile(r"\{([a-z_]+)\}")


class RuleError(ValueError):
    """A rule file or rule that cannot be used, with where and why."""


@dataclass(frozen=True)
class Example:
    """Text before and after the rule; ``meta`` is what the reader knew of the document (the HTML
    reader's second extraction, say), for the few kinds that look at it.

    ``before_bytes``: the file the example starts from, for rules about a file's bytes; ``before`` is then
    its text as a file is decoded, and ``read_as`` what the decoding found (its encoding...).
    """

    before: str
    after: str
    meta: dict[str, str] = field(default_factory=dict)
    before_bytes: bytes | None = None
    read_as: dict[str, str] = field(default_factory=dict)

    def context(self) -> dict[str, str]:
        """The ``meta`` a document of this example is cleaned with: what the reader knew, and how it was read."""
        return {**self.read_as, **self.meta}


@dataclass(frozen=True)
class Rule:
    """One rule: identity, documentation, and the kind and parameters it runs with."""

    code: str
    name: str
    kind: str
    summary: str
    why: str
    family: str
    source: str
    examples: tuple[Example, ...]
    params: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    fix: str = "safe"
    action: Action = "fix"

    def with_options(self, **options: Any) -> Rule:
        """A copy with ``enabled``/``action``/params overridden (used by presets and config)."""
        top = {k: options.pop(k) for k in ("enabled", "action", "fix") if k in options}
        return replace(self, params={**self.params, **options}, **top)


def _expand(pattern: str, definitions: dict[str, str], where: str) -> str:
    def sub(match: regex.Match[str]) -> str:
        name = match.group(1)
        if name not in definitions:
            raise RuleError(f"{where}: unknown definition '{{{name}}}' in pattern")
        return _expand(definitions[name], definitions, where)

    return PLACEHOLDER.sub(sub, pattern)


def _expand_params(params: dict[str, Any], definitions: dict[str, str], where: str) -> dict[str, Any]:
    def expand(value: Any) -> Any:
        if isinstance(value, str):
            return _expand(value, definitions, where)
        if isinstance(value, list):
            return [expand(v) for v in value]
        return value

    return {key: expand(value) if "pattern" in key else value for key, value in params.items()}


def _parse_rule(raw: Any, family: str, source: str, definitions: dict[str, str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{source}: each [[rule]] must be a table")
    where = f"{source}: rule {raw.get('code', '?')}"
    missing = [key for key in REQUIRED if key not in raw]
    if missing:
        raise RuleError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for key in ("code", "name", "kind", "summary", "why", "fix", "action"):
        if key in raw and not isinstance(raw[key], str):
            raise RuleError(f"{where}: '{key}' must be a string")
    if not CODE.fullmatch(raw["code"]) or not raw["code"].startswith(family):
        raise RuleError(f"{where}: code must be the family letter '{family}' and three digits")
    if not NAME.fullmatch(raw["name"]):
        raise RuleError(f"{where}: name '{raw['name']}' must be kebab-case")
    if raw.get("fix", "safe") not in ("safe", "unsafe"):
        raise RuleError(f"{where}: fix must be 'safe' or 'unsafe'")
    if raw.get("action", "fix") not in ACTIONS:
        raise RuleError(f"{where}: action must be one of {', '.join(ACTIONS)}")
    if not isinstance(raw.get("enabled", True), bool):
        raise RuleError(f"{where}: 'enabled' must be true or false")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise RuleError(f"{where}: 'params' must be a table")
    examples = raw["examples"]
    if not isinstance(examples, list) or not examples:
        raise RuleError(f"{where}: needs at least one [[rule.examples]] with before and after")
    parsed = [_parse_example(example, where) for example in examples]
    return Rule(
        code=raw["code"],
        name=raw["name"],
        kind=raw["kind"],
        summary=raw["summary"],
        why=raw["why"].strip(),
        family=family,
        source=source,
        examples=tuple(parsed),
        params=_expand_params(params, definitions, where),
        enabled=raw.get("enabled", True),
        fix=raw.get("fix", "safe"),
        action=raw.get("action", "fix"),
    )


EXAMPLE_KEYS = ({"before", "after"}, {"before", "after", "meta"}, {"before_bytes", "after"},
                {"before_bytes", "after", "meta"})


def _parse_example(example: Any, where: str) -> Example:
    """One ``[[rule.examples]]`` table: ``before`` (or ``before_bytes``: the bytes of a file, in a TOML literal
    string with ``\\xHH`` escapes, decoded as a file is) and ``after``, strings; ``meta``, a table of strings."""
    if not isinstance(example, dict) or set(example) not in EXAMPLE_KEYS:
        raise RuleError(f"{where}: each example needs 'before' (or 'before_bytes') and 'after' (and maybe a "
                        "'meta' table), nothing else")
    meta = example.get("meta", {})
    if not all(isinstance(value, str) for value in example.values() if value is not meta) \
            or not isinstance(meta, dict) or not all(isinstance(value, str) for value in meta.values()):
        raise RuleError(f"{where}: example 'before' and 'after' must be strings, and 'meta' a table of strings")
    if "before" in example:
        return Example(example["before"], example["after"], meta)
    from .decoding import decode_bytes  # decoding needs charset-normalizer: only rules about bytes need it
    from .files import InputError

    try:
        raw = codecs.escape_decode(example["before_bytes"].encode("utf-8"))[0]
        decoded = decode_bytes(raw)
    except (ValueError, InputError) as error:
        raise RuleError(f"{where}: example 'before_bytes' cannot be read as a file: {error}") from error
    return Example(decoded.text, example["after"], meta, raw, decoded.meta())


def load_rule_file(path: Path) -> list[Rule]:
    """Parse one rule file; raise ``RuleError`` naming the file on any problem."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{source}: cannot read: {error}") from error
    return list(_parsed(source, text))


@lru_cache(maxsize=64)
def _parsed(source: str, text: str) -> tuple[Rule, ...]:
    """The rules of the file ``source`` that reads ``text``: parsed once per process for each text (a run checks
    its settings by building its cleaners, then cleans with them: both read the rule files)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{source}: not valid TOML: {error}") from error
    family = data.get("family")
    if not isinstance(family, str) or not regex.fullmatch(r"[A-Z]{1,3}", family):
        raise RuleError(f"{source}: 'family' must be one to three capital letters")
    definitions = data.get("definitions", {})
    if not isinstance(definitions, dict) or not all(isinstance(v, str) for v in definitions.values()):
        raise RuleError(f"{source}: [definitions] must map names to regex strings")
    unknown = sorted(set(data) - {"family", "title", "definitions", "rule"})
    if unknown:
        raise RuleError(f"{source}: unknown top-level key(s) {', '.join(unknown)}")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{source}: 'rule' must be an array of tables ([[rule]])")
    return tuple(_parse_rule(raw, family, source, definitions) for raw in raw_rules)


def load_rules(folders: list[Path] | None = None) -> list[Rule]:
    """All rules of the built-in folder and ``folders``, checked for duplicate codes and names."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for folder in [BUILTIN_RULES, *(folders or [])]:
        if not folder.is_dir():
            raise RuleError(f"{folder}: not a folder of rule files")
        for path in sorted(folder.glob("*.toml")):
            for rule in load_rule_file(path):
                for key in (rule.code, rule.name):
                    if key in seen:
                        raise RuleError(
                            f"{rule.source}: rule {rule.code}: duplicate '{key}' "
                            f"(already defined in {seen[key].source})"
                        )
                    seen[key] = rule
                rules.append(rule)
    return rules
