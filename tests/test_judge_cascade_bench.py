"""bench/judge_cascade.py: J020's drops counted by the round (step) that made them, false ones apart."""

from bench.judge_cascade import rounds_of
from cleaner.change import Change

GOLD = "The council voted to rebuild the old stone bridge over the river before winter.\n"


def drop(code: str, before: str, step: int, action: str = "drop") -> Change:
    return Change(code, "rule", action, 1, 1, before, "", "why", step, 0)


def test_drops_are_counted_by_the_rank_of_their_step_and_gold_text_counts_as_false():
    changes = [
        drop("J020", "Home\nSport\n", 2),
        drop("B001", "Share on X\n", 3),  # another rule: not counted
        drop("J020", "The council voted to rebuild the old stone bridge\n", 5),
        drop("J020", "Weather\n", 9),
        drop("J020", "Podcasts\n", 12),
        drop("J020", "Newsletters\n", 12, action="report"),  # reported only: nothing removed
    ]
    tally = rounds_of(changes, GOLD, "")
    assert tally == {(1, "dropped"): 2, (1, "false"): 0, (2, "dropped"): 1, (2, "false"): 1,
                     (3, "dropped"): 2, (3, "false"): 0}


def test_a_line_the_kept_text_still_holds_is_no_false_drop():
    changes = [drop("J020", "The council voted to rebuild the old stone bridge\n", 1)]
    assert rounds_of(changes, GOLD, GOLD)[1, "false"] == 0
