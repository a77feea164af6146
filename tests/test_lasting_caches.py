"""A cleaner keeps what depends on a line's text alone across the documents it cleans (``Document.lasting``):
the judge's facts of a line, a pattern's verdict on it, its key. What it remembers from one document never
changes another's result, the caches stay bounded, and a page that shares its menus with one cleaned before
is not read again for them. Texts written for these tests."""

import pickle

from hypothesis import given, settings, strategies as st

from cleaner import Cleaner
from cleaner import document as document_module
from cleaner.document import LONGEST_REMEMBERED
from cleaner.judge import features as judge_features

MENU = ["Home", "News | Sport | Weather", "Sign in", "Subscribe to our newsletter", "© 2024 The Daily Paper"]
LINES = MENU + [
    "Read more: Ferry fares to rise again next spring", "Five ways to cut your energy bill before the cold…",
    "The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.",
    "Engineers told members that the timber piles had rotted faster than expected in the warm summer.",
    "A temporary landing stage will be built so that the island service can keep running meanwhile.",
    "Der Rat tagte am Montag und beschloss, die alte Brücke über den Fluss noch zu sanieren.",
    "Die Bauarbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern, sagte die Stadt.",
    "the the harbour  master said", "CafÃ© owners welcomed the plan.", "",
]
documents = st.lists(st.lists(st.sampled_from(LINES), min_size=1, max_size=25).map(lambda lines: "\n".join(lines) + "\n"),
                     min_size=1, max_size=6)


def results(cleaner, texts):
    return [(result.text, [change.to_dict() for change in result.changes])
            for result in (cleaner.clean(text) for text in texts)]


@settings(max_examples=40, deadline=None)
@given(documents, st.sampled_from([None, "article-body"]))
def test_a_document_comes_out_the_same_after_any_other(texts, preset):
    """One cleaner over all the texts, in either order, gives each the result a fresh cleaner gives it."""
    alone = [results(Cleaner(preset=preset), [text])[0] for text in texts]
    assert results(Cleaner(preset=preset), texts) == alone
    assert results(Cleaner(preset=preset), texts[::-1]) == alone[::-1]


def test_the_caches_stay_bounded_and_the_results_do_not_change(monkeypatch):
    texts = [f"Story {n}: the council met on day {n} to discuss the budget for the new library.\n"
             f"Read more: Ferry fares to rise {n}%\nMenu item {n}\n" for n in range(60)]
    expected = results(Cleaner(), texts)
    monkeypatch.setattr(document_module, "LASTING_ENTRIES", 16)
    cleaner = Cleaner()
    assert results(cleaner, texts) == expected
    assert cleaner.lasting and all(len(cache) <= 16 for cache in cleaner.lasting.values())


def test_a_huge_line_is_not_kept_across_documents():
    cleaner = Cleaner()
    cleaner.clean("Title\n\n" + "word " * LONGEST_REMEMBERED + "\n")
    kept = [key for cache in cleaner.lasting.values() for key in cache if isinstance(key, str)]
    assert "Title" in kept and all(len(key) <= LONGEST_REMEMBERED for key in kept)


def test_a_page_sharing_its_menu_with_one_cleaned_before_is_judged_on_its_new_lines_only(monkeypatch):
    read = []
    line_facts = judge_features.line_facts
    monkeypatch.setattr(judge_features, "line_facts", lambda doc, shape, stops: read.append(shape.text)
                        or line_facts(doc, shape, stops))
    story = ("The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.",
             "Engineers told members that the timber piles had rotted faster than expected in the warm summer.")
    other = ("The bakery on the corner of the square will close for a month while its ovens are replaced.",
             "Its owner said that regulars would find their bread at the market stall on Saturdays instead.")
    cleaner = Cleaner()
    cleaner.clean("\n".join([*MENU, *story]) + "\n")
    read.clear()
    cleaner.clean("\n".join([*MENU, *other]) + "\n")
    assert set(read) == set(other)


def test_a_cleaner_sent_to_another_process_goes_without_its_caches():
    cleaner = Cleaner()
    text = "\n".join([*MENU, *LINES[5:9]]) + "\n"
    first = cleaner.clean(text)
    assert cleaner.lasting
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.lasting == {} and cleaner.lasting
    again = copy.clean(text)
    assert (again.text, again.changes) == (first.text, first.changes)
