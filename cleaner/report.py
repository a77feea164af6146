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
