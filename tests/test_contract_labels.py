"""The rule that claims a line names what it is (issue 18, item 7): a line a line-pattern rule knows (a photo
credit, a share button) is dropped under that rule's name, even where a repeat rule would also take it."""

from cleaner import Cleaner, Config

STORY = """Harbour reopens after storm
Photo: Jane Smith/Reuters
By Tom Jones, Staff Writer
Published March 3, 2024
The harbour reopened on Monday after a week of repairs to the pier, the port authority said.
Fishing boats were back at sea within hours, and the ferry will run again from Wednesday.
Photo: Jane Smith/Reuters
Officials said the cost of the repairs was still being counted and would be known next month.
"""


def claims(config: Config, text: str) -> dict[int, str]:
    return {change.line: change.name for change in Cleaner(config).clean(text).changes if change.action == "drop"}


def test_a_repeated_photo_credit_is_dropped_as_a_photo_credit_not_as_a_repeated_title():
    dropped = claims(Config(preset="article-body"), STORY)
    assert dropped[2] == dropped[7] == "photo-credit"
    assert dropped[3] == "byline" and dropped[4] == "date-line"


def test_a_repeated_share_line_is_dropped_as_page_furniture():
    text = STORY.replace("Photo: Jane Smith/Reuters", "Share on Facebook")
    dropped = claims(Config(), text)
    assert {dropped[2], dropped[7]} == {"share-and-follow"}


def test_the_page_headline_stays_by_default():
    assert 1 not in claims(Config(), STORY)
