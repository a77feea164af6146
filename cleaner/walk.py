"""Finding the sources: the files under the folders given, in a stable order.

A walk lists one folder at a time, sorted, so a corpus of millions of files
takes no more memory than its largest folder. Hidden files and folders and
cleaner's own change logs are passed over; so are links to folders (no
loops). What cannot be read is yielded with its cause, for the run to report.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .files import CHANGES_DIR, STAGED, InputError, Source, cause

#: Folders never searched for sources: cleaner's own change logs.
SKIPPED_FOLDERS = frozenset({CHANGES_DIR})


def _skipped(relative: Path) -> bool:
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts)


class Passed(NamedTuple):
    """A path met in a folder that is left alone, with a warning: ``why`` (a pipe, a link out of the folder)."""

    path: Path
    why: str


@dataclass(frozen=True)
class _Walk:
    """How folders are walked: links to files must stay in ``root``; ``sweep`` removes stale staged files."""

    root: Path
    excluded: Callable[[Path], bool]
    sweep: bool


def iter_sources(roots: list[Path], excluded: Callable[[Path], bool] = lambda path: False, sweep: bool = False,
                 ) -> Iterator[Source | Passed | tuple[Path, str]]:
    """Files under each root, sorted; hidden files and folders, ``_changes`` and ``excluded`` files are skipped.

    ``excluded`` applies to files found in a folder, not to files named as roots.
    Symbolic links to folders are not followed (no loops). Yields ``(path, cause)``
    for a root that does not exist, a broken or looping symbolic link, a folder
    that cannot be listed; ``Passed`` for a link found in a folder that leads
    out of its root (as black does; a file named as a root is read through its
    link) and for a pipe, socket or device. ``sweep`` (``fix``): remove the
    files staged beside the files found by runs that were killed (``STAGED``).
    Lazily: one folder's listing is held at a time.
    """
    for root in roots:
        if root.is_file():
            yield Source(root, Path(root.name))
        elif root.is_dir():
            yield from _walk(root, Path(), _Walk(root.resolve(), excluded, sweep))
        else:
            yield root, _missing_cause(root)


def require_sources(roots: list[Path]) -> None:
    """Raise ``InputError`` naming the sources when none of them is there: a run would have nothing to do (and
    ``clean`` would create an empty OUT). A missing source among others is a failure of the run, as a file is."""
    if roots and not any(root.exists() for root in roots):
        raise InputError("; ".join(f"{root}: {_missing_cause(root)}" for root in roots))


def _walk(folder: Path, relative: Path, walk: _Walk) -> Iterator[Source | Passed | tuple[Path, str]]:
    """The files under ``folder`` (at ``relative`` under its root) in the order of their relative paths'
    parts: each folder's entries sorted by name, a subfolder's files in its place."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield folder, f"cannot list this folder: {cause(error)}"
        return
    names = {entry.name for entry in entries}
    for entry in entries:
        path, inside, kind = Path(entry.path), relative / entry.name, _kind(entry)
        if kind == "folder":
            if not _skipped(Path(entry.name)):
                yield from _walk(path, inside, walk)
        elif walk.sweep and kind == "file" and _stale(entry.name, names):
            path.unlink(missing_ok=True)
        elif kind != "folder link" and not (_skipped(inside) or walk.excluded(path)):
            yield _found(path, inside, kind, walk.root, entry.is_symlink())


def _found(path: Path, inside: Path, kind: str, root: Path, link: bool) -> Source | Passed | tuple[Path, str]:
    """What the walk yields for ``path`` (``inside`` its root; ``link``: a symbolic link), which is not a folder
    (``kind``: see ``_kind``)."""
    if kind == "link":
        return path, _missing_cause(path)
    if kind == "other":
        return Passed(path, f"skipped: {_special_kind(path)}, not a regular file")
    if link and not (target := path.resolve()).is_relative_to(root):
        return Passed(path, f"skipped: a symbolic link to {target}, outside {root}")
    return Source(path, inside)


def _special_kind(path: Path) -> str:
    """What a path that is neither a file, a folder nor a link is: 'a named pipe (FIFO)', 'a socket', 'a device'."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "a special file"
    return ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")


def _kind(entry: os.DirEntry[str]) -> str:
    """'folder', 'file' (maybe through a link), 'folder link' (not followed), 'link' (broken or looping), or
    'other' (a device, a pipe...)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_file():
            return "file"
    except OSError:  # a link loop: is_file follows the link
        pass
    if entry.is_symlink():
        return "folder link" if _links_to_folder(entry) else "link"
    return "other"


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _missing_cause(path: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be read."""
    try:
        os.stat(path)
    except OSError as error:
        if path.is_symlink():
            return "symbolic link loop" if error.errno == errno.ELOOP else "broken symbolic link"
        return cause(error)
    return "not a regular file or folder"


def _stale(name: str, names: set[str]) -> bool:
    """Whether ``name`` is a file staged beside one of ``names`` by a process that no longer runs."""
    match = STAGED.fullmatch(name)
    if match is None or match["name"] not in names:
        return False
    try:
        os.kill(int(match["pid"]), 0)
    except ProcessLookupError:
        return True
    except OSError:  # a process of another user: it runs
        pass
    return False
