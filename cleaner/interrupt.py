"""Stopping a run cleanly on Ctrl-C (SIGINT) or ``kill`` (SIGTERM).

The command catches the interrupt, says how far the run got and exits with
128 + the signal's number (130, 143), as shells do. Every file already
written is complete, since writes are atomic (``files.atomic_write``). With
a process pool, the workers should ignore SIGINT and the parent, which gets
the interrupt here, terminates the pool.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click

from .processing import Outcome


@dataclass
class Tally:
    """How far a run got, for 'interrupted after N of M files'."""

    done: int = 0
    total: int = 0

    def listed(self, progress: Callable) -> Callable:
        def wrap(items):
            self.total = len(items)
            return progress(items)
        return wrap

    def reported(self, report: Callable[[Outcome], object]) -> Callable[[Outcome], None]:
        def wrap(outcome: Outcome) -> None:
            self.done += 1
            report(outcome)
        return wrap


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, as Ctrl-C (SIGINT) raises KeyboardInterrupt."""

    signum = signal.SIGTERM


def _terminate(signum, frame) -> None:
    raise Terminated()


@contextmanager
def interruptible(tally: Tally, note: str = "") -> Iterator[None]:
    """Stop cleanly on SIGINT or SIGTERM: say how far the run got, exit 128 + the signal's number.

    Files already written are complete (writes are atomic); the one in progress is left as it was.
    """
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    except KeyboardInterrupt as stop:
        click.echo(f"interrupted after {tally.done} of {tally.total} files{note}", err=True)
        sys.exit(128 + getattr(stop, "signum", signal.SIGINT))
    finally:
        signal.signal(signal.SIGTERM, previous)
