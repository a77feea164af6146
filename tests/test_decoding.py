"""Decoding bytes: BOMs, UTF-16 without a mark, legacy code pages, binary data; and restoring them."""

import codecs
import json

import pytest

from cleaner import Cleaner
from cleaner.decoding import decode_bytes
from cleaner.files import InputError
from cleaner.log import file_log, restore_bytes
from cleaner.runner import clean_tree, restore_tree

WESTERN = "Le café servait une crème brûlée – « délicieuse », dit-il.\nÜber Straßen und Brücken.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def test_utf8_is_tried_first():
    decoded = decode_bytes("naïve “quotes”\n".encode())
    assert (decoded.text, decoded.encoding, decoded.bom) == ("naïve “quotes”\n", "utf-8", b"")


@pytest.mark.parametrize(("bom", "encoding"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_a_byte_order_mark_decides(bom, encoding):
    decoded = decode_bytes(bom + WESTERN.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.bom) == (WESTERN, encoding, bom)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark(encoding):
    text = "Plain report text, second paragraph.\nNew line with ö and “quotes”.\n"
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding, decoded.bom) == (text, encoding, b"")


@pytest.mark.parametrize(("text", "encoding"), [
    (WESTERN, "cp1252"),
    ("Voilà l'été à Paris.", "cp1252"),
    ("Привет, мир! Как дела? Это обычный текст на русском языке.\n", "cp1251"),
    ("Zażółć gęślą jaźń, powiedział wczoraj rzecznik.\n", "cp1250"),
])
def test_legacy_code_pages_are_detected(text, encoding):
    decoded = decode_bytes(text.encode(encoding))
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(("data", "cause"), [
    (PNG, "binary data: NUL bytes"),
    (b"text\x00with a NUL in the middle of a line of words\n", "binary data: NUL bytes"),
    (codecs.BOM_UTF8 + b"caf\xe9", "not valid utf-8 after its byte-order mark"),
    (codecs.BOM_UTF16_LE + b"a\x00\x00", "not valid utf-16-le after its byte-order mark"),
    (bytes(range(1, 256)) * 4, "binary data?"),
])
def test_binary_or_broken_input_is_refused_with_its_cause(data, cause):
    with pytest.raises(InputError, match=cause.replace("?", r"\?")):
        decode_bytes(data)


@pytest.mark.parametrize("data", [
    (WESTERN + "Trailing  \r\n").encode("cp1252"),
    codecs.BOM_UTF16_LE + "Line one\r\nLine  two \r\n".encode("utf-16-le"),
    codecs.BOM_UTF8 + "Doubled the the word.\r\n\r\n\r\n".encode(),
    "Plain text, no mark at all.\r\n".encode("utf-16-be"),
])
def test_restore_gives_back_the_original_bytes(data):
    decoded = decode_bytes(data)
    result = Cleaner().clean(decoded.text)
    assert result.changed
    log = json.loads(json.dumps(file_log("x", data, decoded, result)))
    assert restore_bytes(result.text.encode("utf-8"), log) == data


def test_cp1252_file_is_written_as_utf8_and_restored_as_cp1252(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    original = ("Résumé of the day  \r\n\r\n\r\nThe café re-opened.\r\n").encode("cp1252")
    (source / "a.txt").write_bytes(original)
    summary = clean_tree([source], tmp_path / "out", Cleaner())
    assert summary.files_changed == 1 and not summary.failures
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Résumé of the day\n\nThe café re-opened.\n"
    log = json.loads((tmp_path / "out" / "_changes" / "a.txt.json").read_text(encoding="utf-8"))
    assert log["encoding"] == "cp1252"
    assert restore_tree(tmp_path / "out", tmp_path / "back") == []
    assert (tmp_path / "back" / "a.txt").read_bytes() == original


def test_a_log_that_does_not_fit_is_refused():
    data = (WESTERN + "\n\n").encode("cp1252")
    decoded = decode_bytes(data)
    result = Cleaner().clean(decoded.text)
    log = file_log("x", data, decoded, result)
    with pytest.raises(InputError, match="sha256"):
        restore_bytes(result.text.encode("utf-8") + b"edited", log)
    with pytest.raises(InputError, match="sha256"):
        restore_bytes(result.text.encode("utf-8"), {**log, "encoding": "latin-1"})
