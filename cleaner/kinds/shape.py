"""Line shape: the cheap signals that tell a sentence from a headline or a link.

>>> ends_sentence("He said so.")
True
>>> ends_sentence("Read more")
False
>>> is_truncated("Officials say the lake is in better condition than…")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

import regex

from ..document import LONGEST_REMEMBERED, Document, Line

#: A sentence's last mark: Latin, CJK (full and half width), Devanagari danda, Arabic, Armenian, Ethiopic,
#: Myanmar, Khmer and Tibetan full stops...
TERMINAL_MARKS = frozenset(".!?。！？．｡।॥۔؟։።။។།")
#: ...then maybe closing quotes or brackets.
CLOSERS = "'\"’”»)]"
#: The characters ``regex`` reads as ``\s`` (``str.isspace`` but the separators U+001C to U+001F; the tests
#: check every code point).
REGEX_SPACES = ("\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
                + "\u2028\u2029\u202f\u205f\u3000")
LABEL = regex.compile(r"^(\p{Lu}[\p{L}’']*(?: [\p{L}’']+){0,2}):[^\S\n]+\S")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
#: Chinese and Japanese characters: written without spaces (Korean puts spaces between its words).
IDEOGRAPHIC = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: Scripts written without spaces between words, whose words are longer than a CJK character or two.
SOUTHEAST_ASIAN = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
#: The blocks that hold every character of the scripts counted in characters, and a few others (the
#: standard library's ``re`` scans a text for a range faster than ``regex`` for a script).
UNSPACED_BLOCKS = re.compile("[\u0e00-\u0eff\u1000-\u11ff\u1780-\u17ff\u19e0-\u19ff\u2e80-\u9fff\ua960-\uaa7f"
                             "\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00011600-\U00011fff\U00016fe0-\U00016fff"
                             "\U0001aff0-\U0001b2ff\U0001f200-\U0001f2ff\U00020000-\U0003ffff]")
LIST_ITEM = regex.compile(r"^\s*(?:[-*•·▪◦–]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s|\|)")


#: Longer texts are read in pieces of this many characters: one list of all the words of a 100 MB line, or
#: its lower case, would take gigabytes.
TEXT_PIECE = 1 << 20
#: A word as ``str.split`` cuts them (the standard library's ``\s`` is ``str.isspace``).
WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """The words of ``text``, as ``str.split`` cuts them (a long text piece by piece, and a word cut
    where two pieces meet counted once).

    >>> word_count(" two  words "), word_count("ab cd " * 300_000) == 600_000
    (2, True)
    """
    if len(text) <= TEXT_PIECE:
        return len(text.split())
    cuts = range(TEXT_PIECE, len(text), TEXT_PIECE)
    pieces = sum(len(text[at:at + TEXT_PIECE].split()) for at in range(0, len(text), TEXT_PIECE))
    return pieces - sum(not (text[at - 1].isspace() or text[at].isspace()) for at in cuts)


def has_words(text: str, count: int) -> bool:
    """Whether ``text`` holds at least ``count`` words (without counting them all: the line may be huge).

    >>> has_words("one two three", 3), has_words("one two", 3), has_words("", 0)
    (True, False, True)
    """
    count = max(count, 0)
    return sum(1 for _ in islice(WORD.finditer(text), count)) == count


def spacing(text: str, words: int) -> tuple[int, bool]:
    """For a text of ``words`` words as ``str.split`` cuts them: its words, where words are not space-separated
    counting two CJK characters as one word and four characters of Thai, Lao, Khmer or Burmese (vowel signs
    included); and whether it is written without spaces between its words (Chinese, Japanese, Thai...): its
    characters make more words than its spaces do, and no stoplist can measure it. A text without a character
    of the scripts counted in characters (most texts) is read once.

    >>> spacing("東京で大雨が降りました", 1), spacing("ฝนตกหนักในกรุงเทพเมื่อวานนี้", 1)
    ((5, True), (7, True))
    >>> spacing("서울에 큰비가 내렸다", 3), spacing("Tōkyō news", 2)
    ((4, False), (2, False))
    """
    if text.isascii() or not UNSPACED_BLOCKS.search(text):
        return words, False
    return max(words, _character_words(text, CJK)), _character_words(text, IDEOGRAPHIC) > words


def _character_words(text: str, ideographs: regex.Pattern[str]) -> int:
    """The words ``text`` makes counted in characters: two of ``ideographs`` a word, and four Thai, Lao,
    Khmer or Burmese characters."""
    return _count(ideographs, text) // 2 + _count(SOUTHEAST_ASIAN, text) // 4


def _count(pattern: regex.Pattern[str], text: str) -> int:
    """How many times ``pattern`` matches in ``text`` (without a list of the matches: the line may be huge)."""
    return pattern.subn("", text)[1]


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (terminal punctuation, maybe closing quotes, but no
    ellipsis). Only its end is read: the line may be huge."""
    stripped = text.rstrip()
    return stripped.rstrip(CLOSERS)[-1:] in TERMINAL_MARKS and not stripped.endswith(("…", "..."))


