"""The article-body preset: headline (J011), byline (M004) and photo credits (B010) go;
the default keeps the title. Texts written for these tests, not taken from the seeds."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

BODY = ("Volunteers counted more than four hundred swifts nesting under the roofs of the old town this summer.\n"
        "The count was the highest since the bird club began it, members said on Thursday evening.\n")
PAGE = "Record count of swifts in the old town\nBy Ann Lee\nPhoto: Tom Reyes, Agency\n" + BODY


def test_article_body_keeps_only_the_body():
    result = Cleaner(preset="article-body").clean(PAGE)
    assert result.text == BODY
    assert sorted(change.code for change in result.changes) == ["B010", "J011", "M004"]
    headline = next(change for change in result.changes if change.code == "J011")
    assert headline.scores["body_words"] >= 15 and "followed" in headline.reason


def test_default_keeps_the_title_and_reports_the_byline():
    result = Cleaner().clean(PAGE)
    assert result.text.startswith("Record count of swifts in the old town\nBy Ann Lee\n")


@pytest.mark.parametrize("headline", [
    "Swift Numbers Rise in U.S. Towns With Old Roofs",  # initials are not the end of a sentence
    "Swift count led by J. R. Lee breaks a record",
    "Bird watch: Swift numbers rise in towns with old roofs",  # a headline after a label
])
def test_headline_with_initials_goes(headline):
    result = Cleaner(preset="article-body").clean(headline + "\n" + BODY)
    assert result.text == BODY and [change.code for change in result.changes] == ["J011"]


def test_a_long_line_that_ends_with_a_colon_is_body():
    intro = "Volunteers counted the swifts nesting under the roofs of the old town this summer, street by street:\n"
    result = Cleaner(preset="article-body").clean("Record count of swifts in the old town\n" + intro + BODY)
    assert result.text == intro + BODY


@pytest.mark.parametrize("first", [
    "Swifts nest under old roofs.",  # a sentence, not a headline
    "Swifts are back. Counters are happy",  # two sentences
    "Tested by: Ann Lee",  # a label line
    "Counted by: Ann Lee Date: 3 July",  # two labels: a record, not a headline
    "- nest boxes",  # a list item
    "Swifts",  # too short
])
def test_first_lines_that_are_not_headlines_stay(first):
    text = first + "\n" + BODY
    assert not any(c.code == "J011" for c in Cleaner(preset="article-body").clean(text).changes)


def test_no_body_after_it_no_headline():
    text = "Things to bring on the count\nBinoculars\nA notebook\nA pencil\n" + BODY
    assert not any(c.code == "J011" for c in Cleaner(preset="article-body").clean(text).changes)
