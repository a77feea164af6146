"""What a line's own text shows the judge: its share of digits and of capitalised words, a label and a
headline (``Explained: How the vote was counted``), a headline cut off with an ellipsis.

>>> label_headline("Explained: How the vote was counted", False)
True
>>> cut_headline("Five ways to cut your energy bill this…", 8)
True
"""

from __future__ import annotations

import re
import string
from operator import itemgetter

import regex

from ..kinds.shape import CLOSERS, LABEL, is_truncated
from ..words import LONG_WORD

#: A label is a short prefix: this many characters...
MIN_LABEL_CHARS, LABEL_CHARS = 3, 25
#: ...and the headline after it this many words or more (and no more than ``LINK_WORDS``), without these
#: marks of a list.
LINK_WORDS = 20
LIST_MARKS = (";", " / ", " · ")
HEADLINE_WORDS = 3
#: A cut-off headline has at most this many words, no sentence end inside, and its ellipsis is not spaced.
CUT_WORDS = 16
#: A sentence's end inside a line: a stop and more words, but not an initial's or an abbreviation's (``John M.
#: Ford``, ``U.S. States``)...
INNER_STOP = regex.compile(r"(?<!(?:^|[\s.])\p{Lu})[.!?][\"”’)]?\s+\S")
#: ...nor a stop of the quotation a headline opens with (``'Meth. We're on it': Ads divide the state``).
QUOTED_OPENING = regex.compile(r"^[\"'‘“«][^\"“”«»]{1,80}?[\"'’”»]:\s")
SPACED_ELLIPSIS = regex.compile(r"\s(?:…|\.\.\.)$")


def digit_share(text: str) -> float:
    """The share of digits among the line's letters and digits."""
    # its ASCII characters counted in C (the others deleted), then its other characters (most lines have few)
    alnum = text.encode("ascii", "ignore").translate(None, NOT_ALNUM)
    digits = len(alnum.translate(None, ASCII_LETTERS))
    letters = len(alnum) - digits
    if not text.isascii():
        others = "".join(NON_ASCII.findall(text))
        digits += sum(map(str.isdigit, others))
        letters += sum(map(str.isalpha, others))
    return digits / (digits + letters) if digits + letters else 0.0


ASCII_LETTERS = bytes(string.ascii_letters, "ascii")
NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def capitalised(text: str) -> float:
    """The share of the line's words after the first that start with a capital letter."""
    rest = text.split()[1:]
    return sum(map(str.isupper, map(itemgetter(0), rest))) / len(rest) if rest else 0.0


def label_headline(text: str, sentence: bool) -> bool:
    """A short capitalised label and a colon, then a headline of ``HEADLINE_WORDS`` words or more (capitalised,
    no sentence end, one phrase: a comma at most, no list marks, no third colon, two words of three letters
    or more): ``Explained: How the vote was counted``; not ``Tested by: Ann Lee RRP: £40 More info: …``, nor
    ``Starring: Ann Lee, Bo Li, Cy Ma``, nor ``Opening hours: 10 to 5``. (``Page.labelled`` also asks that
    the label head no series.)"""
    if sentence and not text.rstrip(CLOSERS).endswith(("?", "!")):  # a question, maybe in quotes, is a headline
        return False
    match = LABEL.match(text)
    if not match or not MIN_LABEL_CHARS <= len(match.group(1)) <= LABEL_CHARS:
        return False
    rest = text[match.end(1) + 1:].lstrip()
    return (not rest[:1].islower() and len(LONG_WORD.findall(rest)) >= 2 and HEADLINE_WORDS <= len(rest.split()) <= LINK_WORDS
            and rest.count(",") <= 1 and rest.count(":") <= 1 and not any(mark in rest for mark in LIST_MARKS))


def label_ends(text: str) -> tuple[str, ...]:
    """The first and last word of the line's ``Label:``, if it has one (marked, so the two never meet)."""
    match = LABEL.match(text)
    if not match:
        return ()
    words_of = match.group(1).casefold().split()
    return "<" + words_of[0], words_of[-1] + ">"


def inner_stop(text: str) -> bool:
    """Whether a sentence ends inside the line (``INNER_STOP``, outside a ``QUOTED_OPENING``).

    >>> inner_stop("He paused. And then…"), inner_stop("Weed use is rising in U.S. States where…")
    (True, False)
    """
    return bool(INNER_STOP.search(QUOTED_OPENING.sub("", text, count=1)))


def cut_headline(text: str, words_in_line: int) -> bool:
    """A headline cut off to fit a teaser card: ``HEADLINE_WORDS`` to ``CUT_WORDS`` words, no sentence end inside, the
    ellipsis right after the last word (a writer's pause, "and then …", is spaced or longer)."""
    return (HEADLINE_WORDS <= words_in_line <= CUT_WORDS and is_truncated(text) and not inner_stop(text)
            and not SPACED_ELLIPSIS.search(text))
