"""Where the engine logs no report (the later rounds and passes of a cleaning), a rule that only reports is
not run (``Kind.reports_only``): it could edit nothing and what it found would not be logged."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.kinds.balance import Balance
from cleaner.kinds.base import Kind

from .conftest import SEEDS

#: Opening quotes without their ends (P002 reports them), share buttons and blank-line runs to drop (so the
#: lines stage runs again, and a second pass checks the result), a doubled word to fix.
TEXT = ("Share on Facebook\n\n\n\n“The council said the the road would close.\n\n"
        "Tweet\nThe (first storm of the winter came early this year, the council said.\n\n\n")


def _kind(cleaner: Cleaner, code: str):
    return next(kind for kind in cleaner.kinds if kind.rule.code == code)


def test_a_rule_only_reports_when_its_action_is_report():
    cleaner = Cleaner(options={"J020": {"action": "report"}, "P001": {"action": "report"}})
    assert _kind(cleaner, "P002").reports_only  # balance: reports by its action
    assert _kind(cleaner, "P001").reports_only  # doubled-word made to report
    assert _kind(cleaner, "J020").reports_only  # the line judge made to report
    assert not _kind(Cleaner(), "P001").reports_only  # doubled-word fixing
    assert not _kind(Cleaner(), "J020").reports_only


def test_a_reporting_rule_runs_only_where_reports_are_logged(monkeypatch):
    runs: list[bool] = []
    find = Balance.find

    def counted(self, doc):
        runs.append(doc.reports)
        return find(self, doc)

    monkeypatch.setattr(Balance, "find", counted)
    result = Cleaner().clean(TEXT)
    assert len({change.step for change in result.changes}) > 2  # several steps: the text changed after P002 ran
    assert runs == [True]
    assert [change.code for change in result.changes if change.code == "P002"] == ["P002", "P002"]


@pytest.mark.parametrize("path", sorted(SEEDS.iterdir())[:12], ids=lambda path: path.name)
def test_cleaning_gives_what_running_every_rule_everywhere_gives(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    for preset in (None, "article-body"):
        fast = Cleaner(preset=preset).clean(text)
        monkeypatch.setattr(Kind, "reports_only", property(lambda kind: False))
        slow = Cleaner(preset=preset).clean(text)
        monkeypatch.undo()
        assert (fast.text, fast.changes, fast.skipped) == (slow.text, slow.changes, slow.skipped)
