"""A step whose rules edited nothing in a text is not run again on a later text of the same view
(``Kind.view``): the line patterns and ftfy read each line by itself (a text whose lines all stood in the
earlier one is skipped too), the metadata and duplicate-line rules the non-blank lines in order, the judge the
lines' shapes and the language. The results are those of running every step every time. Texts written for these
tests."""

from contextlib import contextmanager

from hypothesis import given, settings, strategies as st

from cleaner import Cleaner, engine
from cleaner.kinds.base import Kind
from cleaner.kinds.duplicate_line import DuplicateLine
from cleaner.kinds.judge import LineJudge
from cleaner.kinds.line_pattern import LinePattern
from cleaner.kinds.metadata import Metadata
from cleaner.kinds.mojibake import Mojibake

VIEWED = (LinePattern, LineJudge, Metadata, Mojibake, DuplicateLine)

LINES = [
    "Home", "Sign in", "Subscribe to our newsletter", "Share  on  Facebook", "Advertisement   ",
    "Read more: Ferry fares to rise again next spring", "Five ways to cut your energy bill before the cold…",
    "The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.   ",
    "Engineers told members that the timber piles had rotted faster than expected in the  warm summer.",
    "A temporary landing stage will be built so that the island service can keep running meanwhile.",
    "Der Rat tagte am Montag und beschloss, die alte Brücke über den Fluss noch zu sanieren.",
    "the the harbour master said", "CafÃ© owners welcomed the plan.", "", "", "  ", "Published: 12 March 2024",
    "By Jane Doe", " date 2021-10-09 Talks resume in Geneva over the harbour", "Â", "“Quoted", "- List item  ",
    'Storm "Ida" heads north', "Storm “Ida” heads north",
]
texts = st.lists(st.sampled_from(LINES), min_size=1, max_size=30).map("\n".join)


def results(cleaner, text):
    result = cleaner.clean(text)
    return result.text, [change.to_dict() for change in result.changes], result.skipped


@contextmanager
def every_step_run_every_time():
    """The kinds without a view: the engine runs them again on every text."""
    kept = {kind: kind.__dict__["view"] for kind in VIEWED}
    try:
        for kind in kept:
            kind.view = staticmethod(Kind.view)
        yield
    finally:
        for kind, view in kept.items():
            kind.view = view


@settings(max_examples=60, deadline=None)
@given(texts, st.sampled_from([None, "article-body"]))
def test_skipping_a_step_of_the_same_view_changes_no_result(text, preset):
    """Cleaning with views gives the text, log and warnings of cleaning with every step run every time."""
    with_views = results(Cleaner(preset=preset), text)
    with every_step_run_every_time():
        assert results(Cleaner(preset=preset), text) == with_views


def count_runs(monkeypatch, cls):
    """Count the calls of ``cls.find`` for each rule code."""
    runs = []
    find = cls.find
    monkeypatch.setattr(cls, "find", lambda kind, doc: runs.append(kind.rule.code) or find(kind, doc))
    return runs


STORY = ("The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.\n\n"
         "Engineers told members that the timber piles had rotted faster than expected in the warm summer.")


def test_the_next_pass_does_not_run_the_line_rules_again_for_a_final_newline(monkeypatch):
    """Adding the final newline is the last edit, so a second pass runs; its lines are those the line patterns,
    the judge, ftfy, the metadata and the duplicate-line rules found nothing in, and they are not run again."""
    runs = [count_runs(monkeypatch, kind) for kind in VIEWED]
    result = Cleaner().clean(STORY)
    assert [change.code for change in result.changes] == ["W004"]
    assert all(codes and len(codes) == len(set(codes)) for codes in runs)  # each rule once


def test_lines_dropped_by_a_later_rule_leave_the_line_rules_nothing_new(monkeypatch):
    """The judge drops a cut-off headline; the next round and the next pass read lines that all stood in the
    text the line patterns, ftfy and the metadata rules found nothing in: the first two are not run again.
    The metadata rules read the lines above each line too, so they run again in the next round, but not in
    the next pass (it only added the final newline)."""
    patterns, ftfy, metadata = (count_runs(monkeypatch, kind) for kind in (LinePattern, Mojibake, Metadata))
    result = Cleaner().clean(STORY.replace("\n\n", "\n\nFive ways to cut your energy bill before the cold…\n\n"))
    assert [change.code for change in result.changes] == ["J020", "W004"]
    assert patterns.count("B001") == 1 and ftfy == ["E001"]
    assert metadata.count("M001") == 2


def test_a_changed_line_runs_them_again(monkeypatch):
    """Spaces collapsed inside a line (W002, after the lines stage) change what the line rules read: the next
    pass runs them, and a button only W002 made whole goes there (then the line patterns, which dropped it,
    run once more in the next round)."""
    patterns, judge = count_runs(monkeypatch, LinePattern), count_runs(monkeypatch, LineJudge)
    result = Cleaner().clean(STORY + "\n\nShare  on  Facebook\n")
    assert "Share" not in result.text
    assert judge == ["J020", "J020"] and patterns.count("B001") == 3


def test_a_step_that_edited_is_run_again_on_the_next_text(monkeypatch):
    """The line patterns that dropped a line run again in the next round (the judge could not have known)."""
    patterns = count_runs(monkeypatch, LinePattern)
    Cleaner().clean(STORY + "\n\nAdvertisement\n")
    assert patterns.count("B001") == 2


def test_a_huge_text_keeps_no_view(monkeypatch):
    """Past ``VIEW_CHARS`` a step keeps no view of the text (it would hold a copy of its lines): it runs again."""
    monkeypatch.setattr(engine, "VIEW_CHARS", 100)
    judge = count_runs(monkeypatch, LineJudge)
    Cleaner().clean(STORY)
    assert judge == ["J020", "J020"]
