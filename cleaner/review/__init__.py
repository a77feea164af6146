"""Reviewing a ``clean`` run: what each rule removed, where, and why (``cleaner report OUT``).

Read from OUT alone (the change logs in ``OUT/_changes/`` and the cleaned
copies), so it works on any run, of any ``--jobs``:

- ``OUT/_changes/report.html``: one self-contained page (``write_page``);
- ``OUT/_changes/removed.jsonl``: every removed line (``write_removed``);
- a Markdown summary for a terminal or a CI job summary (``markdown``).

``restore`` reads only the ``.json`` logs of ``_changes/``, so these files do
not disturb it.

>>> from pathlib import Path
>>> report(Path("no-such-run"))
Traceback (most recent call last):
cleaner.files.InputError: no-such-run: not a `cleaner clean` output folder (it has no _changes/)
"""

from __future__ import annotations

from pathlib import Path

from ..files import CHANGES_DIR
from .markdown import markdown
from .page import REPORT_NAME, write_page
from .removed import REMOVED_NAME, write_removed
from .run import Review, load_review

__all__ = ["Review", "load_review", "markdown", "report", "write_page", "write_removed"]


def report(out: Path, rules_dirs: list[Path] | None = None) -> tuple[Path, Path]:
    """Write the review page and ``removed.jsonl`` of the run in ``out``; return their paths."""
    review = load_review(out)
    page, removed = out / CHANGES_DIR / REPORT_NAME, out / CHANGES_DIR / REMOVED_NAME
    write_removed(review.documents, removed)
    write_page(review, page, rules_dirs)
    return page, removed
