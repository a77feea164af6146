"""Work the rules share for speed must not change what they decide.

* line-pattern rules are tried only on the lines their RE2 set, or the words they need, name;
* consecutive line-pattern rules look at one text and the engine applies
  their drops as one step (a line two of them flag goes to the earlier rule);
* the stoplist of a text is chosen by packed counts, as by plain counting;
* substitution and mojibake rules skip text without the characters their pattern needs.
"""

from __future__ import annotations

from collections import Counter

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.engine import Claimed, build_kinds
from cleaner.kinds.line_pattern import LinePattern
from cleaner.kinds.required import leading_characters, required_characters
from cleaner.rules import Rule, RuleError
from cleaner.words import NEAR_BEST, _best_stoplist, stoplists, words


def line_rule(code: str, pattern: str, **params) -> Rule:
    return Rule(code, f"rule-{code.lower()}", "line-pattern", "", "", code[0], "-", (),
                params={"pattern": pattern, **params}, action="drop")


def cleaner_of(*rules: Rule) -> Cleaner:
    cleaner = Cleaner(select=("W004",))
    cleaner.kinds = build_kinds(rules)
    return cleaner


RULES = (
    line_rule("X001", "(?i)share(?: this)?"),
    line_rule("X002", r"(?i)\d+ comments?", max_words=3),
    line_rule("X003", r"Page (\d+) of \1"),  # a back-reference: RE2 cannot run it
    line_rule("X004", "(?x) sign \\s+ up  # a verbose pattern that ends in a comment"),
    line_rule("X005", r"(?s)Menu.*", sentences=True),
    line_rule("X006", r"(?i)(?:please )?try again(?: later)?\.?", needs=["try again"], sentences=True),
)
LINES = ["Share this", "SHARE", "12 comments", "Page 2 of 2", "Page 2 of 3", "sign up", "sign  up", "Menu.",
         "Menu and more.", "We share this view.", "12 comments were made by readers of the paper today",
         "Please TRY AGAIN later.", "We will try again."]


def test_a_blank_needed_word_is_refused_at_load():
    with pytest.raises(RuleError, match="each of 'needs' must be a word"):
        build_kinds([line_rule("X007", "(?i)menu", needs=["menu", " "])])


def test_rules_that_need_words_stand_apart_from_the_set():
    kinds = build_kinds(RULES)
    members = {kind.rule.code for kind in kinds if isinstance(kind, LinePattern) and kind.group is not None}
    assert members == {"X001", "X002", "X003", "X004", "X005"}


@pytest.mark.parametrize("line", LINES)
def test_rules_together_find_what_each_finds_alone(line):
    text = f"First paragraph here.\n{line}\nLast paragraph here.\n"
    together = {kind.rule.code for kind in build_kinds(RULES) for _ in kind.find(Document(text))}
    alone = {rule.code for rule in RULES for _ in build_kinds([rule])[0].find(Document(text))}
    assert together == alone


def test_a_line_two_rules_flag_goes_to_the_earlier_rule():
    result = cleaner_of(line_rule("X001", "(?i)share"), line_rule("X002", "(?i)share|print")).clean(
        "Intro text.\nShare\nPrint\nOutro text.\n")
    assert result.text == "Intro text.\nOutro text.\n"
    assert sorted((change.code, change.before) for change in result.changes) == [
        ("X001", "Share\n"), ("X002", "Print\n")]
    assert len({change.step for change in result.changes}) == 1  # one step for both rules


def test_batched_drops_restore_exactly():
    from cleaner.log import undo
    text = "Intro text.\n\nShare\n\n12 comments\nMenu\nOutro text.\n"
    rules = (line_rule("X001", "(?i)share"), line_rule("X002", r"\d+ comments"), line_rule("X003", "Menu"))
    result = cleaner_of(*rules).clean(text)
    assert "Share" not in result.text and "comments" not in result.text and "Menu" not in result.text
    assert undo(result.text, result.changes) == text


@pytest.mark.parametrize(("spans", "span", "expected"), [
    ([(5, 10)], (0, 5), False),
    ([(5, 10)], (10, 12), False),
    ([(5, 10)], (9, 12), True),
    ([(5, 10)], (0, 6), True),
    ([(5, 10)], (7, 7), True),  # an insertion inside an edited span
    ([(5, 5)], (5, 5), False),  # two insertions at one place
    ([(0, 2), (5, 10)], (2, 5), False),
])
def test_claimed_spans_overlap(spans, span, expected):
    assert Claimed(sorted(spans)).overlaps(*span) is expected


