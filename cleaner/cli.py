"""The ``cleaner`` command: a thin layer over ``cleaner.runner`` and ``cleaner.processing``.

Exit codes, as black, ruff and pre-commit hooks use them: 0 nothing to
change, 1 something changed (``fix``) or would change (``check``), 2 usage or
input errors (the other files are still processed).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from . import __version__, report, review
from .config import Config, configure, names_rule
from .corpus import enable as enable_corpus
from .files import InputError
from .findings import Finding
from .interrupt import Tally, interruptible
from .options import EXIT_CHANGED, EXIT_ERROR, EXIT_OK, Failure, Run, make_run, rule_options
from .processing import Outcome, outcomes, process_stdin
from .report import summary_lines
from .rules import RuleError, load_rules
from .ruledoc import describe, fix_safety
from .runner import CHANGES_DIR, clean_tree, collect, fix_tree, restore_file, restore_tree
from .summary import Summary
from .walk import require_sources

#: Runs over this many files show a progress bar (on a terminal, outside CI).
PROGRESS_MIN_FILES = 20
def _stdin(sources) -> bool:
    return [str(s) for s in sources] == ["-"]


def _read_stdin(run: Run, show: str, write: bool = True, log_path: Path | None = None) -> Outcome:
    """Clean stdin (named by --stdin-filename), writing the cleaned bytes to stdout (unless not ``write``)."""
    return process_stdin(Path(run.stdin_name or "-"), sys.stdin.buffer, run.project, replace(run.read, show=show),
                         sys.stdout.buffer if write else None, log_path)


def _error(outcome: Outcome) -> bool:
    """Print a file's error, its bad JSONL lines and its warnings; True if there were errors."""
    if outcome.warning is not None:
        click.echo(f"warning: {outcome.path}: {outcome.warning}", err=True)
    if outcome.error is not None:
        click.echo(f"error: {outcome.path}: {outcome.error}", err=True)
    if outcome.processed is None:
        return outcome.error is not None
    for line, cause in outcome.processed.problems:
        click.echo(f"error: {outcome.path}:{line}: {cause}", err=True)
    for line, skipped in outcome.processed.notes.warnings:
        click.echo(f"warning: {outcome.path}{f':{line}' if line else ''}: {skipped}", err=True)
    return outcome.error is not None or bool(outcome.processed.problems)


def _progress(quiet: bool):
    """A progress bar on stderr for long runs, only on a terminal and not under CI."""
    def wrap(items):
        if quiet or len(items) < PROGRESS_MIN_FILES or not sys.stderr.isatty() or os.environ.get("CI"):
            yield from items
            return
        with click.progressbar(items, file=sys.stderr, label="cleaning") as bar:
            yield from bar
    return wrap


def _engine(name: str, address: str | None):
    """What cleans the files: None for this process (and ``--jobs``), or Ray's workers."""
    if name == "local":
        if address is not None:
            raise click.UsageError("--address needs --engine ray")
        return None
    if importlib.util.find_spec("ray") is None:
        raise Failure("--engine ray needs Ray: pip install 'cleaner[ray]'")
    from .ray import outcomes_on_ray

    return outcomes_on_ray(address)


def _summary(summary: Summary, verb: str, quiet: bool) -> None:
    if summary.files_seen == 0 and not summary.failed:
        click.echo(f"warning: {report.NO_FILES}", err=True)
    if not quiet:
        for line in summary_lines(summary, verb):
            click.echo(line, err=True)


def _skipped(outcome: Outcome) -> None:
    """Say that a file was left alone (HTML, by ``check`` and ``fix``)."""
    if outcome.skipped:
        click.echo(f"skipped {outcome.path}: {outcome.skipped}", err=True)


def _clean_stdin(run: Run, log_path: Path | None) -> int:
    return EXIT_ERROR if _error(_read_stdin(run, "", log_path=log_path)) else EXIT_OK


