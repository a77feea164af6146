"""Reading sources and writing outputs safely.

``read_source`` decodes bytes to text and says how (encoding, byte-order
mark), so the change log can restore the exact bytes. ``atomic_write``
never leaves a half-written file: it writes a temporary file beside the
target, fsyncs it and renames it over the target.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A source that cannot be read or decoded; the message names the cause."""


@dataclass(frozen=True)
class Source:
    """A file to process: its path and its path relative to the folder given."""

    path: Path
    relative: Path


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    bom: bytes


#: Folders never searched for sources: cleaner's own change logs.
SKIPPED_FOLDERS = frozenset({"_changes"})


def _skipped(relative: Path) -> bool:
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts)


def iter_sources(roots: list[Path], excluded: Callable[[Path], bool] = lambda path: False,
                 ) -> Iterator[Source | tuple[Path, str]]:
    """Files under each root, sorted; hidden files and folders, ``_changes`` and ``excluded`` files are skipped.

    ``excluded`` applies to files found in a folder, not to files named as roots.
    Symbolic links to folders are not followed (no loops). Yields ``(path, cause)``
    for a root that does not exist, a broken or looping symbolic link, a folder
    that cannot be listed.
    """
    for root in roots:
        if root.is_file():
            yield Source(root, Path(root.name))
        elif root.is_dir():
            yield from sorted(_walk(root, excluded), key=lambda item: _relative_parts(root, item))
        else:
            yield root, _missing_cause(root)


def _walk(root: Path, excluded: Callable[[Path], bool]) -> Iterator[Source | tuple[Path, str]]:
    problems: list[OSError] = []
    for folder, subfolders, names in os.walk(root, onerror=problems.append):
        subfolders[:] = [name for name in subfolders if not _skipped(Path(name))]
        for name in names:
            path = Path(folder, name)
            relative = path.relative_to(root)
            if _skipped(relative) or excluded(path):
                continue
            if path.is_file():
                yield Source(path, relative)
            elif path.is_symlink():
                yield path, _missing_cause(path)
    for problem in problems:
        yield Path(problem.filename), f"cannot list this folder: {cause(problem)}"


def _relative_parts(root: Path, item: Source | tuple[Path, str]) -> tuple[str, ...]:
    return item.relative.parts if isinstance(item, Source) else item[0].relative_to(root).parts


def cause(error: OSError) -> str:
    """An OS error's cause as a message goes on: ``no such file or directory``."""
    text = error.strerror or str(error)
    return text[:1].lower() + text[1:]


def _missing_cause(path: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be read."""
    try:
        os.stat(path)
    except OSError as error:
        if path.is_symlink():
            return "symbolic link loop" if error.errno == errno.ELOOP else "broken symbolic link"
        return cause(error)
    return "not a regular file or folder"


def decode(data: bytes) -> Decoded:
    """Bytes to text, undoably; binary or undecodable data raises ``InputError`` (see ``cleaner.decoding``)."""
    from .decoding import decode_bytes  # decoding builds on Decoded and InputError, defined here

    return decode_bytes(data)


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


#: Largest file (or decompressed gzip content) read by default: ``--max-bytes``.
DEFAULT_MAX_BYTES = 64 * 2**20
UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def parse_size(text: str) -> int:
    """A byte count, with an optional K, M or G suffix (powers of 1024); 0 means no limit.

    >>> parse_size("64M"), parse_size("1500"), parse_size("2g")
    (67108864, 1500, 2147483648)
    """
    number, unit = text.strip().upper().removesuffix("IB").removesuffix("B"), ""
    if number[-1:] in UNITS:
        number, unit = number[:-1], number[-1]
    if not number.isdigit():
        raise ValueError(f"'{text}' is not a size (a number of bytes, or with K, M or G: 64M)")
    return int(number) * UNITS[unit]


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: New files get the usual mode (0o666 less the umask), not mkstemp's 0o600.
NEW_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, never a mix.

    The data goes to a hidden temporary file beside the target, is fsynced, and
    is renamed over the target; on any error the temporary file is removed and
    the target is as it was. The rename is fsynced too, so it survives a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else NEW_FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


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
