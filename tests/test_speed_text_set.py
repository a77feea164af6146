"""The substitutions share one RE2 set (``cleaner.kinds.prefilter.TextSet``): one pass over a text names the
rules whose pattern may match in it, where each rule used to search the text with its own RE2 regex. The set
names exactly the rules their own ``Search`` lets through, and a text too long for it is searched rule by rule."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.kinds.line_pattern import Needs
from cleaner.kinds.prefilter import LONGEST_TEXT, Search, TextSet
from cleaner.kinds.substitution import Substitution

CLEANER = Cleaner()
SUBSTITUTIONS = [kind for kind in CLEANER.kinds if type(kind) is Substitution]
#: Pieces of the texts the shipped substitutions look for: runs of spaces, marks, quotes, control and
#: invisible characters, line ends.
PIECES = ["word", "The", " ", "  ", "\t", "\n", "\n\n\n", "\r\n", ",", " ,", ".", "..", "!!", "“", "”", "\"", "'",
          "\u00a0", "\u200b", "\u202e", "\x07", "\ufeff", "İ", "é", "-", "•", "(", ")", "‘", "’", "&amp;", "2021"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def test_every_shipped_substitution_is_linked_to_one_set():
    assert len(SUBSTITUTIONS) > 10
    assert len({id(kind.shared[0]) for kind in SUBSTITUTIONS}) == 1
    assert [kind.shared[1] for kind in SUBSTITUTIONS] == list(range(len(SUBSTITUTIONS)))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_set_names_exactly_the_substitutions_their_own_search_lets_through(text):
    texts = SUBSTITUTIONS[0].shared[0]
    named = texts.candidates(text)
    assert [kind.shared[1] in named for kind in SUBSTITUTIONS] == [kind.search.may_match(text) for kind in SUBSTITUTIONS]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["(?<=a) +(?=[,.])", "[ \\t]+$", "(?i)\\bthe the\\b", "^\\s+", "x{3,}"]), TEXTS)
def test_a_pattern_alone_in_a_set_passes_every_text_its_search_passes(source, text):
    assert (0 in TextSet([source]).candidates(text)) == Search(source).may_match(text)


def test_a_text_too_long_for_the_set_is_still_searched_right():
    text = "a line with trailing spaces   \n" + "x" * LONGEST_TEXT + "\n"
    w001 = next(kind for kind in SUBSTITUTIONS if kind.rule.code == "W001")
    assert w001.shared[0].candidates(text) == w001.shared[0].everything  # the set names every rule
    found = list(w001.find(Document(text)))
    assert [(finding.start, finding.end) for finding in found] == [(27, 30)]
    assert not list(next(kind for kind in SUBSTITUTIONS if kind.rule.code == "C004").find(Document(text)))


def plain_needs_lines(needs: Needs, text: str) -> list[str]:
    """The lines that hold a needed word as a whole word, by its definition: looked for in each line's lower
    case, with a letter, digit or ``_`` on neither side (for a text whose lower case is as long as itself; the
    others are searched case-insensitively in the text itself)."""
    def whole(word: str, line: str) -> bool:
        at = line.find(word)
        while at != -1:
            before, after = line[at - 1:at], line[at + len(word):at + len(word) + 1]
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                return True
            at = line.find(word, at + 1)
        return False
    return [line.text.strip() for line in Document(text).body if any(whole(word, line.text.lower()) for word in needs.words)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["sign", "sign up", "up now", "up", "_", "x", "é", "1", " ", "\n", "-", "Sign", "ẞ"]),
                max_size=25).map("".join))
def test_the_lines_that_hold_a_needed_word_are_those_of_its_definition(text):
    needs = Needs(["sign up", "up now", "up"])
    assert [shape.text for shape in needs.lines(Document(text))] == plain_needs_lines(needs, text)
