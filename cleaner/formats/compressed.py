"""gzip files, decompressed as they are read: whole (an HTML page) or as a stream (JSON Lines)."""

from __future__ import annotations

import io
import zlib
from typing import Any, BinaryIO

from ..files import InputError, megabytes

#: Compressed bytes read at a time from a gzip file.
CHUNK = 2**20


class Gunzip(io.RawIOBase):
    """The decompressed bytes of a gzip stream (every member), read as they are asked for.

    Damage is an ``InputError``: not gzip, corrupt, or cut short.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.inflate = zlib.decompressobj(wbits=31)
        self.data = b""
        self.started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while True:
            if self.inflate.eof and self.data:  # another gzip member follows
                self.inflate = zlib.decompressobj(wbits=31)
            try:
                out = self.inflate.decompress(self.data, len(buffer))
            except zlib.error as error:
                raise InputError(f"not a valid gzip file: {error}") from error
            self.data = self.inflate.unused_data if self.inflate.eof else self.inflate.unconsumed_tail
            if out:
                buffer[: len(out)] = out
                return len(out)
            if not self.data and not self._fill():
                return 0

    def _fill(self) -> bool:
        """Read more compressed bytes; False at the end of the file (where a gzip member must have ended)."""
        self.data = self.raw.read(CHUNK)
        if self.data:
            self.started = True
            return True
        if self.started and not self.inflate.eof:
            raise InputError("not a valid gzip file: it ends before its end-of-stream marker (truncated?)")
        return False


def gunzip_stream(raw: BinaryIO) -> BinaryIO:
    """``raw`` decompressed, buffered (it has ``readline``)."""
    return io.BufferedReader(Gunzip(raw), CHUNK)


def gunzip(raw: bytes, limit: int = 0) -> bytes:
    """The decompressed bytes (of every gzip member); more than ``limit`` (if not 0) are refused: no gzip bombs."""
    stream = gunzip_stream(io.BytesIO(raw))
    data = stream.read(limit + 1) if limit else stream.read()
    if limit and len(data) > limit:
        raise InputError(f"decompresses to more than --max-bytes {megabytes(limit)}")
    return data
