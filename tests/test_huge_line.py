"""A huge line (a text file of one line of millions of characters) costs a few copies of itself, no more.

Before, each word of such a line became a string of its own (``str.split``
to count words, again for every metadata rule), its lower case took twelve
bytes a character for a moment, and caches keyed by line text kept every
version of it the cleaning made.
"""

import sys
import tracemalloc

import pytest

from cleaner import Cleaner
from cleaner.document import LONGEST_REMEMBERED, Document
from cleaner.kinds import line_pattern, shape
from cleaner.kinds.line_pattern import Needs

#: Words of news text with a curly apostrophe (so the line takes two bytes a character).
SENTENCE = "The council met on Tuesday, and the mayor’s report was read in full before the vote. "


def huge_line(characters: int) -> str:
    return (SENTENCE * (characters // len(SENTENCE) + 1))[:characters] + "\n"


def peak_while(call) -> int:
    """The most memory (traced by ``tracemalloc``) that ``call()`` held at once, in bytes."""
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_cleaning_a_huge_line_takes_a_few_copies_of_it():
    """Its lines, and a moment's UTF-8 for RE2: about four times its size in memory (it took eight)."""
    cleaner = Cleaner()
    cleaner.clean(huge_line(50_000))  # once, for what is loaded once (stoplists, compiled rules)
    text = huge_line(3_000_000)
    assert peak_while(lambda: cleaner.clean(text)) < 6 * sys.getsizeof(text)


def test_shared_caches_keep_no_huge_line():
    """Every line rule may look at a long line of one word, and each fix to it makes a new version of it:
    the caches of the cleaning (kept from round to round) keep none of them."""
    line = "x" * (LONGEST_REMEMBERED + 1)
    doc = Document(f"Title\n\n{line} \n\n{line}  \n")
    Cleaner().clean_document(doc)
    kept = [key for caches in (doc.shared, doc.lasting) for cache in caches.values() if isinstance(cache, dict)
            for key in cache]
    assert "Title" in kept and all(len(key) <= LONGEST_REMEMBERED for key in kept)


def test_a_replaced_document_lets_go_of_its_views():
    doc = Document("one\ntwo\n")
    assert [line.text for line in doc.body] == ["one", "two"] and doc.memo("x", lambda: 1) == 1
    newer = doc.with_text("three\n")
    assert not {"lines", "body", "starts"} & set(vars(doc)) and not doc._memo
    assert [line.text for line in doc.lines] == ["one", "two"]  # built again if asked for
    assert [line.text for line in newer.lines] == ["three"]


@pytest.mark.parametrize("text", ["", " ", "a", "a b", " a  b ", "ab\u3000cd\x1cef", "abc def ghi jkl mno"])
@pytest.mark.parametrize("piece", [1, 2, 3, 5])
def test_word_count_in_pieces_counts_as_split_does(monkeypatch, text, piece):
    monkeypatch.setattr(shape, "TEXT_PIECE", piece)
    assert shape.word_count(text) == len(text.split())
    assert [shape.has_words(text, count) for count in range(6)] == [len(text.split()) >= c for c in range(6)]


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 1 << 20])
def test_needed_words_found_in_pieces_as_in_one(monkeypatch, piece):
    """A word cut where two pieces meet is found once; one glued to a letter beyond a cut is not."""
    text = "Inbox\nyour inbox\nxinbox inboxes\nTRY AGAIN\ntry  again\nİnbox inbox\n"
    last = text.index("İnbox")
    expected = [0, text.index("inbox\nx"), text.index("TRY"), last, text.index("inbox", last + 1)]
    monkeypatch.setattr(line_pattern, "TEXT_PIECE", piece)
    assert sorted(Needs(["inbox", "try again"])._offsets(text)) == expected
