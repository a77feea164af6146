"""Reading sources and writing outputs safely.

``read_source`` decodes bytes to text and says how (encoding, byte-order
mark), so the change log can restore the exact bytes. ``atomic_write``
never leaves a half-written file: it writes a temporary file beside the
target, fsyncs it and renames it over the target.
"""

from __future__ import annotations

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
    Yields ``(path, cause)`` for a root that does not exist or cannot be read.
    """
    for root in roots:
        if root.is_file():
            yield Source(root, Path(root.name))
        elif root.is_dir():
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(root)
                if _skipped(relative) or not path.is_file() or excluded(path):
                    continue
                yield Source(path, relative)
        elif root.is_symlink():
            yield root, "broken symbolic link"
        else:
            yield root, "no such file or directory"


def decode(data: bytes) -> Decoded:
    """Bytes to text, undoably; binary or undecodable data raises ``InputError`` (see ``cleaner.decoding``)."""
    from .decoding import decode_bytes  # decoding builds on Decoded and InputError, defined here

    return decode_bytes(data)


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(error.strerror or str(error)) from error


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
