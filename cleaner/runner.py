"""What the commands do, callable from Python: clean a tree into a folder,
check it, fix it in place, restore it. The CLI only parses options and prints.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .change import Result
from .engine import Cleaner
from .files import Decoded, InputError, Source, atomic_write, iter_sources, read_source
from .log import file_log, restore_bytes

CHANGES_DIR = "_changes"
SUMMARY = Path("summary.json")


@dataclass
class Outcome:
    """What happened to one file: its result, or the error that stopped it."""

    path: Path
    relative: Path
    raw: bytes = b""
    decoded: Decoded | None = None
    result: Result | None = None
    error: str | None = None


@dataclass
class Summary:
    files_seen: int = 0
    files_changed: int = 0
    lines_dropped: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    rules: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.files_seen += 1
        if outcome.error is not None:
            self.failures.append({"path": str(outcome.path), "error": outcome.error})
            return
        assert outcome.result is not None
        self.files_changed += outcome.result.changed
        for change in outcome.result.changes:
            self.rules.setdefault(f"{change.code} {change.name}", Counter())[change.action] += 1
            if change.action == "drop":
                self.lines_dropped += sum(1 for line in change.before.splitlines() if line.strip())

    def to_dict(self) -> dict[str, Any]:
        return {
            "files_seen": self.files_seen,
            "files_changed": self.files_changed,
            "files_failed": len(self.failures),
            "lines_dropped": self.lines_dropped,
            "failures": self.failures,
            "rules": {rule: dict(sorted(counts.items())) for rule, counts in sorted(self.rules.items())},
        }


def process(source: Source, cleaner: Cleaner) -> Outcome:
    outcome = Outcome(source.path, source.relative)
    try:
        outcome.raw, outcome.decoded = read_source(source.path)
    except InputError as error:
        outcome.error = str(error)
        return outcome
    outcome.result = cleaner.clean(outcome.decoded.text, path=str(source.path))
    return outcome


def outcomes(roots: list[Path], cleaner: Cleaner, exclude: Path | None = None) -> Iterator[Outcome]:
    """Process every file under ``roots`` (except those under ``exclude``), in a stable order."""
    for item in iter_sources(roots):
        if isinstance(item, tuple):
            path, cause = item
            yield Outcome(path, Path(path.name), error=cause)
        elif exclude is None or not item.path.resolve().is_relative_to(exclude):
            yield process(item, cleaner)


def clean_tree(roots: list[Path], out: Path, cleaner: Cleaner,
               report: Callable[[Outcome], None] = lambda outcome: None) -> Summary:
    """Write cleaned copies to ``out/<relative path>`` and logs to ``out/_changes/``."""
    out = out.resolve()
    for root in roots:
        source = root.resolve()
        if source.is_dir() and out.is_relative_to(source):
            raise InputError(f"{out}: the output folder must not be inside the source {root}")
        if source.is_relative_to(out):
            raise InputError(f"{out}: the output folder must not hold the source {root} (it would be overwritten)")
    summary = Summary()
    written: set[Path] = set()
    for outcome in outcomes(roots, cleaner):
        if outcome.result is not None:
            outcome.error = _write_outputs(out, written, outcome)
            if outcome.error:
                outcome.result = None
        report(outcome)
        summary.add(outcome)
    atomic_write(out / CHANGES_DIR / SUMMARY, _json(summary.to_dict()))
    return summary


def _write_outputs(out: Path, written: set[Path], outcome: Outcome) -> str | None:
    """Write one cleaned file and its log; return the error that prevented it, if any."""
    assert outcome.result is not None and outcome.decoded is not None
    target = out / outcome.relative
    if target in written:
        return f"another source is also written to {target}"
    if outcome.relative == SUMMARY.with_suffix(""):
        return f"its log would overwrite the run summary {CHANGES_DIR}/{SUMMARY}"
    written.add(target)
    log = file_log(str(outcome.path), outcome.raw, outcome.decoded, outcome.result)
    try:
        atomic_write(target, outcome.result.text.encode("utf-8"))
        atomic_write(out / CHANGES_DIR / f"{outcome.relative}.json", _json(log))
    except OSError as error:
        return f"cannot write {target}: {error.strerror or error}"
    return None


def fix_tree(roots: list[Path], cleaner: Cleaner,
             report: Callable[[Outcome], None] = lambda outcome: None) -> Summary:
    """Rewrite changed files in place, atomically, as UTF-8."""
    summary = Summary()
    for outcome in outcomes(roots, cleaner):
        if outcome.result is not None and outcome.result.changed:
            try:
                atomic_write(outcome.path, outcome.result.text.encode("utf-8"))
            except OSError as error:
                outcome.error, outcome.result = f"cannot write: {error.strerror or error}", None
        report(outcome)
        summary.add(outcome)
    return summary


def restore_tree(out: Path, dest: Path) -> list[tuple[Path, str]]:
    """Rebuild the original files of a ``clean`` output folder under ``dest``; return failures."""
    failures = []
    logs = sorted((out / CHANGES_DIR).rglob("*.json"))
    for log_path in logs:
        relative = log_path.relative_to(out / CHANGES_DIR)
        if relative == SUMMARY:
            continue
        relative = relative.with_name(relative.name.removesuffix(".json"))
        try:
            original = restore_file(out / relative, log_path)
        except (InputError, OSError, ValueError, KeyError) as error:
            failures.append((out / relative, str(error)))
            continue
        atomic_write(dest / relative, original)
    return failures


def restore_file(cleaned: Path, log_path: Path) -> bytes:
    log = json.loads(log_path.read_text(encoding="utf-8"))
    return restore_bytes(cleaned.read_bytes(), log)


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
