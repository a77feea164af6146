"""Encoding, character, punctuation and layout rules on text they were not written from."""

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError


def only(code, text, **options):
    return Cleaner(select=(code,), extend_select=(code,), options={code: options} if options else {}).clean(text)


def edits(result):
    return [(c.code, c.before, c.after) for c in result.changes if c.edits]


def test_mojibake_change_carries_ftfy_steps():
    result = only("E001", "Le prÃ©sident a parlÃ©.\nPlain line.\n")
    (change,) = result.changes
    assert result.text == "Le président a parlé.\nPlain line.\n"
    assert change.scores["steps"] == [["encode", "latin-1"], ["decode", "utf-8"]] or \
        change.scores["steps"][-1] == ["decode", "utf-8"]
    assert "decode utf-8" in change.reason and change.line == 1


def test_mojibake_keeps_quotes_widths_and_ligatures_by_default_but_switches_work():
    text = "“Fine” ﬁnish ＡＢＣ — Ã©tÃ©\n"
    assert only("E001", text).text == "“Fine” ﬁnish ＡＢＣ — été\n"
    switched = only("E001", text, uncurl_quotes=True, fix_latin_ligatures=True, fix_character_width=True)
    assert switched.text == "\"Fine\" finish ABC — été\n"


def test_each_switch_finds_its_characters_on_a_line_without_mojibake():
    """Each switched-on fixer must see the lines that hold what it fixes, not only lines with mojibake."""
    assert only("E001", "Cheers \ud83c\udf7a to that\n").text == "Cheers \U0001f37a to that\n"
    assert only("E001", "A \x93quoted\x94 word\n").text == "A \u201cquoted\u201d word\n"
    assert only("E001", "It\u2019s \u201cfine\u201d\n", uncurl_quotes=True).text == "It's \"fine\"\n"
    assert only("E001", "one\u2028two\n", fix_line_breaks=True).text == "one\ntwo\n"


def test_mojibake_rejects_an_unknown_normalization():
    with pytest.raises(RuleError, match="normalization must be one of"):
        Cleaner(options={"E001": {"normalization": "NFX"}})


def test_mojibake_leaves_correct_accents_and_symbols():
    text = "Zürich, São Paulo, Đà Nẵng: 25 °C, 3 × 4 €, naïve café — “ok” ½.\n"
    assert only("E001", text).changes == ()


def test_nfc_changes_only_the_decomposed_letters():
    result = only("C006", "Noe\u0308l in Ko\u0308ln, Ångström ok.\n")
    assert result.text == "Noël in Köln, Ångström ok.\n"
    assert [(c.before, c.after) for c in result.changes] == [("e\u0308", "ë"), ("o\u0308", "ö")]


def test_full_width_and_ligatures_are_opt_in():
    text = "ＯＫ！ The ﬂag.\n"
    assert Cleaner().clean(text).text == text
    assert only("C007", text).text == "OK! The ﬂag.\n"
    assert only("C008", text).text == "ＯＫ！ The flag.\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("Prices rose , then fell .\n", "Prices rose, then fell.\n"),
    ("A list of files: a .txt and a .csv.\n", "A list of files: a .txt and a .csv.\n"),
    ("He paused ... then spoke.\n", "He paused ... then spoke.\n"),
    ("The vote was close . Turnout was low .\n", "The vote was close. Turnout was low.\n"),
    ("Type cp notes.txt . && ls to copy it.\n", "Type cp notes.txt . && ls to copy it.\n"),
    ("Then find . -type f lists the files.\n", "Then find . -type f lists the files.\n"),
])
def test_space_before_comma(text, expected):
    assert only("P003", text).text == expected


def test_space_before_french_marks_is_only_reported():
    text = "Il a dit : « Pourquoi ? » Vraiment !\n"
    result = only("P004", text)
    assert result.text == text and len(result.reports) == 3


def test_repeated_marks_reported_ellipsis_left():
    text = "Well.. fine... Why???\n"
    result = only("P006", text)
    assert result.text == text and [c.before for c in result.reports] == ["..", "???"]


