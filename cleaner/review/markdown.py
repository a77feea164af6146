"""A run's review as Markdown, for a terminal or a CI job summary: counts per rule and a few samples.

>>> escape("a *b* | `c`")
'a \\\\*b\\\\* \\\\| \\\\`c\\\\`'
"""

from __future__ import annotations

import re

from ..change import ACTIONS
from .run import Review
from .tally import Sample

#: Samples shown per rule.
MARKDOWN_SAMPLES = 3
#: Characters of a sample's text shown before it is cut short.
LONGEST = 160
SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape(text: str) -> str:
    """Text that Markdown shows as it is in the middle of a line (the marks that could format it escaped, line
    ends as ⏎)."""
    return SPECIAL.sub(r"\\\1", text.replace("\n", " ⏎ "))


def _shown(text: str) -> str:
    return escape(text if len(text) <= LONGEST else text[:LONGEST - 1] + "…")


def markdown(review: Review, samples: int = MARKDOWN_SAMPLES) -> str:
    """The review as Markdown: the run's counts, a table of the rules, then ``samples`` changes of each rule."""
    lines = ["## cleaner run review", ""]
    summary = review.summary
    if summary is not None:
        lines += [f"{summary.get('files_seen', 0)} files seen, {summary.get('files_changed', 0)} changed, "
                  f"{summary.get('lines_dropped', 0)} lines dropped, {summary.get('files_failed', 0)} failed.", ""]
    if not review.rules:
        return "\n".join([*lines, "No changes."]) + "\n"
    lines += ["| rule | name | " + " | ".join(ACTIONS) + " | documents |",
              "| --- | --- | " + " | ".join("---:" for _ in ACTIONS) + " | ---: |"]
    for rule in review.rules:
        lines.append(f"| {rule.code} | {rule.name} | " + " | ".join(map(str, rule.counts())) + f" | {rule.documents} |")
    for rule in review.rules:
        shown = rule.samples[:samples]
        lines += ["", f"### {rule.code} {rule.name}: {len(shown)} of {rule.total}", ""]
        lines += [_sample_line(sample) for sample in shown]
    return "\n".join(lines) + "\n"


def _sample_line(sample: Sample) -> str:
    where = f"{escape(sample.name)}:{sample.line}"
    if sample.action == "drop":
        what = f"~~{_shown(sample.text)}~~" if sample.text.strip() else "(a blank line)"
    elif sample.action == "fix":
        what = f"{_shown(sample.text)} → {_shown(sample.after)}"
    else:
        what = _shown(sample.text)
    return f"- {where} {sample.action}: {what} ({_shown(sample.reason)})"
