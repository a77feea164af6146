"""The RE2 tests before the ``regex`` patterns may let too much through, never too little.

Each ``regex`` pattern is widened into an RE2 pattern (``cleaner.kinds.prefilter``):
a line a line-pattern matches must be named by the set of line patterns, and a
text a substitution pattern finds something in must pass its search, or a rule
would miss it.
"""

from __future__ import annotations

import sys

import re2
import regex
from hypothesis import example, given, settings, strategies as st

from cleaner import Cleaner
from cleaner.kinds.line_pattern import LinePattern
from cleaner.kinds.prefilter import FOLDS_ONLY_IN_REGEX, LineSet, Search, widened
from cleaner.kinds.substitution import Substitution

from .conftest import SEEDS

#: Pieces of regexes where the two engines differ: Unicode classes, folding, lookarounds, possessive repeats.
ITEMS = ["a", "i", "k", "s", "é", " ", "-", r"\.", ".", r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"\b",
         r"\p{L}", r"\p{Lu}", r"\P{L}", "[a-c]", "[^a]", r"[^\S\n]", r"[\w-]", r"[^\W\d]", r"\u00e9", r"\x41",
         "(?=a)", "(?!b)", "(?<=a)", "(?<!\\s)", "(?>ab|a)", "(?i:k)", "^", "$", r"\A", r"\Z", "}", "ı", "ɤ", "[ɤé]", "[^é]"]
QUANTIFIERS = ["", "*", "+", "?", "{2}", "{0,2}", "{,2}", "*?", "++", "?+", "{1,3}+"]
ATOMS = st.tuples(st.sampled_from(ITEMS), st.sampled_from(QUANTIFIERS)).map("".join)
SEQUENCES = st.recursive(st.lists(ATOMS, min_size=1, max_size=4).map("".join),
                         lambda inner: st.tuples(inner, inner, st.sampled_from(QUANTIFIERS)).map(
                             lambda parts: f"(?:{parts[0]}|{parts[1]}){parts[2]}"), max_leaves=6)
PATTERNS = st.tuples(st.sampled_from(["", "(?i)"]), st.lists(SEQUENCES, min_size=1, max_size=3).map("|".join)).map(
    "".join)
#: Characters each engine reads its own way: a lone surrogate (not UTF-8), a capital I (which dotless ı
#: matches, ignoring case, in regex only), a capital letter newer than RE2's tables (ɤ's partner), a no-break
#: space, a next-line, Arabic digits, dotted capital I, the Kelvin sign, a letter newer than RE2's tables.
ALPHABET = "\ud800aAbiIkKsSé -._}\ua7cb\u00a0\x85\u0663\u0130\u212a\U0001e5d0\x1c"
TEXTS = st.text(alphabet=ALPHABET, max_size=10)
#: Texts of several lines, for searches.
DOCUMENTS = st.text(alphabet=ALPHABET + "\n", max_size=14)


def test_each_piece_widened_names_every_character_it_matches():
    """Every piece, alone or repeated, case-sensitive or not, on every character of the alphabet and pair of them."""
    texts = [*ALPHABET, *(a + b for a in ALPHABET for b in ALPHABET)]
    for item in ITEMS:
        for source in (item, f"(?i){item}", f"{item}+", f"(?i){item}+", f"a{item}", f"{item}a"):
            pattern, lines = regex.compile(source), LineSet([source])
            missed = [text for text in texts if pattern.fullmatch(text) and 0 not in lines.candidates(text)]
            assert not missed, (source, widened(source), missed[:3])


def test_each_piece_widened_for_a_search_finds_every_text_it_matches_in():
    """As above, for the search of a whole text (lookarounds at the ends become plain text)."""
    texts = [*ALPHABET, *(a + b + c for a in ALPHABET[:9] for b in ALPHABET + "\n" for c in "a .\n")]
    for item in ITEMS:
        for source in (item, f"(?i){item}", f"{item}+", f"a{item}", f"{item}a", f"(?<=a){item}", f"{item}(?=\\s)"):
            pattern, search = regex.compile(source, regex.MULTILINE), Search(source)
            missed = [text for text in texts if pattern.search(text) and not search.may_match(text)]
            assert not missed, (source, widened(source, search=True), missed[:3])


