"""How much of each page's extracted text cleaning keeps, on HTML pages that have no gold text.

    python bench/pages_kept.py DIR [DIR ...] [--preset NAME ...] [--examples N] [--below SHARE]

The dev collections are news and a few other genres; pages of a genre the
rules were not tuned on (documentation, forums, shops, reference tables) show
what they do elsewhere. Such pages have no gold text, but the extraction of a
page is mostly its content, so every line cleaning drops from it is one to
read. For every ``*.html`` and ``*.html.gz`` page under each DIR, read as
``cleaner clean`` reads it, this prints per preset the share of the pages'
words kept, the pages cut to under ``--below`` of their words (default 0.9),
and the lines each rule dropped, with examples::

    preset   pages  words kept  pages under 90%
    default  976    99.75%      0
    rule  lines  examples
    J020  22     'Summary' | 'Table of Contents'

The Rust toolchain's books and reference (rustup's ``share/doc/rust/html``)
and Debian's Node.js, npm and Valgrind documentation were measured so (see
bench/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.files import InputError  # noqa: E402
from cleaner.formats.html import read_page  # noqa: E402


class Page(NamedTuple):
    """One page: its name, the words of its extraction and of the cleaned text, and the lines each rule dropped."""

    name: str
    words: int
    kept: int
    dropped: dict[str, list[str]]


def pages(folders: list[Path]) -> list[Path]:
    """The HTML pages under ``folders``, in a stable order."""
    return sorted(path for folder in folders for path in folder.rglob("*")
                  if path.name.endswith((".html", ".htm", ".html.gz")))


def measure(path: Path, cleaner: Cleaner) -> Page | None:
    """Clean one page as ``cleaner clean`` reads it (None: trafilatura found no text in it)."""
    raw = path.read_bytes()
    try:
        page, result = read_page(gzip.decompress(raw) if path.name.endswith(".gz") else raw, lambda url: cleaner)
    except InputError:
        return None
    dropped: dict[str, list[str]] = defaultdict(list)
    for change in result.changes:
        if change.action == "drop" and change.edits:
            dropped[change.code] += [line.strip() for line in change.before.splitlines() if line.strip()]
    return Page(path.name, len(page["text"].split()), len(result.text.split()), dict(dropped))


def report(measured: list[Page], preset: str, below: float, examples: int) -> list[str]:
    """The lines printed for one preset."""
    words, kept = sum(page.words for page in measured), sum(page.kept for page in measured)
    cut = sorted((page.kept / page.words, page.name) for page in measured if page.kept < below * page.words)
    lines = [f"{preset:<13}{len(measured):>6} pages  {kept / max(words, 1):.2%} of {words:,} words kept  "
             f"{len(cut)} pages under {below:.0%}"]
    lines += [f"    {share:.0%}  {name}" for share, name in cut]
    by_rule: dict[str, list[str]] = defaultdict(list)
    for page in measured:
        for code, dropped in page.dropped.items():
            by_rule[code] += dropped
    for code, dropped in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        common = " | ".join(repr(line[:60]) for line, _ in Counter(dropped).most_common(examples))
        lines.append(f"  {code}  {len(dropped):>6} lines  {common}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of HTML pages (searched recursively)")
    parser.add_argument("--preset", action="append", help="a preset, 'default' for none (default: both)")
    parser.add_argument("--examples", type=int, default=3, help="the most frequent lines each rule dropped")
    parser.add_argument("--below", type=float, default=0.9, help="list the pages cut to under this share of words")
    args = parser.parse_args()
    found = pages(args.folders)
    for preset in args.preset or ["default", "article-body"]:
        cleaner = Cleaner(preset=None if preset == "default" else preset)
        measured = [page for page in (measure(path, cleaner) for path in found) if page is not None]
        print("\n".join(report(measured, preset, args.below, args.examples)))


if __name__ == "__main__":
    main()
