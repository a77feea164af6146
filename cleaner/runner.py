"""What the commands do, callable from Python: clean a tree into a folder,
check it, fix it in place, restore it. The CLI only parses options and prints.

Each file is read in its format (``cleaner.formats``): text and HTML whole,
JSON Lines streamed record by record. A ``Project`` says which rules run on
which document. Files are cleaned by ``cleaner.processing`` (in worker
processes with ``--jobs``); the run moves the copies and logs they staged
into OUT in processing order, so output, logs and summary are the same bytes
for any ``--jobs``.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .corpus import prepare as prepare_corpus
from .engine import Cleaner
from .files import CHANGES_DIR, InputError, Source, atomic_file, atomic_write, cause, commit, remove_staged, run_tag
from .formats import Processed, ReadOptions, format_of, format_of_log
from .logcheck import check_log
from .logstream import open_log, to_json
from .processing import Item, Outcome, outcomes
from .project import Project
from .summary import Summary
from .walk import iter_sources, require_sources

SUMMARY = Path("summary.json")


class Files:
    """The files to process, in a stable order; ``exclude`` applies to files found in folders.

    Listed again on each pass, never held whole, so a corpus of millions of files takes no more memory
    than one; ``len()`` counts them once, with a listing of its own.
    """

    def __init__(self, roots: list[Path], project: Project, sweep: bool = False) -> None:
        self.roots, self.excluded, self.sweep = list(roots), project.excluded, sweep

    def __iter__(self) -> Iterator[Item]:
        return iter_sources(self.roots, self.excluded, self.sweep)

    def __len__(self) -> int:
        return self.count

    @cached_property
    def count(self) -> int:
        return sum(1 for _ in self)


def collect(roots: list[Path], project: Project, sweep: bool = False) -> Files:
    """The files under ``roots`` that ``project`` does not exclude (see ``Files``); ``sweep``: remove the
    temporary files killed runs left beside them (``iter_sources``)."""
    return Files(roots, project, sweep)


def clean_tree(roots: list[Path], out: Path, project: Project | Cleaner, options: ReadOptions = ReadOptions(),
               report: Callable[[Outcome], None] = lambda outcome: None,
               progress: Callable[[list[Item]], Iterable[Item]] = lambda items: items,
               engine: Callable[..., Iterator[Outcome]] | None = None) -> Summary:
    """Write cleaned copies to ``out/<relative path>`` and logs to ``out/_changes/``.

    ``engine`` replaces ``outcomes`` (e.g. ``cleaner.ray.outcomes_on_ray()``); it must be a generator that
    yields in order.
    """
    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.of(project)
    out = out.resolve()
    require_sources(roots)
    staging = _prepare_output_folder(roots, out)
    project, corpus = prepare_corpus(collect(roots, project), project, options)
    summary = Summary(corpus=corpus)
    output = Output(out)
    options = replace(options, staging=staging)
    try:
        # closing: on an interrupt the workers stop before their staging folder is removed
        with closing((engine or outcomes)(progress(collect(roots, project)), project, options)) as found:
            for outcome in found:
                with _uninterrupted():
                    if outcome.processed is not None:
                        outcome.error = output.write(outcome)
                        if outcome.error:
                            outcome.processed = None
                    report(outcome)
                    summary.add(outcome)
        summary.removed = output.remove_stale()
    except KeyboardInterrupt:  # and SIGTERM (see cli): the summary says what was done
        summary.interrupted = True
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        summary.seconds = time.perf_counter() - started
        try:
            atomic_write(out / CHANGES_DIR / SUMMARY, to_json(summary.to_dict()), durable=False)
        except OSError as error:
            raise InputError(f"{out / CHANGES_DIR / SUMMARY}: cannot write the run summary: {cause(error)}") from error
    return summary


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while a file is put in place and reported: every file a run writes is in
    its report and summary, even when it is interrupted (the signal acts once the block ends)."""
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    held: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous[signum] = signal.signal(signum, lambda number, frame: held.append(number))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            signal.raise_signal(held[0])