def _plain_best_stoplist(text: str, sample: int) -> str:
    counts = Counter(words(text)[:sample])
    hits = {name: sum(n for word, n in counts.items() if word in stops) for name, stops in stoplists().items()}
    near = [name for name in hits if hits[name] and hits[name] >= NEAR_BEST * max(hits.values())] or ["English"]
    return min(near, key=lambda name: (name != "English", len(stoplists()[name]), list(stoplists()).index(name)))


WORDS = st.sampled_from(sorted({"the", "der", "und", "le", "la", "de", "que", "и", "в", "a", "o", "e", "het",
                                 "storm", "coast", "road", "en", "och", "i", "di", "il"}))


@settings(max_examples=200)
@given(st.lists(WORDS, max_size=500))
def test_packed_counts_choose_like_plain_counting(chosen):
    text = " ".join(chosen)
    assert _best_stoplist([words(text)], 400)[0] == _plain_best_stoplist(text, 400)


def test_metadata_prefilter_gates_the_pattern():
    """A line the prefilter does not find is never tried: here the pattern alone would drop it."""
    def rule(prefilter: str) -> Rule:
        return Rule("X009", "stamp-line", "metadata", "", "", "X", "-", (),
                    params={"pattern": r"(?i)stamp\s*\w*", "prefilter": prefilter}, action="drop")
    text = "Stamp here\nStamp 42\nThe text goes on.\n"
    assert cleaner_of(rule(r"\d")).clean(text).text == "Stamp here\nThe text goes on.\n"
    assert cleaner_of(rule("")).clean(text).text == text  # both lines match: a timeline, kept


def test_metadata_prefilter_has_a_time_limit(monkeypatch):
    """A runaway prefilter is stopped like a runaway pattern: the rule is skipped for the document."""
    from cleaner.kinds import base
    monkeypatch.setattr(base, "REGEX_TIMEOUT", 0.2)
    rule = Rule("X009", "stamp-line", "metadata", "", "", "X", "-", (),
                params={"pattern": r"x+", "prefilter": r"(x+x+)+y", "max_words": 3}, action="drop")
    result = cleaner_of(rule).clean("x" * 5000 + "\nThe text goes on.\n")
    assert result.skipped == ("rule X009 (stamp-line) timed out on this document and was skipped",)


#: Pieces of regexes, to build patterns that ``cleaner.kinds.required`` reads (or declines to read).
ITEMS = ["a", "b", "•", r"\t", " ", r"\.", "[ab]", "[a-c]", r"[\t ]", "[^a]", r"\x61", r"\u2022", ".", r"\w",
         r"\d", "[•·]", "-", ","]
QUANTIFIERS = ["", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "++", "{,3}"]
ATOMS = (st.tuples(st.sampled_from(ITEMS), st.sampled_from(QUANTIFIERS)).map("".join)
         | st.sampled_from(["^", r"\A", "$", r"\b", "(?=a)", "(?<=b)"]))
SEQUENCES = st.recursive(st.lists(ATOMS, min_size=1, max_size=4).map("".join),
                         lambda inner: st.tuples(inner, inner, st.sampled_from(QUANTIFIERS)).map(
                             lambda parts: f"(?:{parts[0]}|{parts[1]}){parts[2]}"), max_leaves=6)
PATTERNS = st.lists(SEQUENCES, min_size=1, max_size=3).map("|".join)


@settings(max_examples=300)
@given(PATTERNS, st.text(alphabet="ab•· \t.-,c\n", max_size=12))
def test_required_and_leading_characters_never_hide_a_match(source, text):
    """Substitution rules skip text without a pattern's required characters, and mojibake's scan
    tries a pattern only where a leading character stands: neither may lose a match."""
    try:
        pattern = regex.compile(source, regex.MULTILINE)
    except regex.error:
        return
    required, leading = required_characters(pattern), leading_characters(pattern)
    for match in pattern.finditer(text, overlapped=True):
        assert required is None or required.found_in(text) and required.pattern.search(match.group())
        assert leading is None or leading.match(text, match.start())
