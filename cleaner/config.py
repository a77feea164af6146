"""Which rules run, and with what options: ``Config`` and presets.

``select``/``ignore``/``extend_select`` take codes, code prefixes (``W``,
``J01``) or rule names, in any case, as ruff does; one that names no rule is
an error (``RuleError``), as it is on the command line. A preset is a data file in
``rules/presets/`` that turns rules on or off and sets their options; the
user's ``options`` apply on top of it.

>>> Config(select=("W",), ignore=("W002",)).selects(code="W001", name="trailing-whitespace", default=False)
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rules import BUILTIN_RULES, Rule, RuleError

PRESETS = BUILTIN_RULES / "presets"
#: The largest whole number a rule parameter may be (or its negative): parameters are counts of words,
#: lines or hash permutations, 128 at most by default; far larger ones make rules build regexes or tables
#: that do not fit in memory.
LARGEST_COUNT = 100_000


def _matches(patterns: tuple[str, ...], code: str, name: str) -> bool:
    return any(names_rule(p, code, name) for p in patterns)


def names_rule(selector: str, code: str, name: str, prefixes: bool = True) -> bool:
    """Whether ``selector`` names the rule ``code`` (``name``): its code or name in any case, or (with
    ``prefixes``) a prefix of its code.

    >>> names_rule("j0", "J001", "teaser"), names_rule("Teaser", "J001", "teaser"), names_rule("J0002", "J001", "x")
    (True, True, False)
    """
    wanted = selector.strip().upper()
    return bool(wanted) and (code == wanted or (prefixes and code.startswith(wanted))
                             or name.casefold() == selector.strip().casefold())


def unknown_rule(selector: str, rules: list[Rule], prefixes: bool = True) -> str | None:
    """What is wrong with ``selector`` if it names none of ``rules`` (see ``names_rule``), else None."""
    if any(names_rule(selector, rule.code, rule.name, prefixes) for rule in rules):
        return None
    allowed = "rule codes or names" + (", or code prefixes" if prefixes else "")
    return f"unknown rule '{selector}'; allowed: {allowed} (see `cleaner rules`)"


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    preset: str | None = None
    rules_dirs: tuple[Path, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    unsafe_fixes: bool = True
    #: The language of every document (a jusText stoplist name), instead of reading it from each text.
    language: str | None = None

    def selects(self, *, code: str, name: str, default: bool) -> bool:
        """Whether a rule with this code, name and default runs under this config."""
        if _matches(self.ignore, code, name):
            return False
        if _matches(self.extend_select, code, name):
            return True
        if self.select is not None:
            return _matches(self.select, code, name)
        return default


def preset_names() -> list[str]:
    return sorted(path.stem for path in PRESETS.glob("*.toml"))


def load_preset(name: str) -> dict[str, dict[str, Any]]:
    """A preset's per-rule options: ``{code: {"enabled": True, "action": "drop", ...}}``."""
    path = PRESETS / f"{name}.toml"
    if not path.is_file():
        raise RuleError(f"unknown preset '{name}' (available: {', '.join(preset_names()) or 'none'})")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise RuleError(f"{path}: [rules.CODE] tables expected")
    return rules


def configure(rules: list[Rule], config: Config) -> list[Rule]:
    """Rules with the preset's and the user's options applied, enabled as the config says."""
    options: dict[str, dict[str, Any]] = {}
    for source in (load_preset(config.preset) if config.preset else {}, config.options):
        for code, values in source.items():
            options.setdefault(code, {}).update(values)
    for key, selectors in (("select", config.select or ()), ("ignore", config.ignore),
                           ("extend-select", config.extend_select)):
        for selector in selectors:
            if problem := unknown_rule(selector, rules):
                raise RuleError(f"{key}: {problem}")
    unknown = sorted(key for key in options if unknown_rule(key, rules, prefixes=False))
    if unknown:
        raise RuleError(f"options given for unknown rule(s): {', '.join(unknown)}")
    configured = []
    for rule in rules:
        given = [values for key, values in options.items() if names_rule(key, rule.code, rule.name, prefixes=False)]
        rule = rule.with_options(**{key: value for values in given for key, value in values.items()})
        enabled = config.selects(code=rule.code, name=rule.name, default=rule.enabled)
        configured.append(_counted(rule.with_options(enabled=enabled)))
    return configured


def _counted(rule: Rule) -> Rule:
    """``rule``, once its whole-number parameters are known to be within ``LARGEST_COUNT``."""
    for key, value in rule.params.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_COUNT:
            raise RuleError(f"{rule.source}: rule {rule.code} ({rule.name}): parameter '{key}' is {value}, "
                            f"beyond the largest count a rule takes ({LARGEST_COUNT:,})")
    return rule