def _prepare_output_folder(roots: list[Path], out: Path) -> Path:
    """Check that OUT and the sources are apart, create OUT; return a new hidden staging folder in it."""
    for root in roots:
        source = root.resolve()
        if source.is_dir() and out.is_relative_to(source):
            raise InputError(f"{out}: the output folder must not be inside the source {root}")
        if source.is_relative_to(out):
            raise InputError(f"{out}: the output folder must not hold the source {root} (it would be overwritten)")
    try:
        (out / CHANGES_DIR).mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=out, prefix=".staging-"))
    except OSError as error:
        raise InputError(f"{out}: cannot create the output folder: {cause(error)}") from error


@dataclass
class Output:
    """OUT as a run fills it: the files it has written and the folders it has made (each made once).

    ``folders`` grows with the corpus's folders, ``written`` with its files: as text, about 100 bytes a file."""

    root: Path
    #: Paths relative to ``root``, as text: they are kept for the whole run, so kept small.
    written: set[str] = field(default_factory=set)
    folders: set[Path] = field(default_factory=set)

    def write(self, outcome: Outcome) -> str | None:
        """Move one cleaned file and its log from the staging folder into OUT; return the error that prevented it."""
        assert outcome.processed is not None and outcome.format is not None
        processed = outcome.processed
        relative = outcome.format.output_name(outcome.relative)
        target = self.root / relative
        error = None
        if str(relative) in self.written:
            error = f"another source is also written to {target}"
        elif relative == SUMMARY.with_suffix(""):
            error = f"its log would overwrite the run summary {CHANGES_DIR}/{SUMMARY}"
        else:
            self.written.add(str(relative))
            error = self._put_both(target, self.root / CHANGES_DIR / f"{relative}.json", processed)
        if error is not None:
            processed.discard()
        return error

    def remove_stale(self) -> list[str]:
        """Remove what an earlier run wrote into OUT for a source this run did not write (a source deleted since,
        or not given this time): each change log in ``_changes`` without an output of this run, and the copy it
        belongs to. Files with no log of ours are left alone. Returns the copies' paths, relative to OUT."""
        changes, removed = self.root / CHANGES_DIR, []
        for log_path in _logs(changes):
            relative = log_path.relative_to(changes).with_suffix("")
            if str(relative) in self.written or relative == SUMMARY.with_suffix("") or not _is_log(log_path):
                continue
            with suppress(OSError):
                (self.root / relative).unlink(missing_ok=True)
                log_path.unlink()
                removed.append(str(relative))
        return sorted(removed)

    def _put_both(self, target: Path, log_path: Path, processed: Processed) -> str | None:
        """Move a file's log, then its copy into OUT; return the error that prevented it.

        The log goes first: a copy in OUT always has its log. If the copy cannot be written, its log is
        removed, and so is the copy a run before this one left there: OUT holds nothing of the file."""
        try:
            self._put(log_path, processed.log)
        except OSError as failure:
            return f"cannot write its change log {log_path}: {cause(failure)}"
        try:
            self._put(target, processed.output)  # None: a dropped duplicate, not written
        except OSError as failure:
            for path in (log_path, target):
                with suppress(OSError):  # a folder in the copy's place stays
                    path.unlink(missing_ok=True)
            return f"cannot write {target}: {cause(failure)}"
        return None

    def _put(self, path: Path, content: bytes | dict[str, Any] | Path | None) -> None:
        """Write bytes or a log to ``path``, or move a staged file there; None: nothing.

        Not fsynced: OUT is a new copy (a power cut can only cost a rerun); ``fix`` fsyncs what it rewrites."""
        if content is None:
            return
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        if isinstance(content, Path):
            commit(content, path, durable=False, fresh=True)
        else:
            atomic_write(path, to_json(content) if isinstance(content, dict) else content, durable=False)


def _logs(changes: Path) -> Iterator[Path]:
    """The ``.json`` files under ``changes``, a folder's listing at a time (a listing of a large OUT is not held)."""
    for folder, _, names in os.walk(changes):
        yield from (Path(folder, name) for name in names if name.endswith(".json"))


