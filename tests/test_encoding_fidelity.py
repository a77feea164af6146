"""Decoding never corrupts: stray bytes kept, legacy code pages only on clear evidence, files fixed in their
own encoding, and every choice of encoding reported."""

import codecs
import json

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.decoding import decode_bytes
from cleaner.files import InputError
from cleaner.formats.html import page_encoding

STRAY = b"Caf\xc3\xa9 \xff na\xc3\xafve   \n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_stray_byte_in_utf8_is_kept_as_it_is_and_nothing_else_is_transcoded():
    decoded = decode_bytes(STRAY)
    assert decoded.encoding == "utf-8" and decoded.invalid == 1
    assert decoded.text == "Café \udcff naïve   \n"


def test_fix_keeps_a_stray_byte_and_applies_the_other_fixes(tmp_path):
    (tmp_path / "a.txt").write_bytes(STRAY)
    result = run("fix", "--show-unsafe", tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "a.txt").read_bytes() == b"Caf\xc3\xa9 \xff na\xc3\xafve\n"
    assert "a.txt:1:6: E002 invalid-byte: byte 0xFF is not valid UTF-8" in result.output
    assert "E001" not in result.output, "the byte is E002's, not mojibake"


def test_check_names_the_bad_byte(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Good \xe2\x80\x94 and cut \xe2\x80 here, \xe2\x80\x9cquoted\xe2\x80\x9d.\n")
    result = run("check", tmp_path)
    assert "a.txt:1:16: E002 invalid-byte: bytes 0xE2 0x80 are not valid UTF-8" in result.output


def test_clean_writes_valid_utf8_and_restore_gives_the_byte_back(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_bytes(STRAY)
    assert run("clean", tmp_path / "src", "-o", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_bytes().decode("utf-8") == "Café \ufffd naïve\n"
    log = json.loads((tmp_path / "out" / "_changes" / "a.txt.json").read_text(encoding="utf-8"))
    assert log["decoding"]["invalid_bytes"] == 1
    assert [c["code"] for c in log["changes"]] == ["E002", "W001"]
    assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
    assert (tmp_path / "back" / "a.txt").read_bytes() == STRAY


def test_a_mostly_utf8_file_is_not_read_through_a_code_page():
    text = "Æblegrød på Østerbro, smørrebrød og kaffe. Ærø er en ø. " * 5
    decoded = decode_bytes(text.encode("utf-8") + b" Caf\xe9.\n")
    assert decoded.encoding == "utf-8" and decoded.text.startswith(text)
    assert decoded.text.endswith(" Caf\udce9.\n")


def test_a_legacy_file_whose_encoding_is_unclear_is_refused_with_the_candidates():
    with pytest.raises(InputError, match=r"encoding is unclear: .*gb18030"):
        decode_bytes("北京欢迎你，今天天气很好。".encode("gb18030"))


def test_a_legacy_choice_says_how_sure_it_is():
    decoded = decode_bytes("Привет, мир! Как дела? Это обычный текст на русском языке.\n".encode("cp1251"))
    assert decoded.encoding == "cp1251" and 0 < decoded.confidence <= 1
    short = decode_bytes("Voilà l'été à Paris.".encode("cp1252"))
    assert short.encoding == "cp1252" and short.confidence < 0.5 and "cp1250" in short.how


@pytest.mark.parametrize(("name", "data"), [
    ("cp1252", "Résumé of the café  \r\nThe crème brûlée.\r\n".encode("cp1252")),
    ("utf-16 with a mark", codecs.BOM_UTF16_LE + "Line one  \nLine two\n".encode("utf-16-le")),
    ("utf-8 with a mark", codecs.BOM_UTF8 + "Line one  \nLine two\n".encode("utf-8")),
])
def test_fix_writes_a_file_back_in_its_own_encoding(tmp_path, name, data):
    (tmp_path / "a.txt").write_bytes(data)
    check = run("check", tmp_path)
    assert "E003 source-encoding: read as" in check.output
    assert run("fix", tmp_path).exit_code == 1
    fixed = decode_bytes((tmp_path / "a.txt").read_bytes())
    original = decode_bytes(data)
    assert (fixed.encoding, fixed.bom) == (original.encoding, original.bom)
    assert "  \n" not in fixed.text and "\r" not in fixed.text


def test_fix_to_utf8_converts_and_a_conversion_alone_is_a_change(tmp_path):
    (tmp_path / "a.txt").write_bytes("Résumé of the café.\nThe crème brûlée.\n".encode("cp1252"))
    assert run("check", tmp_path).exit_code == 0, "nothing but the encoding: fix would change nothing"
    assert run("check", "--to-utf8", tmp_path).exit_code == 1
    assert run("fix", "--to-utf8", tmp_path).exit_code == 1
    assert (tmp_path / "a.txt").read_bytes() == "Résumé of the café.\nThe crème brûlée.\n".encode("utf-8")
    assert run("fix", "--to-utf8", tmp_path).exit_code == 0


def test_clean_counts_a_re_encoded_file_as_changed(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_bytes("Résumé of the café.\nThe crème brûlée.\n".encode("cp1252"))
    assert run("clean", tmp_path / "src", "-o", tmp_path / "out").exit_code == 0
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_text(encoding="utf-8"))
    log = json.loads((tmp_path / "out" / "_changes" / "a.txt.json").read_text(encoding="utf-8"))
    assert summary["files_changed"] == 1 and log["changed"] is True and log["encoding"] == "cp1252"


def test_a_fix_its_encoding_cannot_hold_leaves_the_file_alone(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "arrows.toml").write_text(
        'family = "X"\ntitle = "Arrows"\n[[rule]]\ncode = "X001"\nname = "arrows"\nkind = "substitution"\n'
        'summary = "s"\nwhy = "w"\nfix = "safe"\n[rule.params]\npattern = "->"\nreplace = "\\u2192"\n'
        '[[rule.examples]]\nbefore = "a -> b"\nafter = "a \\u2192 b"\n', encoding="utf-8")
    (tmp_path / "src").mkdir()
    data = "Café -> crème.\n".encode("cp1252")
    (tmp_path / "src" / "a.txt").write_bytes(data)
    result = run("fix", "--rules-dir", rules, "--select", "X001", tmp_path / "src")
    assert result.exit_code == 2 and "cannot be written back as cp1252" in result.output
    assert (tmp_path / "src" / "a.txt").read_bytes() == data


def test_an_html_pages_encoding_is_in_its_log(tmp_path):
    page = ("<html><head><title>Le marché</title></head><body><article><h1>Le marché</h1>"
            + "<p>Le marché de la ville ouvre à huit heures, avec des légumes frais et du café.</p>" * 6
            + "</article></body></html>").encode("cp1252")
    assert page_encoding(page) != "utf-8"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.html").write_bytes(page)
    assert run("clean", tmp_path / "src", "-o", tmp_path / "out").exit_code == 0
    log = json.loads((tmp_path / "out" / "_changes" / "page.txt.json").read_text(encoding="utf-8"))
    assert log["encoding"] == page_encoding(page)  # trafilatura's guess (it differs where cchardet is installed)


def test_english_with_one_e_acute_and_one_stray_byte_is_utf8_not_cp1252():
    """cp1252 reads these bytes too ('cafÃ©' ... '“'): the valid UTF-8 'é' is the evidence that wins."""
    data = b"The caf\xc3\xa9 opened on Monday at nine \x93 and closed at six.\n"
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.invalid) == ("utf-8", 1)
    assert decoded.text.startswith("The café opened")


def test_ascii_with_one_byte_no_code_page_reads_clearly_keeps_the_byte():
    data = b"Plain  text  with a soft hyphen \xad here.\n" * 3
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.invalid == 3 and "unclear" in decoded.how
    assert decoded.text.encode("utf-8", "surrogateescape") == data
