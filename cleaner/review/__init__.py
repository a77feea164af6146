"""Reviewing a ``clean`` run: what each rule removed, where, and why (``cleaner report OUT``).

Read from OUT alone (the change logs in ``OUT/_changes/`` and the cleaned
copies), so it works on any run, of any ``--jobs``:

- ``OUT/_changes/report.html``: one self-contained page (``write_page``);
- ``OUT/_changes/removed.jsonl``: every removed line (``removed_jsonl``);
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

from ..files import CHANGES_DIR, atomic_file
from .documents import Document, read_run
from .markdown import markdown
from .page import REPORT_NAME, Views, write_page
from .removed import REMOVED_NAME, removed_jsonl
from .run import Review, load_review

__all__ = ["Document", "Review", "Views", "load_review", "markdown", "read_run", "removed_jsonl", "report",
           "write_page"]


def report(out: Path, rules_dirs: list[Path] | None = None) -> tuple[Path, Path]:
    """Write the review page and ``removed.jsonl`` of the run in ``out`` in one pass over its logs, holding one
    document at a time (and the page's packed views); return their paths."""
    page, removed = out / CHANGES_DIR / REPORT_NAME, out / CHANGES_DIR / REMOVED_NAME
    views = Views()
    documents = read_run(out)  # a folder `clean` did not write is an error before anything is written
    with atomic_file(removed, durable=False) as removed_file:
        def take(document: Document) -> None:
            removed_file.write(removed_jsonl(document))
            views.add(document)

        review = load_review(out, take, documents)
    write_page(review, views, page, rules_dirs)
    return page, removed
