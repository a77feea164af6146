"""The article's run of sentences (cleaner/judge/blocks.py) and J020's ``outside_article`` option (on in the
article-body preset), on a page dump written for these tests."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.judge.blocks import article_block
from cleaner.judge.features import ARTICLE_MARGIN, Page, features
from cleaner.judge.model import load_judge
from cleaner.kinds.judge import ARTICLE_HEAD, ARTICLE_TAIL, DUMP_SHARE, _outside_ends
from cleaner.log import undo

DEFAULT = Cleaner()
ARTICLE_BODY = Cleaner(preset="article-body")

HEADER = ["World", "Business", "Science", "Climate", "Health", "Education", "Property", "Motoring", "Puzzles",
          "Obituaries", "Weather", "Letters"]
ARTICLE = [
    "Harbour seals return to the estuary",
    "The first harbour seals in forty years were counted on the mudflats of the estuary this spring, "
    "volunteers said on Tuesday.",
    "The survey team, which walks the shoreline at low tide every month, found eleven adults and two pups "
    "resting near the old pier.",
    "Water quality in the estuary has improved steadily since the paper mill upstream closed and the sewage "
    "works were rebuilt.",
    "Fish stocks followed, and the seals, which hunt flatfish and eels in the shallows, appear to have "
    "followed the fish.",
    "Rangers have asked walkers to keep dogs on a lead and to stay at least fifty metres from the animals "
    "while the pups are young.",
    "The count will be repeated in the autumn, when the team hopes to learn whether the colony stays through "
    "the winter.",
]
CARDS = [
    ("Why owls can turn their heads so far round", "The answer lies in their blood vessels.", "Nov 18"),
    ("A radio telescope the size of a whole city", "Dishes in three valleys will be linked.", "Nov 17"),
    ("The tiny bee that builds its nests in snail shells", "It hides them with chewed leaves.", "Nov 16"),
    ("How the last glaciers carved out the northern lakes", "A new map shows the ice's path.", "Nov 15"),
    ("Frogs that glow green under a blue torch light", "A dozen more species do it.", "Nov 14"),
    ("The oldest living tree in the river valley", "Its rings put it at 900 years.", "Nov 13"),
]
TEASERS = ["More in Science", *(line for card in CARDS for line in card)]
FOOTER = ["Local councils", "Schools guide", "Beaches", "Tide tables", "Walking routes", "Markets", "Gardens",
          "Museums", "Festivals", "Ferries", "Rail times", "Bus times"]
PAGE = "\n".join(HEADER + ARTICLE + TEASERS + FOOTER) + "\n"
#: Sections of a site map (words no line-pattern rule knows).
SECTIONS = ["Travel", "Books", "Music", "Film", "Theatre", "Food", "Fashion", "Cars", "Money", "Pensions", "Careers",
            "Technology", "Games", "Art", "Dance", "Gardening"]


def one_sided_page(menus):
    """A page dump that opens with its article and keeps every menu below it."""
    return "\n".join(ARTICLE + TEASERS + menus) + "\n"


def regime_and_dump_share(text):
    records = features(Document(text))
    return load_judge("rules/judge/model.json").regime(records), records[0].get("page_dump")


def outside_drops(result):
    return [change for change in result.changes if change.code == "J020" and change.action == "drop"
            and change.scores["features"] == ["outside_article"]]


def test_a_teaser_card_whose_headline_outweighs_its_summary_ends_the_run():
    # weights: menu -1, sentences +60 +50, then a card: headline -9, summary (a sentence) +5, date -2
    counts = [1, 60, 50, 9, 5, 2]
    sentences = [False, True, True, False, True, False]
    assert article_block(counts, sentences, [True] * 6) == (1, 2)


def test_a_long_line_counts_for_the_article_without_a_full_stop_and_a_sparse_one_does_not():
    # a 70-word paragraph that lost its stop joins the run; the same line without stopwords (a list of names) does not
    counts, sentences = [110, 70, 50], [True, False, True]
    assert article_block(counts, sentences, [True, True, True]) == (0, 2)
    assert article_block(counts, sentences, [True, False, True]) == (0, 0)


def test_a_run_of_fewer_than_a_hundred_words_is_no_article():
    assert article_block([2, 40, 40, 2], [False, True, True, False], [True] * 4) is None
    assert article_block([2, 60, 40, 2], [False, True, True, False], [True] * 4) == (1, 2)


def test_a_text_of_menus_alone_has_no_article():
    assert article_block([1, 2, 3], [False, False, False], [True, True, True]) is None
    assert article_block([], [], []) is None


def test_on_the_written_page_the_run_is_the_article_and_the_lines_beyond_the_margin_are_outside():
    page = Page(Document(PAGE))
    first, last = page.article
    texts = [shape.text for shape in page.shapes]
    assert (texts[first], texts[last]) == (ARTICLE[1], ARTICLE[-1])
    outside = [shape.text for i, shape in enumerate(page.shapes) if page.outside_article()[i]]
    assert outside == texts[:first - ARTICLE_MARGIN] + texts[last + ARTICLE_MARGIN + 1:]
    assert [record.get("outside_article") for record in features(Document(PAGE))] == \
           [float(outside) for outside in page.outside_article()]


def test_article_body_drops_doubtful_lines_outside_the_article_and_keeps_every_paragraph():
    result = ARTICLE_BODY.clean(PAGE)
    dropped = outside_drops(result)
    assert dropped, "some line beyond the margin goes only because it lies outside the article"
    teaser_lines = {line for line in TEASERS + FOOTER + HEADER}
    assert {change.before.strip() for change in dropped} <= teaser_lines
    assert all("outside the article" in change.reason and "more likely junk than not" in change.reason
               for change in dropped)
    assert all(paragraph in result.text.splitlines() for paragraph in ARTICLE[1:])
    assert undo(result.text, result.changes) == PAGE


def test_the_default_rules_never_drop_a_line_for_its_place_outside_the_article():
    result = DEFAULT.clean(PAGE)
    assert not outside_drops(result)
    kept = set(result.text.splitlines())
    assert {change.before.strip() for change in outside_drops(ARTICLE_BODY.clean(PAGE))} & kept


def test_a_dump_whose_menus_all_sit_below_the_article_is_cut_to_its_article_too():
    """Nothing before the article: the ``page`` regime's test (menus on both sides) reads it as extracted text,
    but most of its lines stand in runs of short lines."""
    text = one_sided_page(FOOTER + HEADER + SECTIONS)
    regime, dump_share = regime_and_dump_share(text)
    assert regime == "text" and dump_share >= DUMP_SHARE
    result = ARTICLE_BODY.clean(text)
    dropped = {change.before.strip() for change in outside_drops(result)}
    assert set(FOOTER + HEADER) <= dropped <= set(TEASERS + FOOTER + HEADER + SECTIONS)
    assert all(paragraph in result.text.splitlines() for paragraph in ARTICLE)
    assert undo(result.text, result.changes) == text
    assert not outside_drops(DEFAULT.clean(text))


def test_a_text_with_fewer_of_its_lines_in_runs_of_short_lines_is_not_cut():
    text = one_sided_page(FOOTER + HEADER)
    regime, dump_share = regime_and_dump_share(text)
    assert regime == "text" and dump_share < DUMP_SHARE
    assert not outside_drops(ARTICLE_BODY.clean(text))


def test_a_dump_whose_last_paragraph_extends_its_main_text_to_the_end_is_cut_to_its_article_too():
    """A site's blurb closes the page, so the loose main block (and the ``page`` regime's test) runs to the end;
    measured against the article's run of sentences, the menus above it and the teasers below it are outside."""
    blurb = ("The Gazette has covered the towns along the estuary since 1871, and a trust of its readers has "
             "owned it since 1990.")
    text = "\n".join(HEADER + SECTIONS[:4] + ARTICLE + TEASERS + [blurb]) + "\n"
    records = features(Document(text))
    before, after = _outside_ends(records)
    regime, dump_share = regime_and_dump_share(text)
    assert regime == "text" and dump_share < DUMP_SHARE
    assert before >= ARTICLE_HEAD * len(records) and after >= ARTICLE_TAIL * len(records)
    result = ARTICLE_BODY.clean(text)
    dropped = {change.before.strip() for change in outside_drops(result)}
    assert set(HEADER[:6]) <= dropped <= set(HEADER + SECTIONS + TEASERS)
    assert all(paragraph in result.text.splitlines() for paragraph in ARTICLE)


