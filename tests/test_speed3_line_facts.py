"""The judge's per-line facts read each line fewer times (``cleaner.judge.features.line_facts``): the helpers
that merge two readings give what the two separate ones gave."""

from __future__ import annotations

import sys

import regex
from hypothesis import example, given, settings, strategies as st

from cleaner.kinds.shape import CJK, IDEOGRAPHIC, REGEX_SPACES, SOUTHEAST_ASIAN, is_truncated, spacing, word_count
from cleaner.kinds.shape import _count as count_matches
from cleaner.words import content_and_density, content_of, stopword_density, words

#: What ``is_truncated`` answered before it read the line from its end.
TRUNCATED = regex.compile(r"(?:…|\.\.\.)\s*$")
#: Latin, CJK, Thai, Korean, spaces of every kind, dots and ellipses, digits.
ALPHABET = "ab Éé東京で大ฝนตก서울.…\u2003\u3000\x1c\x85\n\t1"
STOPWORDS = frozenset({"a", "the", "on", "é", "東京で"})


def test_regex_spaces_are_the_characters_regex_reads_as_a_space():
    space = regex.compile(r"\s")
    assert set(REGEX_SPACES) == {chr(code) for code in range(sys.maxunicode + 1) if space.match(chr(code))}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=12))
@example("Read more…\x1c")  # a separator regex does not read as a space
@example("and then...\u3000 ")
def test_is_truncated_is_the_ellipsis_pattern_at_the_end(text):
    assert is_truncated(text) == bool(TRUNCATED.search(text))


def _character_words(text: str, ideographs: regex.Pattern[str]) -> int:
    """The words counted in characters, as ``shape`` counts them."""
    return count_matches(ideographs, text) // 2 + count_matches(SOUTHEAST_ASIAN, text) // 4


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=16))
@example("東京で大雨が降りました")
@example("ฝนตกหนักในกรุงเทพเมื่อวานนี้")
def test_spacing_is_the_effective_word_count_and_whether_the_text_is_unspaced(text):
    """Measured from scratch: two CJK characters a word, four Thai ones; unspaced when the Chinese and
    Japanese characters make more words than the spaces do."""
    words_in_text = word_count(text)
    effective = max(words_in_text, _character_words(text, CJK))
    assert spacing(text, words_in_text) == (effective, _character_words(text, IDEOGRAPHIC) > words_in_text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET + "stopmosque", max_size=30))
def test_content_and_density_are_the_content_words_and_the_stopword_share(text):
    tokens = words(text)
    assert content_and_density(tokens, STOPWORDS) == (content_of(tokens, STOPWORDS),
                                                      stopword_density(tokens, STOPWORDS))
