"""What the source's bytes were: bytes that are not valid UTF-8, and an encoding other than plain UTF-8.

A UTF-8 file with a few invalid bytes is read with each of them kept as a
lone surrogate (``cleaner.decoding``): U+DCFF stands for the byte 0xFF, and
writing the text back gives the byte back. ``invalid-bytes`` names them, and
its fix replaces each with U+FFFD (the log keeps the byte, so ``restore``
puts it back):

>>> from cleaner.rules import Rule
>>> rule = Rule("E002", "invalid-byte", "invalid-bytes", "", "", "E", "-", (), fix="unsafe")
>>> [(f.replacement, f.reason) for f in InvalidBytes(rule).find(Document("Caf\\udce9 au lait"))]
[('�', 'byte 0xE9 is not valid UTF-8')]

``source-encoding`` reports, once per file, an encoding other than UTF-8
without a byte-order mark: how it was chosen and how sure that was.

>>> rule = Rule("E003", "source-encoding", "source-encoding", "", "", "E", "-", (), action="report")
>>> meta = {"encoding": "cp1252", "bom": "", "encoding_confidence": "0.98", "encoding_how": "detected"}
>>> [f.reason for f in SourceEncoding(rule).find(Document("Caf\\xe9", meta=meta))]
['read as cp1252 (confidence 0.98: detected)']
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..change import Finding
from ..document import Document
from .base import Kind, Stage

#: Lone surrogates that stand for invalid bytes 0x80-0xFF (Python's ``surrogateescape``): not the low half of
#: a surrogate pair (a text from elsewhere may hold pairs, which are characters).
ESCAPED_BYTES = regex.compile("(?<![\ud800-\udbff])[\udc80-\udcff]+")
REPLACEMENT_CHARACTER = "\ufffd"


class InvalidBytes(Kind):
    name = "invalid-bytes"
    stage = Stage.ENCODING
    #: Before ``mojibake``, whose ftfy would turn the bytes into U+FFFD under its own name.
    order = -1
    actions = frozenset({"fix", "report"})

    def find(self, doc: Document) -> Iterator[Finding]:
        if doc.text.isascii():
            return
        for match in ESCAPED_BYTES.finditer(doc.text):
            found = bytes(ord(char) - 0xDC00 for char in match.group())
            names = " ".join(f"0x{byte:02X}" for byte in found)
            yield self.finding(match.start(), match.end(), REPLACEMENT_CHARACTER * len(found),
                               f"{'byte' if len(found) == 1 else 'bytes'} {names} "
                               f"{'is' if len(found) == 1 else 'are'} not valid UTF-8")


class SourceEncoding(Kind):
    name = "source-encoding"
    stage = Stage.ENCODING
    order = -2
    actions = frozenset({"report"})

    def find(self, doc: Document) -> Iterator[Finding]:
        encoding, bom = doc.meta.get("encoding"), doc.meta.get("bom")
        if encoding is None or encoding == "utf-8" and not bom:
            return
        mark = " with a byte-order mark" if bom else ""
        how = doc.meta.get("encoding_how", "")
        yield self.finding(0, 0, "", f"read as {encoding}{mark} (confidence "
                                     f"{doc.meta.get('encoding_confidence', '1')}{': ' + how if how else ''})")
