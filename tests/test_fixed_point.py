"""One clean reaches a fixed point: cleaning its output again changes nothing.

A rule judges the text the rules before it left, so a later rule's edit can
make an earlier rule match; the engine runs its stages again until a pass
changes nothing (issue 19, item 2).
"""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, clean_text, load_rules
from cleaner.engine import MAX_PASSES
from cleaner.log import undo
from tests.test_properties import accented, mojibake, sentence, word

DEFAULT = Cleaner()
ARTICLE = Cleaner(preset="article-body")
OPT_IN = Cleaner(extend_select=tuple(rule.code for rule in load_rules() if not rule.enabled and rule.family != "D"))
BODY = "The council met on Monday to agree the budget for the coming year.\n"
MORE = "Workers on the river road said the storm had closed the market early.\n"


def cleaned_once(cleaner: Cleaner, text: str) -> str:
    """The cleaned text, after checking that it restores exactly and that a second clean changes
    nothing: not a byte, and, but where P008 and P009 undo each other's edits by design, no edit."""
    result = cleaner.clean(text)
    assert undo(result.text, result.changes) == text
    again = cleaner.clean(result.text)
    assert again.text == result.text
    assert cleaner is OPT_IN or not [change for change in again.changes if change.edits]
    return result.text


@pytest.mark.parametrize("text", ["ß\r  €ß", "http://x.com/a.jpg ,"])
def test_the_small_cases_of_the_issue_settle_in_one_clean(text):
    cleaned_once(DEFAULT, text)


def test_a_bare_image_address_goes_once_the_space_before_its_comma_is_gone():
    result = clean_text("http://x.com/a.jpg ,")
    assert result.text == ""
    assert [change.code for change in result.changes] == ["P003", "W004", "M009"]


@pytest.mark.parametrize(("line", "code"), [("Share  on  Facebook", "B001"), ("Read  more", "J003"),
                                            ("Sign  up for our newsletter", "B002")])
def test_a_boilerplate_line_with_space_runs_goes_in_the_first_clean(line, code):
    text = f"{BODY}\n{line}\n\n{MORE}"
    assert cleaned_once(DEFAULT, text) == f"{BODY}\n{MORE}"
    assert code in [change.code for change in DEFAULT.clean(text).changes]


def test_the_dash_rule_sees_the_double_hyphen_once_its_spaces_are_collapsed():
    cleaner = Cleaner(extend_select=("P010",))
    assert cleaned_once(cleaner, "a  --  b\n") == "a — b\n"


@pytest.mark.parametrize(("text", "repaired"), [
    ("Ein cafÃ\u200b© am Markt.\n", "Ein café am Markt.\n"),    # a zero-width space inside the mojibake
    ("\u00a0Â\x95\n", None),                                      # ftfy reads 'Â•' after NBSP and space apart
])
def test_mojibake_that_another_rule_uncovers_is_repaired_in_the_same_clean(text, repaired):
    result = DEFAULT.clean(text)
    assert "E001" in [change.code for change in result.changes]
    cleaned = cleaned_once(DEFAULT, text)
    assert repaired is None or cleaned == repaired


def test_a_report_counts_once_and_does_not_make_the_text_changed():
    text = f"Share  on  Facebook\n\nHello ; world.\n\n{BODY}"
    result = DEFAULT.clean(text)
    assert [change.code for change in result.reports] == ["P004"]
    clean = DEFAULT.clean(result.text)
    assert not clean.changed and [change.code for change in clean.reports] == ["P004"]


def test_two_rules_that_undo_each_other_leave_no_second_pass_in_the_log():
    cleaner = Cleaner(select=("P008", "P009"))
    result = cleaner.clean("She said “yes” and left.\n")
    assert not result.changed and not result.skipped
    assert {change.step for change in result.changes} == {0, 1}


def test_a_document_that_never_settles_is_named_and_still_restores(tmp_path: Path):
    (tmp_path / "grow.toml").write_text('''family = "X"
[[rule]]
code = "X001"
name = "grow"
kind = "substitution"
summary = "Add an 'a' to a line of a's."
why = "A rule that is never done, to test the engine's bound."
[rule.params]
pattern = '^a+$'
replace = '\\g<0>a'
[[rule.examples]]
before = "a"
after = "aa"
''', encoding="utf-8")
    cleaner = Cleaner(select=("X001",), rules_dirs=(tmp_path,))
    result = cleaner.clean("a")
    assert result.text == "a" * (MAX_PASSES + 1)
    assert undo(result.text, result.changes) == "a"
    assert len(result.skipped) == 1 and "X001" in result.skipped[0] and f"{MAX_PASSES} passes" in result.skipped[0]


#: Damage spliced into real-looking lines, as bench/fuzz.py does with the dev collections.
DAMAGE = ["\u00a0", "\u00a0 ", "\u2009", "\u200b", "\ufeff", "\u00ad", "\u0301", "\u0308", "ﬁ", "ﬂ", "\f", "\u2028",
          "\x85", "  ", " ,", " -- ", "  --  ", "\t", "Ã©", "â€™", "Â", "“", "”", '"']
LABELS = ["Share  on  Facebook", "Read  more", "Sign  up for our newsletter", "Advertisement", "By Jane Doe",
          "Updated 3 hours ago", "http://x.com/a.jpg ,", "December 10, 2023", "• • •", "Tags: news"]


@st.composite
def damaged_line(draw) -> str:
    words = draw(st.lists(st.one_of(word, accented, accented.map(mojibake)), min_size=1, max_size=10))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.sampled_from(DAMAGE + words)))  # a piece of damage, or a doubled word
    return " ".join(words)


line = st.one_of(sentence, damaged_line(), st.sampled_from(LABELS))
newline = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n\n\n", "\u2028"])


@st.composite
def mixed_documents(draw) -> str:
    lines = draw(st.lists(line, max_size=12))
    text = "".join(piece + draw(newline) for piece in lines)
    return ("\ufeff" if draw(st.booleans()) else "") + text


@given(mixed_documents(), st.sampled_from([DEFAULT, ARTICLE, OPT_IN]))
def test_cleaning_mixed_damaged_text_settles_in_one_clean_and_restores(text, cleaner):
    cleaned_once(cleaner, text)
