"""The shortcuts of issue 17 item 6 that make the default cleaning faster decide what the plain computation decides.

The stoplist vote unpacks every language's count at once; the judge's novelty counts a line's content words
in two sets of the main block's words; the mark of page furniture is a fact of the line's text; the line
judge and the duplicate-line rules share the keys of the lines they compare; a text with the same non-blank
lines as one judged before has the records of a fresh document (which is why the engine need not run the
judge on it again: ``tests/test_step_views.py``); the doubled words are found line by line, each line text
once per cleaning. Each is checked here against the plain way of computing the same
thing, on varied documents (the count of a line's digits, in C but for its few non-ASCII characters, in
``test_judge_speed``).
"""

from collections import Counter
from pathlib import Path

from hypothesis import example, given, settings, strategies as st

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.judge.features import CHROME_MARKS, INDEX, Page, features
from cleaner.kinds.doubled_word import DOUBLE, _doubles
from cleaner.kinds.duplicate_line import line_key
from cleaner.words import NEAR_BEST, _best_stoplist, stoplists, words

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
LINES = (
    "Home", "News | Sport | Weather", "© 2024 The Daily Paper", "Read more: Ferry fares to rise again next spring",
    "Five ways to cut your energy bill before the cold…", "Explained: How the harbour board voted",
    "The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.",
    "Engineers told members that the timber piles had rotted faster than expected in the warm summer.",
    "A temporary landing stage will be built so that the island service can keep running meanwhile.",
    "The ferry service to the island will keep running while the old pier is repaired this winter.",
    "Der Rat tagte am Montag und beschloss, die alte Brücke über den Fluss noch zu sanieren.",
    "Menu » Politics › Europe", "Sign in", "1. Preheat the oven", "東京で大雨が降りました", "",
)


def plain_novelty(page, i):
    """``Page.novelties`` as defined: the share of the line's content words that the main block's prose lines
    (counted per line, the line itself left out) lack."""
    own = page.content[i]
    if not own:
        return 0.5
    vocabulary = Counter(word for j in range(page.first, page.last + 1) if page.prose[j] for word in page.content[j])
    itself = 1 if page.prose[i] and page.first <= i <= page.last else 0
    return 1 - sum(1 for word in own if vocabulary[word] > itself) / len(own)


def assert_plain_features(text):
    page = Page(Document(text))
    for i, (shape, record) in enumerate(zip(page.shapes, page.records())):
        assert page.novelties()[i] == plain_novelty(page, i)
        assert record.values[INDEX["novelty"]] == plain_novelty(page, i)
        assert record.values[INDEX["chrome_mark"]] == float(any(mark in shape.text for mark in CHROME_MARKS))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=40))
def test_novelty_and_chrome_marks_are_the_plain_definitions(lines):
    assert_plain_features("\n".join(lines) + "\n")


def test_novelty_and_chrome_marks_of_the_seed_documents_are_the_plain_definitions():
    assert SEEDS
    for path in SEEDS:
        assert_plain_features(path.read_text(encoding="utf-8"))


def plain_best_stoplist(text, sample):
    """The stoplist vote counted language by language."""
    tokens = words(text)[:sample]
    lists = stoplists()
    names = list(lists)
    hits = [sum(token in lists[name] for token in tokens) for name in names]
    near = [i for i, count in enumerate(hits) if count and count >= NEAR_BEST * max(hits)] or [names.index("English")]
    best = min(near, key=lambda i: (names[i] != "English", len(lists[names[i]]), i))
    return names[best], lists[names[best]]


STOPWORDS = sorted({word for name in ("English", "German", "French", "Spanish", "Marathi", "Italian", "Dutch")
                    for word in stoplists()[name]})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(STOPWORDS) | st.sampled_from(("harbour", "ferry", "Brücke", "42", "pier")),
                max_size=120), st.sampled_from((5, 40, 400)))
def test_the_packed_stoplist_vote_is_the_vote_counted_language_by_language(tokens, sample):
    text = " ".join(tokens)
    assert _best_stoplist([words(text)], sample) == plain_best_stoplist(text, sample)


def assert_plain_keys(text):
    """After a whole cleaning, every line key a rule remembered, and every key in the judge's line facts, is
    the line's plain key, whichever rule computed it first."""
    doc = Document(text)
    Cleaner().clean_document(doc)
    keys = doc.lasting.get("line-keys", {})
    assert all(key == line_key(line) for line, key in keys.items())
    facts = [(line, fact) for name, known in doc.lasting.items() if name.startswith("judge-lines:")
             for line, fact in known.items()]
    assert all(fact.key == (line_key(line) if len(line.split()) >= 2 else None) for line, fact in facts)
    return keys, facts


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=30))
def test_the_line_keys_the_rules_share_are_the_plain_keys(lines):
    assert_plain_keys("\n".join(lines) + "\n")


def test_the_line_keys_the_rules_share_in_the_seed_documents_are_the_plain_keys():
    for path in SEEDS:
        keys, facts = assert_plain_keys(path.read_text(encoding="utf-8"))
        assert keys and facts


def respaced(lines, gaps):
    """The lines as a text, with ``gaps`` blank (or blank-looking) lines after each."""
    return "".join(line + "\n" + "\n" * gap + " \n" * (gap > 2) for line, gap in zip(lines, gaps))


def assert_same_records(doc, text):
    """The records of ``text`` read after ``doc``'s are those of a fresh document of ``text``."""
    later = doc.with_text(text)
    fresh = features(Document(text))
    assert [(record.shape, record.values) for record in features(later)] == \
        [(record.shape, record.values) for record in fresh]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([line for line in LINES if line]), min_size=1, max_size=25),
       st.lists(st.integers(0, 3), min_size=25, max_size=25), st.lists(st.integers(0, 3), min_size=25, max_size=25),
       st.sampled_from(("kept", "dropped", "replaced")))
def test_a_text_with_the_same_lines_respaced_reads_the_records_of_a_fresh_document(lines, gaps, other_gaps, change):
    """Blank lines added or taken away move every line (the records' shapes are the new text's); a line
    dropped, or replaced by another, changes the values."""
    doc = Document(respaced(lines, gaps))
    features(doc)
    other = next(line for line in LINES if line and line != lines[0])
    then = {"kept": lines, "dropped": lines[1:], "replaced": [other, *lines[1:]]}[change]
    assert_same_records(doc, respaced(then, other_gaps))


DOUBLING = st.lists(st.sampled_from(["the", "The", "a", "ab", " ", " ", " ", "  ", "\n", "\n\n", "'", "’", "-", "\r",
                                     "\t", "1", "é", "\u2028", ".", "x"]), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(DOUBLING, min_size=1, max_size=4))
@example(["the the cat\nA a b\n\nx  x\r\n", "the the cat\nA a  b\nx x\n"])
def test_doubled_words_found_line_by_line_are_those_found_in_the_whole_text(texts):
    """Each text of a cleaning (``with_text``, so the next reads lines the first remembered) gives the
    matches of ``DOUBLE`` over the whole text."""
    doc = Document(texts[0])
    for text in texts:
        doc = doc.with_text(text)
        assert list(_doubles(doc)) == [(match.start(), match.group()) for match in DOUBLE.finditer(text)]