def is_truncated(text: str) -> bool:
    """Whether the line ends with an ellipsis (``…`` or ``...``), maybe then spaces (``REGEX_SPACES``): only its
    end is read, the line may be long."""
    return text.rstrip(REGEX_SPACES).endswith(("…", "..."))


def is_list_item(text: str) -> bool:
    return bool(LIST_ITEM.match(text))


class LineShape(NamedTuple):
    """A non-blank line with the shape signals line rules test first (a tuple: made for every line)."""

    line: Line
    text: str
    words: int
    sentence: bool
    list_item: bool


def _shape(text: str) -> tuple[str, int, bool, bool]:
    """(stripped text, words, ends like a sentence, list item): remembered for short lines
    (``_remembered_shape``), as boilerplate lines repeat across documents."""
    stripped = text.strip()
    return stripped, word_count(stripped), ends_sentence(stripped), is_list_item(text)


_remembered_shape = lru_cache(maxsize=1 << 16)(_shape)


def line_shapes(doc: Document) -> list[LineShape]:
    """The shape of every non-blank line, computed once per document text for all rules."""
    # tuple.__new__ makes each shape in C (a named tuple's own __new__ is a Python function)
    return doc.memo("line-shapes", lambda: [tuple.__new__(LineShape, (line, *shape))
                                            for line, shape in zip(doc.body, unplaced_shapes(doc))])


def line_texts(doc: Document) -> tuple[str, ...]:
    """The texts of all the lines, blank ones too, as they stand: the text but for a newline at its end.

    >>> line_texts(Document("Home \\n\\nNews\\n")) == line_texts(Document("Home \\n\\nNews"))
    True
    """
    return doc.memo("line-texts", lambda: tuple(line.text for line in doc.lines))


def body_texts(doc: Document) -> tuple[str, ...]:
    """The texts of the non-blank lines, in order, as they stand (spaces at their ends kept).

    >>> body_texts(Document("Home \\n\\n\\nNews")) == body_texts(Document("Home \\nNews\\n"))
    True
    """
    return doc.memo("body-texts", lambda: tuple(line.text for line in doc.body))


def unplaced_shapes(doc: Document) -> tuple[tuple[str, int, bool, bool], ...]:
    """Every non-blank line's shape but for its place in the text (its ``line``): all that a rule reads of
    the lines when it judges them by what they say, not by where they stand. ``line_shapes`` adds each line's
    place to these (a repeated line's shape is one tuple, remembered).

    >>> unplaced_shapes(Document("Home\\n\\n- Menu  \\n"))
    (('Home', 1, False, False), ('- Menu', 2, False, True))
    """
    return doc.memo("unplaced-shapes", lambda: tuple([
        _remembered_shape(line.text) if len(line.text) <= LONGEST_REMEMBERED else _shape(line.text)
        for line in doc.body]))
