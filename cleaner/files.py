"""Reading sources and writing outputs safely.

``Decoded`` is text read from bytes and how (encoding, byte-order mark; see
``cleaner.decoding``), so the change log can restore the exact bytes. ``atomic_write`` never leaves
a half-written file: it writes a temporary file beside the target, fsyncs it
and renames it over the target. A file written as a stream is ``staged``
first (a hidden temporary file, fsynced, removed on any error) and
``commit`` renames it into place, so a run can write a file in a worker and
move it into place later, in order.
"""

from __future__ import annotations

import codecs
import glob
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


class InputError(Exception):
    """A source that cannot be read or decoded; the message names the cause."""


@dataclass(frozen=True)
class Source:
    """A file to process: its path and its path relative to the folder given."""

    path: Path
    relative: Path


@dataclass(frozen=True)
class Decoded:
    """A source's text and how it was read: ``encoding`` and ``bom`` give its bytes back; ``confidence``
    (0-1, 1 for certain) and ``how`` say why that encoding; ``invalid`` counts the bytes that are not valid
    in it, kept in ``text`` as lone surrogates (UTF-8 only)."""

    text: str
    encoding: str
    bom: bytes
    confidence: float = 1.0
    how: str = ""
    invalid: int = 0

    def describe(self) -> dict[str, object]:
        """How sure the choice of encoding was, and why: for the log and for rule E003."""
        return {"confidence": self.confidence, "how": self.how, "invalid_bytes": self.invalid}

    def meta(self) -> dict[str, str]:
        """What the rules are told of the source's bytes, in ``Document.meta`` (rule E003 reports them)."""
        return {"encoding": self.encoding, "bom": self.bom.hex(), "encoding_confidence": f"{self.confidence:g}",
                "encoding_how": self.how}


#: The folder of OUT that holds the change logs, as ``_changes/<relative path>.json``.
CHANGES_DIR = "_changes"


def cause(error: OSError) -> str:
    """An OS error's cause as a message goes on: ``no such file or directory``."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def errors_for(encoding: str) -> str:
    """The codec error handler that keeps invalid bytes: UTF-8 text holds them as lone surrogates
    (``surrogateescape``), which writing it back turns into the same bytes; other encodings hold none."""
    return "surrogateescape" if codecs.lookup(encoding).name == "utf-8" else "strict"


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    """``text`` as bytes in ``encoding`` after ``bom``; the invalid bytes a UTF-8 text kept come back as they were.

    >>> encode("Caf\\udce9", "utf-8", b"")
    b'Caf\\xe9'
    """
    return bom + text.encode(encoding, errors_for(encoding))


#: Largest file (HTML: decompressed page; JSON Lines: record) read by default: ``--max-bytes``.
DEFAULT_MAX_BYTES = 64 * 2**20
UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}
#: The largest limit ``--max-bytes`` takes (0 is no limit): larger ones cannot be passed to a read.
LARGEST_SIZE = 2**10 * UNITS["G"]


def parse_size(text: str) -> int:
    """A byte count, with an optional K, M or G suffix (powers of 1024), at most 1024G; 0 means no limit.

    >>> parse_size("64M"), parse_size("1500"), parse_size("2g")
    (67108864, 1500, 2147483648)
    >>> parse_size("99999999999999999999999G")
    Traceback (most recent call last):
    ValueError: '99999999999999999999999G' is above 1024G, the largest size (0: no limit)
    """
    number, unit = text.strip().upper().removesuffix("IB").removesuffix("B"), ""
    if number[-1:] in UNITS:
        number, unit = number[:-1], number[-1]
    if not number.isdigit():
        raise ValueError(f"'{text}' is not a size (a number of bytes, or with K, M or G: 64M)")
    size = int(number) * UNITS[unit]
    if size > LARGEST_SIZE:
        raise ValueError(f"'{text}' is above 1024G, the largest size (0: no limit)")
    return size


def megabytes(size: int) -> str:
    """A size as people read it: ``1.5 MB``, or ``800 bytes`` below a megabyte."""
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def too_big(size: int, limit: int) -> InputError:
    return InputError(f"file is {megabytes(size)}, above --max-bytes {megabytes(limit)}")


def read_bytes(path: Path, limit: int = 0) -> bytes:
    """The bytes of ``path``; a file larger than ``limit`` bytes (if not 0) is refused before it is read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit and size > limit:
                raise too_big(size, limit)
            return handle.read()
    except OSError as error:
        raise InputError(cause(error)) from error


