"""J020 reads a line that the next line carries on as the start of a paragraph wrapped by hand, not as a link or
a cut-off headline by its shape (``kinds.judge.CARRIED_WORDS``). The texts are written for these tests."""

import pytest

from cleaner import Cleaner
from cleaner.document import Document
from cleaner.judge.features import features
from cleaner.log import undo

BEFORE = "The canal trust reopened the towpath on Saturday after a winter of repairs to its banks and bridges."
AFTER = "Volunteers will lead guided walks along the new stretch every Sunday morning until the end of the summer."
NOTE = "Note: If the mill bridge is closed for repairs, walkers can take the"
DEFAULT = Cleaner()


def shape_drops(result):
    return [change.before.strip() for change in result.changes
            if change.code == "J020" and change.action == "drop" and "junk by its shape" in change.reason]


@pytest.mark.parametrize("carried_on", [
    "riverside path instead, which adds about a mile and passes the old lock.",
    "(the riverside one) instead, which adds about a mile and passes the old lock.",
])
def test_a_labelled_line_that_the_next_line_carries_on_stays(carried_on):
    text = "\n".join([BEFORE, NOTE, carried_on, AFTER]) + "\n"
    assert [record.get("labelled_link") for record in features(Document(text))][1] == 1.0  # the shape is there
    result = DEFAULT.clean(text)
    assert NOTE not in shape_drops(result) and NOTE in result.text
    assert undo(result.text, result.changes) == text


def test_the_same_line_alone_or_before_a_new_paragraph_still_goes():
    alone = "\n".join([BEFORE, NOTE, AFTER]) + "\n"
    assert shape_drops(DEFAULT.clean(alone)) == [NOTE]
    short = "\n".join([BEFORE, NOTE, "riverside path.", AFTER]) + "\n"  # too short to be the paragraph's rest
    assert shape_drops(DEFAULT.clean(short)) == [NOTE]
    apart = "\n\n".join([BEFORE, NOTE, "riverside path instead, which adds about a mile and passes the lock."]) + "\n"
    assert shape_drops(DEFAULT.clean(apart)) == [NOTE]  # a blank line between: two paragraphs
