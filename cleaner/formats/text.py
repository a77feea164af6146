"""Plain text files: one document each, read whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO

from ..files import Decoded, InputError, encode
from ..log import file_log, restore_bytes
from .base import Notes, Pick, Processed, ReadOptions, dropped_duplicate


class TextFormat:
    """A text file: decoded (see ``cleaner.decoding``), cleaned, and written as UTF-8 into OUT, or back in its own
    encoding (byte-order mark and invalid bytes kept) when fixed in place, unless ``ReadOptions.to_utf8``."""

    name = "text"
    in_place = True
    streams = False

    def output_name(self, relative: Path) -> Path:
        return relative

    def process(self, path: str, raw: bytes, pick: Pick, options: ReadOptions, notes: Notes) -> Processed:
        from ..decoding import decode_bytes  # charset-normalizer: imported only when a text file is read

        decoded = decode_bytes(raw)
        result = pick(None).clean(decoded.text, path=path, meta=decoded.meta())
        notes.add(path, result)
        log = file_log(path, raw, decoded, result)
        if dropped_duplicate(result):  # no file in OUT; the log keeps its text, for restore
            log["withheld"] = result.text
            return Processed(notes, None, log)
        output = _written(result.text, decoded, options)
        notes.changed |= output != raw  # re-encoding is a change too
        return Processed(notes, output, log)

    def restore(self, cleaned: Path, log_path: Path, out: BinaryIO) -> None:
        log = json.loads(log_path.read_text(encoding="utf-8"))
        withheld = log.get("withheld")
        out.write(restore_bytes(cleaned.read_bytes() if withheld is None else withheld.encode("utf-8"), log))


def _written(text: str, decoded: Decoded, options: ReadOptions) -> bytes:
    """The bytes a cleaned text is written as: UTF-8 (a copy in OUT, or ``to_utf8``), else the source's own
    encoding and byte-order mark; a text that encoding cannot hold any more is an ``InputError``."""
    if not options.writes_back or options.to_utf8:
        return encode(text, "utf-8", b"")
    try:
        return encode(text, decoded.encoding, decoded.bom)
    except UnicodeEncodeError as error:
        raise InputError(f"the cleaned text cannot be written back as {decoded.encoding}: "
                         f"{error.object[error.start:error.end]!r} is not in it (--to-utf8 writes UTF-8)") from error
