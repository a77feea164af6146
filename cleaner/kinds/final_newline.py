"""``final-newline``: a text file ends with exactly one newline; a JSON Lines record's text with none.

The reason says what was found at the end, not the rule's summary.

>>> from cleaner.rules import Rule
>>> rule = Rule("W004", "final-newline", "final-newline", "", "", "W", "-", (), {})
>>> [f.reason for f in FinalNewline(rule).find(Document("Last line."))]
['no newline at the end of the file']
>>> [f.reason for f in FinalNewline(rule).find(Document("Last line.\\n\\n\\n"))]
['2 blank lines after the last line']
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from .base import Kind, Stage

#: What follows the last character that is not whitespace; ``\r`` kept when the last line ends in CRLF.
#: ``(?r)`` searches from the end: the match can only be there.
ENDING = regex.compile(r"(?r)(?<=\S)(?:(\r)\n|\s)*\z")


class FinalNewline(Kind):
    name = "final-newline"
    stage = Stage.LAYOUT
    actions = frozenset({"fix", "report"})

    def find(self, doc: Document) -> Iterator[Finding]:
        match = self.budget(doc).run(ENDING.search, doc.text)
        if match is None:  # empty, or only whitespace
            return
        record = bool(doc.meta.get("record"))
        wanted = "" if record else (match.group(1) or "") + "\n"
        if match.group() != wanted:
            yield self.finding(match.start(), match.end(), wanted, what_ends(match.group(), record))


def what_ends(ending: str, record: bool) -> str:
    """What is wrong with the whitespace that ends a text (``record``: a JSON Lines record's text).

    >>> what_ends("  \\n", False), what_ends("\\n\\n", False), what_ends("  ", False)
    ('spaces after the last line', '1 blank line after the last line', 'spaces and no newline at the end of the file')
    >>> what_ends("\\n", True)
    "a newline at the end of a record's text"
    """
    if not ending:
        return "no newline at the end of the file"
    newlines = ending.count("\n")
    if record:
        return ("a newline" if newlines else "spaces") + " at the end of a record's text"
    found = [f"{newlines - 1} blank line{'s' if newlines > 2 else ''}"] if newlines > 1 else []
    if ending.strip("\r\n"):
        found.append("spaces")
    if not newlines:
        return " and ".join(found) + " and no newline at the end of the file"
    return " and ".join(found) + " after the last line"
