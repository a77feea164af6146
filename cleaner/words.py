"""Words and content words, in any language jusText has a stoplist for.

Topic rules compare *content words*: lower-cased ``\\w+`` tokens that are not
stopwords, not numbers and at least three characters long, cut to a
six-character stem so that ``attack`` and ``attacks`` meet.

>>> content_words("The attacks on a mosque in 2021", stopwords=frozenset({"the", "on", "a", "in"}))
['attack', 'mosque']
"""

from __future__ import annotations

import importlib.util
import re
import struct
from collections import Counter
from functools import cache
from itertools import chain, islice, takewhile
from pathlib import Path

import regex

from .document import Document, remember

WORD = regex.compile(r"\w+")
#: ``WORD`` for ASCII text, where the standard library's ``\w`` is the same and its scan faster.
ASCII_WORD = re.compile(r"\w+", re.ASCII)
#: ``WORD`` for a text of the characters ``SAME_WORD_CHARACTERS`` matches, where the standard library's Unicode
#: ``\w`` is the same as ``regex``'s and its scan faster.
UNICODE_WORD = re.compile(r"\w+")
#: A text of these characters alone: Latin-1 but for its superscript digits and fractions (``re``'s ``\w``
#: takes them, ``regex``'s does not), the Latin extensions, IPA and spacing modifiers, Greek, Cyrillic but for
#: its combining marks, general punctuation but for the joiners and the connector marks (``regex``'s ``\w``
#: takes those), currency signs, arrows, technical signs and box drawing. tests/test_speed_words.py checks
#: every code point of it.
SAME_WORD_CHARACTERS = re.compile(
    r"[\x00-\xb1\xb4-\xb8\xba\xbb\xbf-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200b\u200e-\u203e"
    r"\u2041-\u2053\u2055-\u206f\u20a0-\u20bf\u2190-\u23ff\u2500-\u25ff]*\Z")
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
    """The words of ``text`` in lower case: runs of Unicode word characters (letters, marks, digits, ``_``).

    >>> words("Don't stop-the_press 42"), words("Übermäßig")
    (['don', 't', 'stop', 'the_press', '42'], ['übermäßig'])
    """
    lowered = text.lower()
    if lowered.isascii():
        return ASCII_WORD.findall(lowered)
    return (UNICODE_WORD if SAME_WORD_CHARACTERS.match(lowered) else WORD).findall(lowered)


#: Bits per language in a packed count (see ``_language_masks``): room for samples of up to 65,535 words. The
#: counts are unpacked as little-endian unsigned shorts (``COUNT_FORMAT``), one per language.
COUNT_BITS = 16
COUNT_FORMAT = "<{}H"


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
    """The stoplist of the document's language: ``meta["language"]`` if given (``--language``), else the one that
    covers most of the words of its ``sample`` words in its longest lines (English on a tie); for a text written
    in two languages, both lists, named ``German+English`` (``_two_languages``).

    The longest lines are the text's prose; a page dump opens with menus and names, whose few words fit any
    list. Read again for each text of a cleaning (the last is the cleaned text, which a second cleaning
    reads), and remembered by sample: the rounds of one cleaning mostly share their longest lines.

    >>> menu = "Home\\nNews\\nSport\\nKontakt\\nImpressum\\n"
    >>> best_stoplist(Document(menu + "The council said that it would close the road for the winter.\\n"))[0]
    'English'
    """
    language = doc.meta.get("language")
    if language:
        return language, stoplists()[language]
    return doc.memo("stoplist", lambda: _by_sample(doc, _longest_lines(doc.text, sample), sample))


def _by_sample(doc: Document, text: str, sample: int) -> tuple[str, frozenset[str]]:
    chosen: dict[str, tuple[str, frozenset[str]]] = doc.shared.setdefault("stoplist", {})
    if text not in chosen:
        lines = [words(line) for line in text.splitlines()]
        return remember(chosen, text, _two_languages(lines, _best_stoplist(lines, sample)))
    return chosen[text]


#: Lines of at least this many words are prose enough to tell a language by; a text with fewer words in such
#: lines than ``PROSE_SAMPLE`` is read from its start instead.
PROSE_WORDS = 8
PROSE_SAMPLE = 30
#: A line gives the sample at most this many words, or its even share of the sample if that is more: a text
#: is not read by one long paragraph in another language (a quotation, a section left untranslated) alone.
LINE_SAMPLE = 40
#: Characters to a word, where a text is cut to about so many words without splitting it.
WORD_CHARS = 12


