"""Reliability, bad inputs: each case sits beside good files and goes through `cleaner clean` (and `check`/`fix`).

A file that is not text or cannot be read gets one error line naming it and
the cause, and a row in summary.json; the other files are cleaned; the run
exits 2. Files that are text in another dress (UTF-16, cp1252, empty) are
cleaned, not refused.
"""

import codecs
import gzip
import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import processing
from cleaner.cli import main

GOOD = b"Storm  hits coast \n\n\n"
GOOD_CLEANED = b"Storm hits coast\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def src(tmp_path):
    """A folder with two good files; each test adds its bad one."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(GOOD)
    (folder / "z-good.txt").write_bytes(GOOD)
    return folder


def clean(src, *extra):
    """Run `clean` into a fresh OUT; return the result, OUT and summary.json."""
    out = src.parent / "out"
    result = run("clean", src, *extra, "-o", out)
    assert "Traceback" not in result.output + result.stderr
    return result, out, json.loads((out / "_changes" / "summary.json").read_bytes())


def errors(result):
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def assert_good_cleaned(out):
    assert (out / "a-good.txt").read_bytes() == GOOD_CLEANED
    assert (out / "z-good.txt").read_bytes() == GOOD_CLEANED


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assert_refused(src, name, cause, *extra):
    """`clean` exits 2 with exactly one error line for ``name``; summary.json lists it; the rest is cleaned."""
    result, out, summary = clean(src, *extra)
    assert result.exit_code == 2
    assert errors(result) == [f"error: {src / name}: {cause}"]
    assert summary["failures"] == [{"path": str(src / name), "error": cause}]
    assert summary["files_failed"] == 1 and summary["files_changed"] == 2
    assert_good_cleaned(out)
    assert not (out / name).exists()
    return result


def assert_cleaned(src, name, expected, encoding):
    """`clean` exits 0, writes ``expected`` (UTF-8) with a log of the source's encoding, and restores it."""
    original = (src / name).read_bytes()
    result, out, summary = clean(src)
    assert result.exit_code == 0 and errors(result) == [] and summary["failures"] == []
    assert (out / name).read_bytes() == expected
    assert json.loads((out / "_changes" / f"{name}.json").read_bytes())["encoding"] == encoding
    assert_good_cleaned(out)
    assert run("restore", out, "-o", src.parent / "back").exit_code == 0
    assert (src.parent / "back" / name).read_bytes() == original


def test_binary_file_png(src):
    (src / "image.txt").write_bytes(PNG)
    assert_refused(src, "image.txt", "binary data: NUL bytes that are not UTF-16 text (the first at byte 8)")
    check = run("check", src / "image.txt")
    assert check.exit_code == 2 and errors(check) == [
        f"error: {src / 'image.txt'}: binary data: NUL bytes that are not UTF-16 text (the first at byte 8)"]
    assert run("fix", src).exit_code == 2
    assert (src / "image.txt").read_bytes() == PNG


def test_invalid_utf8_that_is_cp1252_is_cleaned_as_cp1252(src):
    """Broken UTF-8 from the web is mostly Windows-1252: decoded as it, undoably."""
    (src / "broken.txt").write_bytes("Caf\xe9  cr\xe8me at 5\x80 \n".encode("latin-1"))
    assert_cleaned(src, "broken.txt", "Café crème at 5€\n".encode(), "cp1252")


def test_invalid_utf8_that_is_no_text_is_refused(src):
    (src / "noise.txt").write_bytes(bytes(range(1, 256)) * 4)
    result = assert_refused(src, "noise.txt", errors_cause(src, "noise.txt"))
    assert "not valid utf-8" in result.stderr and "binary data?" in result.stderr


def errors_cause(src, name):
    """The cause `check` gives for ``name``, to compare `clean` with (both must say the same)."""
    check = run("check", src / name)
    assert check.exit_code == 2 and len(errors(check)) == 1
    return errors(check)[0].removeprefix(f"error: {src / name}: ")


def test_utf16_with_bom(src):
    (src / "bom16.txt").write_bytes("Voilà  l'été\r\n".encode("utf-16"))
    assert_cleaned(src, "bom16.txt", "Voilà l'été\n".encode(), "utf-16-le")


def test_utf16_without_bom(src):
    (src / "le16.txt").write_bytes("Voilà  l'été à Paris, the storm hits.\n".encode("utf-16-le"))
    assert_cleaned(src, "le16.txt", "Voilà l'été à Paris, the storm hits.\n".encode(), "utf-16-le")


