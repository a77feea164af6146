"""RE2 before ``regex``: which rules may match, told in one linear pass, so ``regex`` runs only where it might.

Trying a few dozen ``regex`` patterns on every line of a corpus, and a dozen
substitutions over every document, cost more than all the rest of the
cleaning: each pattern is tried in turn, at every place, and alternations and
bounded repeats backtrack. RE2 (a DFA: one pass over the text, for many
patterns at once) cannot run every pattern ``regex`` can (lookarounds,
possessive repeats, back-references), and its Unicode tables are older; so
each pattern is first widened into an RE2 pattern that matches at least what
the original matches:

* lookarounds and ``\\b`` go (a missing condition only lets more through);
  for a search of a whole text, a lookbehind that starts the pattern or a
  lookahead that ends it is matched as plain text instead;
* possessive repeats become greedy ones, atomic groups plain ones;
* ``\\w``, ``\\d``, ``\\s`` and ``\\p{...}`` take their ASCII meaning plus every
  other character (the ASCII meanings are the same in both engines);
  ``\\W``, ``\\D``, ``\\S`` take every character outside their ASCII opposite
  (and, inside a negated class, only their ASCII part).

``LineSet`` holds the line patterns as one RE2 set, which names those that
may match all of a line; ``Search`` tells whether one pattern may match
somewhere in a text. ``regex`` then decides. A pattern that cannot be widened
(a back-reference, a verbose pattern, a flag RE2 lacks) is always tried.

>>> lines = LineSet(["(?i)share(?: this)?", r"\\d+ comments?", r"(?<=x)y"])
>>> lines.candidates("Share this"), lines.candidates("12 comments"), lines.candidates("y")
((0,), (1,), (2,))
>>> widened(r"(?i)\\bshare\\b(?=\\s)\\w++")
'(?i)share[0-9A-Za-z_\\\\x{80}-\\\\x{10FFFF}]+'
"""

from __future__ import annotations

import re
import unicodedata

import re2

#: Outside a character class: what each escape is widened to (None: it cannot be).
OUTSIDE = {
    "w": r"[0-9A-Za-z_\x{80}-\x{10FFFF}]",
    "d": r"[0-9\x{80}-\x{10FFFF}]",
    "s": r"[\t-\r \x{80}-\x{10FFFF}]",
    "W": r"[^0-9A-Za-z_]",
    "D": r"[^0-9]",
    "S": r"[^\t-\r ]",
    "b": "",
    "B": "",
    "Z": r"\z",
    "G": None,
}
#: Inside a negated character class, what each escape is narrowed to (its ASCII part: what the
#: class leaves out shrinks, so the class grows).
NEGATED = {
    "w": r"0-9A-Za-z_",
    "d": r"0-9",
    "s": r"\t-\r ",
    "W": r"\x00-/:-@\[-\^`{-\x7f",
    "D": r"\x00-/:-\x7f",
    "S": r"\x00-\x08\x0e-\x1f!-\x7f",
}
#: Inside a character class: the same, as class items.
INSIDE = {
    "w": r"0-9A-Za-z_\x{80}-\x{10FFFF}",
    "d": r"0-9\x{80}-\x{10FFFF}",
    "s": r"\t-\r \x{80}-\x{10FFFF}",
    "W": r"\x00-/:-@\[-\^`{-\x{10FFFF}",
    "D": r"\x00-/:-\x{10FFFF}",
    "S": r"\x00-\x08\x0e-\x1f!-\x{10FFFF}",
}
#: Escapes both engines read alike.
KEPT = frozenset("tnrfvaAz")
#: A character by its code point: ``\\xHH``, ``\\x{H...}``, ``\\uHHHH``, ``\\UHHHHHHHH`` (RE2 spells them all ``\\x{...}``).
CODE_POINT = re.compile(r"\\(?:x([0-9a-fA-F]{2})|x\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")
#: Every character beyond ASCII, added to a widened Unicode property.
BEYOND_ASCII = r"\x{80}-\x{10FFFF}"
#: What a letter beyond ASCII is widened to where case is ignored: any letter that may be a case partner.
LETTERS_BEYOND_ASCII = r"A-Za-z\x{80}-\x{10FFFF}"
#: Letters, and what Python's tables do not know yet (a letter newer than them).
CASED_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Cn"})
#: A flag group that turns case folding on, for the whole pattern or a part of it.
CASELESS = re.compile(r"(?<!\\)(?:\\\\)*\(\?[a-zA-Z]*i[a-zA-Z]*[:)]")
#: ``regex``'s "at most n" repeat, which RE2 spells "{0,n}".
AT_MOST = re.compile(r"\{,\d+\}")
#: The start of a counted repeat just before a "}" (``{2,}+`` is possessive, a literal "}+" is not).
COUNTED_END = re.compile(r"\{\d*,?\d*$")
#: A quantifier, lazy or possessive too: one after a lookaround that is left out goes with it.
QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*,?\d*\})[?+]?")
#: Groups that only test and are left out: lookaheads and lookbehinds.
LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
#: What ``regex`` can do that RE2 cannot, and no widening covers: conditionals, named back-references,
#: verbose patterns, recursion, branch resets, fuzzy matching. A group that turns flags RE2 knows off
#: in its scope (``(?-i:Like this)``) both engines read alike.
#: (Each after an even number of backslashes: "\\(?" is an optional parenthesis.)
UNWIDENABLE = re.compile(
    r"(?<!\\)(?:\\\\)*(?:\(\?\(|\(\?P=|\(\?[a-zA-Z]*x|\(\?(?:[0-9R&+|]|-(?![ims]+:))|\{[^}]*[eisd][<=}])")
