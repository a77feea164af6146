"""Rules do the same work once per line text over a whole cleaning, however many rounds and passes it takes."""

from collections import Counter

from cleaner import Cleaner

#: Lines the metadata rules look at (the first lines of the page), a share button the lines stage drops after
#: them, and trailing spaces the layout stage trims last: the cleaning takes a second pass over the same lines.
PAGE = ("Storm closes the coast road  \n"
        "By Jane Smith, 12 March 2024\n"
        "Share\n"
        "The council closed the coast road on Monday after the storm, the mayor said.\n"
        "It will open again in 2 weeks, once the sea wall is repaired by the crews.\n")


class CountingPattern:
    """A compiled pattern whose ``search`` calls are counted by the text searched."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.searched = Counter()

    def search(self, text, *args, **kwargs):
        self.searched[text] += 1
        return self.pattern.search(text, *args, **kwargs)


def test_a_metadata_prefilter_reads_each_line_once_per_cleaning():
    cleaner = Cleaner()
    expected = cleaner.clean(PAGE)
    assert len({change.step for change in expected.changes if change.edits}) > 1
    kind = next(kind for kind in cleaner.kinds if kind.rule.code == "M001")
    counting = kind.options["prefilter"] = CountingPattern(kind.options["prefilter"])
    result = cleaner.clean(PAGE)
    assert (result.text, result.changes) == (expected.text, expected.changes)
    assert "By Jane Smith, 12 March 2024" in counting.searched
    assert set(counting.searched.values()) == {1}


def test_a_lines_round_stops_after_the_step_that_last_edited():
    """A share button dropped by B001 sends the lines stage round again; the rules after B001 saw the text
    as it now is, and B001 finds nothing more, so they are not run again (in the round nor the next pass)."""
    cleaner = Cleaner()
    text = ("The council closed the coast road on Monday after the storm, the mayor said.\n"
            "Share\n"
            "It will open again in two weeks, once the sea wall is repaired by the crews.\n")
    expected = cleaner.clean(text)
    assert [change.code for change in expected.changes] == ["B001"]
    later = next(kind for kind in cleaner.kinds if kind.rule.code == "J005")
    runs = []
    later.find = lambda doc, find=later.find: runs.append(doc.text) or find(doc)
    result = cleaner.clean(text)
    assert (result.text, result.changes) == (expected.text, expected.changes)
    assert runs == [expected.text]
