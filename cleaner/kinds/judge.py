"""``line-judge``: drop a line a calibrated model scores as junk; report the doubtful ones.

Each non-blank line gets a record of features (``cleaner.judge.features``:
its shape, stopwords, place against the main block of prose, neighbours,
repetition, topic, labels, the stricter extraction of an HTML page) and a
score, the probability that it is junk by the model of its regime (page
dump or other text: ``cleaner.judge.model``, trees in ``rules/judge/model.json``). A line scored at or above the
calibration's ``drop`` threshold goes; one at or above its ``report``
threshold is reported, unless it ends like a sentence (clean prose logs
nothing). The thresholds were set on a collection the model was
not trained on, for the precision of the drops (``rules/judge/README.md``).

Two shapes are junk below the threshold too: a labelled link (when more
likely junk than not) and a headline cut off with an ellipsis, new to the
text; a plain headline between two paragraphs and an on-topic cut-off line
are reported. With the ``outside_article`` option (the article-body preset),
a line of a page dump more than a few lines outside the article's run of
sentences (``cleaner.judge.blocks.article_block``: the teasers, comments and
footers under it, the menus above it) goes when the model finds it more
likely junk than not. A repeated paragraph is never dropped: writers repeat
one on purpose (J012 drops repeated blocks); nor is a line of the main text
whose label heads a series (``Q:`` and ``A:``), unless it is a cut-off
headline. Unless ``first_line`` is on, the first line is kept: it is the
text's title, which only the article-body preset judges.

Before/after, in the middle of an article::

    Heavy rain flooded the valley on Sunday, and the river burst its banks.     (kept)
    Pop star announces a farewell tour of small theatres across…                 (dropped: a cut-off headline)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..change import Action, Finding
from ..document import Document
from ..judge.features import INDEX, Record, features
from ..judge.model import Judge, explain, load_judge, sigmoid
from ..rules import Rule, RuleError
from ..words import best_stoplist
from .base import Kind, Param, Stage


#: The features that name a shape of junk (issue 17: a labelled link to another page, a headline cut off with
#: an ellipsis): a line showing one is dropped below the drop threshold too (``LineJudge._verdict``).
JUNK_SHAPES = ("labelled_link", "cut_headline")
#: The features that name a shape only doubtfully junk: a line showing one is reported at least. A plain
#: headline between two paragraphs that go on with each other is such a link as often as not, but on the dev
#: collections 3 of 11 lines of that shape were junk (the rest subheadings and captions); a cut-off line on
#: the text's topic may be the writer's.
DOUBTFUL_SHAPES = ("interrupting_headline", "cut_on_topic")
#: Each shape of either kind with its place in a record's values.
JUNK_PLACES = tuple((name, INDEX[name]) for name in JUNK_SHAPES)
DOUBTFUL_PLACES = tuple((name, INDEX[name]) for name in DOUBTFUL_SHAPES)
#: A line of a page dump outside the article's run of sentences (``outside_article``) goes, with the
#: ``outside_article`` option, when the model finds it more likely junk than not.
OUTSIDE = INDEX["outside_article"]
#: A record's values of the shapes of either kind, as a tuple.
SHAPE_VALUES = itemgetter(*(place for _, place in JUNK_PLACES + DOUBTFUL_PLACES))
#: A repeated line of this many words is a paragraph, which writers repeat on purpose.
PARAGRAPH_WORDS = 15
#: The most scores of distinct lines one cleaning remembers (a huge text has a record for each line already).
REMEMBERED_SIGNATURES = 50_000


class LineJudge(Kind):
    name = "line-judge"
    stage = Stage.LINES
    order = 4
    actions = frozenset({"drop", "report"})
    escalates = True  # a line's verdict, not the rule's action, decides between drop and report
    params = {
        "model": Param(str, "judge/model.json", help="the model's weights and thresholds, relative to the rule's file"),
        "calibration": Param(str, "default", help="which of the model's threshold pairs (drop, report) to use"),
        "first_line": Param(bool, False, help="the first line (the title) may be dropped too"),
        "outside_article": Param(bool, False, help="in a page dump, a line more than a few lines outside the "
                                 "article's run of sentences goes when the model finds it more likely junk than not"),
    }

    def __init__(self, rule: Rule) -> None:
        super().__init__(rule)
        path = Path(rule.source).parent / self.options["model"]
        try:
            self.judge: Judge = load_judge(str(path))
            self.thresholds = {regime: (_never(pair["drop"]), _never(pair["report"]))
                               for regime, pair in self.judge.thresholds[self.options["calibration"]].items()}
        except (OSError, ValueError, KeyError) as error:
            raise RuleError(f"{rule.source}: rule {rule.code}: cannot use the model {path} "
                            f"(calibration {self.options['calibration']!r}): {error}") from error

    def find(self, doc: Document) -> Iterator[Finding]:
        records = features(doc)
        if not records:
            return
        regime = self.judge.regime(records)
        model, (drop_at, report_at) = self.judge.models[regime], self.thresholds[regime]
        language = best_stoplist(doc)[0]
        #: The scores and reasons this rule found for a signature earlier in this cleaning (a line whose
        #: surroundings did not change comes back in the next round; the lines of a menu look alike).
        scored: dict[Any, float] = doc.shared.setdefault(f"judge-scores:{self.rule.code}:{regime}", {})
        explained: dict[Any, list[str]] = doc.shared.setdefault(f"judge-reasons:{self.rule.code}:{regime}", {})
        cut_outside = self.options["outside_article"] and regime == "page"
        for record in records if self.options["first_line"] else records[1:]:
            values = record.values
            signature = model.signature(values)
            odds = scored.get(signature)
            if odds is None:
                odds = model.log_odds(values)
                if len(scored) < REMEMBERED_SIGNATURES:
                    scored[signature] = odds
            outside = cut_outside and 0 <= odds < drop_at and values[OUTSIDE] > 0  # named when it decides
            if (odds < drop_at and (odds < report_at or record.shape.sentence) and not any(SHAPE_VALUES(values))
                    and not outside):
                continue  # a sentence is dropped or left alone, never only reported: clean prose logs nothing
            shapes = [name for name, place in JUNK_PLACES if values[place]] + (["outside_article"] if outside else [])
            doubtful = [name for name, place in DOUBTFUL_PLACES if values[place]]
            action, verdict = self._verdict(record, odds, drop_at, shapes)
            if action == "report" and not doc.reports:
                continue
            score = sigmoid(odds)
            names = shapes or doubtful or explained.get(signature)
            if names is None:
                names = explained[signature] = model.reasons(record.values)
            start, end = doc.line_span(record.shape.line)
            yield self.finding(start, end, "", f"score {score:.2f}: {explain(record, names)}{verdict}",
                               action=action, score=round(score, 3), features=names, regime=regime,
                               language=language)

    @staticmethod
    def _verdict(record: Record, odds: float, drop_at: float, shapes: list[str]) -> tuple[Action, str]:
        """Drop or report, and what the reason adds: a cut-off headline goes whatever its score, a labelled
        link or a line outside the article (``shapes`` names it only then) when the model finds it more
        likely junk than not (on the dev collections the shape alone was right for 95% of cut-off headlines,
        and for 76-94% of labelled links); any other line goes at the drop threshold and is reported below
        it. But a repeated paragraph is only reported, and so is a line of the main text whose label heads
        a series, unless it is a cut-off headline."""
        if record.shape.words >= PARAGRAPH_WORDS and record.get("repeated"):
            return "report", "; a repeated paragraph: reported only (writers repeat paragraphs on purpose)"
        if shapes == ["outside_article"]:
            action, verdict = "drop", "; more likely junk than not there"
        elif shapes and (odds >= 0 or record.get("cut_headline")):
            action, verdict = "drop", "; junk by its shape"
        elif odds >= drop_at:
            action, verdict = "drop", ""
        else:
            return "report", f"; below the drop threshold {sigmoid(drop_at):.4f}: reported only"
        if record.get("label_series") and not record.get("cut_headline"):
            return "report", "; reported only: a series is the text's own structure (an interview's Q: and A:)"
        return action, verdict


def _never(threshold: float | None) -> float:
    """A threshold (log-odds) as stored (None: no threshold held the precision asked for) as a number."""
    return math.inf if threshold is None else float(threshold)
