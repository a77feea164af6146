"""Bytes to text, and only in ways that can be undone byte for byte.

The order of guesses:

1. a byte-order mark (UTF-8, UTF-16 or UTF-32) decides;
2. NUL bytes mean UTF-16 without a mark when they sit at alternating
   positions and charset-normalizer agrees, else binary data;
3. UTF-8;
4. UTF-8 with some invalid bytes, when they are at most half of its bytes
   beyond ASCII (``MOSTLY_UTF8``): each invalid byte becomes a lone surrogate (Python's
   ``surrogateescape``), so it is kept byte for byte, rule E002 names it and
   nothing around it is read through a code page it was not written in;
5. a legacy encoding (cp1252, cp1251, Shift JIS...) chosen by
   charset-normalizer, only on clear evidence: no other encoding that reads
   the bytes as different text fits about as well. Windows-1252 wins a tie
   with Western code pages, since that is what the web's "latin-1" really is
   and short texts fit many of them. Where the evidence is not clear, a file
   that is ASCII but for a few bytes (``FEW_STRAY_BYTES``) is read as UTF-8
   with those bytes kept; any other (a short GB18030 line fits cp949 and
   Johab as well) is refused, with the encodings it fits, rather than read
   as the wrong one.

Whatever is chosen must give back the very same bytes when the text is
encoded again (``restore`` relies on it); if it does not, the input is
refused. Every refusal is an ``InputError`` naming the cause. How sure the
choice is (``confidence``: 1 for a byte-order mark or valid UTF-8; for a
legacy code page, charset-normalizer's share of text without "chaos",
divided among the encodings that fit as well) and how it was made (``how``)
go to the change log, and rule E003 reports them to ``check``.

>>> decode_bytes("Voilà l'été à Paris.".encode("cp1252")).encoding
'cp1252'
>>> decoded = decode_bytes(b"Caf\\xc3\\xa9 \\xff na\\xc3\\xafve")
>>> decoded.encoding, decoded.text, decoded.invalid
('utf-8', 'Café \\udcff naïve', 1)
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
Traceback (most recent call last):
...
cleaner.files.InputError: binary data: NUL bytes that are not UTF-16 text (the first at byte 8)
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.models import CharsetMatch

from .files import Decoded, InputError, errors_for

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: The legacy encoding preferred when charset-normalizer rates it as good as its best guess.
PREFERRED = "cp1252"
#: How much worse (in charset-normalizer's percent of "chaos") a guess may be and still tie. In a short
#: text one odd character moves the chaos by a point or more ('Café crème at 5€' rates cp775 10.0, cp1252 11.1).
CHAOS_TIE = 5.0
#: How much less language coherence (charset-normalizer's percent) a tied guess may have and still rival
#: the chosen one. Russian in cp1251 rates 59 against mac-cyrillic's 48; three Chinese-Korean readings of
#: a short GB18030 line all rate 0, and so tie.
COHERENCE_TIE = 10.0
#: The rival encodings a log names; it counts the others.
NAMED_RIVALS = 3
#: Share of bytes at one parity that must be NUL (and at most this share of
#: it at the other) for NUL-bearing data to be taken as UTF-16 without a mark.
UTF16_NULS = 0.3
#: Most control characters (other than whitespace) a legacy decoding may hold, as a share.
MAX_CONTROLS = 0.01
BINARY_CONTROLS = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F))
#: A lone surrogate ``surrogateescape`` turns an invalid byte 0x80-0xFF into.
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
#: The bytes beyond ASCII, deleted in one pass to count them.
BEYOND_ASCII = bytes(range(0x80, 0x100))
#: Most invalid bytes, as a share of the bytes beyond ASCII, for a file to be read as UTF-8 that has some. In
#: a double-byte code page (GB18030, Big5...) about one pair in ten is a valid UTF-8 sequence by chance, so
#: invalid bytes are most of its bytes beyond ASCII (17 of 26 in a short GB18030 line); a UTF-8 file with a
#: stray byte or a cut sequence has few (English text with one "é" and one stray byte: 1 of 3).
MOSTLY_UTF8 = 0.5
#: A file that is ASCII but for this many bytes, which no code page reads clearly, is UTF-8 with them kept:
#: no guess is made.
FEW_STRAY_BYTES = 3


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` as described in the module docstring; raise ``InputError`` if it is not text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):], encoding, bom, "after its byte-order mark", how="byte-order mark")
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        return _checked(data, "utf-8", b"", "", how="valid UTF-8")
    except InputError as utf8_error:
        return _mostly_utf8(data) or _legacy(data, utf8_error)


def _checked(payload: bytes, encoding: str, bom: bytes, where: str, *, how: str, confidence: float = 1.0,
             errors: str = "strict") -> Decoded:
    """Decode and make sure encoding the text again gives ``payload`` back."""
    try:
        text = payload.decode(encoding, errors)
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {encoding}{' ' + where if where else ''}: {error.reason} at byte "
                         f"{error.start + len(bom)}") from error
    try:
        same = text.encode(encoding, errors) == payload
    except UnicodeEncodeError:
        same = False
    if not same:
        raise InputError(f"decoding as {encoding} cannot be undone byte for byte, so it is refused")
    invalid = len(text) - len(ESCAPED_BYTE.sub("", text)) if errors != "strict" else 0
    return Decoded(text, encoding, bom, confidence, how, invalid)


def _utf16_without_bom(data: bytes) -> Decoded:
    even, odd = data[0::2], data[1::2]
    share = [part.count(0) / max(len(part), 1) for part in (even, odd)]
    endian = "le" if share[1] >= UTF16_NULS and share[0] <= share[1] / 10 else \
             "be" if share[0] >= UTF16_NULS and share[1] <= share[0] / 10 else ""
    best = from_bytes(data).best() if endian and len(data) % 2 == 0 else None
    if best is None or not best.encoding.startswith("utf_16"):
        raise InputError(f"binary data: NUL bytes that are not UTF-16 text (the first at byte {data.index(0)})")
    return _checked(data, f"utf-16-{endian}", b"", "", how="UTF-16 without a byte-order mark (NUL bytes at "
                    "alternate places)", confidence=round(1 - best.chaos, 3))


def _mostly_utf8(data: bytes, most: float = MOSTLY_UTF8, few: int = 0, note: str = "") -> Decoded | None:
    """UTF-8 with its invalid bytes kept as lone surrogates, when they are at most ``most`` of the bytes
    beyond ASCII, or at most ``few``; else None (a legacy code page, maybe). ``note`` ends the ``how``."""
    decoded = _checked(data, "utf-8", b"", "", how="", errors=errors_for("utf-8"))
    beyond_ascii = len(data) - len(data.translate(None, BEYOND_ASCII))
    share = decoded.invalid / beyond_ascii
    if share > most and decoded.invalid > few:
        return None
    return Decoded(decoded.text, "utf-8", b"", round(1 - share, 3),
                   f"UTF-8 but for {decoded.invalid} invalid byte(s), kept as they are "
                   f"({decoded.invalid} of {beyond_ascii} bytes beyond ASCII){note}", decoded.invalid)


def _legacy(data: bytes, utf8_error: InputError) -> Decoded:
    """The legacy encoding charset-normalizer finds, cp1252 on a tie; refuse binary-looking text and
    bytes that several encodings read as different texts equally well."""
    matches = sorted((m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))),
                     key=lambda m: (m.percent_chaos, -m.percent_coherence))
    if not matches:
        raise InputError(f"{utf8_error}, and no other encoding fits: binary data?")
    preferred = from_bytes(data, cp_isolation=[PREFERRED]).best()
    tie = preferred is not None and preferred.percent_chaos <= matches[0].percent_chaos + CHAOS_TIE
    chosen = preferred if tie and preferred is not None else matches[0]
    encoding = codecs.lookup(chosen.encoding).name
    rivals = [codecs.lookup(m.encoding).name for m in matches if _rivals(m, chosen)]
    if rivals and not tie:
        unclear = f"its encoding is unclear: {', '.join([encoding, *rivals])} read it as different texts equally well"
        fallback = _mostly_utf8(data, few=FEW_STRAY_BYTES, note=f"; as a legacy code page {unclear}")
        if fallback is None:
            raise InputError(f"{utf8_error}, and {unclear} (convert it to UTF-8 first)")
        return fallback
    how = f"{encoding}, detected by charset-normalizer"
    if rivals:
        named = ", ".join(rivals[:NAMED_RIVALS]) + (f" and {len(rivals) - NAMED_RIVALS} more"
                                                     if len(rivals) > NAMED_RIVALS else "")
        how += f"; preferred to {named}, which read it as other texts as well"
    decoded = _checked(data, encoding, b"", "", how=how, confidence=round((1 - chosen.chaos) / (1 + len(rivals)), 3))
    controls = sum(decoded.text.count(c) for c in BINARY_CONTROLS if c in decoded.text)
    if controls > MAX_CONTROLS * len(decoded.text):
        raise InputError(f"{utf8_error}; as {encoding} it holds {controls} control characters: binary data?")
    return decoded


def _rivals(match: CharsetMatch, chosen: CharsetMatch) -> bool:
    """Whether ``match`` fits about as well as ``chosen`` and reads the bytes as a different text."""
    return (match.encoding != chosen.encoding and match.percent_chaos <= chosen.percent_chaos + CHAOS_TIE
            and match.percent_coherence >= chosen.percent_coherence - COHERENCE_TIE
            and str(match) != str(chosen))
