"""One file read, cleaned and staged (``process``), and many at once in worker processes (``outcomes``).

An ``Outcome`` carries a file's ``Notes`` (counts, warnings, findings), never
its documents, so what a worker process sends back is small. A streamed file
is written where it is cleaned, which may be a worker: ``clean`` stages its
copy and log in a hidden folder in OUT, ``fix`` its new version beside it,
for the run to move into place in processing order (``cleaner.runner``), so
the run has done every rewrite it counts. Outcomes come back in the order of the files, so output, logs and
summary are the same bytes for any ``--jobs``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from .files import CHANGES_DIR, NEW_FILE_MODE, InputError, Source, atomic_file, open_source, read_bytes, read_stdin, staged
from .formats import Format, Notes, Pick, Processed, ReadOptions, Sink, StreamedFormat, format_of
from .logstream import to_json
from .project import Project
from .walk import Passed

Item = Source | Passed | tuple[Path, str]


@dataclass
class Outcome:
    """What happened to one file: its cleaned documents, or the error that stopped it.

    ``skipped`` says why a file was left alone (HTML is not fixed in place);
    ``warning``, why a path found in a folder was (a pipe, a link out of it).
    """

    path: Path
    relative: Path
    format: Format | None = None
    size: int = 0
    processed: Processed | None = None
    error: str | None = None
    skipped: str | None = None
    warning: str | None = None


def _notes(project: Project, path: Path, options: ReadOptions) -> Notes:
    """Empty notes for one file; ``check`` marks the findings of the file's safe rules fixable."""
    if options.show not in ("check", "diff"):
        return Notes(options.show)
    return Notes(options.show, frozenset(rule.code for rule in project.cleaner_for(path).rules if rule.fix == "safe"))


def _pick(project: Project, path: Path) -> Pick:
    return lambda url: project.cleaner_for(path, url)


def process(item: Item, project: Project, options: ReadOptions = ReadOptions(), in_place: bool = False) -> Outcome:
    """Read and clean one file; with ``in_place`` (``check``, ``fix``), leave alone files that cannot be
    rewritten in place."""
    if isinstance(item, Passed):
        return Outcome(item.path, Path(item.path.name), warning=item.why)
    if isinstance(item, tuple):
        path, cause = item
        return Outcome(path, Path(path.name), error=cause)
    fmt = format_of(item.path)
    if in_place and not fmt.in_place:
        return Outcome(item.path, item.relative, skipped="HTML is cleaned into text by `clean`, not in place")
    if options.show == "fix" and (links := _hard_links(item.path)) > 1:
        return Outcome(item.path, item.relative, fmt, warning=f"skipped: it has {links} hard links, and rewriting it "
                       "would split them; give it a copy of its own to fix it, or `cleaner clean` it into a folder")
    outcome = Outcome(item.path, item.relative, fmt)
    try:
        if fmt.streams:
            with open_source(item.path) as source:
                outcome.size = os.fstat(source.fileno()).st_size
                outcome.processed = _stream(item, source, fmt, project, options, in_place)
        else:
            raw = read_bytes(item.path, options.max_bytes)
            outcome.size = len(raw)
            outcome.processed = fmt.process(str(item.path), raw, _pick(project, item.path), options,
                                            _notes(project, item.path, options))
            if options.staging is not None and not in_place:
                outcome.processed = _stage(outcome.processed, options.staging, fmt.output_name(item.relative))
    except InputError as error:
        outcome.error = str(error)
    return outcome


def _hard_links(path: Path) -> int:
    """How many names the file has (1 for a file with no other hard link; 0 if it cannot be read)."""
    try:
        return os.stat(path).st_nlink
    except OSError:
        return 0


#: How a copy or log is staged for OUT: not fsynced (OUT is a new copy: a power cut costs a rerun), with the
#: usual mode of a new file.
FOR_OUT: dict[str, Any] = {"durable": False, "mode": NEW_FILE_MODE}


def _stage(processed: Processed, staging: Path, relative: Path) -> Processed:
    """Write a whole file's log and copy into the staging folder where it was cleaned (a worker, maybe),
    so the run only moves them into OUT: encoding and writing logs is spread over the workers."""
    output, (copy_shown, log_shown) = processed.output, _shown(staging, relative)
    with staged(staging, f"{relative.name}.json", shown=log_shown, **FOR_OUT) as (handle, log):
        handle.write(to_json(processed.log))
    if isinstance(output, bytes):
        try:
            with staged(staging, relative.name, shown=copy_shown, **FOR_OUT) as (handle, output):
                handle.write(processed.output)
        except InputError:
            log.unlink()
            raise
    return replace(processed, output=output, log=log)


def _shown(staging: Path, relative: Path) -> tuple[str, str]:
    """How errors name the copy and the log that are staged for OUT/``relative``."""
    out = staging.parent
    return str(out / relative), f"its change log {out / CHANGES_DIR / relative}.json"