#: Global flags: RE2 reads them as from where they stand, ``regex`` as for the whole pattern.
FLAGS = re.compile(r"(?<!\\)(?:\\\\)*\(\?([a-zA-Z]+)\)")
#: The global flags RE2 knows (``regex`` has more: reverse, fuzzy, ASCII...).
RE2_FLAGS = "ims"
#: A character that ``regex``'s case folding matches to an ASCII letter and RE2's does not (the tests
#: check every code point): a line holding it is tried by every pattern.
FOLDS_ONLY_IN_REGEX = "\u0130"
#: Longer lines are tried by every pattern: the set's DFA would spend its memory on them.
LONGEST_LINE = 4000
#: Longer texts are searched by each pattern's own RE2 regex (``Search``), not by one set for all of them.
LONGEST_TEXT = 1 << 20
#: Most memory the set's DFA may take for its cache of states (RE2's default is 8 MB). When the cache is
#: full it is emptied and matching goes on, so memory stays bounded for any corpus and answers do not change.
DFA_MEMORY = 64 << 20


def widened(source: str, search: bool = False) -> str | None:
    """An RE2 pattern that matches at least what the ``regex`` pattern ``source`` matches, or None.

    With ``search``, the pattern is only to tell whether ``source`` matches somewhere in a text, not
    where: a lookbehind that starts the pattern, or a lookahead that ends it, is then matched as plain
    text (it must be there), which keeps the test as selective as the pattern.

    >>> widened("(?<=a) +(?=[,.])", search=True), widened("(?<=a) +(?=[,.])")
    ('(?:a) +(?:[,.])', ' +')
    """
    if UNWIDENABLE.search(source) or any(flags.start() or set(flags.group(1)) - set(RE2_FLAGS)
                                         for flags in FLAGS.finditer(source)):
        return None
    caseless = CASELESS.search(source) is not None
    out, at, in_class, class_cased = [], 0, None, False
    while at < len(source):
        char = source[at]
        if char == "\\":
            piece, at = _escape(source, at, in_class, caseless)
            if piece is None:
                return None
            out.append(piece)
            continue
        if in_class is not None:
            if char == "[":
                return None  # a nested set
            if char == "]":
                if class_cased:
                    out.append(LETTERS_BEYOND_ASCII)
                in_class, class_cased = None, False
            elif caseless and _cased(char):
                if in_class is NEGATED:
                    return None
                class_cased = True
        elif caseless and _cased(char):
            out.append(f"[{LETTERS_BEYOND_ASCII}]")
            at += 1
            continue
        elif char == "[":
            opening = "[^" if source.startswith("[^", at) else "["
            in_class = INSIDE if opening == "[" else NEGATED
            out.append(opening)
            at += len(opening)
            if source.startswith("]", at):
                out.append(r"\]")
                at += 1
            continue
        elif source.startswith(LOOKAROUND, at):
            piece, at = _lookaround(source, at, search)
            out.append(piece)
            continue
        elif source.startswith("(?>", at):
            out.append("(?:")
            at += 3
            continue
        elif AT_MOST.match(source, at):  # "{,n}": RE2 would read it as plain text
            out.append("{0,")
            at += 2
            continue
        elif source.startswith("+", at + 1) and (char in "*+?" or char == "}" and COUNTED_END.search(source, 0, at)):
            out.append(char)
            at += 2
            continue
        out.append(char)
        at += 1
    return "".join(out)


def _cased(char: str) -> bool:
    """Whether ``char`` is a letter beyond ASCII (or one too new for Python's tables): RE2's case folding,
    older than ``regex``'s, may not know all its case partners (``(?i)ı`` matches "I" in ``regex`` only)."""
    return ord(char) > 127 and unicodedata.category(char) in CASED_CATEGORIES


