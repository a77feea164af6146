"""What people and CI read: findings as text, JSON or GitHub annotations, statistics, the run summary.

>>> print(github(Finding("a b.txt", 3, 7, "P001", "doubled-word", "'the the': doubled, 100%", True)))
::error file=a b.txt,line=3,col=7,title=P001 doubled-word::'the the': doubled, 100%25
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from typing import Any

import click

from .findings import Finding
from .summary import Summary


def text(finding: Finding) -> str:
    mark = " [*]" if finding.fixable else ""
    return f"{finding.path}:{finding.line}:{finding.col}: {finding.code}{mark} {finding.name}: {finding.message}"


def _escape(value: str, *, property_value: bool = False) -> str:
    """GitHub workflow-command escaping (``%``, newlines; also ``:`` and ``,`` in properties)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


def github(finding: Finding) -> str:
    """A GitHub Actions annotation, as ruff writes them."""
    return (f"::error file={_escape(finding.path, property_value=True)},line={finding.line},col={finding.col},"
            f"title={_escape(f'{finding.code} {finding.name}', property_value=True)}::{_escape(finding.message)}")


def as_json(found: list[Finding]) -> str:
    return json.dumps([asdict(finding) for finding in found], ensure_ascii=False, indent=2)


def statistics(found: list[Finding]) -> list[str]:
    """One line per rule, most frequent first, as ``ruff check --statistics``: count, code, [*] if fixable, name."""
    counts = Counter((f.code, f.name) for f in found)
    fixable = {(f.code, f.name) for f in found if f.fixable}
    return [f"{count:>5}\t{code}\t{'[*]' if (code, name) in fixable else '   '} {name}"
            for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


#: The colour of a diff line, by its first characters (as git colours them; the rule marks in yellow).
DIFF_COLORS = (("+++", "bright_white"), ("---", "bright_white"), ("@@", "cyan"), ("# ^", "yellow"), ("+", "green"),
               ("-", "red"))


def colored_diff(diff: str) -> str:
    """``diff`` with ANSI colours, for a terminal."""
    lines = []
    for line in diff.splitlines(keepends=True):
        color = next((color for start, color in DIFF_COLORS if line.startswith(start)), None)
        lines.append(click.style(line.rstrip("\n"), fg=color) + "\n" if color else line)
    return "".join(lines)


def _count(number: int, noun: str, plural: str = "") -> str:
    """``1 file``, ``2 files`` (``plural``: when not ``noun`` + s)."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


#: ruff's wording, for any file cleaner reads: a source that names no file, or an empty folder.
NO_FILES = "No files found under the given path(s)"


def check_summary(files: int, flagged: int, fixes: Counter[str], failed: int = 0) -> str:
    """``check``'s last line, as ruff's: the findings in how many of the files checked, and what ``fix`` does
    with them (``fixes``: counts of "safe", "unsafe" and "report" findings); and the files that failed.

    >>> check_summary(3, 1, Counter(safe=2, unsafe=1))
    'Found 3 findings in 1 file of 3: 2 fixable with `cleaner fix`, 1 more with `cleaner fix --unsafe-fixes`, 0 report-only.'
    >>> check_summary(1, 0, Counter()), check_summary(1, 0, Counter(), failed=2)
    ('All checks passed: nothing to change in 1 file.', 'No findings: nothing to change in 1 file; 2 files failed.')
    """
    total = sum(fixes.values())
    end = f"; {_count(failed, 'file')} failed." if failed else "."
    if not total:
        return f"{'No findings' if failed else 'All checks passed'}: nothing to change in {_count(files, 'file')}{end}"
    return (f"Found {_count(total, 'finding')} in {_count(flagged, 'file')} of {files:,}: "
            f"{fixes['safe']:,} fixable with `cleaner fix`, {fixes['unsafe']:,} more with `cleaner fix --unsafe-fixes`, "
            f"{fixes['report']:,} report-only{end}")


def held_back(fixes: int, files: int) -> str:
    """``fix``'s one line for the unsafe fixes it did not apply."""
    return (f"{_count(fixes, 'unsafe fix', 'unsafe fixes')} held back in {_count(files, 'file')}: `cleaner fix --unsafe-fixes` "
            "applies them, `--show-unsafe` lists them.")


def summary_lines(summary: Summary, verb: str) -> list[str]:
    """The end-of-run summary: files, lines dropped, time and speed, then changes per rule."""
    data: dict[str, Any] = summary.to_dict()
    seconds = max(summary.seconds, 1e-9)
    failed = f"{data['files_failed']} failed" + (f" ({data['records_failed']} bad records)" if data["records_failed"] else "")
    lines = [f"{data['files_seen']} files seen, {data['files_changed']} {verb}, {failed}, "
             f"{data['lines_dropped']} lines dropped in {summary.seconds:.2f} s "
             f"({summary.bytes_read / 1e6 / seconds:.1f} MB/s)"]
    for rule, counts in data["rules"].items():
        lines.append(f"  {rule:<32} " + ", ".join(f"{n} {action}" for action, n in counts.items()))
    return lines


def _toml(value: Any) -> str:
    """A TOML value for a setting: strings, booleans and lists of strings."""
    return json.dumps(value, ensure_ascii=False)


def _key(name: str) -> str:
    """A TOML key: bare when it can be, else quoted (``"example.com"``)."""
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml(name)


def _tables(prefix: str, tables: dict[str, dict[str, Any]], origin: str) -> list[str]:
    lines = []
    for name, values in tables.items():
        lines += ["", f"[{prefix}.{_key(name)}]  # {origin}"]
        for key, value in values.items():
            if isinstance(value, dict):
                lines += _tables(f"{prefix}.{_key(name)}.{key}", value, origin)
            else:
                lines.append(f"{key} = {_toml(value)}")
    return lines


def settings_lines(settings: dict[str, Any], origins: dict[str, str], config_file: str | None) -> list[str]:
    """The effective settings as TOML, each with where it came from: the config file, a flag, or the default."""
    lines = [f"# config file: {config_file or 'none found; defaults and flags only'}"]
    tables = []
    for key, value in settings.items():
        origin = origins[key]
        if key == "per-file-ignores":
            tables += ["", f"[per-file-ignores]  # {origin}", *(f"{_toml(g)} = {_toml(c)}" for g, c in value.items())]
        elif key in ("rules", "sites"):
            tables += _tables(key, value, origin)
        elif value is None:
            lines.append(f"# {key} is not set  # {origin}")
        else:
            lines.append(f"{key} = {_toml(value)}  # {origin}")
    return lines + tables