def test_in_a_dump_read_as_text_the_page_model_judges_the_lines_outside_the_article_too():
    """The text model is not sure of a teaser card's lines; the page-dump model is, at its drop threshold, and
    the log names it. In a dump of the ``page`` regime, and with the default rules, it never speaks apart."""
    blurb = ("The Gazette has covered the towns along the estuary since 1871, and a trust of its readers has "
             "owned it since 1990.")
    text = "\n".join(HEADER + SECTIONS[:4] + ARTICLE + TEASERS + [blurb]) + "\n"
    by_page_model = [change for change in outside_drops(ARTICLE_BODY.clean(text)) if "page-dump model" in change.reason]
    assert by_page_model
    assert {change.before.strip() for change in by_page_model} <= {line for card in CARDS for line in card}
    assert all(change.scores["score"] < 0.5 for change in by_page_model), "the text model alone would keep them"
    for result in (ARTICLE_BODY.clean(PAGE), DEFAULT.clean(text)):
        assert not any("page-dump model" in change.reason for change in result.changes)


def test_a_text_with_a_short_list_before_its_prose_is_not_cut():
    """Extracted text: a recipe's ingredients (under a fifth of its lines) before the method, notes after it.
    (With a tenth before the article enough, the ingredients went.)"""
    ingredients = ["Two eggs", "Flour", "Milk", "Butter", "Salt", "Sugar", "Lemons", "Cream", "Honey", "Oats"]
    notes = [f"Note {number}: keep the batter cold" for number in range(1, 35)]
    text = "\n".join(ingredients + ARTICLE + notes) + "\n"
    records = features(Document(text))
    before, after = _outside_ends(records)
    assert regime_and_dump_share(text)[0] == "text"
    assert 0 < before < ARTICLE_HEAD * len(records) and after >= ARTICLE_TAIL * len(records)
    assert not outside_drops(ARTICLE_BODY.clean(text))


def test_extracted_text_is_not_cut_to_its_longest_run_of_sentences():
    """Outside a page dump (the ``text`` regime) the option does nothing: extracted text's lists and
    short notes around the prose are the writer's."""
    text = "\n".join(["Ingredients", "Two eggs", "Flour", "Milk", "Butter", *ARTICLE[1:4], "Serves four",
                      "Notes", "Keep the batter cold", "Rest it for an hour", "Use a heavy pan"]) + "\n"
    assert not outside_drops(ARTICLE_BODY.clean(text))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(HEADER + TEASERS + FOOTER + ARTICLE), min_size=40, max_size=80))
def test_cleaning_a_shuffled_page_twice_changes_nothing_and_the_log_restores_it(lines):
    text = "\n".join(lines) + "\n"
    once = ARTICLE_BODY.clean(text)
    assert undo(once.text, once.changes) == text
    assert ARTICLE_BODY.clean(once.text).text == once.text
