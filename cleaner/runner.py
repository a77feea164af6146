"""What the commands do, callable from Python: clean a tree into a folder,
check it, fix it in place, restore it. The CLI only parses options and prints.

Each file is read in its format (``cleaner.formats``): text, JSON Lines or
HTML. A ``Project`` says which rules run on which document.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import prepare as prepare_corpus, put_back, withhold
from .engine import Cleaner
from .files import InputError, Source, atomic_write, cause, iter_sources, read_bytes
from .formats import Format, Processed, ReadOptions, format_of, format_of_log
from .project import Project

CHANGES_DIR = "_changes"
SUMMARY = Path("summary.json")

Item = Source | tuple[Path, str]


@dataclass
class Outcome:
    """What happened to one file: its cleaned documents, or the error that stopped it.

    ``skipped`` says why a file was left alone (HTML is not fixed in place).
    """

    path: Path
    relative: Path
    format: Format | None = None
    size: int = 0
    processed: Processed | None = None
    error: str | None = None
    skipped: str | None = None


@dataclass
class Summary:
    """Counts for the end of a run; ``failures`` are whole files, ``record_failures`` JSONL lines."""

    files_seen: int = 0
    files_changed: int = 0
    lines_dropped: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    failures: list[dict[str, str]] = field(default_factory=list)
    record_failures: list[dict[str, str]] = field(default_factory=list)
    rules: dict[str, Counter[str]] = field(default_factory=dict)
    #: The corpus pass's counts and duplicate groups (``clean --corpus``), else None.
    corpus: dict[str, Any] | None = None
    interrupted: bool = False

    def add(self, outcome: Outcome) -> None:
        self.files_seen += 1
        self.bytes_read += outcome.size
        if outcome.error is not None:
            self.failures.append({"path": str(outcome.path), "error": outcome.error})
        if outcome.processed is None:
            return
        self.record_failures += [{"path": f"{outcome.path}:{line}", "error": cause}
                                 for line, cause in outcome.processed.problems]
        self.files_changed += outcome.processed.changed
        for piece in outcome.processed.pieces:
            for change in piece.result.changes:
                self.rules.setdefault(f"{change.code} {change.name}", Counter())[change.action] += 1
                if change.action == "drop" and change.applied:
                    self.lines_dropped += sum(1 for line in change.before.splitlines() if line.strip())

    @property
    def failed(self) -> bool:
        return bool(self.failures or self.record_failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "interrupted": self.interrupted,
            "files_seen": self.files_seen,
            "files_changed": self.files_changed,
            "files_failed": len(self.failures),
            "records_failed": len(self.record_failures),
            "lines_dropped": self.lines_dropped,
            "failures": self.failures + self.record_failures,
            "rules": {rule: dict(sorted(counts.items())) for rule, counts in sorted(self.rules.items())},
            **({"corpus": self.corpus} if self.corpus is not None else {}),
        }


def process_bytes(path: Path, raw: bytes, project: Project, options: ReadOptions,
                  relative: Path | None = None) -> Outcome:
    """Clean the bytes of one file (or of stdin, named ``path``) in the format its name says."""
    fmt = format_of(path)
    outcome = Outcome(path, relative or Path(path.name), fmt, len(raw))
    try:
        outcome.processed = fmt.process(str(path), raw, lambda url: project.cleaner_for(path, url), options)
    except InputError as error:
        outcome.error = str(error)
    return outcome


def process(item: Item, project: Project, options: ReadOptions, in_place: bool = False) -> Outcome:
    """Read and clean one file; with ``in_place``, leave alone files that cannot be rewritten in place."""
    if isinstance(item, tuple):
        path, cause = item
        return Outcome(path, Path(path.name), error=cause)
    if in_place and not format_of(item.path).in_place:
        return Outcome(item.path, item.relative, skipped="HTML is cleaned into text by `clean`, not in place")
    try:
        raw = read_bytes(item.path, options.max_bytes)
    except InputError as error:
        return Outcome(item.path, item.relative, error=str(error))
    return process_bytes(item.path, raw, project, options, item.relative)


def collect(roots: list[Path], project: Project) -> list[Item]:
    """The files to process, in a stable order; ``exclude`` applies to files found in folders."""
    return list(iter_sources(roots, project.excluded))


def outcomes(items: Iterable[Item], project: Project, options: ReadOptions = ReadOptions(),
             in_place: bool = False) -> Iterator[Outcome]:
    """Each item's outcome, in the order of ``items``, from ``options.jobs`` worker processes.

    Workers get the project once, when they start (rules are compiled once per
    worker); outcomes come back in order, so output, logs and summary are the
    same bytes for any number of workers.
    """
    if options.jobs <= 1:
        for item in items:
            yield process(item, project, options, in_place)
        return
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(options.jobs, _start_worker, (project, options, in_place)) as pool:
        yield from pool.imap(_process_in_worker, items, chunksize=WORKER_CHUNK)


#: Files handed to a worker at a time: enough to amortise the hand-over, few enough to balance the load.
WORKER_CHUNK = 4
_worker: tuple[Project, ReadOptions, bool] | None = None


def _start_worker(project: Project, options: ReadOptions, in_place: bool) -> None:
    """Pool initializer: keep what every file needs; leave Ctrl-C to the parent, which stops the pool.

    A forked worker inherits the parent's SIGTERM handler; it must die quietly when the pool ends it.
    """
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker = (project, options, in_place)


def _process_in_worker(item: Item) -> Outcome:
    assert _worker is not None, "the pool initializer did not run"
    project, options, in_place = _worker
    return process(item, project, options, in_place)


def _check_output_folder(roots: list[Path], out: Path) -> None:
    for root in roots:
        source = root.resolve()
        if source.is_dir() and out.is_relative_to(source):
            raise InputError(f"{out}: the output folder must not be inside the source {root}")
        if source.is_relative_to(out):
            raise InputError(f"{out}: the output folder must not hold the source {root} (it would be overwritten)")
    try:
        (out / CHANGES_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{out}: cannot create the output folder: {cause(error)}") from error


def clean_tree(roots: list[Path], out: Path, project: Project | Cleaner, options: ReadOptions = ReadOptions(),
               report: Callable[[Outcome], None] = lambda outcome: None,
               progress: Callable[[list[Item]], Iterable[Item]] = lambda items: items,
               engine: Callable[..., Iterable[Outcome]] | None = None) -> Summary:
    """Write cleaned copies to ``out/<relative path>`` and logs to ``out/_changes/``.

    ``engine`` replaces ``outcomes`` (e.g. ``cleaner.ray.outcomes_on_ray()``); it must yield in order.
    """
    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.of(project)
    out = out.resolve()
    _check_output_folder(roots, out)
    project, corpus = prepare_corpus(collect(roots, project), project, options)
    summary = Summary(corpus=corpus)
    written: set[Path] = set()
    try:
        for outcome in (engine or outcomes)(progress(collect(roots, project)), project, options):
            if outcome.processed is not None:
                outcome.error = _write_outputs(out, written, outcome)
                if outcome.error:
                    outcome.processed = None
            report(outcome)
            summary.add(outcome)
    except KeyboardInterrupt:  # and SIGTERM (see cli): the summary says what was done
        summary.interrupted = True
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        try:
            atomic_write(out / CHANGES_DIR / SUMMARY, to_json(summary.to_dict()))
        except OSError as error:
            raise InputError(f"{out / CHANGES_DIR / SUMMARY}: cannot write the run summary: {cause(error)}") from error
    return summary


def _write_outputs(out: Path, written: set[Path], outcome: Outcome) -> str | None:
    """Write one cleaned file and its log; return the error that prevented it, if any."""
    assert outcome.processed is not None and outcome.format is not None
    relative = outcome.format.output_name(outcome.relative)
    target = out / relative
    if target in written:
        return f"another source is also written to {target}"
    if relative == SUMMARY.with_suffix(""):
        return f"its log would overwrite the run summary {CHANGES_DIR}/{SUMMARY}"
    written.add(target)
    try:
        output = withhold(outcome.processed)  # None: a dropped duplicate, not written
        if output is not None:
            atomic_write(target, output)
        atomic_write(out / CHANGES_DIR / f"{relative}.json", to_json(outcome.processed.log))
    except OSError as error:
        return f"cannot write {target}: {cause(error)}"
    return None


def fix_tree(roots: list[Path], project: Project | Cleaner, options: ReadOptions = ReadOptions(),
             report: Callable[[Outcome], None] = lambda outcome: None,
             progress: Callable[[list[Item]], Iterable[Item]] = lambda items: items) -> Summary:
    """Rewrite changed files in place, atomically (text as UTF-8; JSONL records in their own style)."""
    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.of(project)
    summary = Summary()
    for outcome in outcomes(progress(collect(roots, project)), project, options, in_place=True):
        if outcome.processed is not None and outcome.processed.changed:
            try:
                atomic_write(outcome.path, outcome.processed.output)
            except OSError as error:
                outcome.error, outcome.processed = f"cannot write: {cause(error)}", None
        report(outcome)
        summary.add(outcome)
    summary.seconds = time.perf_counter() - started
    return summary


def restore_tree(out: Path, dest: Path, notes: list[tuple[Path, str]] | None = None) -> list[tuple[Path, str]]:
    """Rebuild the original files of a ``clean`` output folder under ``dest``; return the failures.

    Outputs made from HTML cannot be rebuilt (their source was never changed):
    they are added to ``notes``, not counted as failures.
    """
    failures = []
    for log_path in sorted((out / CHANGES_DIR).rglob("*.json")):
        relative = log_path.relative_to(out / CHANGES_DIR)
        if relative == SUMMARY:
            continue
        relative = relative.with_name(relative.name.removesuffix(".json"))
        log = None
        try:
            log = json.loads(log_path.read_text(encoding="utf-8"))
            original = restore_file(out / relative, log)
        except (InputError, OSError, ValueError, KeyError) as error:
            from_html = isinstance(log, dict) and log.get("format") == "html"
            (notes if from_html and notes is not None else failures).append((out / relative, str(error)))
            continue
        atomic_write(dest / relative, original)
    return failures


def restore_file(cleaned: Path, log: dict[str, Any]) -> bytes:
    """The original bytes of one cleaned file, from its log (a dict, as read from the JSON file)."""
    return format_of_log(log, cleaned).restore(put_back(cleaned, log), log)


def to_json(data: Any) -> bytes:
    # Lone surrogates (undecodable file names, JSON "\\ud800") can only sit in JSON strings: escape them there.
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "backslashreplace")