def _escape(source: str, at: int, in_class: dict[str, str] | None, caseless: bool) -> tuple[str | None, int]:
    """The widened form of the escape at ``at`` and where it ends (None: one RE2 lacks, or a letter given by
    its code point in a pattern that ignores case: rare, so such a pattern is simply always tried).

    ``in_class`` is the table of the class the escape is in (``INSIDE`` or ``NEGATED``), None outside."""
    letter = source[at + 1:at + 2]
    if letter in ("p", "P"):
        if in_class is NEGATED:
            return None, at
        end = source.index("}", at) + 1 if source.startswith("{", at + 2) else at + 3
        prop = source[at:end]
        return (prop + BEYOND_ASCII if in_class else f"[{prop}{BEYOND_ASCII}]"), end
    table = in_class or OUTSIDE
    if letter in table:
        return table[letter], at + 2
    code = CODE_POINT.match(source, at)
    if code:
        digits = next(filter(None, code.groups()))
        if caseless and _cased(chr(int(digits, 16))):
            return None, at
        return f"\\x{{{digits}}}", code.end()
    if letter in KEPT or not letter.isalnum():
        return source[at:at + 2], at + 2
    return None, at


def _lookaround(source: str, at: int, search: bool) -> tuple[str, int]:
    """What the lookaround at ``at`` becomes, and where to go on: for a search, a group of plain text if it
    starts (lookbehind) or ends (lookahead) the pattern; else nothing, and on past the group."""
    end = _after_group(source, at)
    if search and (at == 0 and source.startswith("(?<=", at)
                   or source.startswith("(?=", at) and not source[end:].strip(")")):
        return "(?:", at + len("(?<=" if source.startswith("(?<=", at) else "(?=")
    quantifier = QUANTIFIER.match(source, end)
    return "", quantifier.end() if quantifier else end


def _after_group(source: str, at: int) -> int:
    """Where the group that opens at ``at`` ends (after its closing parenthesis)."""
    depth, in_class = 0, False
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    return at


def _options() -> re2.Options:
    """RE2's options for a prefilter: no capture groups, bounded memory, and silence (a pattern RE2 cannot
    parse is simply tried by ``regex`` alone)."""
    options = re2.Options()
    options.max_mem = DFA_MEMORY
    options.log_errors = False
    options.never_capture = True
    return options


class LineSet:
    """Patterns (``regex`` syntax) as one RE2 set: ``candidates(line)`` names those that may match all of a line."""

    #: Longer texts are named for every pattern.
    longest = LONGEST_LINE

    def __init__(self, sources: list[str]) -> None:
        self.sources = sources
        self._set = self._empty()
        self.numbers: list[int] = []
        always = []
        for number, source in enumerate(sources):
            pattern = self._widened(source)
            if pattern is not None and self._add(pattern):
                self.numbers.append(number)
            else:
                always.append(number)
        self.always = tuple(always)
        self.everything = tuple(range(len(sources)))
        if self.numbers:
            self._set.Compile()

    def __reduce__(self) -> tuple[type[LineSet], tuple[list[str]]]:
        """Pickled as its patterns (an RE2 set cannot be): a worker process builds its own."""
        return type(self), (self.sources,)

    @staticmethod
    def _empty() -> re2.Set:
        return re2.Set.FullMatchSet(_options())

    @staticmethod
    def _widened(source: str) -> str | None:
        return widened(source)

    def _add(self, pattern: str) -> bool:
        try:
            self._set.Add(pattern)
        except re2.error:
            return False
        return True

    def candidates(self, line: str) -> tuple[int, ...]:
        """The numbers of the patterns that may match all of ``line``, in order."""
        if not self.numbers or len(line) > self.longest or FOLDS_ONLY_IN_REGEX in line:
            return self.everything
        try:
            found = self._set.Match(line)
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            return self.everything
        if not found:
            return self.always
        return tuple(sorted((*self.always, *(self.numbers[i] for i in found))))


class TextSet(LineSet):
    """Patterns (``regex`` syntax, compiled with ``MULTILINE``) as one RE2 set: ``candidates(text)`` names, in
    one pass over a text, those that may match somewhere in it (``Search`` for many patterns at once).

    >>> TextSet(["(?<=a) +(?=[,.])", "[ \\t]+$"]).candidates("a ,\\nb")
    (0,)
    """

    longest = LONGEST_TEXT

    @staticmethod
    def _empty() -> re2.Set:
        return re2.Set.SearchSet(_options())

    @staticmethod
    def _widened(source: str) -> str | None:
        pattern = widened(source, search=True)
        return None if pattern is None else f"(?m){pattern}"


class Search:
    """Whether a ``regex`` pattern (compiled with ``MULTILINE``) may match somewhere in a text: one RE2 pass
    over it, before ``regex`` looks for the matches. ``possible`` is None when the pattern cannot be widened.

    >>> Search("(?<=a) +(?=[,.])").may_match("a b. c ,"), Search("(?<=a) +(?=[,.])").may_match("a ,")
    (False, True)
    """

    def __init__(self, source: str) -> None:
        self.source = source
        pattern = widened(source, search=True)
        try:
            self.possible = None if pattern is None else re2.compile(f"(?m){pattern}", _options())
        except re2.error:
            self.possible = None

    def __reduce__(self) -> tuple[type[Search], tuple[str]]:
        return Search, (self.source,)

    def may_match(self, text: str) -> bool:
        if self.possible is None or FOLDS_ONLY_IN_REGEX in text:
            return True
        try:
            return self.possible.search(text) is not None
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            return True
