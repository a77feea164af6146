"""M010 page-title: the article-body preset drops the headline an extractor took into the body, when the
source named its title (an HTML page, or ``meta`` through the API). Texts written for these tests."""

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.cli import main
from cleaner.log import undo

from .test_formats import PAGE, PARAGRAPHS

ARTICLE_BODY = Cleaner(preset="article-body")
BODY = ("Fares on the island ferry will rise by five per cent from May, the operator said on Monday.\n"
        "The council had asked it to wait until the new boat was in service, but the operator said costs had "
        "risen too fast.\n")


@pytest.mark.parametrize("title", ["Ferry fares to rise in May", "Ferry Fares to Rise in May | Harbour News",
                                   "Harbour News - Ferry fares to rise in May", "ferry fares to rise in may"])
def test_the_title_line_goes_with_article_body(title):
    result = ARTICLE_BODY.clean("Ferry fares to rise in May\n" + BODY, meta={"title": title})
    assert result.text == BODY
    assert [(change.code, change.action) for change in result.changes] == [("M010", "drop")]
    assert "the source's title" in result.changes[0].reason


def test_a_title_under_a_kicker_goes_too():
    result = ARTICLE_BODY.clean("Transport\nFerry fares to rise in May\n" + BODY,
                                meta={"title": "Ferry fares to rise in May"})
    assert "Ferry fares to rise in May" not in result.text and "M010" in [c.code for c in result.changes]


@pytest.mark.parametrize(("text", "meta"), [
    ("Ferry fares to rise in May\n" + BODY, {}),  # plain text: nothing names the title
    ("Ferry fares to rise in May\n" + BODY, {"title": "Ferry fares to rise in June"}),
    ("Ferry fares\n" + BODY, {"title": "Ferry fares to rise in May"}),  # a part of the title is not the title
    ("Transport\n" + BODY, {"title": "Transport"}),  # a one-word title is often a section's name
    (BODY + "Season tickets will cost the same as last year.\nFerry fares to rise in May\n",
     {"title": "Ferry fares to rise in May"}),  # below the first three lines
])
def test_other_lines_stay(text, meta):
    assert "M010" not in [change.code for change in ARTICLE_BODY.clean(text, meta=meta).changes]


def test_the_default_keeps_the_headline():
    text = "Ferry fares to rise in May\n" + BODY
    assert Cleaner().clean(text, meta={"title": "Ferry fares to rise in May"}).text == text


def test_an_html_page_loses_its_headline_with_article_body(tmp_path):
    """The HTML reader passes the page's title to the rules; the log can restore the line."""
    (tmp_path / "page.html").write_bytes(PAGE)
    result = CliRunner().invoke(main, ["clean", str(tmp_path / "page.html"), "-o", str(tmp_path / "out"),
                                       "--preset", "article-body"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "page.txt").read_text() == "\n".join(PARAGRAPHS) + "\n"
    log = json.loads((tmp_path / "out" / "_changes" / "page.txt.json").read_text())
    (change,) = [change for change in log["changes"] if change["code"] == "M010"]
    assert change["before"] == "Pier closed after storm\n" and change["after"] == ""


LINES = ["Ferry fares to rise in May", "FERRY FARES TO RISE IN MAY", "Transport", "Harbour News",
         BODY.splitlines()[0], BODY.splitlines()[1], ""]


@given(st.lists(st.sampled_from(LINES), max_size=8), st.sampled_from(
    ["Ferry fares to rise in May", "Ferry fares to rise in May | Harbour News", "Transport"]))
@settings(max_examples=150, deadline=None)
def test_cleaning_with_a_known_title_is_idempotent_and_lossless(lines, title):
    text = "\n".join(lines) + "\n"
    result = ARTICLE_BODY.clean(text, meta={"title": title})
    assert undo(result.text, result.changes) == text
    assert ARTICLE_BODY.clean(result.text, meta={"title": title}).text == result.text
