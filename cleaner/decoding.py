"""Bytes to text, and only in ways that can be undone byte for byte.

The order of guesses:

1. a byte-order mark (UTF-8, UTF-16 or UTF-32) decides;
2. NUL bytes mean UTF-16 without a mark when they sit at alternating
   positions and charset-normalizer agrees, else binary data;
3. UTF-8;
4. a legacy encoding (cp1252, latin-1, cp1251...) chosen by
   charset-normalizer; Windows-1252 wins when charset-normalizer rates it
   about as good as its best guess, since that is what the web's
   "latin-1" really is and short texts fit many code pages.

Whatever is chosen must give back the very same bytes when the text is
encoded again (``restore`` relies on it); if it does not, the input is
refused. Every refusal is an ``InputError`` naming the cause.

>>> decode_bytes("Voilà l'été à Paris.".encode("cp1252")).encoding
'cp1252'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
Traceback (most recent call last):
...
cleaner.files.InputError: binary data: NUL bytes that are not UTF-16 text (the first at byte 8)
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .files import Decoded, InputError

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
#: Share of bytes at one parity that must be NUL (and at most this share of
#: it at the other) for NUL-bearing data to be taken as UTF-16 without a mark.
UTF16_NULS = 0.3
#: Most control characters (other than whitespace) a legacy decoding may hold, as a share.
MAX_CONTROLS = 0.01
BINARY_CONTROLS = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F))


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` as described in the module docstring; raise ``InputError`` if it is not text."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):], encoding, bom, "after its byte-order mark")
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        return _checked(data, "utf-8", b"", "")
    except InputError as utf8_error:
        return _legacy(data, utf8_error)


def _checked(payload: bytes, encoding: str, bom: bytes, where: str) -> Decoded:
    """Decode strictly and make sure encoding the text again gives ``payload`` back."""
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {encoding}{' ' + where if where else ''}: {error.reason} at byte "
                         f"{error.start + len(bom)}") from error
    try:
        same = text.encode(encoding) == payload
    except UnicodeEncodeError:
        same = False
    if not same:
        raise InputError(f"decoding as {encoding} cannot be undone byte for byte, so it is refused")
    return Decoded(text, encoding, bom)


def _utf16_without_bom(data: bytes) -> Decoded:
    even, odd = data[0::2], data[1::2]
    share = [part.count(0) / max(len(part), 1) for part in (even, odd)]
    endian = "le" if share[1] >= UTF16_NULS and share[0] <= share[1] / 10 else \
             "be" if share[0] >= UTF16_NULS and share[1] <= share[0] / 10 else ""
    best = from_bytes(data).best() if endian and len(data) % 2 == 0 else None
    if best is None or not best.encoding.startswith("utf_16"):
        raise InputError(f"binary data: NUL bytes that are not UTF-16 text (the first at byte {data.index(0)})")
    return _checked(data, f"utf-16-{endian}", b"", "")


def _legacy(data: bytes, utf8_error: InputError) -> Decoded:
    """The legacy encoding charset-normalizer finds, cp1252 on a tie; refuse binary-looking text."""
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise InputError(f"{utf8_error}, and no other encoding fits: binary data?")
    best = min(matches, key=lambda m: m.percent_chaos)
    preferred = from_bytes(data, cp_isolation=[PREFERRED]).best()
    tie = preferred is not None and preferred.percent_chaos <= best.percent_chaos + CHAOS_TIE
    encoding = PREFERRED if tie else codecs.lookup(best.encoding).name
    decoded = _checked(data, encoding, b"", "")
    controls = sum(decoded.text.count(c) for c in BINARY_CONTROLS if c in decoded.text)
    if controls > MAX_CONTROLS * len(decoded.text):
        raise InputError(f"{utf8_error}; as {encoding} it holds {controls} control characters: binary data?")
    return decoded