def _stream(item: Source, source: BinaryIO, fmt: StreamedFormat, project: Project, options: ReadOptions,
            in_place: bool) -> Processed:
    """Clean a streamed file: ``fix`` stages its new version beside it (if it changed) and ``clean`` its copy
    and log in ``options.staging``, for the run to move into place in order; ``check`` writes nothing."""
    path = item.path
    notes, pick = _notes(project, path, options), _pick(project, path)
    if options.show == "fix":
        real = path.resolve()  # through a link: it stays one
        with staged(real.parent, real.name, options.tag) as (output, temp):
            problems = fmt.stream(str(path), source, pick, options, notes, Sink(output))
        if notes.changed:
            return Processed(notes, temp, problems=problems)
        temp.unlink()
        return Processed(notes, problems=problems)
    if in_place or options.staging is None:
        return Processed(notes, problems=fmt.stream(str(path), source, pick, options, notes, Sink()))
    copy_shown, log_shown = _shown(options.staging, fmt.output_name(item.relative))
    with staged(options.staging, path.name, shown=copy_shown, **FOR_OUT) as (output, copy), \
            staged(options.staging, f"{path.name}.json", shown=log_shown, **FOR_OUT) as (log, log_copy):
        problems = fmt.stream(str(path), source, pick, options, notes, Sink(output, log))
    return Processed(notes, copy, log_copy, problems)


def process_stdin(path: Path, stdin: BinaryIO, project: Project, options: ReadOptions,
                  stdout: BinaryIO | None = None, log_path: Path | None = None) -> Outcome:
    """Clean stdin, read in the format ``path`` names: the cleaned bytes go to ``stdout`` (None: nowhere), the
    log to ``log_path`` (if any). JSON Lines stream through record by record; other formats are read whole, up
    to ``--max-bytes``."""
    fmt = format_of(path)
    outcome = Outcome(path, Path(path.name), fmt)
    notes, pick = _notes(project, path, options), _pick(project, path)
    try:
        with atomic_file(log_path) if log_path is not None else nullcontext() as log:
            if fmt.streams:
                outcome.processed = Processed(notes, problems=fmt.stream(str(path), stdin, pick, options, notes,
                                                                          Sink(stdout, log)))
                return outcome
            outcome.processed = fmt.process(str(path), read_stdin(stdin, options.max_bytes), pick, options, notes)
            if stdout is not None and isinstance(outcome.processed.output, bytes):
                stdout.write(outcome.processed.output)
            if log is not None:
                log.write(to_json(outcome.processed.log))
    except InputError as error:
        outcome.error, outcome.processed = str(error), None
    return outcome


def outcomes(items: Iterable[Item], project: Project, options: ReadOptions = ReadOptions(),
             in_place: bool = False) -> Iterator[Outcome]:
    """Each item's outcome, in the order of ``items``, from ``options.jobs`` worker processes.

    Workers get the project once, when they start (rules are compiled once per
    worker); outcomes come back in order, so output, logs and summary are the
    same bytes for any number of workers.
    """
    if options.jobs <= 1:
        with fewer_collections():
            for item in items:
                yield process(item, project, options, in_place)
        return
    context = multiprocessing.get_context(_start_method())
    with _sigterm_held():  # the workers start with SIGTERM held: see _start_worker
        pool = context.Pool(options.jobs, _start_worker, (project, options, in_place))
    with pool:
        yield from pool.imap(_process_in_worker, items, chunksize=WORKER_CHUNK)


#: The cyclic garbage collector's thresholds while files are cleaned (Python's own are 700, 10, 10). A
#: cleaning makes millions of short-lived lists and tuples, a record a line, few of them in cycles: with
#: Python's thresholds the collector took 0.73 s of a 24 CPU s cleaning of ``bench/speed.py``'s corpus, most of
#: it in full passes over the line facts a cleaner keeps; with these, 0.07 s.
GC_THRESHOLDS = (10_000, 10, 10)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the garbage collector's ``GC_THRESHOLDS``, then put back the thresholds it had."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def _sigterm_held() -> Iterator[None]:
    """Hold SIGTERM back in this thread (and in the processes it forks) while the block runs; one that came
    meanwhile acts when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_method() -> str:
    """How to start workers: fork on Linux while this process runs a single thread, so the workers inherit
    the imported code and compiled rules (about 0.5 s less start-up per worker, measured by bench/speed.py);
    else forkserver, as forking a process whose other threads (a progress bar's) may hold locks is unsafe;
    spawn where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


#: Files handed to a worker at a time: enough to amortise the hand-over, few enough to balance the load.
#: With 4, the parent process spent about 1.4 CPU s handing 3,306 files to two workers and taking their
#: outcomes back, CPU the workers then lacked on two cores; with 16, about 0.9 s.
WORKER_CHUNK = 16
_worker: tuple[Project, ReadOptions, bool] | None = None


def _start_worker(project: Project, options: ReadOptions, in_place: bool) -> None:
    """Pool initializer: keep what every file needs; leave Ctrl-C to the parent, which stops the pool.

    A forked worker inherits the parent's SIGTERM handler; it must die at once when the pool ends it (a Python
    handler can miss the signal while the worker waits for its next file, and the pool would wait for ever).
    It starts with SIGTERM held (``outcomes``), so a pool ended before this ran (a run with nothing to do) does
    not lose its signal to the inherited handler: once the default is set, the held signal ends the worker.
    The files it was writing are removed by the run: ``clean``'s staging folder, ``fix``'s tagged copies.
    """
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    gc.set_threshold(*GC_THRESHOLDS)  # a worker only cleans files: see fewer_collections
    _worker = (project, options, in_place)


def _process_in_worker(item: Item) -> Outcome:
    assert _worker is not None, "the pool initializer did not run"
    project, options, in_place = _worker
    return process(item, project, options, in_place)