def test_latin1_cp1252_text(src):
    (src / "legacy.txt").write_bytes("Voilà  l'été à Paris – “enfin”.\n".encode("cp1252"))
    assert_cleaned(src, "legacy.txt", "Voilà l'été à Paris – “enfin”.\n".encode(), "cp1252")


def test_empty_file(src):
    (src / "empty.txt").write_bytes(b"")
    assert_cleaned(src, "empty.txt", b"", "utf-8")


def test_whitespace_only_file(src):
    (src / "blank.txt").write_bytes(b"  \n\t\n\n")
    assert_cleaned(src, "blank.txt", b"", "utf-8")


def test_nul_bytes_in_text(src):
    """Like git and grep: a NUL byte in a file that is not UTF-16 makes it binary; where it is is said."""
    (src / "nul.txt").write_bytes(b"Some text\x00with a NUL byte in it\n")
    assert_refused(src, "nul.txt", "binary data: NUL bytes that are not UTF-16 text (the first at byte 9)")


LONG = b"word  " * (20 * 2**20 // 6)


def test_single_20mb_line_of_degenerate_text(src):
    """Millions of doubled spaces on one line: W002 would log millions of changes (gigabytes), so it is
    skipped for that file with a warning that says why; the other rules apply."""
    (src / "long.txt").write_bytes(LONG)
    result, out, summary = clean(src, "--select", "W")
    assert result.exit_code == 0 and errors(result) == [] and summary["files_changed"] == 3
    warned = [line for line in result.stderr.splitlines() if line.startswith(f"warning: {src / 'long.txt'}: rule ")]
    assert warned == [f"warning: {src / 'long.txt'}: rule W002 (space-runs) found more than 100,000 things "
                      "to change in this document and was skipped"]
    log = json.loads((out / "_changes" / "long.txt.json").read_bytes())
    assert len(log["skipped_rules"]) == 1
    assert digest((out / "long.txt").read_bytes()) == digest(LONG.rstrip() + b"\n")


def test_single_20mb_line_fully_cleaned(src):
    """A long line of ordinary text (a few things to fix) is cleaned whole: regex time limits grow with the text."""
    line = b"A word or two. " * (20 * 2**20 // 15)
    (src / "long.txt").write_bytes(line[:10_000_000] + b"two  spaces " + line[10_000_000:] + b"   ")
    result, out, summary = clean(src, "--select", "W")
    assert result.exit_code == 0 and errors(result) == [] and "warning" not in result.stderr
    # Compare digests: on failure, pytest's diff of two 20 MB strings would run for many minutes.
    expected = line[:10_000_000] + b"two spaces " + line[10_000_000:].rstrip() + b"\n"
    assert digest((out / "long.txt").read_bytes()) == digest(expected)


def test_missing_path(src):
    result, out, summary = clean(src, src.parent / "missing.txt")
    assert result.exit_code == 2
    assert errors(result) == [f"error: {src.parent / 'missing.txt'}: no such file or directory"]
    assert summary["failures"] == [{"path": str(src.parent / "missing.txt"), "error": "no such file or directory"}]
    assert_good_cleaned(out)


def test_broken_symlink(src):
    (src / "gone.txt").symlink_to(src / "nowhere.txt")
    assert_refused(src, "gone.txt", "broken symbolic link")


def test_symlink_to_itself(src):
    (src / "self.txt").symlink_to(src / "self.txt")
    assert_refused(src, "self.txt", "symbolic link loop")


def test_directory_symlink_loop(src):
    """Links to folders are not followed: a loop is no error and each file is cleaned once."""
    (src / "sub").mkdir()
    (src / "sub" / "c.txt").write_bytes(GOOD)
    (src / "sub" / "up").symlink_to(src)
    result, out, summary = clean(src)
    assert result.exit_code == 0 and errors(result) == []
    assert summary["files_seen"] == 3 and (out / "sub" / "c.txt").read_bytes() == GOOD_CLEANED
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a-good.txt", "sub/c.txt", "z-good.txt"]


def test_file_vanishes_mid_run(src, monkeypatch):
    """Listed, then deleted just before it is read: named as gone, the others still cleaned."""
    (src / "m-vanishes.txt").write_bytes(GOOD)
    read = processing.read_bytes

    def delete_then_read(path, *args):
        if path.name == "m-vanishes.txt":
            path.unlink(missing_ok=True)
        return read(path, *args)

    monkeypatch.setattr(processing, "read_bytes", delete_then_read)
    # --jobs 1: the patch lives in this process, not in worker processes.
    assert_refused(src, "m-vanishes.txt", "no such file or directory", "--jobs", "1")


def test_file_unreadable_mid_run(src, monkeypatch):
    """A read that fails (EACCES; tests may run as root, where chmod does not stop reads) is named with its cause."""
    (src / "m-locked.txt").write_bytes(GOOD)
    opened = open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("m-locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    assert_refused(src, "m-locked.txt", "permission denied", "--jobs", "1")


def test_non_utf8_file_name(src):
    """A Latin-1 name (bytes on Linux) is cleaned to the same name; logs and summary stay valid JSON; restore works."""
    name = os.fsdecode(b"caf\xe9.txt")
    (src / name).write_bytes(GOOD)
    result, out, summary = clean(src)
    assert result.exit_code == 0 and summary["files_changed"] == 3
    assert os.listdir(os.fsencode(out)).count(b"caf\xe9.txt") == 1
    assert (out / name).read_bytes() == GOOD_CLEANED
    assert json.loads((out / "_changes" / f"{name}.json").read_bytes())["source"] == str(src / name)
    assert run("restore", out, "-o", src.parent / "back").exit_code == 0
    assert (src.parent / "back" / name).read_bytes() == GOOD


def test_truncated_jsonl_gz(src):
    whole = gzip.compress(b'{"id": 1, "text": "a  b"}\n' * 2000)
    (src / "part.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    assert_refused(src, "part.jsonl.gz", "not a valid gzip file: it ends before its end-of-stream marker (truncated?)")


def jsonl_problem(src, line, cause):
    """Line 2 of a three-record file is bad: named with its line, copied as it is; records 1 and 3 are cleaned."""
    (src / "recs.jsonl").write_bytes(b'{"id": 1, "text": "a  b"}\n' + line + b'\n{"id": 3, "text": "c  d"}\n')
    result, out, summary = clean(src)
    assert result.exit_code == 2
    assert errors(result) == [f"error: {src / 'recs.jsonl'}:2: {cause}"]
    assert summary["failures"] == [{"path": f"{src / 'recs.jsonl'}:2", "error": cause}]
    assert summary["records_failed"] == 1 and summary["files_failed"] == 0
    assert (out / "recs.jsonl").read_bytes() == (b'{"id": 1, "text": "a b"}\n' + line
                                                 + b'\n{"id": 3, "text": "c d"}\n')
    assert_good_cleaned(out)


def test_malformed_jsonl_line(src):
    jsonl_problem(src, b'{"id": 2, "text": "cut off', "not valid JSON: Unterminated string starting at (column 19)")


def test_jsonl_record_without_text(src):
    jsonl_problem(src, b'{"id": 2, "body": "x"}', "no 'text' field")


def test_jsonl_record_text_not_a_string(src):
    jsonl_problem(src, b'{"id": 2, "text": ["x"]}', "'text' is an array, not a string")


def test_jsonl_lone_surrogate_escape(src):
    """JSON allows "\\ud800" (broken web text): the record is cleaned (E001 replaces the lone surrogate with
    U+FFFD, as ftfy does), and the file restored byte for byte."""
    (src / "sur.jsonl").write_bytes(b'{"id": 1, "text": "a  \\ud800 b"}\n')
    result, out, summary = clean(src)
    assert result.exit_code == 0 and summary["failures"] == []
    assert (out / "sur.jsonl").read_bytes() == '{"id": 1, "text": "a \ufffd b"}\n'.encode()
    assert run("restore", out, "-o", src.parent / "back").exit_code == 0
    assert (src.parent / "back" / "sur.jsonl").read_bytes() == b'{"id": 1, "text": "a  \\ud800 b"}\n'


def test_all_bad_inputs_in_one_run_fix_rewrites_only_the_good(src):
    """`fix` over every bad case at once: exit 2, one error line each, good files fixed, bad ones untouched."""
    bad = {"image.txt": PNG, "nul.txt": b"Some text\x00with a NUL byte in it\n", "part.jsonl.gz": gzip.compress(b"{}\n")[:9]}
    for name, data in bad.items():
        (src / name).write_bytes(data)
    (src / "gone.txt").symlink_to(src / "nowhere")
    result = run("fix", src)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert sorted(Path(line.split(": ")[1]).name for line in errors(result)) == sorted([*bad, "gone.txt"])
    assert all((src / name).read_bytes() == data for name, data in bad.items())
    assert (src / "a-good.txt").read_bytes() == GOOD_CLEANED == (src / "z-good.txt").read_bytes()


def test_utf16_bom_but_odd_length_is_refused(src):
    (src / "odd.txt").write_bytes(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"c")
    assert_refused(src, "odd.txt", "not valid utf-16-le after its byte-order mark: truncated data at byte 6")
