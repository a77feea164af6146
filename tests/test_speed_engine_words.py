"""``content_of`` tests a word's stopword membership first: the content words it keeps are still, in order,
every word of at least three characters that is no stopword and no number, cut to its stem."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.words import LONG_WORD_LENGTH, STEM_LENGTH, content_of, stoplists, words

#: Words as ``words`` makes them: stopwords, short words, numbers, long words, non-ASCII letters.
TOKENS = st.lists(st.sampled_from(["the", "of", "an", "a", "to", "it", "is", "42", "2019", "007", "٣٤", "mosque",
                                   "attacks", "council", "über", "naïve", "x1", "1st", "abc", "ab", "_"])
                  | st.text(alphabet="ab1_é٣", min_size=1, max_size=9), max_size=30)


def content_by_definition(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    kept = []
    for word in tokens:
        if len(word) < LONG_WORD_LENGTH or word in stopwords or word.isdigit():
            continue
        kept.append(word[:STEM_LENGTH])
    return kept


@given(TOKENS, st.sampled_from(["English", "German", "French"]))
@settings(max_examples=400, deadline=None)
def test_content_of_keeps_what_the_definition_keeps(tokens, language):
    stopwords = stoplists()[language]
    assert content_of(tokens, stopwords) == content_by_definition(tokens, stopwords)


@given(st.lists(st.text(min_size=1, max_size=8), max_size=20), st.frozensets(st.text(max_size=4), max_size=6))
@settings(max_examples=400, deadline=None)
def test_content_of_keeps_what_the_definition_keeps_for_any_stoplist(tokens, stopwords):
    assert content_of(tokens, stopwords) == content_by_definition(tokens, stopwords)


def test_content_of_a_sentence():
    tokens = words("The 2021 attacks on a mosque in Christchurch")
    assert content_of(tokens, stoplists()["English"]) == ["attack", "mosque", "christ"]
