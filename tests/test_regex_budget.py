"""The regex time limit holds per document: one budget for all of a rule's regex calls over its lines and rounds.

The hostile pattern ``(a|aa)+c`` backtracks through every way of cutting a
run of a's into ones and twos before it fails on the "b". ``(?x)`` keeps
it from RE2 (which would see in one pass that no line can match), so
``regex`` tries every line; each line takes a few hundredths of a second,
far under the limit, and the lines together far over it.
"""

import json
import time

import pytest
import regex

from cleaner import Cleaner, Config
from cleaner.kinds import base

#: The limit the tests set (``base.REGEX_TIMEOUT``): the documents are short, so the budget is about this.
LIMIT = 0.2
#: Lines that each take well under ``LIMIT`` to fail (some hundredths of a second), many of them.
HOSTILE_LINES = [f"{'a' * 24}b{number}" for number in range(100)]
HOSTILE = "(?x)(a|aa)+c"


def user_rules(tmp_path, *rules: dict) -> Cleaner:
    """A cleaner that runs only the rules of one user rule file (family X) holding ``rules``."""
    folder = tmp_path / "rules"
    folder.mkdir()
    body = 'family = "X"\n'
    for rule in rules:
        params = "".join(f"{key} = {json.dumps(value)}\n" for key, value in rule["params"].items())
        body += (f'\n[[rule]]\ncode = "{rule["code"]}"\nname = "{rule["name"]}"\nkind = "{rule["kind"]}"\n'
                 f'action = "{rule["action"]}"\nsummary = "s"\nwhy = "w"\n'
                 '[[rule.examples]]\nbefore = "a"\nafter = "a"\n'
                 f"[rule.params]\n{params}")
    (folder / "mine.toml").write_text(body)
    return Cleaner(Config(rules_dirs=(folder,), select=("X",)))


@pytest.fixture(autouse=True)
def short_limit(monkeypatch):
    monkeypatch.setattr(base, "REGEX_TIMEOUT", LIMIT)


@pytest.mark.parametrize("kind, action, params", [
    ("line-pattern", "drop", {"pattern": HOSTILE}),
    ("metadata", "drop", {"pattern": HOSTILE}),
    ("metadata", "fix", {"pattern": HOSTILE, "mode": "prefix"}),
    ("metadata", "drop", {"pattern": "a+", "prefilter": HOSTILE}),
], ids=["line-pattern", "metadata-line", "metadata-prefix", "metadata-prefilter"])
def test_hostile_line_rule_stops_within_the_limit_for_the_document(tmp_path, kind, action, params):
    """Each line alone is under the limit; before the budget, the rule ran on for every line (seconds, no warning)."""
    cleaner = user_rules(tmp_path, {"code": "X001", "name": "hostile", "kind": kind, "action": action, "params": params})
    text = "\n".join(HOSTILE_LINES) + "\n"
    started = time.perf_counter()
    result = cleaner.clean(text)
    elapsed = time.perf_counter() - started
    assert result.skipped == ("rule X001 (hostile) timed out on this document and was skipped",)
    assert result.text == text
    assert elapsed < base.timeout_for(text) + 1.5  # a safety limit, with room for a busy machine


def test_a_rule_that_timed_out_stays_skipped_in_later_rounds(tmp_path):
    """X001 matches "aac" (a verdict remembered for the next round) and then runs out of time on the long line,
    which X002 drops. The lines stage runs again: X001 must not come back and drop "aac" now that only
    remembered lines are left, nor be reported twice."""
    cleaner = user_rules(
        tmp_path,
        {"code": "X001", "name": "hostile", "kind": "line-pattern", "action": "drop", "params": {"pattern": HOSTILE}},
        {"code": "X002", "name": "long-run", "kind": "line-pattern", "action": "drop", "params": {"pattern": "a+b"}},
    )
    result = cleaner.clean("aac\n" + "a" * 40 + "b\nThe text goes on.\n")
    assert result.text == "aac\nThe text goes on.\n"
    assert [change.code for change in result.changes] == ["X002"]
    assert result.skipped == ("rule X001 (hostile) timed out on this document and was skipped",)


def test_budget_is_per_rule(tmp_path):
    """One rule running out of time takes nothing from the time of another rule on the same document."""
    cleaner = user_rules(
        tmp_path,
        {"code": "X001", "name": "hostile", "kind": "metadata", "action": "drop", "params": {"pattern": HOSTILE}},
        {"code": "X002", "name": "first-run", "kind": "line-pattern", "action": "drop", "params": {"pattern": "(?x)a+b0"}},
    )
    text = "\n".join(HOSTILE_LINES) + "\n"
    result = cleaner.clean(text)
    assert result.skipped == ("rule X001 (hostile) timed out on this document and was skipped",)
    assert result.text == text.removeprefix(HOSTILE_LINES[0] + "\n")


def test_a_spent_budget_refuses_every_call():
    """Calls spend the budget until one times out; then every call, eager or lazy, fails at once."""
    budget = base.Budget(LIMIT)
    slow = regex.compile(HOSTILE)
    with pytest.raises(TimeoutError):
        for line in HOSTILE_LINES * 10:
            budget.run(slow.fullmatch, line)
    assert budget.spent
    with pytest.raises(TimeoutError):
        budget.run(regex.compile("a").search, "a")
    with pytest.raises(TimeoutError):
        next(budget.finditer(regex.compile("a"), "a"))
