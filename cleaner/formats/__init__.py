"""File formats: how a file becomes documents, and what is written back.

A plain text file is one document, read whole (``text``). A JSON Lines file
(``.jsonl``, ``.jsonl.gz``) holds one document per record, in its text
field; it is streamed, record by record (``jsonl``). An HTML page
(``.html``, ``.htm``, also gzipped) is one document: the article body that
trafilatura extracts from it, written as ``<name>.txt`` (``html``). What they
share is in ``base``; this module picks a file's format by its name.

>>> format_of(Path("crawl/part-1.jsonl.gz")).name, format_of(Path("page.HTM")).name, format_of(Path("a.txt")).name
('jsonl', 'html', 'text')
>>> format_of(Path("page.html.gz")).output_name(Path("news/page.html.gz"))
PosixPath('news/page.txt')
"""

from __future__ import annotations

from pathlib import Path

from .base import DUPLICATE_RULE, Format, Notes, Pick, Processed, ReadOptions, Sink, StreamedFormat
from .html import HtmlFormat
from .jsonl import JsonlFormat
from .text import TextFormat

__all__ = ["DUPLICATE_RULE", "Format", "HtmlFormat", "JsonlFormat", "Notes", "Pick", "Processed", "ReadOptions",
           "Sink", "StreamedFormat", "TextFormat", "format_of", "format_of_log"]


def format_of(path: Path) -> Format:
    """The format a file name says: ``.jsonl[.gz]``, ``.html``/``.htm[.gz]``, else text."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return JsonlFormat(compressed=path.name.lower().endswith(".gz"))
    if name.endswith((".html", ".htm")):
        return HtmlFormat()
    return TextFormat()


def format_of_log(kind: str, output: Path) -> Format:
    """The format that wrote a change log, by its ``format`` item ("text" for logs without one)."""
    if kind == "jsonl":
        return format_of(output)
    return HtmlFormat() if kind == "html" else TextFormat()
