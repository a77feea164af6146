"""File formats: how a file becomes documents, and what is written back.

A plain text file is one document. A JSON Lines file (``.jsonl``,
``.jsonl.gz``) holds one document per record, in its text field. An HTML
page (``.html``, ``.htm``, also gzipped) is one document: the article body
that trafilatura extracts from it, written as ``<name>.txt``.

>>> format_of(Path("crawl/part-1.jsonl.gz")).name, format_of(Path("page.HTM")).name, format_of(Path("a.txt")).name
('jsonl', 'html', 'text')
>>> format_of(Path("page.html.gz")).output_name(Path("news/page.html.gz"))
PosixPath('news/page.txt')
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .change import Result
from .engine import Cleaner
from .files import DEFAULT_MAX_BYTES, InputError, decode, megabytes
from .log import file_log, restore_bytes

#: The cleaner for a document of this file, given the document's URL (for site rules), if any.
Pick = Callable[[str | None], Cleaner]


@dataclass(frozen=True)
class ReadOptions:
    """Where a JSON Lines record keeps its text, its id and its URL; how large a file may be."""

    text_field: str = "text"
    id_field: str = "id"
    url_field: str = "url"
    #: Largest file (and decompressed gzip content) read, 0 for no limit; larger ones are refused.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Worker processes that clean files in parallel (1: in this process). Output is the same for any number.
    jobs: int = 1


@dataclass
class Piece:
    """One cleaned document of a file: the whole file, or one JSONL record (its line and id)."""

    result: Result
    line: int = 0
    key: Any = None


@dataclass
class Processed:
    """A cleaned file: its documents, the bytes to write, its change log, and the lines it had to copy as they were.

    ``problems`` holds ``(line, cause)`` for JSONL lines that are not usable records.
    """

    pieces: list[Piece]
    output: bytes
    log: dict[str, Any]
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(piece.result.changed for piece in self.pieces)


class Format(Protocol):
    name: str
    #: Whether ``fix`` may rewrite such a file in place (not HTML: its output is text).
    in_place: bool

    def output_name(self, relative: Path) -> Path: ...

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions) -> Processed: ...

    def restore(self, cleaned: bytes, log: dict[str, Any]) -> bytes: ...


def gunzip(raw: bytes, limit: int = 0) -> bytes:
    """The decompressed bytes (of every gzip member); more than ``limit`` (if not 0) are refused: no gzip bombs."""
    inflate = zlib.decompressobj(wbits=31)
    parts, size, data = [], 0, raw
    try:
        while data:
            if inflate.eof:  # another gzip member follows
                inflate = zlib.decompressobj(wbits=31)
            parts.append(inflate.decompress(data, limit + 1 - size if limit else 0))
            size += len(parts[-1])
            if limit and size > limit:
                raise InputError(f"decompresses to more than --max-bytes {megabytes(limit)}")
            data = inflate.unused_data if inflate.eof else inflate.unconsumed_tail
    except zlib.error as error:
        raise InputError(f"not a valid gzip file: {error}") from error
    if raw and not inflate.eof:
        raise InputError("not a valid gzip file: it ends before its end-of-stream marker (truncated?)")
    return b"".join(parts)


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with a fixed timestamp, so the same text always gives the same bytes."""
    return gzip.compress(data, mtime=0)


class TextFormat:
    """A text file: decoded (BOM or UTF-8), cleaned, written as UTF-8."""

    name = "text"
    in_place = True

    def output_name(self, relative: Path) -> Path:
        return relative

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions) -> Processed:
        decoded = decode(raw)
        result = pick(None).clean(decoded.text, path=path)
        return Processed([Piece(result)], result.text.encode("utf-8"), file_log(path, raw, decoded, result))

    def restore(self, cleaned: bytes, log: dict[str, Any]) -> bytes:
        return restore_bytes(cleaned, log)


def format_of(path: Path) -> Format:
    """The format a file name says: ``.jsonl[.gz]``, ``.html``/``.htm[.gz]``, else text."""
    from .html import HtmlFormat
    from .jsonl import JsonlFormat

    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".jsonl"):
        return JsonlFormat(compressed=path.name.lower().endswith(".gz"))
    if name.endswith((".html", ".htm")):
        return HtmlFormat()
    return TextFormat()


def format_of_log(log: dict[str, Any], output: Path) -> Format:
    """The format that wrote a change log (text for logs without a ``format`` key)."""
    from .html import HtmlFormat

    kind = log.get("format", "text")
    if kind == "jsonl":
        return format_of(output)
    return HtmlFormat() if kind == "html" else TextFormat()
