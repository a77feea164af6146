"""The change log is lossless: every original comes back byte for byte, and the log grows with what changed."""

import codecs
import json
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.decoding import decode_bytes as decode
from cleaner.log import file_log, restore_bytes, undo

from .conftest import SEEDS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
INPUTS = sorted((SHARED / "eval" / "articles-dev" / "inputs").glob("*.json"))


def round_trip(cleaner, data: bytes) -> tuple[bytes, dict]:
    """Clean ``data`` as `clean` does; return the output bytes and the log as written to disk."""
    decoded = decode(data)
    result = cleaner.clean(decoded.text)
    log = json.loads(json.dumps(file_log("x", data, decoded, result), ensure_ascii=False))
    return result.text.encode("utf-8"), log


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
@pytest.mark.parametrize("dress", [
    pytest.param(lambda text: text.encode(), id="utf-8"),
    pytest.param(lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(), id="bom-crlf"),
    pytest.param(lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"), id="utf-16"),
    pytest.param(lambda text: text.replace("\n", "\r").encode("utf-8"), id="cr"),
])
def test_seeds_restore_byte_for_byte(cleaner, path, dress):
    data = dress(path.read_text(encoding="utf-8"))
    output, log = round_trip(cleaner, data)
    assert restore_bytes(output, log) == data


def test_legacy_code_page_restores_with_dropped_lines():
    data = "Résumé\r\n\r\nDecember 10, 2023\r\n\r\nThe café re-opened on Monday, the owner said.\r\n".encode("cp1252")
    output, log = round_trip(Cleaner(preset="article-body"), data)
    assert log["encoding"] == "cp1252" and any(c["action"] == "drop" for c in log["changes"])
    assert b"December" not in output and restore_bytes(output, log) == data


def test_log_grows_with_the_changes_not_the_file():
    paragraphs = (f"Meeting {n}: the council agreed item {n} after a long debate about roads.\n\n" for n in range(14_000))
    data = ("".join(paragraphs) + "The end  \n").encode()
    output, log = round_trip(Cleaner(), data)
    assert len(data) > 1_000_000 and len(log["changes"]) == 1
    assert len(json.dumps(log)) < 2_000
    assert restore_bytes(output, log) == data


def test_a_wrong_change_in_the_log_is_caught():
    data = b"Title\n\nTitle\n\nBody  text.  \n"
    output, log = round_trip(Cleaner(), data)
    log["changes"][0]["before"] += "x"
    with pytest.raises(Exception, match="sha256"):
        restore_bytes(output, log)


def dev_texts():
    for path in INPUTS:
        for doc_id, item in sorted(json.loads(path.read_text(encoding="utf-8")).items()):
            yield f"{path.stem}-{doc_id[:8]}", item.get("articleBody") or ""


needs_dev_set = pytest.mark.skipif(not INPUTS, reason="needs ../shared/eval/articles-dev next to the repository")
#: Families whose rules must be idempotent on their own; M and J rules judge
#: the first lines of a text, so dropping one can bring another into view.
LOSSLESS_FAMILIES = ("C", "E", "P", "W")


@pytest.fixture(scope="module")
def dev_runs():
    """Each dev text (665 extractor outputs) cleaned with both rule sets; the default output cleaned again."""
    runs = {}
    for preset in (None, "article-body"):
        cleaner = Cleaner(preset=preset)
        for name, text in dev_texts():
            result = cleaner.clean(text)
            again = cleaner.clean(result.text) if preset is None else None
            runs[preset, name] = (text, result, again)
    return runs


@needs_dev_set
def test_every_dev_text_restores_byte_for_byte(dev_runs):
    failures = []
    for (preset, name), (text, result, _) in dev_runs.items():
        data = text.encode()
        log = json.loads(json.dumps(file_log("x", data, decode(data), result), ensure_ascii=False))
        if undo(result.text, result.changes) != text or restore_bytes(result.text.encode(), log) != data:
            failures.append(f"{preset}/{name}")
    assert not failures, failures[:20]


def second_pass_edits(dev_runs, families=None):
    return {name: codes for (preset, name), (_, _, again) in dev_runs.items() if again is not None
            if (codes := [c.code for c in again.changes if c.edits and (families is None or c.code.startswith(families))])}


@needs_dev_set
def test_character_punctuation_and_layout_rules_are_idempotent_on_every_dev_text(dev_runs):
    assert second_pass_edits(dev_runs, LOSSLESS_FAMILIES) == {}


@needs_dev_set
def test_cleaning_twice_changes_nothing_on_every_dev_text(dev_runs):
    assert second_pass_edits(dev_runs) == {}
