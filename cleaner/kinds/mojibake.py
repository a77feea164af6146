"""``mojibake``: repair text decoded with the wrong encoding, with ftfy.

ftfy's ``fix_and_explain`` runs line by line, so each change names its line
and carries ftfy's explanation (e.g. ``encode sloppy-windows-1252, decode
utf-8``). Its ``TextFixerConfig`` switches are the rule's parameters; the
defaults keep what corpus tools keep (curly quotes, widths, ligatures, no
Unicode normalization). Lines that cannot hold mojibake (pure ASCII, or
nothing ftfy's badness heuristic or its C1/surrogate fixers look for) are
skipped without calling ftfy.

Before/after::

    "The cafÃ© opened"  ->  "The café opened"
"""

from __future__ import annotations

from collections.abc import Iterator

import ftfy
import regex
from ftfy.badness import is_bad

from ..change import Finding
from ..document import Document
from ..rules import Rule
from .base import Kind, Param, Stage

FIXER_SWITCHES = {
    "unescape_html": False,
    "remove_terminal_escapes": False,
    "fix_encoding": True,
    "restore_byte_a0": True,
    "replace_lossy_sequences": True,
    "decode_inconsistent_utf8": True,
    "fix_c1_controls": True,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "uncurl_quotes": False,
    "fix_line_breaks": False,
    "fix_surrogates": True,
    "remove_control_chars": False,
}
OTHER_FIXABLE = regex.compile(r"[\x80-\x9f\ud800-\udfff]")


class Mojibake(Kind):
    name = "mojibake"
    stage = Stage.ENCODING
    actions = frozenset({"fix", "report"})
    params = {key: Param(bool, default, help=f"ftfy's {key}") for key, default in FIXER_SWITCHES.items()} | {
        "normalization": Param(str, "", help="NFC, NFKC, NFD, NFKD, or empty for none"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        switches = {key: self.options[key] for key in FIXER_SWITCHES}
        self.config = ftfy.TextFixerConfig(normalization=self.options["normalization"] or None, **switches)

    def find(self, doc: Document) -> Iterator[Finding]:
        if doc.text.isascii():
            return
        for line in doc.lines:
            text = line.text
            if text.isascii() or not (is_bad(text) or OTHER_FIXABLE.search(text)):
                continue
            fixed, steps = ftfy.fix_and_explain(text, config=self.config)
            if fixed != text:
                explained = ", ".join(f"{step.action} {step.parameter}" for step in steps or [])
                yield self.finding(line.start, line.end, fixed, f"mojibake repaired by ftfy: {explained}",
                                   steps=[list(step) for step in steps or []])
