"""``known-title``: a line near the top that is the title the source named (an HTML page's title, or
``meta["title"]`` given through the Python API), compared up to quotes, spacing and case. A page's title
often carries the site's name after or before a separator (``Headline | Site``, ``Site - Headline``); the
line matches when it is the title without that name.

Before/after (the page's title is ``Ferry fares to rise in May | Harbour News``)::

    Ferry fares to rise in May                                   (dropped)
    Fares on the island ferry will rise by 5% from May.    ->    Fares on the island ferry will rise by 5% from May.

Without a known title the kind finds nothing: in a plain text file nothing says which line is the
title (rule M008 compares later lines with the first).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from .base import Kind, Param, Stage
from .duplicate_line import line_key, remembered_key
from .shape import line_shapes

#: What separates a page's title from the site's name, with spaces around: a bar, a dash, a bullet, a guillemet,
#: a colon (French spacing) or two.
SITE_SEPARATOR = regex.compile(r"\s+(?:[|–—•·»:]|-{1,2}|::)\s+")


def title_keys(title: str) -> set[str]:
    """The line keys a title line may have: the whole title's, and each side's of a separator.

    >>> sorted(title_keys("Ferry fares to rise | Harbour News"))
    ['ferry fares to rise', 'ferry fares to rise | harbour news', 'harbour news']
    """
    keys = {line_key(title)}
    for separator in SITE_SEPARATOR.finditer(title):
        keys |= {line_key(title[:separator.start()]), line_key(title[separator.end():])}
    return {key for key in keys if key}


class KnownTitle(Kind):
    name = "known-title"
    stage = Stage.LINES
    order = 0
    actions = frozenset({"drop", "report"})
    params = {
        "head": Param(int, 3, help="look at the first N non-blank lines only"),
        "min_words": Param(int, 2, help="a shorter title is left alone (a one-word title is often a section name)"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        title = doc.meta.get("title")
        if not isinstance(title, str) or len(title.split()) < self.options["min_words"]:
            return
        keys = title_keys(title)
        for shape in line_shapes(doc)[:self.options["head"]]:
            if shape.words >= self.options["min_words"] and remembered_key(doc, shape.text) in keys:
                start, end = doc.line_span(shape.line)
                yield self.finding(start, end, "", f"the source's title ({title[:80]!r}), not its body")
                return
