"""Words and content words, in any language jusText has a stoplist for.

Topic rules compare *content words*: lower-cased ``\\w+`` tokens that are not
stopwords, not numbers and at least three characters long, cut to a
six-character stem so that ``attack`` and ``attacks`` meet.

>>> content_words("The attacks on a mosque in 2021", stopwords=frozenset({"the", "on", "a", "in"}))
['attack', 'mosque']
"""

from __future__ import annotations

import importlib.util
from functools import cache
from itertools import repeat
from pathlib import Path

import regex

from .document import Document

WORD = regex.compile(r"\w+")
#: Content words are at least this long.
LONG_WORD_LENGTH = 3
LONG_WORD = regex.compile(r"\w{%d,}" % LONG_WORD_LENGTH)
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


#: Bits per language in a packed count (see ``_language_masks``): room for samples of up to 65,535 words.
COUNT_BITS = 16


@cache
def _language_masks() -> dict[str, int]:
    """Each stopword as an integer with a 1 in the count field of every language that lists it.

    Summing the masks of a text's words counts, in one integer, the stopword
    hits of every language at once.
    """
    masks: dict[str, int] = {}
    for position, stops in enumerate(stoplists().values()):
        bit = 1 << (position * COUNT_BITS)
        listed = stops & masks.keys()  # most stopwords belong to one language: only these few are combined
        masks.update(dict.fromkeys(stops - listed, bit))
        for word in listed:
            masks[word] |= bit
    return masks


def best_stoplist(doc: Document, sample: int = 400) -> tuple[str, frozenset[str]]:
    """The stoplist that covers most of the first ``sample`` words of ``doc`` (English on a tie).

    Chosen once per text sample: the rounds of one cleaning mostly share their first words.
    """
    head = doc.text[: sample * 12]
    chosen: dict[str, tuple[str, frozenset[str]]] = doc.shared.setdefault("stoplist", {})
    if head not in chosen:
        chosen[head] = _best_stoplist(head, sample)
    return chosen[head]


def _best_stoplist(text: str, sample: int) -> tuple[str, frozenset[str]]:
    assert sample < 1 << COUNT_BITS
    masks = _language_masks()
    packed = sum(map(masks.get, words(text[: sample * 12])[:sample], repeat(0)))
    field = (1 << COUNT_BITS) - 1
    names = list(stoplists())
    hits = [packed >> (position * COUNT_BITS) & field for position in range(len(names))]
    english = names.index("English")
    best = max(range(len(names)), key=lambda i: (hits[i], i == english, -i))
    return names[best], stoplists()[names[best]]


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return content_of(LONG_WORD.findall(text.lower()), stopwords)


def content_of(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    """The content words among a text's ``words``."""
    return [word[:STEM_LENGTH] for word in tokens
            if len(word) >= LONG_WORD_LENGTH and word not in stopwords and not word.isdigit()]


def stopword_density(tokens: list[str], stopwords: frozenset[str]) -> float:
    """Share of a text's ``words`` that are stopwords (0.0 for a text without words)."""
    return sum(map(stopwords.__contains__, tokens)) / len(tokens) if tokens else 0.0