quiet_option = click.option("-q", "--quiet", is_flag=True, help="No summary (errors are still printed).")
to_utf8_option = click.option("--to-utf8", is_flag=True,
                              help="Write text files as UTF-8 (no byte-order mark), not in their own encoding.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean scraped text with rules, and log every change."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for cleaned files and their change logs (_changes/); not with SOURCE '-'.")
@click.option("--log", "log_path", type=click.Path(path_type=Path, dir_okay=False),
              help="With SOURCE '-': write the change log here.")
@click.option("--corpus", is_flag=True,
              help="Also run the corpus rules (D): lines repeated across many documents, duplicate documents.")
@click.option("--drop-duplicates", is_flag=True, help="Leave duplicate documents out of OUTPUT (implies --corpus).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="ray: clean the files on a Ray cluster (pip install 'cleaner[ray]'); same output.")
@click.option("--address", help="With --engine ray: the cluster to join ('auto', or HOST:PORT); default: a local one.")
@quiet_option
@rule_options
def clean(sources, output, log_path, corpus, drop_duplicates, engine, address, quiet, **options) -> None:
    """Write cleaned copies of SOURCES to OUTPUT, with a change log per file.

    SOURCE '-' reads stdin and writes the cleaned text to stdout.
    """
    run = make_run(sources, **options)
    if corpus or drop_duplicates:
        run.project = enable_corpus(run.project, drop_duplicates)
    if _stdin(sources):
        if output is not None:
            raise click.UsageError("-o/--output is not used with SOURCE '-': the cleaned text goes to stdout "
                                   "(--log FILE writes its change log)")
        sys.exit(_clean_stdin(run, log_path))
    if output is None:
        raise click.UsageError("Missing option '-o' / '--output' (needed unless SOURCE is '-').")
    tally = Tally()
    try:
        with interruptible(tally, f"; what was done is in {output / CHANGES_DIR / 'summary.json'}"):
            summary = clean_tree(list(sources), output, run.project, run.read, report=tally.reported(_error),
                                 progress=tally.listed(_progress(quiet)), engine=_engine(engine, address))
    except InputError as error:
        raise Failure(str(error)) from error
    for removed in summary.removed:
        click.echo(f"removed {output / removed}: its source was not in this run (an earlier run's output, and its "
                   "log)", err=True)
    _summary(summary, "changed", quiet)
    if not quiet:
        click.echo(f"log in {output / CHANGES_DIR}", err=True)
    sys.exit(EXIT_ERROR if summary.failed else EXIT_OK)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print a unified diff instead of findings, each removed or changed line "
              "followed by a '# ^' line naming its rules; write nothing.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the diff (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--strict", is_flag=True, help="Fail on report-only findings too.")
@click.option("--output-format", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="How findings are printed (github: workflow annotations).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@to_utf8_option
@quiet_option
@rule_options
def check(sources, diff, color, strict, output_format, statistics, quiet, **options) -> None:
    """Report what `clean` would change in SOURCES; write nothing; end with a summary line.

    Fixes that `fix` applies are marked [*]; unsafe ones need `fix --unsafe-fixes`.
    """
    run = make_run(sources, **options)
    show = "diff" if diff else "check"
    if not _stdin(sources):
        _require_sources(sources)
    items = [_read_stdin(run, show, write=False)] if _stdin(sources) else outcomes(
        collect(list(sources), run.project), run.project, replace(run.read, show=show), in_place=True)
    failing = False
    found: list[Finding] = []
    fixes: Counter[str] = Counter()
    checked = flagged = failed = 0
    colors = _colors(color)
    for outcome in items:
        failed += _error(outcome)
        _skipped(outcome)
        if outcome.processed is None:
            continue
        notes = outcome.processed.notes
        for text in notes.diffs:
            click.echo(report.colored_diff(text) if colors else text, nl=False, color=colors)
        found += notes.findings
        checked, flagged, fixes = checked + 1, flagged + bool(notes.fixes), fixes + notes.fixes
        failing |= notes.changed or (strict and notes.reports)
    if not diff:
        _print_findings(found, output_format, statistics)
    if not checked and not failed:
        click.echo(f"warning: {report.NO_FILES}", err=True)
    elif checked and not quiet:
        click.echo(report.check_summary(checked, flagged, fixes, failed), err=True)
    sys.exit(EXIT_ERROR if failed else EXIT_CHANGED if failing else EXIT_OK)


def _colors(choice: str) -> bool:
    """Whether to colour what goes to stdout: ``--color always``, or ``auto`` on a terminal without NO_COLOR."""
    return choice == "always" or (choice == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))


def _require_sources(sources) -> None:
    try:
        require_sources(list(sources))
    except InputError as error:
        raise Failure(str(error)) from error


def _print_findings(found: list[Finding], output_format: str, statistics: bool) -> None:
    if statistics:
        lines = report.statistics(found)
    elif output_format == "json":
        lines = [report.as_json(found)]
    else:
        lines = [(report.github if output_format == "github" else report.text)(finding) for finding in found]
    for line in lines:
        click.echo(line)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--show-unsafe", is_flag=True, help="List the unsafe fixes held back, not only their number.")
@to_utf8_option
@quiet_option
@rule_options
def fix(sources, unsafe_fixes, show_unsafe, quiet, **options) -> None:
    """Rewrite SOURCES in place (atomically); exit 1 if any file changed.

    SOURCE '-' reads stdin and writes the fixed text to stdout. HTML pages are
    left alone (`clean` turns them into text). Unsafe fixes held back are
    counted in one line (`check` fails on them).
    """
    run = make_run(sources, **options, unsafe_fixes=unsafe_fixes)
    held: Counter[str] = Counter()  # held-back unsafe fixes per file
    text_on_stdout = _stdin(sources)

    def show(outcome: Outcome) -> None:
        if _error(outcome) or outcome.processed is None:
            if not quiet:
                _skipped(outcome)
            return
        if outcome.processed.changed and not quiet:
            click.echo(f"fixed {outcome.path}{_through_link(outcome.path)}", err=True)
        held.update(str(finding.path) for finding in outcome.processed.notes.findings)
        for finding in outcome.processed.notes.findings if show_unsafe else ():
            click.echo(report.text(finding), err=text_on_stdout)

    if text_on_stdout:
        outcome = _read_stdin(run, "fix")
        show(outcome)
        failed = outcome.processed is None or bool(outcome.processed.problems)
        _held_back(held, quiet)
        sys.exit(EXIT_ERROR if failed else EXIT_CHANGED if outcome.processed.changed else EXIT_OK)
    tally = Tally()
    try:
        with interruptible(tally):
            summary = fix_tree(list(sources), run.project, run.read, report=tally.reported(show),
                               progress=tally.listed(_progress(quiet)))
    except InputError as error:
        raise Failure(str(error)) from error
    _held_back(held, quiet)
    _summary(summary, "fixed", quiet)
    sys.exit(EXIT_ERROR if summary.failed else EXIT_CHANGED if summary.files_changed else EXIT_OK)


def _through_link(path: Path) -> str:
    """For ``fixed PATH``: that a symbolic link's target was rewritten (the link stays), as black says."""
    return f" (a symbolic link: its target {path.resolve()} was rewritten; the link stays)" if path.is_symlink() else ""


def _held_back(held: Counter[str], quiet: bool) -> None:
    if held and not quiet:
        click.echo(report.held_back(sum(held.values()), len(held)), err=True)


@main.command(name="config")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@rule_options
def show_config(path, **options) -> None:
    """Print the effective settings for PATH (default: this folder) and where each came from."""
    run = make_run((path,) if path else (), **options)
    project = run.project
    file = str(project.config_file) if project.config_file else None
    click.echo("\n".join(report.settings_lines(project.settings, project.origins, file)))


@main.command()
@click.argument("code", required=False)
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="Also list the rules of this folder of *.toml rule files (repeatable).")
@click.option("--preset", metavar="NAME", help="Show the rules as this preset runs them: which are on, with "
              "what options.")
