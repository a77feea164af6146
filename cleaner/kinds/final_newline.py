"""``final-newline``: a substitution (rule W004: a text file ends with exactly one newline, a JSON Lines
record's text with none) whose reason says what was found at the end, not the rule's summary.

>>> from cleaner.document import Document
>>> from cleaner.rules import load_rules
>>> kind = FinalNewline(next(rule for rule in load_rules() if rule.code == "W004"))
>>> [f.reason for f in kind.find(Document("Last line."))], [f.reason for f in kind.find(Document("Last.\\n\\n\\n"))]
(['no newline at the end of the file'], ['2 blank lines after the last line'])
"""

from __future__ import annotations

import regex

from .substitution import Substitution


class FinalNewline(Substitution):
    name = "final-newline"

    def reason(self, match: regex.Match[str], in_record: bool) -> str:
        return what_ends(match.group(), in_record)


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
