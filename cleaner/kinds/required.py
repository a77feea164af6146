"""What a regex cannot match without: cheap tests before a scan of the whole document.

Most documents hold nothing a character rule could change (no control
characters, no zero-width spaces, no mojibake), yet each such rule scans
every document. When a pattern starts with plain characters (a character
class, an escape or a literal, maybe after anchors and optional ones), two
tests follow from its text alone:

* ``required_characters``: one of the characters of its first mandatory
  item is in every match. ``str.find`` (for a few characters) or the
  standard library's ``re`` looks for them many times faster than
  ``regex`` runs the pattern, and a document without one is not scanned at all;
* ``leading_characters``: every match starts with one of the characters of
  the items up to the first mandatory one (of every alternative). A search
  can jump from one such character to the next and try the pattern only there.

Both are one character class, linear in the text: they need no time limit.
Patterns of other forms (flags, a group or a character category first) get
no test.

>>> required_characters(regex.compile(r"^[ \\t]*[•·]+(?:x|y)")).listed
'•·'
>>> required_characters(regex.compile(r"[\\x00-\\x1f]")).found_in("tab\\there")
True
>>> required_characters(regex.compile(r"[ \\t]*x|y")) is None
True
>>> leading_characters(regex.compile(r"[ \\t]*x|y"))
re.compile('[ \\\\t]|x|y')
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

#: A pattern of either engine.
Pattern = re.Pattern[str] | regex.Pattern[str]
#: Escapes that stand for one character, alike in ``re`` and ``regex`` (and in and out of a class).
CHARACTER_ESCAPE = re.compile(r"\\(?:[tnrfv]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[^0-9A-Za-z])")
#: One unit of a plain class's body: a character escape or a character.
CLASS_UNIT = re.compile(CHARACTER_ESCAPE.pattern.join("()") + "|(.)", re.DOTALL)
#: A counted repeat: ``{m}``, ``{m,}``, ``{,n}``, ``{m,n}``.
COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")
#: Flags that change what a character or a class stands for (``regex.VERSION1`` is ``re.ASCII``: both go).
MEANING_FLAGS = regex.IGNORECASE | regex.VERBOSE | regex.VERSION1
#: Zero-width anchors that may come before the first character.
ANCHORS = ("^", "\\A")
#: Up to this many characters are looked for one by one (``str.find``), more with one ``re`` scan.
FEW_CHARACTERS = 64
#: What the one-letter character escapes stand for.
ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v"}


class Characters(NamedTuple):
    """A set of characters: a standard-library regex of any one of them, and the characters when they are few."""

    pattern: re.Pattern[str]
    listed: str | None

    def found_in(self, text: str) -> bool:
        if self.listed is not None:
            return any(char in text for char in self.listed)
        return self.pattern.search(text) is not None


def required_characters(pattern: Pattern) -> Characters | None:
    """The characters one of which every match of ``pattern`` holds, or None."""
    branches = _branches(pattern)
    opening = _opening(branches[0]) if branches and len(branches) == 1 else None
    return Characters(re.compile(_one_of(opening[-1:])), _listed(opening[-1])) if opening else None


def leading_characters(pattern: Pattern) -> re.Pattern[str] | None:
    """A standard-library regex of one character that every match of ``pattern`` starts with, or None."""
    branches = _branches(pattern)
    openings = [_opening(branch) for branch in branches] if branches else [None]
    if not all(openings):
        return None
    return re.compile(_one_of([item for opening in openings for item in opening]))


def _one_of(items: list[str]) -> str:
    """A regex of any one of ``items`` (plain classes and escapes as written, literals escaped): ``re``
    compiles such an alternation into one character class."""
    return "|".join(item if len(item) > 1 else re.escape(item) for item in items)


def _listed(item: str) -> str | None:
    """The characters a plain item stands for, if there are at most ``FEW_CHARACTERS`` of them and the
    item is no negated class (nor one with a hyphen that is neither a range nor at an end)."""
    if not item.startswith("["):
        return item if len(item) == 1 else _unescape(item)
    if item.startswith("[^"):
        return None
    body = item[1:-1]
    units = [(_unescape(escape) if escape else char, char == "-") for escape, char in CLASS_UNIT.findall(body)]
    listed, at = "", 0
    while at < len(units):
        if at + 2 < len(units) and units[at + 1][1]:
            first, last = ord(units[at][0]), ord(units[at + 2][0])
            listed += "".join(map(chr, range(first, min(last, first + FEW_CHARACTERS) + 1)))
            at += 3
        elif units[at][1] and 0 < at < len(units) - 1:
            return None
        else:
            listed += units[at][0]
            at += 1
        if len(listed) > FEW_CHARACTERS:
            return None
    return listed


def _unescape(escape: str) -> str:
    """The character a character escape stands for."""
    letter = escape[1]
    return chr(int(escape[2:], 16)) if letter in "xuU" else ESCAPED.get(letter, letter)


def _opening(branch: str) -> list[str] | None:
    """The items that start ``branch``, up to and including the first one that must occur; None if other
    syntax comes first or nothing must occur."""
    items, at = [], 0
    while at < len(branch):
        anchor = next((anchor for anchor in ANCHORS if branch.startswith(anchor, at)), None)
        if anchor:
            at += len(anchor)
            continue
        item = _item(branch, at)
        repeat = _least_repeat(branch, at + len(item)) if item else None
        if repeat is None:
            return None
        least, at = repeat
        items.append(item)
        if least:
            return items
    return None


def _item(source: str, at: int) -> str | None:
    """The one-character item at ``at`` (a plain class, an escape or a literal), as written; None for anything else."""
    char = source[at]
    if char == "[":
        return _plain_class(source, at)
    if char == "\\":
        escape = CHARACTER_ESCAPE.match(source, at)
        return escape.group() if escape else None
    return None if char in ".^$*+?{}[]|()" else char


def _plain_class(source: str, at: int) -> str | None:
    """The class that starts at ``at`` if it holds only characters, ranges and character escapes."""
    end = at + 1 + (source[at + 1:at + 2] == "^")
    if source[end:end + 1] == "]":
        return None  # a leading "]": a literal to some engines, the end to others
    while end < len(source) and source[end] != "]":
        if source[end] == "\\":
            escape = CHARACTER_ESCAPE.match(source, end)
            if escape is None:
                return None
            end = escape.end()
        elif source[end] == "[" or source[end:end + 2] in ("&&", "||", "--", "~~"):
            return None  # nested sets and set operations
        else:
            end += 1
    return source[at:end + 1] if end < len(source) else None


def _least_repeat(source: str, at: int) -> tuple[int, int] | None:
    """The fewest times the quantifier at ``at`` (if any) repeats its item, and where it ends."""
    char = source[at:at + 1]
    if char in ("*", "?"):
        least, at = 0, at + 1
    elif char == "+":
        least, at = 1, at + 1
    elif char == "{":
        counted = COUNTED.match(source, at)
        if counted is None:
            return None
        least, at = int(counted.group(1) or 0), counted.end()
    else:
        return 1, at
    return least, at + (source[at:at + 1] in ("?", "+"))  # lazy or possessive


def _branches(pattern: Pattern) -> list[str] | None:
    """The alternatives at the top level of ``pattern``; None when flags change what characters
    stand for, or when the pattern is too odd to tell (a comment group, a class of other syntax)."""
    source = pattern.pattern
    if pattern.flags & MEANING_FLAGS or "(?#" in source:
        return None
    branches, depth, start, at = [], 0, 0, 0
    while at < len(source):
        char = source[at]
        if char == "[":
            plain = _plain_class(source, at)
            if plain is None:
                return None
            at += len(plain)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(source[start:at])
            start = at + 1
        at += 2 if char == "\\" else 1
    return [*branches, source[start:]]
