"""No page loses its article (issue 17): a table-layout page comes out of trafilatura as one long line
that the stricter second extraction does not hold. H001 once dropped such lines and left pages empty;
J020, which weighs the second extraction now, must keep them with either preset, after a title or alone.
Texts written for these tests."""

import pytest

from cleaner import Cleaner
from cleaner.kinds.agreement import SECOND_EXTRACTION

SENTENCES = ["the committee met in the old town hall to discuss the plans for the new library",
             "members of the public asked whether the reading rooms would stay open in the evenings",
             "the architect said that the building would use the timber frame of the old market",
             "a decision on the budget is expected when the council meets again in the spring"]
#: About 500 words in one line, its cells run together without a full stop at the end, as trafilatura
#: gives a page laid out in table cells.
TABLE_LINE = " | ".join(sentence.capitalize() for sentence in SENTENCES * 8) + " | Posted in Local news"


@pytest.mark.parametrize("preset", [None, "article-body"])
@pytest.mark.parametrize("title", ["", "Library plans go before the council\n"])
@pytest.mark.parametrize("second", ["", "Home\nContact\n", SENTENCES[0]])
def test_an_article_in_one_long_line_missing_from_the_stricter_extraction_stays(preset, title, second):
    text = title + TABLE_LINE + "\n"
    result = Cleaner(preset=preset).clean(text, meta={SECOND_EXTRACTION: second})
    assert TABLE_LINE in result.text, [change.to_dict() for change in result.changes]
