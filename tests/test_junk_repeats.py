"""Junk found by structure, not by phrase: machine values (J004), story cards (J005),
repeated paragraphs (J012), related-links labels (J003), and lines a second extraction
of an HTML page left out (H001). Texts written for these tests."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

from .conftest import line_goes, line_stays

CLEANER = Cleaner()
OPENING = ("The museum opened its new wing on Thursday, and more than two thousand visitors "
           "queued in the rain to see the collection of maps.\n")
CLOSING = "Entry to the new wing is free until the end of the month, the director said.\n"


def codes(result) -> list[str]:
    return [change.code for change in result.changes]


@pytest.mark.parametrize(("line", "code"), [
    ("2023-04-18T16:02:11.250Z", "J004"),
    ("2022-12-01T07:45+05:30", "J004"),
    ("https://media.example.net/2023/04/museum-wing-hero.JPEG?w=1200&q=80", "J004"),
    ("http://cdn.example.org/a/b/c.webp", "J004"),
    ("Posted by: Ann Lee | Category: Health | Tags: flu, winter", "M006"),
    ("Publié le: 3 mars 2021 - Auteur: Jeanne Roux", "M003"),  # a labelled date first: an "Updated" stamp
    ("PUBLISHED: 10:48, Tue, Mar 2, 2021 | UPDATED: 11:05, Tue, Mar 2, 2021", "M006"),
    ("Phone: 0161 496 0000 / Email: desk@museum.example", "M006"),
    ("Reading time: 6 minutes", "M007"),
    ("3-4 min read", "M007"),
    ("Lesezeit: 7 Minuten", "M007"),
    ("Anzeige", "J002"),
    ("PUBLICIDAD", "J002"),
    ("DON'T MISS", "J003"),
    ("Must read:", "J003"),
    ("More like this", "J003"),
    ("Mehr zum Thema", "J003"),
    ("Sur le même sujet :", "J003"),
    ("NOTICIAS RELACIONADAS", "J003"),
    ("Related: Five maps that changed how we see the coast", "J007"),
    ("READ MORE: Curator's lost atlas turns up in a barn", "J007"),
    ("Further reading: The Atlas of Lost Coasts (2019)", "J007"),
    ("Lesen Sie auch: Alte Seekarten im Rathaus entdeckt", "J007"),
    ("À lire aussi : Les cartes anciennes du port restaurées", "J007"),
    ("LEIA TAMBÉM: Museu reabre ala de mapas históricos", "J007"),
    ("Read more: Who drew the oldest map of the harbour?", "J007"),  # a question is a title's end too
    ("Related: “Can the lost atlas still be saved?”", "J007"),
    ("See also: Curator brings the lost atlas back to the U.K.", "J007"),  # an initialism's point
    ("Read more: Ten maps that changed how we see the...", "J007"),
    ("Storm lifts roof off seaside museum [VIDEO]", "J006"),
    ("- Maps found in attic sell for thousands [PICS] |", "J006"),
])
def test_junk_line_goes(line, code):
    line_goes(CLEANER, OPENING, line, CLOSING, code)


@pytest.mark.parametrize("line", [
    "https://www.example.net/museum/maps-catalogue",  # a cited page, not an image
    "The poster is at https://media.example.net/poster.png",
    "Doors open at 2023-04-18T09:00 sharp, the notice said.",
    "Allow 20 minutes to read every label in the wing.",
    "The curator called the find remarkable [ENGLISH TRANSLATION].",  # ends like a sentence
    "Usage: mapview [OPTIONS] [FILE]",  # placeholders, not a media tag
    "Related: the oldest map was drawn by a ship's boy in 1702.",  # a sentence, not a link's title
    "Saiba mais: o mapa mais antigo foi desenhado em 1702.",
    "Related: the curator said “we will show them all.”",  # a sentence, in quotes
    "See also: the maps the curator brought back from the U.K. last year.",
    "Read more about the maps in the catalogue: it is free at the door",  # no label before the colon
    "Director: the wing shows maps that nobody has seen since the war - and some were thought lost.",
    "In room 4 - maps of the new wing: drawn by sailors | printed in 1720, they were restored last year.",
])
def test_lookalike_stays(line):
    line_stays(CLEANER, OPENING, line, CLOSING)


@pytest.mark.parametrize("heading", ["See also", "SEE ALSO", "Veja também"])
def test_a_see_also_section_heading_stays(heading):
    """"See also" heads the references of a manual or an encyclopedia article as often as a box of links."""
    references = "atlas(5), chart-tool(1), harbour.conf(5)\n"
    text = OPENING + CLOSING + "\n" + heading + "\n" + references
    assert CLEANER.clean(text).text == text


@pytest.mark.parametrize("address", ["https://www.example.org/arts/2023/04/museum-opens-new-wing.html",
                                     "www.museum.example/news?id=4471"])
def test_page_address_above_the_body_goes(address):
    text = "Museum opens its new wing\n" + address + "\n" + OPENING + CLOSING
    result = CLEANER.clean(text)
    assert result.text == "Museum opens its new wing\n" + OPENING + CLOSING
    assert codes(result) == ["M009"]


def test_address_in_the_body_stays():
    text = OPENING + "https://www.example.org/arts/2023/04/museum-opens-new-wing.html\n" + CLOSING
    assert CLEANER.clean(text).text == text


def test_a_list_of_addresses_is_content():
    links = "https://maps.example.org/coast-1720\nhttps://maps.example.org/harbour-1750\n"
    text = "Old maps online\n" + links + OPENING + CLOSING
    assert CLEANER.clean(text).text == text


def test_a_block_of_paragraphs_given_twice_keeps_the_first_copy():
    block = OPENING + CLOSING
    text = "Museum news\n" + block + "Opening hours\n" + block.replace("queued", "queued ")
    result = CLEANER.clean(text)
    assert result.text == "Museum news\n" + block + "Opening hours\n"
    assert codes(result) == ["J012", "J012"]


def test_a_paragraph_repeated_alone_is_reported_not_dropped():
    """Writers repeat a paragraph on purpose (the same question to each person interviewed)."""
    text = "Museum news\n" + OPENING + CLOSING + ROOMS + CLOSING  # past the head, where M005 looks
    result = CLEANER.clean(text)
    assert result.text == text
    assert [(change.code, change.action) for change in result.changes] == [("J012", "report")]


#: Six lines, enough to push what follows past the head where M005 looks for a repeated title.
ROOMS = "".join(f"Room {n} holds maps of the coast drawn before {1700 + n * 10}.\n" for n in range(1, 7))


def test_title_given_again_further_down_goes():
    """Past the head, where M005 looks for a repeated title."""
    title = "New wing doubles the museum's space\n"
    text = title + ROOMS + title.upper() + CLOSING + title.replace("'", "’")
    result = Cleaner(preset="article-body").clean(text)
    assert result.text == title + ROOMS + CLOSING
    assert codes(result) == ["M008", "M008"]
    reported = CLEANER.clean(text)  # the default only reports: a poem can open with its refrain
    assert reported.text == text
    assert [(change.code, change.action) for change in reported.changes] == [("M008", "report")] * 2


def test_a_caption_given_twice_at_the_top_is_reported_not_dropped():
    """M005 drops a repeated title; a repeat longer than a title is a paragraph, which a writer may repeat."""
    caption = ("In this photo taken on a grey Monday morning, volunteers carry crates of old maps up the stairs "
               "of the east wing, where the museum will show them for the first time since the flood of 1953 "
               "closed the rooms.\n")
    text = caption + OPENING + caption.replace("'", "’") + CLOSING
    result = CLEANER.clean(text)
    assert result.text == text
    assert {change.action for change in result.changes} == {"report"}
    assert any(change.code == "M005" and "more than a title's 30" in change.reason for change in result.changes)
    title = "New wing doubles the museum's space\n"
    assert CLEANER.clean(title + OPENING + title + CLOSING).text == title + OPENING + CLOSING


def test_only_the_first_line_counts_as_a_title():
    text = OPENING + "Members go free\n" + ROOMS + CLOSING + "Members go free\n"
    assert CLEANER.clean(text).text == text
    short = "Old maps\n" + ROOMS + "Old maps\n"  # under three words
    assert CLEANER.clean(short).text == short


def test_rows_of_figures_may_repeat():
    """A line without a letter is data: neither a repeated title (M005, M008) nor a repeated paragraph (J012)."""
    row = "0 1 1\n"
    long_row = " ".join(["12.5"] * 16) + "\n"
    text = row + "1 0 0\n" + row + long_row + OPENING + long_row + ROOMS + row
    assert CLEANER.clean(text).text == text


def test_short_lines_may_repeat():
    """Past the head, where M005 looks for a repeated title."""
    text = ROOMS + "Buy tickets\n" + CLOSING + "Buy tickets\n" + "Members go free on Sundays\n" * 3
    assert CLEANER.clean(text).text == text


CARDS = """-
Harbour festival returns in June
The fireworks will start at ten
-
Why the ferry fares are rising?
-
Five walks along the old railway line
Maps and tips for every season
"""


def test_story_cards_at_the_end_go():
    result = CLEANER.clean(OPENING + CLOSING + CARDS)
    assert result.text == OPENING + CLOSING
    assert set(codes(result)) == {"J005"} and len(result.changes) == 3
    assert result.changes[0].scores["cards"] == 3


def test_story_cards_need_three_and_the_end():
    two = CARDS.split("-\nFive walks")[0]
    assert CLEANER.clean(OPENING + two).text == OPENING + two
    text = OPENING + CARDS + CLOSING
    assert CLEANER.clean(text).text == text


def test_bulleted_paragraphs_are_not_cards():
    digest = "".join(f"-\n{sentence}\n" for sentence in (
        "The ferry will run every hour from May.",
        "A new bus stop opens beside the museum on Friday.",
        "Parking near the harbour will cost two pounds a day.",
    ))
    assert CLEANER.clean(OPENING + digest).text == OPENING + digest


SECOND = {"second_extraction": OPENING + CLOSING}


@pytest.mark.parametrize("line", ["Most popular this week", "Gallery: the new wing in pictures",
                                  "Opening hours: 10 to 5"])
def test_line_the_stricter_extraction_left_out_is_reported(line):
    """Only reported (issue 17: on unseen pages most such lines were article text); J020 weighs it."""
    result = CLEANER.clean(OPENING + line + "\n" + CLOSING, meta=SECOND)
    h001 = [change for change in result.changes if change.code == "H001"]
    assert [change.action for change in h001] == ["report"] and h001[0].scores["support"] < 0.5


def test_sentence_the_stricter_extraction_left_out_stays():
    sentence = "The wing was paid for by a lottery grant and by gifts from more than four hundred local families.\n"
    text = OPENING + sentence + CLOSING
    assert CLEANER.clean(text, meta=SECOND).text == text


def test_without_a_second_extraction_nothing_is_compared():
    text = OPENING + "Most popular this week\n" + CLOSING
    assert CLEANER.clean(text).text == text
    assert CLEANER.clean(text, meta={"second_extraction": "  "}).text == text


def test_a_long_line_the_stricter_extraction_left_out_stays():
    """A page laid out in tables can come out as one long unpunctuated line: that line is the article."""
    table_page = " | ".join(f"Room {n} maps of the coast drawn before {1700 + n * 10} by sailors" for n in range(1, 9))
    text = OPENING + table_page + "\n" + CLOSING
    assert CLEANER.clean(text, meta=SECOND).text == text
