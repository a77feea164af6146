"""``report.html``: one self-contained page to review a run (no network: CSS, script and data are inline).

The page is ``page.html`` with ``page.css``, ``page.js`` and the run's data
(JSON) put in. The data holds, per rule, its counts and a sample of its
changes with a line of context above and below; per document with changes,
its name, which rules and actions touched it, and its view: its lines around
each change (``cleaner.review.view``), packed (gzip, base64), unpacked and
drawn only when it is opened. The rules' documentation is embedded as
``cleaner rules CODE`` prints it. The same run always gives the same bytes:
nothing in the page depends on the time, the machine or where OUT is.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from .. import __version__
from ..change import ACTIONS, Change
from ..files import atomic_write
from ..rules import RuleError, load_rules
from ..ruledoc import describe  # the words of `cleaner rules CODE`, so the page and the command say the same
from .documents import Document
from .run import Review
from .view import rows, whole_lines

REPORT_NAME = "report.html"
#: The summary items the page shows.
SUMMARY_ITEMS = ("files_seen", "files_changed", "lines_dropped", "files_failed")


def rule_docs(codes: Iterable[str], rules_dirs: list[Path] | None = None) -> dict[str, str]:
    """Each code's documentation as ``cleaner rules CODE`` prints it (rules of ``rules_dirs`` too); a code no
    rule file defines (a rule of a folder not given) gets a line saying so."""
    try:
        known = {rule.code: rule for rule in load_rules(list(rules_dirs or []))}
    except RuleError as error:
        known, problem = {}, f" ({error})"
    else:
        problem = ""
    return {code: describe(known[code]) if code in known else
            f"{code} is not a built-in rule{problem}: see the rules folder the run used (`--rules-dir`)."
            for code in codes}


@dataclass
class Views:
    """The documents of a run as the page lists and shows them, added one at a time as the run is read: each
    one's entry in the file list and its packed view (``pack``), and the reasons they give.

    Reasons repeat (a rule gives the same one for many lines): each is kept once, in ``reasons``, and
    referred to by its place there."""

    files: list[list[Any]] = field(default_factory=list)
    packed: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)

    def add(self, document: Document) -> None:
        keys = sorted({f"{change.code}:{change.action}" for change in document.changes})
        counts = [sum(change.action == action for change in document.changes) for action in ACTIONS]
        self.files.append([document.name, keys, counts])
        self.packed.append(pack([rows(document), [self._change(change) for change in document.changes]]))

    def reason(self, text: str) -> int:
        """The place of a reason in ``reasons`` (added if new)."""
        return self.reasons.setdefault(text, len(self.reasons))

    def _change(self, change: Change) -> list[Any]:
        """A change in a view; a whole-line drop leaves out its text (the view's rows hold those lines)."""
        before = "" if whole_lines(change) else change.before
        return [change.code, change.action, change.line, change.col, before, change.after, self.reason(change.reason)]


def page_data(review: Review, views: Views, docs: dict[str, str]) -> dict[str, Any]:
    """What the page shows, as plain values (arrays rather than objects, to keep big runs small)."""
    summary = review.summary
    samples = [[s.code, s.action, s.document, s.line, s.above, s.text, s.after, s.below, views.reason(s.reason)]
               for rule in review.rules for s in rule.samples]
    return {
        "summary": None if summary is None else {key: summary.get(key, 0) for key in SUMMARY_ITEMS},
        "actions": list(ACTIONS),
        "rules": [[rule.code, rule.name, rule.counts(), rule.documents] for rule in review.rules],
        "docs": docs,
        "samples": samples,
        "files": views.files,
        "views": views.packed,
        "reasons": list(views.reasons),
    }


def pack(value: Any) -> str:
    """``value`` as compact JSON, gzipped (no time in the header) and in base64: the page unpacks it with the
    browser's own ``DecompressionStream``.

    >>> import base64, gzip
    >>> json.loads(gzip.decompress(base64.b64decode(pack([1, "é"]))))
    [1, 'é']
    """
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace")
    return base64.b64encode(gzip.compress(data, compresslevel=6, mtime=0)).decode("ascii")


def render(data: dict[str, Any]) -> str:
    """The page, with ``data`` embedded as JSON (every ``<`` escaped, so no text can end the script)."""
    assets = files(__package__)
    embedded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    page = assets.joinpath("page.html").read_text(encoding="utf-8")
    for name, value in (("{{VERSION}}", __version__), ("{{STYLE}}", assets.joinpath("page.css").read_text("utf-8")),
                        ("{{SCRIPT}}", assets.joinpath("page.js").read_text("utf-8")), ("{{DATA}}", embedded)):
        page = page.replace(name, value, 1)
    return page


def write_page(review: Review, views: Views, path: Path, rules_dirs: list[Path] | None = None) -> None:
    """Write the review page of a run (its ``review`` and its documents' ``views``) to ``path``, atomically."""
    docs = rule_docs([rule.code for rule in review.rules], rules_dirs)
    atomic_write(path, render(page_data(review, views, docs)).encode("utf-8", "backslashreplace"), durable=False)
