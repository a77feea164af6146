"""What ``restore`` needs of a change log, checked before it restores a file.

A log is read item by item (``cleaner.logstream``); each item that restore
uses must be there with its JSON type, for the format that wrote the log,
and every change must be whole (``Change.from_dict``). A damaged or
hand-edited log is then an ``InputError`` that names the log and the item,
never a crash half-way through a file. Items this version does not know (a
newer one's) are passed over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .change import Change, check_items, shown
from .files import InputError, cause
from .logstream import open_log

#: The items restore reads, by the format that wrote the log (its ``format`` item; "text" without one).
ITEMS: dict[str, dict[str, type]] = {
    "text": {"encoding": str, "bom": str, "sha256_before": str, "sha256_after": str, "changes": list,
             "withheld": str},
    "html": {"source": str, "sha256_source": str},
    "jsonl": {"text_field": str, "sha256_before": str, "sha256_after": str},
}
#: The items a log may leave out.
OPTIONAL_ITEMS = frozenset({"format", "withheld"})
#: The items of a JSON Lines record's entry that restore reads; ``changes`` and ``ascii`` (``literal`` where the
#: old value was spelled otherwise) are needed when the record changed; logs written before values were
#: spliced into their lines have ``style``, or the ``original`` line, instead.
ENTRY_ITEMS: dict[str, type] = {"line": int, "changed": bool, "changes": list, "ascii": bool, "literal": str,
                                "style": list, "original": str, "withheld": str}
OPTIONAL_ENTRY_ITEMS = frozenset({"changes", "ascii", "literal", "style", "original", "withheld"})


def check_log(path: Path) -> str:
    """The format that wrote the change log at ``path``, once the log has been checked; else an
    ``InputError`` that names the log and what is wrong with it."""
    try:
        with open_log(path) as log:
            for number, entry in enumerate(log.records(), 1):
                _check_entry(entry, f"record entry {number}")
            items = {**log.header, **log.trailer()}
        kind = check_items(items, {"format": str}, OPTIONAL_ITEMS, "the log").get("format", "text")
        if kind not in ITEMS:
            raise InputError(f"the log's 'format' is '{kind}', not one of {', '.join(ITEMS)}")
        check_items(items, ITEMS[kind], OPTIONAL_ITEMS, "the log")
        _check_changes(items.get("changes", []), "")
    except OSError as error:
        raise InputError(f"cannot read its change log {path}: {cause(error)}") from error
    except (InputError, ValueError) as error:  # ValueError: not JSON, or not UTF-8
        raise InputError(f"cannot read its change log {path}: {error}") from error
    return kind


def _check_entry(entry: Any, what: str) -> None:
    items = check_items(entry, ENTRY_ITEMS, OPTIONAL_ENTRY_ITEMS, what)
    if items["changed"] and "original" not in items:
        spelled = "style" if "style" in items else "ascii"  # "style": a log from before values were spliced
        check_items(items, {"changes": list, spelled: ENTRY_ITEMS[spelled]}, frozenset(), what)
        style = items.get("style")
        if style is not None and [type(part) for part in style] != [bool, str, str]:
            raise InputError(f"{what}'s 'style' must be [true or false, a string, a string], not {shown(style)}")
    _check_changes(items.get("changes", []), f"{what}, ")


def _check_changes(changes: list[Any], where: str) -> None:
    """Each change of a log (``where``: "" for a file's, else which record entry's)."""
    for number, change in enumerate(changes, 1):
        try:
            Change.from_dict(change)
        except InputError as error:
            raise InputError(f"{where}change {number}: {error}") from error
