"""Words and content words, in any language jusText has a stoplist for.

Topic rules compare *content words*: lower-cased ``\\w+`` tokens that are not
stopwords, not numbers and at least three characters long, cut to a
six-character stem so that ``attack`` and ``attacks`` meet.

>>> content_words("The attacks on a mosque in 2021", stopwords=frozenset({"the", "on", "a", "in"}))
['attack', 'mosque']
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import cache
from pathlib import Path

import regex

from .document import Document

WORD = regex.compile(r"\w+")
LONG_WORD = regex.compile(r"\w{3,}")
STEM_LENGTH = 6


@cache
def stoplists() -> dict[str, frozenset[str]]:
    """jusText's stoplists, read from its package data without importing it."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'justext' package (for its stoplists) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return {
        path.stem: frozenset(path.read_text(encoding="utf-8").lower().split())
        for path in sorted(folder.glob("*.txt"))
    }


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@cache
def _languages_of() -> dict[str, tuple[int, ...]]:
    """Each stopword and the positions (in ``stoplists()``) of the languages that list it."""
    index: dict[str, list[int]] = {}
    for position, stops in enumerate(stoplists().values()):
        for word in stops:
            index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def best_stoplist(doc: Document, sample: int = 400) -> tuple[str, frozenset[str]]:
    """The stoplist that covers most of the first ``sample`` words of ``doc`` (English on a tie).

    Chosen once per document text and shared by every rule that asks.
    """
    return doc.memo("stoplist", lambda: _best_stoplist(doc.text, sample))


def _best_stoplist(text: str, sample: int) -> tuple[str, frozenset[str]]:
    names = list(stoplists())
    hits = [0] * len(names)
    index = _languages_of()
    for word, count in Counter(words(text[: sample * 12])[:sample]).items():
        for position in index.get(word, ()):
            hits[position] += count
    english = names.index("English")
    best = max(range(len(names)), key=lambda i: (hits[i], i == english, -i))
    return names[best], stoplists()[names[best]]


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [word[:STEM_LENGTH] for word in LONG_WORD.findall(text.lower()) if word not in stopwords and not word.isdigit()]


def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    """Share of a text's words that are stopwords (0.0 for a text without words)."""
    tokens = words(text)
    return sum(token in stopwords for token in tokens) / len(tokens) if tokens else 0.0
