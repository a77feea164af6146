"""How much of each page's text cleaning keeps, on pages that have no gold text.

    python bench/pages_kept.py DIR [DIR ...] [--preset NAME ...] [--examples N] [--below SHARE]

The dev collections are news and a few other genres; pages of a genre the
rules were not tuned on (documentation, forums, shops, reference tables) show
what they do elsewhere. Such pages have no gold text, but the extraction of a
page is mostly its content, so every line cleaning drops from it is one to
read. Every ``*.html``, ``*.htm`` and ``*.html.gz`` page under each DIR is read
as ``cleaner clean`` reads it, and every ``*.txt``, ``*.md`` and ``*.rst`` file
is cleaned as text. Per preset it prints the share of the words kept, the
pages cut to under ``--below`` of their words (default 0.9), and the lines
each rule dropped, the most frequent first::

    default         976 pages  99.18% of 1,239,969 words kept  16 pages under 90%
        33%  html_QuickStart.html
      J012     446 lines  '- column <number> | <undefined> The column number' | ...

bench/README.md says what it found on the Rust toolchain's books and
reference, Debian's Node.js, npm and Valgrind manuals, and Markdown and
reStructuredText files.
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

from bench.quality import dropped_lines  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.files import InputError  # noqa: E402
from cleaner.formats.html import read_page  # noqa: E402


class Page(NamedTuple):
    """One page: its name, the words of its extraction and of the cleaned text, and the lines each rule dropped."""

    name: str
    words: int
    kept: int
    dropped: dict[str, list[str]]


#: The pages read: HTML (extracted as ``cleaner clean`` does) and text files (cleaned as they are).
HTML, TEXT = (".html", ".htm", ".html.gz"), (".txt", ".md", ".rst")


def pages(folders: list[Path]) -> list[Path]:
    """The HTML pages and text files under ``folders``, in a stable order."""
    return sorted(path for folder in folders for path in folder.rglob("*")
                  if path.is_file() and path.name.endswith(HTML + TEXT))


def measure(path: Path, cleaner: Cleaner) -> Page | None:
    """Clean one page as ``cleaner clean`` reads it (None: trafilatura found no text in it)."""
    raw = path.read_bytes()
    if path.name.endswith(TEXT):
        text = raw.decode("utf-8", errors="replace")
        result = cleaner.clean(text, path=str(path))
    else:
        try:
            page, result = read_page(gzip.decompress(raw) if path.name.endswith(".gz") else raw, lambda url: cleaner)
        except InputError:
            return None
        text = page["text"]
    dropped: dict[str, list[str]] = defaultdict(list)
    for code, _, line in dropped_lines(result.changes):
        dropped[code].append(line.strip())
    return Page(path.name, len(text.split()), len(result.text.split()), dict(dropped))


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
    parser.add_argument("folders", nargs="+", type=Path, help="folders of HTML pages and text files (searched recursively)")
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
