"""Which entry of a pattern's list of alternatives matched a line, so a finding can name it.

A line-pattern rule's pattern is mostly one list of labels, ``(?i)(?:advertisement|sponsored|anzeige)\\W*``; a
finding that says ``line matches 'Anzeige'`` should also say which of them: ``entry 'anzeige'``.

>>> entry_of(regex.compile(r"(?i)(?:advert(?:isement)?|sponsored(?: content)?)\\W*"), "Sponsored content:")
'sponsored(?: content)?'
>>> entry_of(regex.compile(r"ad|sponsored"), "sponsored"), entry_of(regex.compile(r"advert"), "advert")
('sponsored', None)
"""

from __future__ import annotations

from functools import lru_cache

import regex

#: What opens a group before its content: ``?:``, ``?i:``, ``?P<name>``, ``?<name>``, lookarounds.
GROUP_HEADER = regex.compile(r"\?(?:[a-zA-Z-]*:|P?<\w+>|<?[=!])")
#: Flags for the whole pattern, at its start: ``(?i)``.
GLOBAL_FLAGS = regex.compile(r"\(\?[a-zA-Z]+\)")


@lru_cache(maxsize=4096)
def entry_of(pattern: regex.Pattern[str], text: str) -> str | None:
    """The alternative of the first list of alternatives in ``pattern`` with which ``pattern`` still fully
    matches ``text`` (None: the pattern has no such list, or no single alternative matches). Remembered: pages
    share their boilerplate lines."""
    found = _alternatives(pattern.pattern)
    if found is None:
        return None
    head, branches, tail = found
    return next((branch for branch in branches
                 if _compiled(head + branch + tail, pattern.flags).fullmatch(text) is not None), None)


@lru_cache(maxsize=4096)
def _compiled(source: str, flags: int) -> regex.Pattern[str]:
    return regex.compile(source, flags)


@lru_cache(maxsize=256)
def _alternatives(source: str) -> tuple[str, tuple[str, ...], str] | None:
    """``(before, alternatives, after)`` for the outermost first group of ``source`` (or the whole) that lists
    alternatives with ``|``."""
    flags = GLOBAL_FLAGS.match(source)
    top = at = flags.end() if flags else 0  # where the top level's content starts
    starts: list[int] = []  # the content start of each open group
    bars: dict[int, list[int]] = {top: []}  # content start -> its own '|' positions
    ends: dict[int, int] = {top: len(source)}
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(source, at)
        elif char == "(":
            header = GROUP_HEADER.match(source, at + 1)
            content = header.end() if header else at + 1
            starts.append(content)
            bars[content] = []
            at = content
            continue
        elif char == ")" and starts:
            ends[starts.pop()] = at
        elif char == "|":
            bars[starts[-1] if starts else top].append(at)
        at += 1
    listed = [start for start in sorted(bars) if bars[start] and start in ends]
    if not listed:
        return None
    start = listed[0]
    cuts = [start - 1, *bars[start], ends[start]]
    branches = tuple(source[a + 1:b] for a, b in zip(cuts, cuts[1:]))
    return source[:start], branches, source[ends[start]:]


def _class_end(source: str, at: int) -> int:
    """The position of the ``]`` that closes the character class opened at ``at``."""
    at += 2 if source[at + 1:at + 2] in ("]", "^") else 1
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at
