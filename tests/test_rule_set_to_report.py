"""A rule a user sets to ``report`` (``[tool.cleaner.rules.CODE] action = "report"``) only reports, even where
its kind decides line by line (the line judge's verdict drops a line above its threshold or of a junk shape)."""

from cleaner import Cleaner

TEXT = ("The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.\n\n"
        "Ten great walks along the northern coast for a…\n\n"
        "A temporary landing stage will be built so that the island service can keep running in the meantime.\n")
CUT = "Ten great walks along the northern coast for a…"


def test_the_line_judge_set_to_report_drops_nothing_and_reports_what_it_would_have_dropped():
    by_default = [(change.code, change.action, change.before.strip()) for change in Cleaner().clean(TEXT).changes]
    assert by_default == [("J020", "drop", CUT)]
    result = Cleaner(options={"J020": {"action": "report"}}).clean(TEXT)
    assert result.text == TEXT
    assert [(change.code, change.action, change.before.strip()) for change in result.changes] == \
           [("J020", "report", CUT)]


def test_a_fixing_rule_set_to_report_leaves_the_text_as_it_was():
    text = "The council said the the road would close.\n"
    result = Cleaner(options={"P001": {"action": "report"}}).clean(text)
    assert result.text == text
    assert [(change.code, change.action) for change in result.changes] == [("P001", "report")]
