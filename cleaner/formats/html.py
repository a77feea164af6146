"""HTML pages: trafilatura extracts the article body, then the rules clean it.

trafilatura (and lxml under it) is imported only when an HTML page is read,
so the other commands start fast. The log says the text came from HTML and
names the source by path and sha256, with the title, date and URL that
trafilatura found; the source is never touched, and the log cannot rebuild
it (``restore`` says so).
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any, BinaryIO

from ..change import Result
from ..files import InputError
from ..kinds.agreement import SECOND_EXTRACTION, ExtractorAgreement
from ..kinds.judge import EXTRACTED, LineJudge
from ..log import LOG_VERSION, sha256
from .base import Notes, Pick, Processed, ReadOptions
from .compressed import gunzip

#: How trafilatura is asked to extract: all the body it finds (tables too, no comments).
EXTRACTION = {"include_comments": False, "include_tables": True}
#: The second, stricter extraction that rule H001 compares each line with (rules/html.toml).
#: Both measured on the dev pages by bench/html_quality.py.
SECOND_OPINION = {**EXTRACTION, "favor_precision": True}
#: The kinds of rule that read the second extraction: H001 measures each line against it, J020 weighs how much
#: of a line it kept and where.
READS_SECOND = (ExtractorAgreement.name, LineJudge.name)


def extract(html: bytes, settings: dict[str, Any] = EXTRACTION, metadata: bool = True) -> dict[str, Any]:
    """The body text and the metadata trafilatura finds in a page (``text`` is '' when it finds no body).

    ``metadata=False`` skips looking for the title, date and URL (None then): the text is the same.
    """
    import trafilatura  # lazily: it imports lxml, which costs start-up time

    document = trafilatura.bare_extraction(html, with_metadata=metadata, **settings)
    if document is None:
        return {"text": "", "title": None, "date": None, "url": None}
    return {"text": document.text or "", "title": document.title, "date": document.date, "url": document.url}


def read_page(html: bytes, pick: Pick, path: str | None = None) -> tuple[dict[str, Any], Result]:
    """Extract a page and clean its text with the cleaner ``pick`` gives for its URL.

    When that cleaner runs a rule that reads a second extraction
    (``READS_SECOND``), the page is extracted a second time, with ``SECOND_OPINION``;
    the page's ``second_opinion`` then holds those settings, else None.
    """
    page = extract(html)
    if not page["text"].strip():
        raise InputError("trafilatura found no article text in this page")
    cleaner = pick(page["url"])
    meta = {"url": page["url"], "title": page["title"], EXTRACTED: True}
    page["second_opinion"] = SECOND_OPINION if any(map(cleaner.uses, READS_SECOND)) else None
    if page["second_opinion"]:
        meta[SECOND_EXTRACTION] = extract(html, SECOND_OPINION, metadata=False)["text"]
    return page, cleaner.clean(page["text"], path=path, meta=meta)


class HtmlFormat:
    name = "html"
    in_place = False
    streams = False

    def output_name(self, relative: Path) -> Path:
        stem = relative.name
        for suffix in (".gz", ".html", ".htm"):
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
        return relative.with_name(f"{stem}.txt")

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions, notes: Notes) -> Processed:
        html = gunzip(raw, options.max_bytes) if path.lower().endswith(".gz") else raw
        page, result = read_page(html, pick, path)
        notes.add(path, result)
        log = {
            "version": LOG_VERSION, "format": "html", "source": path, "sha256_source": sha256(raw),
            "extractor": {"name": "trafilatura", "version": _trafilatura_version(), **EXTRACTION,
                          "second_opinion": page["second_opinion"]},
            "encoding": page_encoding(html), "title": page["title"], "date": page["date"], "url": page["url"],
            "sha256_after": sha256(result.text.encode("utf-8")), "changed": result.changed,
            "skipped_rules": list(result.skipped), "changes": [change.to_dict() for change in result.changes],
        }
        return Processed(notes, result.text.encode("utf-8"), log)

    def restore(self, cleaned: Path, log_path: Path, out: BinaryIO) -> None:
        log = json.loads(log_path.read_text(encoding="utf-8"))
        raise InputError(f"made from the HTML page {log['source']} (sha256 {log['sha256_source']}), "
                         "which the log cannot rebuild; that page was never changed")


def page_encoding(html: bytes) -> str:
    """The encoding trafilatura reads a page's bytes in (as its ``decode_file`` chooses): UTF-8 when they are
    valid UTF-8, else the first of its guesses that decodes them, else UTF-8 with invalid bytes replaced.

    >>> page_encoding("<p>café</p>".encode())
    'utf-8'
    """
    from trafilatura.utils import detect_encoding

    for encoding in detect_encoding(html):  # ["utf-8"] for valid UTF-8
        try:
            html.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        return codecs.lookup(encoding).name
    return "utf-8 (invalid bytes replaced)"


def _trafilatura_version() -> str:
    from importlib.metadata import version

    return version("trafilatura")