def _is_log(path: Path) -> bool:
    """Whether ``path`` is a change log, by its first bytes (a log may be large): a JSON object with a version."""
    try:
        with path.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False
    return start.lstrip().startswith(b"{") and b'"version"' in start


def fix_tree(roots: list[Path], project: Project | Cleaner, options: ReadOptions = ReadOptions(),
             report: Callable[[Outcome], None] = lambda outcome: None,
             progress: Callable[[list[Item]], Iterable[Item]] = lambda items: items) -> Summary:
    """Rewrite changed files in place, atomically (text as UTF-8; JSONL records in their own style).

    The notes of each outcome hold the unsafe fixes that were held back.
    """
    started = time.perf_counter()
    project = project if isinstance(project, Project) else Project.of(project)
    require_sources(roots)
    summary = Summary()
    items = collect(roots, project, sweep=True)
    options = replace(options, show="fix", tag=run_tag())
    try:
        with closing(outcomes(progress(items), project, options, in_place=True)) as found:
            for outcome in found:
                with _uninterrupted():
                    _fix_in_place(outcome)
                    report(outcome)
                    summary.add(outcome)
    except BaseException:  # the workers are stopped: remove what they left of the files they were rewriting
        for item in items:
            if isinstance(item, Source) and format_of(item.path).streams:
                remove_staged(item.path.resolve(), options.tag)
        raise
    summary.seconds = time.perf_counter() - started
    return summary


def _fix_in_place(outcome: Outcome) -> None:
    """Put a changed file's new version in place: its bytes (a file read whole) or the file a streamed one was
    rewritten into, beside it."""
    processed = outcome.processed
    if processed is None or not processed.changed or processed.output is None:
        return
    try:
        if isinstance(processed.output, bytes):
            atomic_write(outcome.path.resolve(), processed.output)  # through a link: it stays one
        else:
            commit(processed.output, outcome.path.resolve())
    except OSError as error:
        outcome.error, outcome.processed = f"cannot write: {cause(error)}", None


def restore_tree(out: Path, dest: Path, notes: list[tuple[Path, str]] | None = None) -> list[tuple[Path, str]]:
    """Rebuild the original files of a ``clean`` output folder under ``dest``; return the failures.

    Each log is restored, and each cleaned file without a log is a failure. Outputs made from HTML cannot be
    rebuilt (their source was never changed): they are added to ``notes``, not counted as failures.
    """
    failures = []
    changes = out / CHANGES_DIR
    for log_path in sorted(path for path in changes.rglob("*.json") if path.is_file()):
        relative = log_path.relative_to(changes)
        if relative == SUMMARY:
            continue
        relative = relative.with_name(relative.name.removesuffix(".json"))
        try:
            restore_file(out / relative, log_path, dest / relative)
        except (InputError, OSError, ValueError, KeyError) as error:
            (notes if _from_html(log_path) and notes is not None else failures).append((out / relative, str(error)))
    return failures + list(_without_log(out))


def _without_log(out: Path) -> Iterator[tuple[Path, str]]:
    """The files of a ``clean`` output folder that have no change log (and the paths in it that are not files)."""
    for cleaned in iter_sources([out]):
        if isinstance(cleaned, tuple):  # a broken link, a folder that cannot be listed
            yield cleaned
        elif not (log := out / CHANGES_DIR / f"{cleaned.relative}.json").is_file():
            yield cleaned.path, f"it has no change log ({log}), so it cannot be restored"


def restore_file(cleaned: Path, log_path: Path, dest: Path) -> None:
    """Rebuild the original of one cleaned file at ``dest`` (atomically) from its log, reading both as streams.

    The log is checked first (``check_log``); ``dest`` is written only if the original's sha256 matches."""
    fmt = format_of_log(check_log(log_path), cleaned)
    with atomic_file(dest) as out:
        fmt.restore(cleaned, log_path, out)


def _from_html(log_path: Path) -> bool:
    try:
        with open_log(log_path) as log:
            return log.get("format") == "html"
    except (OSError, ValueError):
        return False
