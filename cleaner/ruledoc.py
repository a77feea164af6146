"""A rule's documentation, as ``cleaner rules CODE`` prints it (like ``ruff rule``), and its fix safety as
``cleaner rules`` lists it."""

from __future__ import annotations

import textwrap
from pathlib import Path

from .rules import Rule


def fix_safety(rule: Rule) -> str:
    """Whether ``fix`` applies the rule's edits (safe) or only with ``--unsafe-fixes`` (unsafe); '-' for a
    rule that only reports."""
    return "-" if rule.action == "report" else rule.fix


def describe(rule: Rule, preset: str | None = None) -> str:
    """A rule's documentation, as ``cleaner rules CODE`` prints it (``rule`` as ``preset`` configured it,
    if one is named)."""
    lines = [
        f"{rule.name} ({rule.code})",
        "",
        rule.summary,
        "",
        f"Kind: {rule.kind}   Action: {rule.action}   Fix: {rule.fix}   "
        f"{f'In {preset}' if preset else 'Default'}: {'on' if rule.enabled else 'off'}   "
        f"Defined in: {Path(rule.source).name}",
        "",
        "## Why",
        textwrap.fill(" ".join(rule.why.split()), 78),
    ]
    parameters = _parameters(rule)
    if parameters:
        lines += ["", "## Parameters", *parameters]
    for number, example in enumerate(rule.examples, 1):
        lines += ["", f"## Example {number}"]
        for key, value in example.meta.items():
            lines += [f"Given {key}:", textwrap.indent(value, "  | ", lambda _: True)]
        if example.before_bytes is not None:
            lines += ["Before, a file's bytes:", f"  | {example.before_bytes!r}",
                      f"Read as: {example.read_as['encoding']} ({example.read_as['encoding_how']})"]
        else:
            lines += ["Before:", textwrap.indent(example.before, "  | ", lambda _: True)]
        same = example.after == example.before
        lines += [("After: unchanged" + (", reported" if rule.action == "report" else "")) if same else "After:"]
        if not same:
            lines.append(textwrap.indent(example.after, "  | ", lambda _: True))
    return "\n".join(line.rstrip("\n") for line in lines)


def _parameters(rule: Rule) -> list[str]:
    """Every parameter of the rule's kind with the value the rule runs with (its own, else the kind's
    default), and what it does."""
    from .kinds import KINDS  # the kinds' modules: only this command needs them before cleaning

    params = KINDS[rule.kind].params if rule.kind in KINDS else {}
    lines = []
    for name in [*rule.params, *(name for name in params if name not in rule.params)]:
        param = params.get(name)
        if name not in rule.params and (param is None or param.default is None):
            continue
        value = rule.params.get(name, param.default if param else None)
        lines.append(f"  {name} = {value!r}")
        if param and param.help:
            lines.append(textwrap.fill(param.help, 78, initial_indent=" " * 6, subsequent_indent=" " * 6))
    return lines