def test_curly_quotes_only_where_they_pair():
    assert only("P009", '"Stop," he said, "now."\n').text == "“Stop,” he said, “now.”\n"
    left = 'The 32" screen and the "big" one.\nShe said "wait.\n'
    result = only("P009", left)
    assert result.text == left and len(result.reports) == 2


def test_straight_quotes_and_dash_style_are_opt_in():
    text = "‘Right’ -- he wrote -- “done”.\n"
    assert Cleaner().clean(text).text == text
    assert only("P008", text).text == "'Right' -- he wrote -- \"done\".\n"
    assert only("P010", text).text == "‘Right’ — he wrote — “done”.\n"
    assert only("P007", "So...\n").text == "So…\n"


def test_stray_bullet_lines_go_but_list_items_and_scene_breaks_stay():
    text = "Intro.\n●\n● Item one\n· · ·\n* * *\nEnd.\n"
    assert only("P011", text).text == "Intro.\n● Item one\n* * *\nEnd.\n"


def test_doubled_comma_only_after_a_word():
    assert only("P005", "Red,, green and blue.\nid,,name\n").text == "Red, green and blue.\nid,,name\n"


def test_blank_line_maximum_is_an_option():
    text = "One.\n\n\n\nTwo.\n\n\nThree.\n"
    assert only("W003", text).text == "One.\n\nTwo.\n\nThree.\n"
    assert only("W003", text, max=2).text == "One.\n\n\nTwo.\n\n\nThree.\n"
    with pytest.raises(RuleError, match="'max' must be 0 or more"):
        Cleaner(options={"W003": {"max": -1}})


def test_crlf_is_kept_when_line_endings_rule_is_off():
    text = "\r\nTitle  \r\n\r\n\r\n\r\nBody.\r\n\r\n"
    assert Cleaner(ignore=("C001",)).clean(text).text == "Title\r\n\r\nBody.\r\n"
    assert Cleaner().clean(text).text == "Title\n\nBody.\n"


def test_tabs_are_opt_in():
    text = "Total:\t\t42\n"
    assert Cleaner().clean(text).text == text
    assert only("W006", text).text == "Total: 42\n"


def test_substitution_table_must_map_to_text():
    with pytest.raises(RuleError, match="'table' must map texts to texts"):
        Cleaner(options={"P008": {"table": {"“": 1}}})


def test_a_word_in_two_table_cells_is_not_doubled():
    """A tab separates the cells of a pasted table ("on<TAB>on"); spaces separate doubled words."""
    table = "Setting\tDefault\tNow\nsync\ton\ton\n"
    assert not [change for change in Cleaner(select=("P001",)).clean(table).changes]
    assert Cleaner(select=("P001",)).clean("It was in  in the box.\n").text == "It was in the box.\n"


def test_a_doubled_english_function_word_in_another_language_is_only_reported():
    """Polish "czy to to samo" ("is it the same") and Danish "at at rejse" ("that to travel") are right;
    the same double in English text is a mistake."""
    cleaner = Cleaner(select=("P001",))
    for text in ("Czy to to samo, co wczoraj? Nie wiem, ale mam nadzieję, że tak.\n",
                 "Han sagde, at at rejse alene var det bedste, han nogensinde havde gjort.\n"):
        result = cleaner.clean(text)
        assert result.text == text
        assert [change.action for change in result.changes] == ["report"]
    english = "He said that the keys were in in the drawer by the door.\n"
    assert cleaner.clean(english).text == "He said that the keys were in the drawer by the door.\n"


def test_a_doubled_word_gets_the_same_verdict_after_the_spaces_around_it_are_collapsed():
    """The context is counted in words: collapsing a run of spaces (W002) must not bring English words
    near enough to turn a report into a fix on the next run (or the reverse)."""
    text = "Czy to to samo" + " " * 120 + "and the cat sat on the mat with the dog and the bird.\n"
    once = Cleaner().clean(text)
    assert "  " not in once.text
    assert Cleaner().clean(once.text).text == once.text