def rules(code: str | None, rules_dirs: tuple[Path, ...], preset: str | None) -> None:
    """List the rules in code order (CODE a prefix such as `J`: those), or print the whole documentation of
    one (CODE its code or name, in any case)."""
    try:
        all_rules = load_rules(list(rules_dirs))
        if preset:
            all_rules = configure(all_rules, Config(preset=preset))
    except RuleError as error:
        raise Failure(str(error)) from error
    all_rules.sort(key=lambda rule: rule.code)
    exact = [rule for rule in all_rules if code is not None and names_rule(code, rule.code, rule.name, prefixes=False)]
    if exact:
        click.echo(describe(exact[0], preset))
        return
    listed = [rule for rule in all_rules if code is None or names_rule(code, rule.code, rule.name)]
    if not listed:
        raise Failure(f"no rule '{code}' (see `cleaner rules`)")
    for rule in listed:
        default = "on " if rule.enabled else "off"
        click.echo(f"{rule.code}  {default}  {rule.action:<6}  {fix_safety(rule):<6}  {rule.name:<24} {rule.summary}")


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
            restore_file(target, log_path, output)
        except (InputError, OSError, ValueError, KeyError) as error:
            raise Failure(f"{target}: {error}") from error
        return
    notes: list[tuple[Path, str]] = []
    failures = restore_tree(target, output, notes)
    for path, cause in notes:
        click.echo(f"note: {path}: not restored: {cause}", err=True)
    for path, cause in failures:
        click.echo(f"error: {path}: {cause}", err=True)
    sys.exit(EXIT_ERROR if failures else EXIT_OK)


@main.command(name="report")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="html: write OUT/_changes/report.html and removed.jsonl; markdown: print a summary to stdout.")
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="A folder of your own rule files the run used (their documentation goes into the page).")
def report_run(out, output_format, rules_dirs) -> None:
    """Review what a `clean` run into OUT changed: a page per rule and per file, every removed line as JSON Lines,
    or a Markdown summary (a terminal, a CI job summary)."""
    try:
        if output_format == "markdown":
            click.echo(review.markdown(review.load_review(out)), nl=False)
            return
        page, removed = review.report(out, list(rules_dirs))
    except (InputError, OSError) as error:
        raise Failure(str(error)) from error
    click.echo(f"wrote {page} and {removed}", err=True)
