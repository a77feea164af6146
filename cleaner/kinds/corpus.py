"""Corpus-level kinds: a line repeated across many documents, a document that repeats another.

Neither can judge one text alone: they look the document up in the
``CorpusStats`` that the first pass of ``cleaner.corpus`` made (handed over
as the rule parameter ``corpus``). Without it they find nothing, so they are
harmless outside ``cleaner clean --corpus``.

Lines are compared as cc_net compares them: lowercased, digits as 0,
punctuation, symbols and spacing dropped, then hashed to 8 bytes:

>>> normalize_line("  Copyright © 2021 Example News. ALL rights reserved!")
'copyright 0000 example news all rights reserved'
>>> line_hash("copyright 0000 example news all rights reserved") == line_hash(normalize_line("COPYRIGHT 1999 example-news, all rights reserved"))
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from ..change import Finding
from ..document import Document
from .base import Kind, Param, Stage
from .shape import ends_sentence, has_words

NOISE = regex.compile(r"[\p{P}\p{S}\s]+")
DIGIT = regex.compile(r"\d")


def normalize_line(text: str) -> str:
    return NOISE.sub(" ", DIGIT.sub("0", text.lower())).strip()


def line_hash(normalized: str) -> int:
    return int.from_bytes(hashlib.blake2b(normalized.encode("utf-8"), digest_size=8).digest(), "big")


def line_hashes(text: str) -> set[int]:
    """The hashes of a document's lines, each once (empty lines once normalized are left out)."""
    return {line_hash(normalized) for normalized in map(normalize_line, text.split("\n")) if normalized}


@dataclass(frozen=True)
class Duplicate:
    """A document that repeats an earlier one: which one it repeats, and how closely."""

    kept: str
    similarity: float
    exact: bool


@dataclass
class CorpusStats:
    """What the first pass learnt: the number of documents, the lines seen in at least
    ``min_documents`` of them (hash -> documents), and the duplicate documents by key."""

    documents: int = 0
    lines: dict[int, int] = field(default_factory=dict)
    duplicates: dict[str, Duplicate] = field(default_factory=dict)


def _corpus_param() -> Param:
    return Param(CorpusStats, None, help="set by the corpus pass (`clean --corpus`), not in rule files")


class RepeatedLine(Kind):
    """Drop a line that appears in many documents of the corpus (site navigation, footers)."""

    name = "repeated-line"
    stage = Stage.LINES
    order = 0
    actions = frozenset({"drop", "report"})
    params = {
        "min_documents": Param(int, 10, help="the line must appear in at least this many documents"),
        "min_share": Param((int, float), 0.01, help="... and in at least this share of them"),
        "sentence_words": Param(int, 6, help="a line ending like a sentence with this many words or more ..."),
        "sentence_share": Param((int, float), 0.2, help="... must appear in at least this share of documents"),
        "corpus": _corpus_param(),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        stats: CorpusStats | None = self.options["corpus"]
        if stats is None or not stats.lines:
            return
        for line in doc.lines:
            normalized = normalize_line(line.text)
            count = stats.lines.get(line_hash(normalized), 0) if normalized else 0
            if count and self._boilerplate(line.stripped, count / stats.documents):
                start, end = doc.line_span(line)
                yield self.finding(start, end, "", f"this line appears in {count:,} of {stats.documents:,} documents",
                                   documents=count, share=round(count / stats.documents, 4))

    def _boilerplate(self, text: str, share: float) -> bool:
        if share < self.options["min_share"]:
            return False
        sentence = ends_sentence(text) and has_words(text, self.options["sentence_words"])
        return not sentence or share >= self.options["sentence_share"]


class DuplicateDocument(Kind):
    """Report (or drop whole) a document that repeats an earlier one, exactly or nearly."""

    name = "duplicate-document"
    stage = Stage.ENCODING
    order = -1
    actions = frozenset({"drop", "report"})
    params = {
        "threshold": Param((int, float), 0.8, help="estimated Jaccard similarity of word shingles to count as a duplicate"),
        "shingle_words": Param(int, 5, help="words per shingle"),
        "num_perm": Param(int, 128, help="MinHash permutations"),
        "min_words": Param(int, 20, help="shorter documents are only compared exactly"),
        "corpus": _corpus_param(),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        stats: CorpusStats | None = self.options["corpus"]
        found = stats.duplicates.get(doc.path) if stats is not None and doc.path else None
        if found is None:
            return
        if found.exact:
            reason = f"the same text as {found.kept} (up to spacing)"
        else:
            reason = f"a near-duplicate of {found.kept} (estimated Jaccard similarity {found.similarity:.2f})"
        end = len(doc.text) if self.rule.action == "drop" else 0
        yield self.finding(0, end, "", reason, kept=found.kept, similarity=found.similarity)
