"""A group that turns case folding off in its scope (``(?-i:Like this)``) goes into the RE2 set of line
patterns like any other (``cleaner.kinds.prefilter``), and the set still names every line the pattern matches."""

from __future__ import annotations

import regex
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner
from cleaner.kinds.line_pattern import LinePattern
from cleaner.kinds.prefilter import LineSet, Search, widened

#: Pieces of patterns, some in a scope that turns case folding (or other flags RE2 knows) off or on.
PIECES = ["a", "k", "K", "é", "É", " ", r"\w", r"\s", "[a-k]", "ı", "(?-i:k)", "(?-i:Ab|aB)", "(?-i:é)",
          "(?-is:a.)", "(?i-s:k.)", "(?-i:[a-c]+)"]
PATTERNS = st.tuples(st.sampled_from(["", "(?i)", "(?s)", "(?is)"]),
                     st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join)).map("".join)
TEXTS = st.text(alphabet="aAbBkKKéÉıI \n.", max_size=8)


def test_a_scoped_flag_turned_off_is_widened_not_always_tried():
    assert widened("(?i)share|(?-i:Like this)") == "(?i)share|(?-i:Like this)"
    lines = LineSet(["(?i)share|(?-i:Like this)"])
    assert lines.always == ()
    assert lines.candidates("Like this") == (0,) and lines.candidates("like this") == ()
    assert lines.candidates("SHARE") == (0,) and lines.candidates("print") == ()


def test_flags_turned_off_for_the_rest_of_a_pattern_or_flags_re2_lacks_are_still_always_tried():
    """``(?-i)`` with no scope, recursion ``(?-1)``, and a verbose scope RE2 cannot read."""
    lines = LineSet(["(?i)a(?-i)b", "(a)(?-1)", "(?-x:a b)"])
    assert lines.always == (0, 1, 2)


def test_every_shipped_line_pattern_without_needed_words_is_in_the_set():
    """B001's ``(?-i:Like this|LIKE THIS)`` kept the biggest pattern out of the set: tried with ``regex`` on
    every short line."""
    cleaner = Cleaner()
    group = next(kind.group for kind in cleaner.kinds if isinstance(kind, LinePattern) and kind.group)
    assert group.set.always == ()
    b001 = next(kind for kind in group.members if kind.rule.code == "B001")
    named = group.set.candidates("Like this")
    assert group.position[b001] in named and b001.options["pattern"].fullmatch("Like this")
    assert group.position[b001] not in group.set.candidates("like this")


@settings(max_examples=400, deadline=None)
@given(PATTERNS, TEXTS)
def test_a_pattern_with_scoped_flags_names_every_line_it_matches(source, text):
    pattern = regex.compile(source)
    if pattern.fullmatch(text):
        assert 0 in LineSet([source]).candidates(text), widened(source)


@settings(max_examples=400, deadline=None)
@given(PATTERNS, TEXTS)
def test_a_pattern_with_scoped_flags_passes_every_text_it_is_found_in(source, text):
    if regex.compile(source, regex.MULTILINE).search(text):
        assert Search(source).may_match(text), widened(source, search=True)
