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

WORD = regex.compile(r"\w+")
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
    return [w.lower() for w in WORD.findall(text)]


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stopword and the languages whose stoplist holds it."""
    index: dict[str, list[str]] = {}
    for language, stops in stoplists().items():
        for word in stops:
            index.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in index.items()}


def best_stoplist(text: str, sample: int = 400) -> tuple[str, frozenset[str]]:
    """The stoplist that covers most of the first ``sample`` words of ``text`` (English on a tie)."""
    hits = Counter({"English": 0})
    index = _languages_of()
    for token in WORD.findall(text[: sample * 12], timeout=None)[:sample]:
        hits.update(index.get(token.lower(), ()))
    language = max(sorted(hits), key=lambda name: (hits[name], name == "English"))
    return language, stoplists()[language]


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [
        w[:STEM_LENGTH]
        for w in words(text)
        if len(w) >= 3 and w not in stopwords and not w.isdigit()
    ]


def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    """Share of a text's words that are stopwords (0.0 for a text without words)."""
    tokens = words(text)
    return sum(token in stopwords for token in tokens) / len(tokens) if tokens else 0.0