def _longest_lines(text: str, sample: int) -> str:
    """The longest lines of ``text`` (down to the first of fewer than ``PROSE_WORDS`` words), each cut to about
    its first ``LINE_SAMPLE`` words (``WORD_CHARS`` a word), that hold about ``sample`` words between them; the
    start of ``text`` if they hold too few."""
    prose = list(takewhile(_is_prose, sorted(text.splitlines(), key=len, reverse=True)))
    most = max(LINE_SAMPLE, sample // max(len(prose), 1))
    picked, count = [], 0
    for line in prose:
        if count >= sample:
            break
        words_in_line = line.count(" ") + 1
        picked.append(line if words_in_line <= most else line[: most * WORD_CHARS])
        count += min(words_in_line, most)
    return "\n".join(picked) if count >= PROSE_SAMPLE else text[: sample * WORD_CHARS]


#: Languages whose stopword hits reach this share of the best are as good a fit; the smallest list of them wins.
#: jusText's lists for some languages are large and hold English words ("bank", "american" in Marathi's), so on
#: English text they can match a few more words than the English list does.
NEAR_BEST = 0.9


def _best_stoplist(lines: list[list[str]], sample: int) -> tuple[str, frozenset[str]]:
    """The stoplist that covers most of the first ``sample`` words of the ``lines`` (the words of each)."""
    assert sample < 1 << COUNT_BITS
    return _vote(list(islice(chain.from_iterable(lines), sample)))


def _vote(tokens: list[str]) -> tuple[str, frozenset[str]]:
    """The stoplist that covers most of the words ``tokens``: among those within ``NEAR_BEST`` of the most hits,
    the smallest list (the most specific), English on a tie."""
    masks = _language_masks()
    packed = sum(filter(None, map(masks.get, tokens)))  # adding 0 copies a big int
    lists = stoplists()
    names = list(lists)
    hits = struct.unpack(COUNT_FORMAT.format(len(names)), packed.to_bytes(len(names) * COUNT_BITS // 8, "little"))
    most = max(hits)
    near = [i for i in range(len(names)) if hits[i] and hits[i] >= NEAR_BEST * most] or [names.index("English")]
    best = min(near, key=lambda i: (names[i] != "English", len(lists[names[i]]), i))
    return names[best], lists[names[best]]


#: A text is in two languages when the prose lines of its sample that its language misreads, each counted for
#: the language of its own words, give another language this share of the sample's prose words or more, of
#: ``MIXED_WORDS`` words or more: a manual translated in part, a bilingual page. A line is prose in a language
#: when ``LINE_DENSITY`` of its words or more are stopwords of it. A line that is no prose in the text's
#: language is in another when that one's list holds ``FOREIGN_RATIO`` times as many of its words (jusText's
#: lists of some languages hold many English words and fit English lines a little better than English's list
#: does) and ``LINE_WORDY`` of its words or more are words of letters (code's ``x``, ``a`` and ``0`` are
#: stopwords of some list).
MIXED_SHARE, MIXED_WORDS, LINE_DENSITY, FOREIGN_RATIO, LINE_WORDY = 0.3, 100, 0.25, 2.0, 0.8


def _two_languages(lines: list[list[str]], best: tuple[str, frozenset[str]]) -> tuple[str, frozenset[str]]:
    """``best``, or for a sample in two languages (``MIXED_SHARE``; ``lines``: the words of each of its lines)
    both, named ``German+English`` (``best``'s language first) with the union of their stoplists.

    >>> german = words("Die Datei wird gelesen, wenn das Programm startet, und sie muss lesbar sein.")
    >>> english = words("The file is read when the program starts, and it has to be readable by all.")
    >>> _two_languages([german, english] * 5, ("German", stoplists()["German"]))[0]
    'German+English'
    """
    language, stopwords = best
    votes: Counter[str] = Counter()
    for tokens in lines:
        if len(tokens) < PROSE_WORDS:
            continue
        density = stopword_density(tokens, stopwords)
        if density >= LINE_DENSITY:
            votes[language] += len(tokens)
        elif sum(map(_is_word, tokens)) >= LINE_WORDY * len(tokens):
            name, other = _vote(tokens)
            foreign = stopword_density(tokens, other)
            if foreign >= LINE_DENSITY and foreign >= FOREIGN_RATIO * density:
                votes[name] += len(tokens)
    total = sum(votes.values())
    others = [(count, name) for name, count in votes.items() if name != language]
    if total < MIXED_WORDS or not others:
        return best
    count, second = max(others)
    if count < MIXED_SHARE * total:
        return best
    return f"{language}+{second}", _union(language, second)


def _is_prose(line: str) -> bool:
    return line.count(" ") + 1 >= PROSE_WORDS


def _is_word(token: str) -> bool:
    return len(token) > 1 and token.isalpha()


@cache
def _union(first: str, second: str) -> frozenset[str]:
    return stoplists()[first] | stoplists()[second]


def content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return content_of(LONG_WORD.findall(text.lower()), stopwords)


def content_of(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    """The content words among a text's ``words``."""
    # The stopword test first: it turns away most of prose's words at once.
    return [word[:STEM_LENGTH] for word in tokens
            if word not in stopwords and len(word) >= LONG_WORD_LENGTH and not word.isdigit()]


def content_and_density(tokens: list[str], stopwords: frozenset[str]) -> tuple[list[str], float]:
    """``content_of(tokens, stopwords)`` and ``stopword_density(tokens, stopwords)``, each word looked up in the
    stoplist once.

    >>> content_and_density(["the", "attacks", "on", "a", "mosque"], frozenset({"the", "on", "a"}))
    (['attack', 'mosque'], 0.6)
    """
    others = [word for word in tokens if word not in stopwords]
    return content_of(others, frozenset()), (len(tokens) - len(others)) / len(tokens) if tokens else 0.0


def stopword_density(tokens: list[str], stopwords: frozenset[str]) -> float:
    """Share of a text's ``words`` that are stopwords (0.0 for a text without words)."""
    return sum(map(stopwords.__contains__, tokens)) / len(tokens) if tokens else 0.0
