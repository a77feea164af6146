"""Corpus-level passes for ``cleaner clean --corpus``: boilerplate lines and duplicate documents.

Two passes, as cc_net does. The first reads every document once, in
processing order (text files, and each record of JSON Lines files; HTML pages
are left out), and keeps no text: for each normalized line an 8-byte hash
counted once per document it appears in, and for duplicate detection a hash
of each text and a MinHash of each document kept (datasketch's LSH index).
The second pass is the ordinary ``clean``; rules D001 (``repeated-line``) and
D002 (``duplicate-document``) look each document up in the ``CorpusStats``
the first pass made, which the project hands them as their ``corpus`` option.

With ``--drop-duplicates`` D002 drops the whole text of a duplicate, and
its format keeps it out of the output (``formats.base.dropped_duplicate``): a
text file is not written, a JSONL record's line is left out. The change log
keeps what was left out, so that ``restore`` still rebuilds the original.

The first pass streams JSON Lines files as the second does, and applies
``--max-bytes`` as it does (to a text file, to a record).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import regex

from .engine import Cleaner
from .files import InputError, Source, read_bytes
from .formats import DUPLICATE_RULE, ReadOptions, format_of
from .formats.jsonl import texts
from .kinds.corpus import CorpusStats, Duplicate, DuplicateDocument, RepeatedLine, line_hashes
from .project import Project

FAMILY = "D"
#: MinHash seed: the same corpus always gives the same signatures.
SEED = 1
WORD = regex.compile(r"\w+")


def enable(project: Project, drop_duplicates: bool = False) -> Project:
    """The project with the corpus rules on (``--corpus``), and D002 dropping (``--drop-duplicates``)."""
    settings = {**project.settings, "extend-select": [*project.settings["extend-select"], FAMILY]}
    if drop_duplicates:
        rules = project.settings["rules"]
        settings["rules"] = {**rules, DUPLICATE_RULE: {**rules.get(DUPLICATE_RULE, {}), "action": "drop"}}
    return replace(project, settings=settings, _cleaners={})


def prepare(items: Iterable[Any], project: Project, options: ReadOptions) -> tuple[Project, dict[str, Any] | None]:
    """If a corpus rule is on, run the first pass over ``items``; return the project whose corpus
    rules know the corpus, and what goes into summary.json (None when no corpus rule is on)."""
    kinds = [kind for kind in project.cleaner_for().kinds if isinstance(kind, (RepeatedLine, DuplicateDocument))]
    if not kinds:
        return project, None
    stats = first_pass(items, options, kinds)
    dropping = any(isinstance(kind, DuplicateDocument) and kind.rule.action == "drop" for kind in kinds)
    return _with_stats(project, [kind.rule.code for kind in kinds], stats), report(stats, dropping)


def _with_stats(project: Project, codes: list[str], stats: CorpusStats) -> Project:
    """The project with ``stats`` as the ``corpus`` option of rules ``codes``: in its settings, and
    in the cleaners it already made (a project made of one ``Cleaner`` has no other source of rules)."""
    def add(options: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {**options, **{code: {**options.get(code, {}), "corpus": stats} for code in codes}}

    cleaners = {key: Cleaner(replace(cleaner.config, options=add(cleaner.config.options)))
                for key, cleaner in project._cleaners.items()}
    return replace(project, settings={**project.settings, "rules": add(project.settings["rules"])}, _cleaners=cleaners)


def first_pass(items: Iterable[Any], options: ReadOptions, kinds: list[Any]) -> CorpusStats:
    """Count line hashes per document and find duplicates, reading each document once."""
    floors = [kind.options["min_documents"] for kind in kinds if isinstance(kind, RepeatedLine)]
    finder = next((Duplicates(kind.options) for kind in kinds if isinstance(kind, DuplicateDocument)), None)
    counts: Counter[int] = Counter()
    documents = 0
    for key, text in documents_of(items, options):
        documents += 1
        if floors:
            counts.update(line_hashes(text))
        if finder is not None:
            finder.add(key, text)
    lines = {digest: count for digest, count in counts.items() if floors and count >= min(floors)}
    return CorpusStats(documents, lines, finder.found if finder is not None else {})


def documents_of(items: Iterable[Any], options: ReadOptions) -> Iterator[tuple[str, str]]:
    """``(key, text)`` of every document, keyed as the second pass names them (``path``, ``path:line``).
    Files that cannot be read are passed over: the second pass reports them."""
    from .decoding import decode_bytes  # charset-normalizer: imported only when a corpus is read

    for item in items:
        if not isinstance(item, Source):
            continue
        fmt = format_of(item.path)
        try:
            if fmt.name == "text":
                yield str(item.path), decode_bytes(read_bytes(item.path, options.max_bytes)).text
            elif fmt.name == "jsonl":
                for line, text in texts(item.path, options.text_field, options.max_bytes):
                    yield f"{item.path}:{line}", text
        except (InputError, OSError):
            continue


class Duplicates:
    """Exact and near-duplicate documents, found in one pass; the first of a group is kept.

    Exact: the same text up to spacing (a 16-byte hash per document). Near:
    MinHash of word shingles in an LSH index of the kept documents; a
    candidate counts only if its estimated Jaccard similarity reaches the
    threshold, and the earliest such document is the one kept.
    """

    def __init__(self, options: dict[str, Any]) -> None:
        try:
            from datasketch import MinHash, MinHashLSH
        except ImportError as error:
            raise InputError("finding duplicate documents (D002) needs datasketch: pip install 'cleaner[corpus]'") from error

        self.threshold, self.shingle, self.min_words = options["threshold"], options["shingle_words"], options["min_words"]
        self.num_perm = options["num_perm"]
        self.template = MinHash(self.num_perm, seed=SEED)
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self.exact: dict[bytes, str] = {}
        self.kept: dict[str, Any] = {}
        self.order: dict[str, int] = {}
        self.found: dict[str, Duplicate] = {}

    def add(self, key: str, text: str) -> None:
        if not text.strip():
            return
        digest = hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).digest()
        if digest in self.exact:
            self.found[key] = Duplicate(self.exact[digest], 1.0, True)
            return
        self.exact[digest] = key
        words = WORD.findall(text.lower())
        if len(words) < self.min_words:
            return
        minhash = self._minhash(words)
        best = self._earliest(minhash, self.lsh.query(minhash))
        if best is not None:
            self.found[key] = best
            return
        self.order[key] = len(self.order)
        self.kept[key] = minhash
        self.lsh.insert(key, minhash)

    def _minhash(self, words: list[str]) -> Any:
        from datasketch import LeanMinHash, MinHash

        size = self.shingle
        shingles = {" ".join(words[i:i + size]).encode("utf-8") for i in range(max(1, len(words) - size + 1))}
        minhash = MinHash(self.num_perm, seed=SEED, permutations=self.template.permutations, scheme=self.template.scheme)
        minhash.update_batch(sorted(shingles))
        return LeanMinHash(minhash)

    def _earliest(self, minhash: Any, candidates: Iterable[str]) -> Duplicate | None:
        close = [(self.order[key], key, minhash.jaccard(self.kept[key])) for key in candidates]
        close = sorted(entry for entry in close if entry[2] >= self.threshold)
        return Duplicate(close[0][1], round(close[0][2], 4), False) if close else None


def report(stats: CorpusStats, dropped: bool) -> dict[str, Any]:
    """The corpus part of summary.json: counts, and each group of duplicates under the document kept."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for key, found in stats.duplicates.items():
        groups.setdefault(found.kept, []).append({"document": key, "similarity": found.similarity, "exact": found.exact})
    return {
        "documents": stats.documents,
        "repeated_lines": len(stats.lines),
        "duplicates_dropped": dropped,
        "duplicate_groups": [{"kept": kept, "duplicates": found} for kept, found in groups.items()],
    }
