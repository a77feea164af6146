"""J020 only reports a line of the main text whose label heads a series (an interview's Q: and A:), on a page
dump written for these tests."""

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.judge.features import features

MENU = ["World", "Business", "Science", "Climate", "Health", "Education", "Property", "Motoring", "Puzzles",
        "Obituaries", "Weather", "Letters", "Ferry times", "Island walks", "Bird hides", "Camping",
        "Harbour cams", "Tide tables", "Whale watch", "Boat trips"]
INTRO = ["Meet the keeper of the island lighthouse",
         "For twenty years the lighthouse on the island has been kept by one woman, who lives there from March "
         "to October with her two dogs.",
         "We asked her about the job, the storms and the visitors who walk out at low tide to see the lamp."]
INTERVIEW = ["Q: Favourite place you have ever visited?",
             "A: Stromness, Kirkwall, Lerwick and St Kilda",
             "Q: Best books of the year?",
             "A: The Outrun, Findings and The Living Mountain",
             "Q: Music for the long winter nights?",
             "A: Aly Bain, Karen Matheson, Runrig, The Chieftains",
             "Q: Favourite film?",
             "A: Whisky Galore and Local Hero"]
OUTRO = ["The lighthouse opens to visitors on the first Sunday of every month, when the keeper shows people up "
         "the spiral stair to the lamp room.",
         "Tickets are sold at the harbour office, and the boat leaves when the tide allows, so visitors are asked "
         "to check the times the day before."]
FOOTER = ["Local councils", "Schools guide", "Beaches", "Walking routes", "Markets", "Gardens", "Museums",
          "Festivals", "Ferries", "Rail times", "Bus times", "Tel: 01856 000 000", "Fax: 01856 000 001"]
PAGE = "\n".join(MENU + INTRO + INTERVIEW + OUTRO + FOOTER) + "\n"


@pytest.mark.parametrize("preset", [None, "article-body"])
def test_an_interviews_questions_and_answers_are_reported_not_dropped(preset):
    result = Cleaner(preset=preset).clean(PAGE)
    kept = result.text.splitlines()
    assert all(line in kept for line in INTERVIEW + OUTRO)
    reported = [change for change in result.changes if change.before.strip() in INTERVIEW]
    assert reported and all(change.action == "report" for change in reported)
    # a line the model would drop is kept for the series; the others were below the drop threshold anyway
    series = [change for change in reported if "a series is the text's own structure" in change.reason]
    assert series and all("below the drop threshold" in change.reason for change in reported if change not in series)
    # the menu around them still goes: the series protects its own lines only
    assert not set(MENU[1:10]) & set(kept)


def test_only_labelled_lines_of_a_series_inside_the_main_text_are_marked():
    series = {record.shape.text: record.get("label_series") for record in features(Document(PAGE))}
    assert all(series[line] == 1.0 for line in INTERVIEW)
    # a series after the main text (a footer's phone and fax) and the other lines are not
    assert series["Tel: 01856 000 000"] == series["Fax: 01856 000 001"] == 0.0
    assert not any(series[line] for line in MENU + INTRO + OUTRO)


def test_a_lone_labelled_line_heads_no_series():
    text = "\n".join(INTRO[1:] + ["Q: Favourite place you have ever visited?"] + OUTRO) + "\n"
    series = {record.shape.text: record.get("label_series") for record in features(Document(text))}
    assert series["Q: Favourite place you have ever visited?"] == 0.0


def test_two_teasers_under_one_kicker_are_no_series():
    """Two lines are not enough: a teaser block often gives two headlines one kicker (``Comment:``)."""
    kicked = ["Comment: Why the island needs a second ferry before the summer",
              "Comment: The lighthouse should stay open to visitors all year"]
    text = "\n".join(INTRO[1:] + kicked + OUTRO) + "\n"
    series = {record.shape.text: record.get("label_series") for record in features(Document(text))}
    assert series[kicked[0]] == series[kicked[1]] == 0.0
    three = "\n".join(INTRO[1:] + kicked + ["Comment: Let the keeper choose who climbs the stair"] + OUTRO) + "\n"
    assert all(record.get("label_series") for record in features(Document(three)) if record.shape.text in kicked)