@settings(max_examples=500, deadline=None)
@given(PATTERNS, DOCUMENTS)
@example("(?:a|.(?!b){2})", "A")  # a counted lookaround left out takes its count with it
@example("x(?=y)*?z", "xz")
def test_a_pattern_widened_for_a_search_finds_every_text_it_matches_in(source, text):
    try:
        pattern = regex.compile(source, regex.MULTILINE)
    except regex.error:
        return
    if pattern.search(text):
        assert Search(source).may_match(text), widened(source, search=True)


@settings(max_examples=500, deadline=None)
@given(PATTERNS, TEXTS)
def test_a_widened_pattern_names_every_line_the_pattern_matches(source, text):
    try:
        pattern = regex.compile(source)
    except regex.error:
        return
    if pattern.fullmatch(text):
        assert 0 in LineSet([source]).candidates(text), widened(source)


def test_shipped_line_patterns_name_every_line_they_match():
    """The shipped rules on lines they were not written from: the seeds and the rules' own examples."""
    cleaner = Cleaner(preset="article-body")
    kinds = [kind for kind in cleaner.kinds if isinstance(kind, LinePattern) and kind.group is not None]
    group = kinds[0].group
    lines = {line.strip() for path in SEEDS.iterdir() for line in path.read_text(encoding="utf-8").splitlines()}
    lines |= {line.strip() for rule in cleaner.rules for example in rule.examples
              for line in example.before.splitlines()}
    matched = 0
    for line in filter(None, lines):
        named = group.set.candidates(line)
        for kind in kinds:
            if kind.options["pattern"].fullmatch(line):
                matched += 1
                assert group.position[kind] in named, (kind.rule.code, line)
    assert matched > 20  # the check saw real matches


def test_shipped_substitutions_search_every_text_they_match_in():
    cleaner = Cleaner(preset="article-body")
    kinds = [kind for kind in cleaner.kinds if isinstance(kind, Substitution)]
    texts = [path.read_text(encoding="utf-8") for path in SEEDS.iterdir()]
    texts += [example.before for rule in cleaner.rules for example in rule.examples]
    matched = 0
    for text in texts:
        for kind in kinds:
            if kind.options["pattern"].search(text):
                matched += 1
                assert kind.search.may_match(text), (kind.rule.code, text[:80])
    assert matched > 20 and sum(kind.search.possible is not None for kind in kinds) > 10


def test_patterns_re2_cannot_run_are_tried_on_every_line():
    sources = [r"Page (\d+) of \1", "(?x) sign \\s+ up  # verbose", "a(?i)b", "(?(1)a|b)", "share"]
    lines = LineSet(sources)
    assert lines.always == (0, 1, 2, 3)
    assert lines.candidates("share") == (0, 1, 2, 3, 4)
    assert lines.candidates("print") == (0, 1, 2, 3)


def test_a_lone_surrogate_lets_every_pattern_try():
    """RE2 reads UTF-8 only; a text with a lone surrogate (a JSON "\\ud800" escape) goes to ``regex`` alone."""
    assert LineSet(["(?i)share", r"\d+"]).candidates("share\ud800") == (0, 1)
    assert Search(r"[ \t]+$").may_match("no trailing\ud800")
    result = Cleaner(select=("W001",)).clean("odd \ud800 \nline\n")
    assert result.text == "odd \ud800\nline\n"


def test_sets_and_searches_survive_pickling():
    """Workers started by spawn or forkserver, and Ray's, get the rules pickled: RE2 objects cannot be."""
    import pickle
    lines = pickle.loads(pickle.dumps(LineSet(["(?i)share", r"\d+"])))
    assert lines.candidates("SHARE") == (0,) and lines.candidates("12") == (1,)
    search = pickle.loads(pickle.dumps(Search(r"[ \t]+$")))
    assert search.may_match("trailing \nline") and not search.may_match("clean\nlines")


def test_only_dotted_capital_i_folds_to_ascii_in_regex_alone():
    """Every character that ``regex`` matches to an ASCII letter, ignoring case, RE2 matches too, but those
    listed in ``FOLDS_ONLY_IN_REGEX`` (a line holding one skips the set)."""
    folding = regex.compile("(?i)[a-z]")
    folded = [chr(code) for code in range(128, sys.maxunicode + 1)
              if not 0xD800 <= code < 0xE000 and folding.fullmatch(chr(code))]
    missed = {char for char in folded for letter in "abcdefghijklmnopqrstuvwxyz"
              if regex.fullmatch(f"(?i){letter}", char) and not re2.fullmatch(f"(?i){letter}", char)}
    assert missed == set(FOLDS_ONLY_IN_REGEX)
