"""Which lines of a text are source code: the judge never drops one (a program missing a line is broken).

Documentation, tutorials and blogs show code between their paragraphs, and an
extractor keeps it one line a line. Its lines are short, hold no stopwords
and sit in runs, as a menu's do, so the judge's model, which learnt from news
pages, scores them as junk. A line is code when it has the shape of one, or
when it lies between a line that ends with a brace and the line that starts
with the brace closing it::

    fn main() {                          code: opens a block
        let total = add(2, 3);           code: a statement, and inside the block
        report                           code: inside the block
    }                                    code: closes the block
    Home                                 not code

Braces in prose are rare, and a page's menus hold none; a brace that no line
closes within ``BLOCK_LINES`` lines makes no block (a stray ``{`` in a page
dump does not shelter the rest of the page). Code without braces (Python, a
shell session, assembly) is not told from other short lines.

A command's options are code too: a manual page or a tool's documentation
lists them one a line, with the ellipsis that means "one or more"::

    -M, --members user,...               code: an option (and no headline cut off)
    which [-a] filename...               code: an option in brackets
    man -w|-W page ...                   code: an option after the command
    - Photos: Life on the Moon           not code: a list item
"""

from __future__ import annotations

import re

#: A line that leaves a block, a call, a list or a shell command open at its end (the next line goes on with it),
#: or closes one at its start...
BACKSLASH = "\\"
OPENS, CLOSES = ("{", "(", "[", BACKSLASH), ("}", ")", "]")
#: ...or that ends a statement: a ``;`` after a call (a word then ``(``), an ``=`` or a brace (a list in
#: prose ends its items with ``;``, and may hold a remark in brackets: ``behaviour ("trolling");``).
STATEMENT = re.compile(r"(?:\w\(|=|[{}]).*;$")
#: A block runs from a line that ends with ``{`` to the line that starts with the ``}`` closing it; one that
#: closes more lines after its opening than this is no block.
BLOCK_LINES = 400
#: A comment (a line that starts so) next to a line of code, or to such a comment, is code too; so is the line a
#: shell command's backslash carries on to, and a caption that ends with ``:`` just before code (``Output::``).
COMMENTS = ("//", "/*", "*/", "#")
#: A command's option, which opens a line, maybe after the command's name (``-f``, ``-M, --members``,
#: ``--prompt=STRING``, ``man -w|-W page ...``: a dash and a letter that ends the option, or two dashes and a
#: lower-case name), or stands in brackets (``[-a]``, ``[--quiet]``).
OPTION = re.compile(r"(?:[\w.-]+ )?(?:--?[A-Za-z?](?:[ ,=|\[]|$)|--[a-z0-9][a-z0-9-]*\b)")
BRACKETED_OPTION = re.compile(r"\[--?[A-Za-z0-9]")


def code_lines(texts: list[str]) -> list[bool]:
    """For the texts of a text's non-blank lines, in order (without the spaces at their ends), whether each is
    code: it opens a block, a call or a list at its end, closes one at its start, or ends a statement
    (``OPENS``, ``CLOSES``, ``STATEMENT``), it shows a command's option (``OPTION``, ``BRACKETED_OPTION``), it
    lies in a block (``BLOCK_LINES``), or it is a comment, a command's continued line or a caption next to code
    (``COMMENTS``).

    >>> code_lines(["}", "let x = f(y);", "x = 2", "Share on Facebook", 'abuse ("trolling");'])
    [True, True, False, False, False]
    >>> code_lines(["Add the numbers:", "fn main() {", "report", "}", "Home"])  # the caption too
    [True, True, True, True, False]
    >>> code_lines(["Menu {", "Home", "News"])  # a block that nothing closes is none
    [True, False, False]
    >>> code_lines(["-q, --quiet", "--cgroup name,…", "ls [-a] [file...]", "man -w|-W page ...", "- Home",
    ...             "-5 degrees", "Re-run it", "Home - News"])
    [True, True, True, True, False, False, False, False]
    """
    # one comprehension, no call a line: it runs over every text judged
    flags = [text.endswith(OPENS) or text.startswith(CLOSES)
             or text.endswith(";") and STATEMENT.search(text) is not None
             or (text.startswith("-") or " -" in text) and OPTION.match(text) is not None
             or "[-" in text and BRACKETED_OPTION.search(text) is not None for text in texts]
    if not any(flags):  # a block opens on a line of code's shape: none here
        return flags
    opened: list[int] = []
    for i, text in enumerate(texts):
        if text.startswith("}") and opened:  # "} else {" closes a block, then opens one
            start = opened.pop()
            if i - start <= BLOCK_LINES:
                flags[start:i + 1] = [True] * (i + 1 - start)
        if text.endswith("{"):
            opened.append(i)
    return _comments(texts, flags)


def _comments(texts: list[str], flags: list[bool]) -> list[bool]:
    """``flags`` with the comments next to code (``COMMENTS``) set too, through runs of comments, the line a
    backslash carries on to, and the caption (``...:``) just before code.

    >>> _comments(["// why", "// and how", "run();", "# done", "Home"], [False, False, True, False, False])
    [True, True, True, True, False]
    >>> _comments(["Run it:", "tool --fast " + BACKSLASH, "--out here", "Done."], [False, True, False, False])
    [True, True, True, False]
    """
    for order in (range(1, len(texts)), range(len(texts) - 2, -1, -1)):
        step = -1 if order.step > 0 else 1  # the neighbour the run comes from
        for i in order:
            if not flags[i] and flags[i + step] and (texts[i].startswith(COMMENTS) or step < 0
                                                     and texts[i - 1].endswith(BACKSLASH)
                                                     or step > 0 and texts[i].endswith(":")):
                flags[i] = True
    return flags
