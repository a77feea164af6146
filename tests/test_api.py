"""The Python API: clean_text, a reusable Cleaner, clean_records over dicts. These names stay stable."""

import pytest

import cleaner
from cleaner import Cleaner, Config, Result, clean_text
from cleaner.log import undo

RECORDS = [
    {"id": 1, "text": "Storm  hits coast\n\n\n", "url": "https://example.com/a", "lang": "en"},
    {"lang": "fr", "text": "Déjà propre.", "id": 2},
]


def test_clean_text_returns_text_changes_and_changed():
    result = clean_text("Storm  hits coast\n\n\n")
    assert isinstance(result, Result)
    assert result.text == "Storm hits coast\n" and result.changed
    assert [c.code for c in result.changes] == ["W002", "W003", "W004"]
    assert undo(result.text, result.changes) == "Storm  hits coast\n\n\n"


def test_clean_text_takes_a_config():
    result = clean_text("Storm  hits coast\n\n\n", config=Config(select=("W002",)))
    assert result.text == "Storm hits coast\n\n\n" and [c.code for c in result.changes] == ["W002"]


def test_a_cleaner_is_reused_and_unchanged_text_is_not_changed():
    reusable = Cleaner(Config(ignore=("W002",)))
    first, second = reusable.clean("a  b\n"), reusable.clean("Clean.\n")
    assert first.text == "a  b\n" and not first.changed
    assert second.text == "Clean.\n" and not second.changed and second.changes == ()


def test_clean_records_keeps_other_keys_and_their_order_and_attaches_changes():
    out = list(Cleaner().clean_records(RECORDS))
    assert [list(r) for r in out] == [["id", "text", "url", "lang", "changes"], ["lang", "text", "id", "changes"]]
    assert out[0]["text"] == "Storm hits coast" and out[0]["url"] == "https://example.com/a"
    assert [c["code"] for c in out[0]["changes"]] == ["W002", "W003", "W004"]
    assert out[0]["changes"][0]["before"] == "  " and out[0]["changes"][0]["reason"]
    assert out[1]["text"] == "Déjà propre." and out[1]["changes"] == []
    assert RECORDS[0]["text"] == "Storm  hits coast\n\n\n"  # the input records are not modified


def test_clean_records_with_another_text_key_and_no_changes_key_yields_pairs():
    records = [{"body": "a  b\n", "text": "left  alone"}]
    ((record, result),) = Cleaner().clean_records(records, text_key="body", changes_key=None)
    assert record == {"body": "a b", "text": "left  alone"}
    assert isinstance(result, Result) and result.original == "a  b\n"


def test_clean_records_is_lazy():
    def endless():
        while True:
            yield {"text": "a  b\n"}
    stream = Cleaner().clean_records(endless())
    assert next(stream)["text"] == "a b" and next(stream)["text"] == "a b"


@pytest.mark.parametrize("bad", [{"id": 3}, {"text": None}, "not a record"])
def test_clean_records_names_a_bad_record(bad):
    with pytest.raises(ValueError, match="record 2: no string field 'text'"):
        list(Cleaner().clean_records([{"text": "ok\n"}, bad]))


def test_the_public_names():
    assert {"Cleaner", "Config", "Result", "Change", "clean_text", "__version__"} <= set(cleaner.__all__)
    assert callable(Cleaner.clean_records)
