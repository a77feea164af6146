"""The ``cleaner`` command: a thin layer over ``cleaner.runner``.

Exit codes, as black, ruff and pre-commit hooks use them: 0 nothing to
change, 1 something changed (``fix``) or would change (``check``), 2 usage or
input errors (the other files are still processed).
"""

from __future__ import annotations

import difflib
import sys
import textwrap
from pathlib import Path

import click

from . import __version__
from .config import Config, preset_names
from .engine import Cleaner
from .files import InputError, atomic_write
from .rules import RuleError, load_rules
from .runner import Outcome, clean_tree, fix_tree, outcomes, restore_file, restore_tree

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


class Failure(click.ClickException):
    """A usage, rule-file or output error: printed as 'Error: …', exit code 2."""

    exit_code = EXIT_ERROR


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff that ``patch`` accepts, with ``\\ No newline at end of file`` where due."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     name, f"{name} (cleaned)"):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def rule_options(command):
    """--select / --ignore / --extend-select / --preset / --rules-dir, shared by the cleaning commands."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names; comma-separated)."),
        click.option("--ignore", multiple=True, help="Never these rules."),
        click.option("--extend-select", multiple=True, help="These rules as well as the defaults."),
        click.option("--preset", type=click.Choice(preset_names()), help="A named rule preset."),
        click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                     help="A folder of your own rule files (TOML)."),
    ]):
        command = option(command)
    return command


def make_cleaner(select, ignore, extend_select, preset, rules_dirs, unsafe_fixes: bool = True) -> Cleaner:
    config = Config(
        select=_codes(select) or None,
        ignore=_codes(ignore),
        extend_select=_codes(extend_select),
        preset=preset,
        rules_dirs=tuple(rules_dirs),
        unsafe_fixes=unsafe_fixes,
    )
    try:
        return Cleaner(config)
    except RuleError as error:
        raise Failure(str(error)) from error


def _error(outcome: Outcome) -> bool:
    if outcome.error is not None:
        click.echo(f"error: {outcome.path}: {outcome.error}", err=True)
        return True
    return False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean scraped text with rules, and log every change."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for cleaned files and their change logs (_changes/).")
@rule_options
def clean(sources, output, **options) -> None:
    """Write cleaned copies of SOURCES to OUTPUT, with a change log per file."""
    cleaner = make_cleaner(**options)
    try:
        summary = clean_tree(list(sources), output, cleaner, report=_error)
    except InputError as error:
        raise Failure(str(error)) from error
    data = summary.to_dict()
    click.echo(f"{data['files_seen']} files seen, {data['files_changed']} changed, "
               f"{data['files_failed']} failed, {data['lines_dropped']} lines dropped; "
               f"log in {output / '_changes'}", err=True)
    sys.exit(EXIT_ERROR if summary.failures else EXIT_OK)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff instead of findings; write nothing.")
@click.option("--strict", is_flag=True, help="Fail on report-only findings too.")
@rule_options
def check(sources, diff, strict, **options) -> None:
    """Report what `clean` would change in SOURCES; write nothing.

    Fixes that `fix` applies are marked [*]; unsafe ones need `fix --unsafe-fixes`.
    """
    cleaner = make_cleaner(**options)
    failing = errors = False
    for outcome in outcomes(list(sources), cleaner):
        if _error(outcome):
            errors = True
            continue
        result = outcome.result
        assert result is not None
        if diff:
            click.echo(unified_diff(result.original, result.text, str(outcome.path)), nl=False)
        else:
            for change in sorted(result.changes, key=lambda c: (c.line, c.col)):
                mark = " [*]" if change.edits and _safe(cleaner, change.code) else ""
                click.echo(f"{outcome.path}:{change.line}:{change.col}: {change.code}{mark} {change.name}: {change.reason}")
        failing |= result.changed or (strict and bool(result.reports))
    sys.exit(EXIT_ERROR if errors else EXIT_CHANGED if failing else EXIT_OK)


def _safe(cleaner: Cleaner, code: str) -> bool:
    return any(rule.code == code and rule.fix == "safe" for rule in cleaner.rules)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@rule_options
def fix(sources, unsafe_fixes, **options) -> None:
    """Rewrite SOURCES in place (atomically); exit 1 if any file changed."""
    cleaner = make_cleaner(**options, unsafe_fixes=unsafe_fixes)

    held_back = 0

    def report(outcome: Outcome) -> None:
        nonlocal held_back
        if _error(outcome) or outcome.result is None:
            return
        if outcome.result.changed:
            click.echo(f"fixed {outcome.path}", err=True)
        for change in outcome.result.changes:
            if not change.applied:
                held_back += 1
                click.echo(f"{outcome.path}:{change.line}:{change.col}: {change.code} {change.name}: {change.reason}")

    summary = fix_tree(list(sources), cleaner, report=report)
    if held_back:
        click.echo(f"{held_back} unsafe fix(es) not applied; run with --unsafe-fixes to apply them", err=True)
    failing = summary.files_changed or held_back
    sys.exit(EXIT_ERROR if summary.failures else EXIT_CHANGED if failing else EXIT_OK)


@main.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List the rules, or print the whole documentation of one (by code or name)."""
    try:
        all_rules = load_rules()
    except RuleError as error:
        raise Failure(str(error)) from error
    if code is None:
        for rule in all_rules:
            default = "on " if rule.enabled else "off"
            click.echo(f"{rule.code}  {default}  {rule.action:<6}  {rule.name:<24} {rule.summary}")
        return
    match = next((r for r in all_rules if code in (r.code, r.name)), None)
    if match is None:
        raise Failure(f"no rule '{code}' (see `cleaner rules`)")
    click.echo(describe(match))


def describe(rule) -> str:
    """A rule's documentation, as ``cleaner rules CODE`` prints it."""
    lines = [
        f"{rule.name} ({rule.code})",
        "",
        rule.summary,
        "",
        f"Kind: {rule.kind}   Action: {rule.action}   Fix: {rule.fix}   "
        f"Default: {'on' if rule.enabled else 'off'}   Defined in: {Path(rule.source).name}",
        "",
        "## Why",
        textwrap.fill(" ".join(rule.why.split()), 78),
    ]
    if rule.params:
        lines += ["", "## Parameters", *(f"  {k} = {v!r}" for k, v in rule.params.items())]
    for number, example in enumerate(rule.examples, 1):
        lines += ["", f"## Example {number}", "Before:", textwrap.indent(example.before, "  | ", lambda _: True)]
        same = example.after == example.before
        lines += [("After: unchanged" + (", reported" if rule.action == "report" else "")) if same else "After:"]
        if not same:
            lines.append(textwrap.indent(example.after, "  | ", lambda _: True))
    return "\n".join(line.rstrip("\n") for line in lines)


@main.command()
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Where to write the restored original(s).")
@click.option("--log", "log_path", type=click.Path(exists=True, path_type=Path, dir_okay=False),
              help="The change log of TARGET when TARGET is one cleaned file.")
def restore(target, output, log_path) -> None:
    """Rebuild the original files from a `clean` output folder (or one file and its --log)."""
    if log_path is not None:
        try:
            atomic_write(output, restore_file(target, log_path))
        except (InputError, OSError, ValueError, KeyError) as error:
            raise Failure(f"{target}: {error}") from error
        return
    failures = restore_tree(target, output)
    for path, cause in failures:
        click.echo(f"error: {path}: {cause}", err=True)
    sys.exit(EXIT_ERROR if failures else EXIT_OK)
