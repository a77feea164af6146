"""A run of lines one rule dropped one after the other is one entry of a file's change log, and restores."""

import json

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.change import Change
from cleaner.decoding import decode_bytes as decode
from cleaner.log import file_log, logged_changes, per_line, restore_bytes
from cleaner.logstream import dumps

PAGE = ("The council met on Monday to talk about the roads.\n"
        "Share\nTweet\nEmail\n"
        "It will meet again in May, the mayor said.\n"
        "Share\n"
        "Sign up for our newsletter\n"
        "The vote is set for the spring.\n")


def cleaned_and_logged(tmp_path, data: bytes) -> tuple[bytes, dict]:
    """``data`` cleaned by `cleaner clean` as ``page.txt``: the copy's bytes and its log as written."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.txt").write_bytes(data)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code in (0, 1), result.output
    log = json.loads((tmp_path / "out" / "_changes" / "page.txt.json").read_text(encoding="utf-8"))
    return (tmp_path / "out" / "page.txt").read_bytes(), log


def test_a_run_of_dropped_lines_is_one_log_entry(tmp_path):
    output, log = cleaned_and_logged(tmp_path, PAGE.encode())
    first = log["changes"][0]
    assert (first["code"], first["line"], first["before"], first["after"]) == ("B001", 2, "Share\nTweet\nEmail\n", "")
    assert first["scores"]["lines"] == 3
    assert [reason.split(" (entry")[0] for reason in first["reason"].splitlines()] == [
        "line matches 'Share'", "line matches 'Tweet'", "line matches 'Email'"]
    assert restore_bytes(output, log) == PAGE.encode()


def test_a_run_ends_at_a_kept_line_and_at_another_rule(tmp_path):
    output, log = cleaned_and_logged(tmp_path, PAGE.encode())
    assert [(c["code"], c["line"], c["before"]) for c in log["changes"]] == [
        ("B001", 2, "Share\nTweet\nEmail\n"),
        ("B001", 6, "Share\n"),
        ("B002", 7, "Sign up for our newsletter\n"),
    ]
    assert "lines" not in log["changes"][1]["scores"]


def test_a_log_of_one_entry_per_line_still_restores():
    """Logs written before runs were joined hold each dropped line as its own change."""
    data = PAGE.replace("\n", "\r\n").encode()
    decoded = decode(data)
    result = Cleaner().clean(decoded.text)
    log = {**file_log("page.txt", data, decoded, result), "changes": [c.to_dict() for c in result.changes]}
    assert len(log["changes"]) > 3
    assert restore_bytes(result.text.encode(), json.loads(json.dumps(log))) == data


def test_a_joined_entry_splits_back_into_the_changes_of_its_lines():
    """Review (`cleaner report`, removed.jsonl) reads a joined entry line by line: each line's own reason and
    scores, its place, and the same text when undone."""
    result = Cleaner().clean(PAGE)
    decoded = decode(PAGE.encode())
    log = json.loads(json.dumps(file_log("page.txt", PAGE.encode(), decoded, result)))
    split = [line for entry in log["changes"] for line in per_line(Change.from_dict(entry))]
    assert len(log["changes"]) < len(result.changes)
    assert split == list(result.changes)


def test_lines_with_different_scores_keep_each_line_s_scores():
    lines = [Change("J020", "line-judge", "drop", 3 + i, 1, f"line {i}\n", "", f"score 0.9{i}", 1, 40 + 7 * i,
                    {"score": 0.9 + i / 100}) for i in range(3)]
    entry = json.loads(json.dumps(logged_changes(lines)))
    assert len(entry) == 1 and entry[0]["scores"]["lines"] == 3
    assert per_line(Change.from_dict(entry[0])) == lines



@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**64) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=12))
def test_a_log_value_is_written_as_the_json_module_writes_it_compactly(value):
    """orjson writes the logs (``logstream.dumps``); what it refuses (a lone surrogate, 2**64) the json module
    writes, a lone surrogate escaped: either way the bytes are the json module's, without the spaces."""
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace")
    assert dumps(value) == expected
    assert json.loads(dumps(value)) == json.loads(expected)


def test_each_change_of_a_written_log_is_one_line_of_compact_json(tmp_path):
    _, log = cleaned_and_logged(tmp_path, PAGE.encode())
    text = (tmp_path / "out" / "_changes" / "page.txt.json").read_text(encoding="utf-8")
    entries = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith('    {"code":')]
    assert len(entries) == len(log["changes"]) >= 3
    assert [json.loads(entry) for entry in entries] == log["changes"]