@contextmanager
def open_source(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened to be streamed; a failure to read it (or to write what is made of it) is an ``InputError``."""
    try:
        with open(path, "rb") as handle:
            yield handle
    except OSError as error:
        raise InputError(cause(error)) from error


def read_stdin(stream: BinaryIO, limit: int = 0) -> bytes:
    """All the bytes of stdin (``stream``), whose size is not known beforehand: more than ``limit`` (if not 0)
    are refused once ``limit + 1`` have been read."""
    data = stream.read(limit + 1) if limit else stream.read()
    if limit and len(data) > limit:
        raise InputError(f"stdin is larger than --max-bytes {megabytes(limit)}")
    return data


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: New files get the usual mode (0o666 less the umask), not mkstemp's 0o600.
NEW_FILE_MODE = 0o666 & ~_umask()


@contextmanager
def staged(folder: Path, name: str, tag: str = "", durable: bool = True, mode: int | None = None,
           shown: str = "") -> Iterator[tuple[BinaryIO, Path]]:
    """A new hidden temporary file in ``folder`` to write ``name`` into: ``(handle, path)``.

    When the block ends the file is flushed (and, if ``durable``, fsynced),
    ready for ``commit``; if the block raises, it is removed. A process killed
    in the block leaves it: ``remove_staged`` finds it by ``tag`` (``run_tag``),
    and a later run by the writer's pid in its name (``STAGED``). ``mode``:
    the file's final mode, set now (else it is private until ``commit``).
    ``shown``: what the file is for; a failure to write it is then an
    ``InputError`` that names it (not the temporary file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    with _naming(shown):
        fd, created = tempfile.mkstemp(dir=folder, prefix=f".{name}.cleaner-{os.getpid()}-{tag}", suffix=".tmp")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield (Writing(handle, shown) if shown else handle), Path(created)  # type: ignore[misc]
            with _naming(shown):
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
    except BaseException:
        Path(created).unlink(missing_ok=True)
        raise


class Writing:
    """A staged file's handle whose write errors are ``InputError``s that name what the file is for."""

    def __init__(self, handle: BinaryIO, shown: str) -> None:
        self.handle, self.shown = handle, shown

    def write(self, data: bytes) -> int:
        try:
            return self.handle.write(data)
        except OSError as error:
            raise _write_error(self.shown, error) from error

    def flush(self) -> None:
        with _naming(self.shown):
            self.handle.flush()


@contextmanager
def _naming(shown: str) -> Iterator[None]:
    """Turn a failure to write into an ``InputError`` that names ``shown`` (if not '')."""
    try:
        yield
    except OSError as error:
        if not shown:
            raise
        raise _write_error(shown, error) from error


def _write_error(shown: str, error: OSError) -> InputError:
    return InputError(f"cannot write {shown}: {cause(error)}")


#: The name of a file ``staged`` for ``name``: ``.<name>.cleaner-<pid of its writer>-[<tag>-]<random>.tmp``.
STAGED = re.compile(r"\.(?P<name>.+)\.cleaner-(?P<pid>[0-9]{1,9})-(?:[0-9a-f]{8}-)?[a-z0-9_]{8}\.tmp")


def run_tag() -> str:
    """A tag for the files a run and its workers stage: ``remove_staged`` finds them by it."""
    return f"{os.urandom(4).hex()}-"


def remove_staged(path: Path, tag: str) -> None:
    """Remove the files staged for ``path`` with ``tag`` that were never committed."""
    assert tag, "without a tag, the temporary files of other runs would match"
    for temp in path.parent.glob(f".{glob.escape(path.name)}.cleaner-*-{glob.escape(tag)}*.tmp"):
        temp.unlink(missing_ok=True)


def commit(temp: Path, path: Path, durable: bool = True, fresh: bool = False) -> None:
    """Rename a staged file over ``path``, with ``path``'s owner, group and mode (or the usual mode for a new
    file; owner and group are kept where this process may set them: as root, or when they are its own).

    If ``durable``, the rename is fsynced too, so it survives a power cut; if it fails, the staged file is removed.
    ``fresh``: ``temp`` was staged with ``NEW_FILE_MODE`` into an existing folder, so it is only renamed (a
    cleaned copy in OUT takes a new file's mode, as when it was first written).
    """
    try:
        if not fresh:
            path.parent.mkdir(parents=True, exist_ok=True)
            _take_over(temp, path)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(path.parent)


def _take_over(temp: Path, path: Path) -> None:
    """Give ``temp`` the owner, group and mode of ``path`` (the usual mode if it does not exist)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        os.chmod(temp, NEW_FILE_MODE)
        return
    with suppress(PermissionError):  # not root: the owner (or the group) cannot be given away
        os.chown(temp, status.st_uid, status.st_gid)
    os.chmod(temp, status.st_mode & 0o7777)  # after chown, which clears the set-user-ID bit


@contextmanager
def atomic_file(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A file to write ``path`` through, as a stream: it replaces ``path`` only if the block ends without error."""
    with staged(path.parent, path.name, durable=durable) as (handle, temp):
        yield handle
    commit(temp, path, durable)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, never a mix.

    The data goes to a hidden temporary file beside the target, is fsynced
    (when ``durable``: a new copy in an output folder need not survive a power
    cut, an original rewritten in place must), and is renamed over the target;
    on any error the temporary file is removed and the target is as it was.
    """
    with atomic_file(path, durable) as handle:
        handle.write(data)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename itself is still atomic
    finally:
        os.close(fd)
