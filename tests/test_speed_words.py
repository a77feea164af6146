"""``words`` splits a text of the common scripts with the standard library's ``re``, faster than ``regex``: on
those characters the two ``\\w`` agree, so the words are the same."""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings, strategies as st

from cleaner.words import SAME_WORD_CHARACTERS, WORD, words

#: Letters and marks of several scripts, digits and numbers, punctuation, joiners and connector marks.
ALPHABET = ("aZé ßÆ  ,.-_'’“”–—…€½²³¹ΩωЖжѝ\u0483\u0301\u0645\u064e\u05d0\u05b8\u0915\u093f東京한글\u200c\u200d"
            "\u203f\ufe4d\u24b6\u2160\U0001d400\t\n")


def test_on_every_character_of_the_fast_path_the_two_word_classes_agree():
    checked = 0
    for point in range(0x2600):
        char = chr(point)
        if SAME_WORD_CHARACTERS.match(char):
            checked += 1
            assert bool(re.match(r"\w", char)) == bool(regex.match(r"\w", char)), hex(point)
    assert checked > 2000


def test_the_characters_where_they_differ_take_the_regex_path():
    for text in ("x²", "½ cup", "a\u0301", "\u0915\u093f", "a\u200db", "a\u203fb", "Ⓐ"):
        assert not SAME_WORD_CHARACTERS.match(text.lower()), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_words_are_what_regex_makes_of_the_lower_case_text(text):
    assert words(text) == WORD.findall(text.lower())
