"""E001 asks ftfy's ``is_bad`` about a candidate line once per cleaning (``Mojibake._changeable``): the next
pass reads mostly the same lines."""

from __future__ import annotations

from ftfy.badness import is_bad
from hypothesis import given, settings, strategies as st

import cleaner.kinds.mojibake as mojibake
from cleaner import Cleaner
from cleaner.document import Document

#: Mojibake's pieces (UTF-8 read as Windows-1252), accented letters, curly quotes, C1 controls, ampersands.
ALPHABET = "aé ’“â€™Ã©Â\x85\x9c&ﬁ\n"


def _mojibake_rule(**switches: bool) -> mojibake.Mojibake:
    return next(kind for kind in Cleaner(select=("E001",), **switches).kinds if kind.rule.code == "E001")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_a_line_is_a_candidate_when_is_bad_flags_it_or_another_fixer_would_act(text):
    rule = _mojibake_rule()
    doc = Document(text)
    for line in doc.lines:
        expected = bool(is_bad(line.text) or rule.other and rule.other.search(line.text))
        assert rule._changeable(doc, line.text) == expected
        assert rule._changeable(doc, line.text) == expected  # remembered


def test_is_bad_is_asked_once_per_line_text_over_a_cleaning(monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(mojibake, "is_bad", lambda text: asked.append(text) or is_bad(text))
    rule = _mojibake_rule()
    first = Document("The cafÃ© opened\nA plain line\nCurly “quotes” and café\n")
    flagged = [line.text for line in rule.candidates(first)]
    second = first.with_text(first.text + "\n")  # the next pass: the same lines
    assert [line.text for line in rule.candidates(second)] == flagged == ["The cafÃ© opened"]
    assert sorted(asked) == sorted(set(asked)) and "The cafÃ© opened" in asked
