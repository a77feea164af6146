"""Findings say what was found: the number of blank lines, the missing newline, the entry of a label list that
matched; not the rule's summary."""

import pytest

from cleaner import Cleaner, Config


def reasons(text, select, **meta):
    return [(c.code, c.reason) for c in Cleaner(Config(select=(select,))).clean(text, meta=meta).changes]


def test_blank_line_runs_say_how_many_blank_lines():
    assert reasons("One.\n\n\n\nTwo.\n", "W003") == [("W003", "3 blank lines in a row; at most 1 kept")]
    assert reasons("One.\n\n\n\n\nTwo.\n", "W003") == [("W003", "4 blank lines in a row; at most 1 kept")]


@pytest.mark.parametrize("text, reason", [
    ("Last line.", "no newline at the end of the file"),
    ("Last line.\n\n\n", "2 blank lines after the last line"),
    ("Last line.\n\n", "1 blank line after the last line"),
    ("Last line.  \n", "spaces after the last line"),
    ("Last line.  ", "spaces and no newline at the end of the file"),
])
def test_final_newline_says_what_ends_the_file(text, reason):
    assert reasons(text, "W004") == [("W004", reason)]


def test_final_newline_of_a_record_and_crlf():
    assert reasons("Value.\n", "W004", record=True) == [("W004", "a newline at the end of a record's text")]
    assert reasons("Line.\r\n", "W004") == []  # a CRLF ending stays CRLF
    assert Cleaner(Config(select=("W004",))).clean("Value.\n\n", meta={"record": True}).text == "Value."


@pytest.mark.parametrize("line, code, entry", [
    ("ADVERTISEMENT", "J002", "advertisement"),
    ("Sponsored content", "J002", "sponsored(?: content)?"),
    ("Related stories:", "J003", "related(?: articles?| stories| coverage| content| posts| reading| news)?"),
    ("Read more: Council backs new cycle lanes", "J007", "read (?:more|next|also)"),
])
def test_line_pattern_findings_name_the_entry_that_matched(line, code, entry):
    text = f"The council met on Tuesday to discuss the harbour.\n{line}\nIt voted to repair the pier.\n"
    assert reasons(text, code) == [(code, f"line matches {line!r} (entry {entry!r})")]
