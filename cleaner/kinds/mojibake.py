"""``mojibake``: repair text decoded with the wrong encoding, with ftfy.

ftfy's ``fix_and_explain`` runs line by line, so each change names its line
and carries ftfy's explanation (e.g. ``encode sloppy-windows-1252, decode
utf-8``) in its reason and in ``scores["steps"]``. Every ``TextFixerConfig``
switch is a rule parameter; the defaults keep what corpus tools keep (curly
quotes, widths, ligatures, no Unicode normalization).

ftfy is only called on lines it could change: one scan of the document with
a character class built from ftfy's own tables (the characters its badness
heuristic looks for, plus those of every other switch that is on) picks the
candidate lines (stdlib ``re``: the ``regex`` module is slow on such large
classes), and of those only the lines ftfy's ``is_bad`` flags (or that hold
what another enabled fixer targets) reach ``fix_and_explain``.

Before/after::

    "The cafÃ© opened"  ->  "The café opened"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES, WIDTH_MAP

from ..change import Finding
from ..document import Document, Line, remember
from ..rules import Rule
from .base import Kind, Param, Stage
from .required import leading_characters
from .shape import line_texts
from .source_bytes import ESCAPED_BYTES

#: ftfy's switches, their defaults here, and what each does.
FIXER_SWITCHES = {
    "fix_encoding": (True, "undo UTF-8 decoded as a single-byte encoding (the main fix)"),
    "restore_byte_a0": (True, "also when a no-break space byte became a space"),
    "replace_lossy_sequences": (True, "replace lost bytes of sloppy-windows-1252 mojibake by U+FFFD"),
    "decode_inconsistent_utf8": (True, "fix mojibake mixed with correct text on one line"),
    "fix_c1_controls": (True, "read C1 control characters as the Windows-1252 characters they stand for"),
    "fix_surrogates": (True, "join UTF-16 surrogate pairs into the characters they encode"),
    "unescape_html": (False, "turn HTML entities such as &amp; into characters"),
    "remove_terminal_escapes": (False, "remove ANSI terminal escape sequences"),
    "fix_latin_ligatures": (False, "split ligatures such as ﬁ into letters"),
    "fix_character_width": (False, "full-width letters to ASCII, half-width katakana to full width"),
    "uncurl_quotes": (False, "turn curly quotes into straight ones"),
    "fix_line_breaks": (False, "turn CR, U+2028 and U+2029 into LF"),
    "remove_control_chars": (False, "remove control and format characters"),
}
NORMALIZATIONS = ("", "NFC", "NFKC", "NFD", "NFKD")


def _chars(codes: Iterable[int]) -> str:
    return "[" + re.escape("".join(chr(code) for code in codes)) + "]"


#: What each switch's fixer acts on, as regex pieces. ``fix_encoding`` and its
#: helpers act only where ftfy's badness regex matches, and each branch of
#: that regex needs two adjacent characters of its categories and literals,
#: or one of a few that are bad alone (C1 controls, Œ, œ, Ã, Â);
#: tests/test_properties.py checks that the prefilter finds all it finds.
BADNESS_CHARS = "".join(MOJIBAKE_CATEGORIES.values()) + re.escape(
    "".join(sorted({c for c in BADNESS_RE.pattern if not c.isascii()})))
FIXER_CHARS = {
    "fix_encoding": f"[\x80-\x9fŒœÃÂ]|[{BADNESS_CHARS}]{{2}}",
    "fix_c1_controls": "[\x80-\x9f]",
    "fix_surrogates": "[\ud800-\udbff]",  # a pair starts high; a lone low one is an invalid byte (E002)
    "unescape_html": "&",
    "remove_terminal_escapes": "\x1b",
    "fix_latin_ligatures": _chars(LIGATURES),
    "fix_character_width": _chars(WIDTH_MAP),
    "uncurl_quotes": "[\u02bc\u2018-\u201f]",
    "fix_line_breaks": "[\r\x85\u2028\u2029]",
    "remove_control_chars": _chars(CONTROL_CHARS),
}


class Mojibake(Kind):
    name = "mojibake"
    stage = Stage.ENCODING
    actions = frozenset({"fix", "report"})
    params = {key: Param(bool, default, help=f"ftfy's {key}: {text}") for key, (default, text) in FIXER_SWITCHES.items()} | {
        "normalization": Param(str, "", help="Unicode normalization after fixing: NFC, NFKC, NFD, NFKD, or empty for none",
                               choices=NORMALIZATIONS),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        self.form = self.options["normalization"]
        switches = {key: self.options[key] for key in FIXER_SWITCHES}
        self.config = ftfy.TextFixerConfig(normalization=self.form or None, **switches)
        #: For a line that holds a file's invalid bytes, kept as lone surrogates: ftfy would turn them into U+FFFD,
        #: which is rule E002's fix, under its own name.
        self.keep_bytes = self.config._replace(fix_surrogates=False)
        self.bad = self.options["fix_encoding"]
        other = "|".join(FIXER_CHARS[key] for key in FIXER_CHARS if key != "fix_encoding" and self.options[key])
        self.other = re.compile(other) if other else None
        every = "|".join(filter(None, (other, FIXER_CHARS["fix_encoding"] if self.bad else "")))
        self.prefilter = re.compile(every) if every else None
        #: The characters a prefilter match starts with: the scan jumps between them.
        self.lead = leading_characters(self.prefilter) if self.prefilter else None

    @staticmethod
    def view(doc: Document) -> Hashable:
        """ftfy fixes each line by itself, blank ones too."""
        return doc.memo("mojibake-view", lambda: frozenset(line_texts(doc)))

    def find(self, doc: Document) -> Iterator[Finding]:
        for line in self.candidates(doc):
            config = self.keep_bytes if ESCAPED_BYTES.search(line.text) else self.config
            fixed, steps = ftfy.fix_and_explain(line.text, config=config)
            if fixed != line.text:
                explained = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
                yield self.finding(line.start, line.end, fixed, f"mojibake repaired by ftfy: {explained}",
                                   steps=[list(step) for step in steps or []])

    def candidates(self, doc: Document) -> Iterator[Line]:
        """The lines ftfy could change, found without calling it."""
        if self.form and not unicodedata.is_normalized(self.form, doc.text):
            yield from (line for line in doc.lines if not unicodedata.is_normalized(self.form, line.text))
            return
        if self.prefilter is None:
            return
        hit = self._search(self.prefilter, doc.text, 0)
        while hit:
            line = doc.line_at(hit.start())
            if self._changeable(doc, line.text):
                yield line
            hit = self._search(self.prefilter, doc.text, line.end + 1)

    def _changeable(self, doc: Document, text: str) -> bool:
        """Whether ftfy's ``is_bad`` flags the line (or it holds what another enabled fixer targets): remembered
        per line text (``Document.lasting``: the next pass reads mostly the same lines)."""
        seen: dict[str, bool] = doc.lasting.setdefault(f"mojibake-{id(self)}", {})
        if text not in seen:
            return remember(seen, text, bool(self.bad and is_bad(text) or self.other and self.other.search(text)))
        return seen[text]

    def _search(self, prefilter: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
        """The first match of ``prefilter`` from ``start``, tried only where a character it can start with stands."""
        if self.lead is None:
            return prefilter.search(text, start)
        while lead := self.lead.search(text, start):
            if found := prefilter.match(text, lead.start()):
                return found
            start = lead.start() + 1
        return None
