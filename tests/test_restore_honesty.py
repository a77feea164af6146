"""`restore` says what it cannot do: a cleaned file without a log, or a log it cannot read, is an error that
names it (exit 2); the other files are still restored, and nothing wrong is ever written."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.change import Change
from cleaner.cli import main
from cleaner.files import InputError

DIRTY = "Storm  hits the coast \n\n\nThe river rose  overnight.   \n"
RECORDS = b'{"id": 1, "text": "Storm  hits the coast "}\n{"id": 2, "text": "Calm."}\n'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def out(tmp_path) -> Path:
    """A `clean` output folder of three text files (one in a folder named like a log, ``x.json``) and a JSONL file."""
    src = tmp_path / "src"
    (src / "x.json").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "x.json/c.txt"):
        (src / name).write_text(DIRTY, encoding="utf-8")
    (src / "d.jsonl").write_bytes(RECORDS)
    assert run("clean", src, "-o", tmp_path / "out").exit_code == 0
    return tmp_path / "out"


def edit_log(out: Path, name: str, edit) -> Path:
    path = out / "_changes" / f"{name}.json"
    log = json.loads(path.read_text(encoding="utf-8"))
    edit(log)
    path.write_text(json.dumps(log), encoding="utf-8")
    return path


def test_a_folder_named_like_a_log_is_restored(out, tmp_path):
    result = run("restore", out, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "back" / "x.json" / "c.txt").read_text(encoding="utf-8") == DIRTY
    assert (tmp_path / "back" / "d.jsonl").read_bytes() == RECORDS


def test_a_cleaned_file_without_its_log_is_an_error_and_the_others_are_restored(out, tmp_path):
    log = out / "_changes" / "a.txt.json"
    log.unlink()
    result = run("restore", out, "-o", tmp_path / "back")
    assert result.exit_code == 2
    assert f"error: {out / 'a.txt'}: it has no change log ({log})" in result.stderr
    assert not (tmp_path / "back" / "a.txt").exists()
    assert (tmp_path / "back" / "b.txt").read_text(encoding="utf-8") == DIRTY


@pytest.mark.parametrize(("name", "edit", "says"), [
    ("a.txt", lambda log: log.update(changes=None), "the log's 'changes' must be an array, not null"),
    ("a.txt", lambda log: log["changes"][0].update(offset="x"), "change 1: a change's 'offset' must be an integer"),
    ("a.txt", lambda log: log["changes"][0].pop("before"), "change 1: a change has no 'before'"),
    ("a.txt", lambda log: log.update(encoding=5), "the log's 'encoding' must be a string, not 5"),
    ("a.txt", lambda log: log.update(format="pdf"), "the log's 'format' is 'pdf'"),
    ("d.jsonl", lambda log: log["records"][0].update(line="1"), "record entry 1's 'line' must be an integer"),
    ("d.jsonl", lambda log: log["records"][0].update(style=[True]), "record entry 1's 'style' must be"),
    ("d.jsonl", lambda log: log["records"][0].update(ascii="yes"), "record entry 1's 'ascii' must be"),
    ("d.jsonl", lambda log: log["records"][0].pop("ascii"), "record entry 1"),
    ("d.jsonl", lambda log: log["records"][0]["changes"][0].update(step=None), "record entry 1, change 1: a change's 'step'"),
])
def test_a_log_it_cannot_read_is_an_error_naming_the_log_and_the_item(out, tmp_path, name, edit, says):
    log = edit_log(out, name, edit)
    result = run("restore", out, "-o", tmp_path / "back")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"error: {out / name}: cannot read its change log {log}: {says}" in result.stderr
    assert not (tmp_path / "back" / name).exists()
    assert (tmp_path / "back" / "x.json" / "c.txt").read_text(encoding="utf-8") == DIRTY


def test_a_log_that_is_not_json_is_an_error_naming_it(out, tmp_path):
    log = out / "_changes" / "b.txt.json"
    log.write_bytes(b'{"version": 1, "changes": [')
    result = run("restore", out, "-o", tmp_path / "back")
    assert result.exit_code == 2 and f"error: {out / 'b.txt'}: cannot read its change log {log}: " in result.stderr
    assert (tmp_path / "back" / "a.txt").read_text(encoding="utf-8") == DIRTY


def test_restore_of_one_file_names_a_broken_log(out, tmp_path):
    log = edit_log(out, "a.txt", lambda log: log["changes"][0].update(offset="x"))
    result = run("restore", out / "a.txt", "--log", log, "-o", tmp_path / "a.txt")
    assert result.exit_code == 2 and f"cannot read its change log {log}" in result.stderr
    assert not (tmp_path / "a.txt").exists()


def test_fields_a_newer_version_adds_are_passed_over(out, tmp_path):
    """Forward compatible: unknown items of the log, of a change and of a record entry do not stop restore."""
    edit_log(out, "a.txt", lambda log: (log.update(new=1), log["changes"][0].update(new=[1])))
    edit_log(out, "d.jsonl", lambda log: (log["records"][0].update(new=1), log["records"][0]["changes"][0].update(new=2)))
    result = run("restore", out, "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "back" / "a.txt").read_text(encoding="utf-8") == DIRTY
    assert (tmp_path / "back" / "d.jsonl").read_bytes() == RECORDS


def test_change_from_dict_names_the_field():
    change = Change("W001", "trailing-whitespace", "fix", 1, 5, " ", "", "trailing", 0, 4).to_dict()
    assert Change.from_dict({**change, "later": True}) == Change.from_dict(change)
    with pytest.raises(InputError, match="'applied' must be true or false, not 1"):
        Change.from_dict({**change, "applied": 1})
    with pytest.raises(InputError, match="'action' must be one of fix, drop, report, not \"undo\""):
        Change.from_dict({**change, "action": "undo"})
    with pytest.raises(InputError, match="a change must be an object, not null"):
        Change.from_dict(None)
