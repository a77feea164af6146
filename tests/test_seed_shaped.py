"""Junk shaped like the seeds' but in other words, around text written for these tests."""

import pytest

from cleaner import Cleaner

CLEANER = Cleaner()
BEFORE = ("The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.\n\n"
          "Engineers told members that the timber piles had rotted faster than expected in the warm summer.\n\n")
AFTER = ("A temporary landing stage will be built so that the island service can keep running in the meantime.\n\n"
         "The board will publish the full engineering report on its website next week.\n")


@pytest.mark.parametrize("cut", [
    "Five ways to cut your energy bill this…",
    "Why the island service keeps running late, and what the...",
    "Ten great walks along the northern coast for a…",
    "Why rents in the U.K. rose faster than wages for the…",  # an abbreviation's stops end no sentence
    "How J. R. Tolkien's maps were drawn, and why…",  # nor an initial's
    "‘We will not stop. Not now.’: Nurses vow to march on the…",  # nor those of a quotation the headline opens with
])
def test_a_lone_cut_off_headline_between_paragraphs_goes(cut):
    result = CLEANER.clean(BEFORE + cut + "\n\n" + AFTER)
    assert result.text == BEFORE + AFTER
    assert [change.code for change in result.changes] == ["J020"]
    assert "a headline cut off with an ellipsis" in result.changes[0].reason


@pytest.mark.parametrize("line", [
    "I asked the engineers whether the pier could be saved, and they said something like …",  # spaced
    "I asked the engineers whether the old pier could be saved, and they told me that the piles…",  # long
    "It rained for a week! And then the piles gave way…",  # a sentence end inside: not a headline
])
def test_a_writers_trailing_line_is_not_a_cut_headline(line):
    text = BEFORE + line + "\n\n" + AFTER
    assert CLEANER.clean(text).text == text


def test_a_cut_line_on_the_articles_topic_is_only_reported():
    """A subheading-like line on the topic may be the writer's: only reported (precision first)."""
    text = BEFORE + "Harbour board approves plans for a new ferry pier at the…\n\n" + AFTER
    result = CLEANER.clean(text)
    assert result.text == text
    assert [(change.code, change.action) for change in result.changes] == [("J020", "report")]


def test_a_cut_line_under_the_title_goes_too():
    """A cut-off headline new to the text goes wherever it stands (issue 17: on the dev collections 95 of 100
    lines of that shape were junk), here between the title and the first paragraph."""
    text = "Ferry news\n\nFive ways to cut your energy bill this…\n\n" + AFTER
    result = CLEANER.clean(text)
    assert result.text == "Ferry news\n\n" + AFTER
