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
likely junk than not (or, in a dump read as extracted text, when the page
model scores it at its drop threshold). In text extracted from an HTML page,
a short line that the stricter second extraction left out after all it kept
(``outside_stricter``) goes when the model finds it more likely junk than
not, in either preset: the two extractions agree that the article lies
elsewhere; one before all it kept (``ahead_of_stricter``) goes so only where
the text's head may go (``first_line``, article-body). A repeated paragraph
is never dropped: writers repeat one on purpose (J012 drops repeated blocks);
nor is a line of the main text whose label heads a series (``Q:`` and
``A:``), unless it is a cut-off headline; nor a line of code
(``cleaner.judge.code``), which the model, trained on news pages, takes for a
menu's; nor, in extracted text, a sentence of prose that only its score
would drop. Unless ``first_line`` is on, the first line is kept: it is the
text's title, which only the article-body preset judges.

Before/after, in the middle of an article::

    Heavy rain flooded the valley on Sunday, and the river burst its banks.     (kept)
    Pop star announces a farewell tour of small theatres across…                 (dropped: a cut-off headline)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator
from operator import itemgetter
from pathlib import Path

from ..change import Action, Finding
from ..document import Document, remember
from ..judge.code import code_lines
from ..judge.features import INDEX, Record, features, read_from
from ..judge.model import Judge, Model, explain, load_judge, sigmoid
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
#: A short line of a page's text outside what the stricter extraction kept (``features.STRICTER_SHARE``) goes,
#: with the ``outside_stricter`` option (on by default), when the model finds it more likely junk than not: on
#: the dev pages the option dropped 6 lines of readability-dev's gold among 20 whatever their score, 1 among 5
#: at such scores (article-body), and none of articles-dev's.
STRICTER = INDEX["outside_stricter"]
#: ...and so does such a line before all it kept (``ahead_of_stricter``) when the text's head may go too (the
#: ``first_line`` option, on in article-body): the default keeps what stands between the title and the article,
#: a standfirst or a documentation page's subtitle (on 746 Rust and 230 Node, npm and Valgrind documentation
#: pages, J020 dropped 43 such lines: subtitles, "Summary", "Table of Contents"; on the dev pages, 2 lines of
#: junk).
AHEAD = INDEX["ahead_of_stricter"]
#: With ``outside_article``, a text J020 reads as extracted text is cut to its article too when it has the page
#: regime's number of lines and this share of them or more stands in runs of short lines: a page dump whose menus
#: sit on one side of its main block only, which the ``page`` regime's test misses (chosen on readability-dev's
#: page dumps, where 0.3 and 0.45 dropped gold lines that 0.6 kept)...
DUMP_SHARE = 0.6
#: ...or when these shares of its lines lie outside the article before it and after it: the ``page`` regime's
#: test against the article's strict run of sentences rather than the loose main block, which a dump's teasers
#: and comments extend to the end of the page (twice the regime's shares; on readability-dev 0.15 before the
#: article dropped gold lines that 0.2 kept).
ARTICLE_HEAD, ARTICLE_TAIL = 0.2, 0.1
#: A record's values of the shapes of either kind, as a tuple.
SHAPE_VALUES = itemgetter(*(place for _, place in JUNK_PLACES + DOUBTFUL_PLACES))
#: A repeated line of this many words is a paragraph, which writers repeat on purpose.
PARAGRAPH_WORDS = 15
#: A line that the next line carries on (it follows with no blank line between, starts in lower case and has this
#: many words or more) is the start of a paragraph wrapped by hand, not a link or a headline by its shape: a
#: documentation page's "Note: If you prefer not to use the installer, please see the" / "other methods...".
#: On the dev collections one line of junk showed a shape and was carried on so (a reader's comment).
CARRIED_WORDS = 6
#: In extracted text (the ``text`` regime) a sentence of this many words or more is prose, which the threshold
#: alone does not drop: it is reported. On the dev collections no extracted input lost such a sentence to the
#: threshold; on AWS's command examples J020 dropped their "For more information, see ... in the ... Guide."
PROSE_SENTENCE_WORDS = 12
#: What may open a line before its first word: brackets, quotes, a code span's backtick.
OPENERS = "([{\"'“‘`"
#: ``Document.meta`` key of a text that an extractor took from a page (the HTML reader sets it): the extractor
#: already left the page's menus out, so it is judged as extracted text, never as a page dump. A reference page
#: (a grammar, a table of options, code) comes out of one as runs of short lines, which the page model cut to a
#: fifth on documentation pages no rule was tuned on.
EXTRACTED = "extracted"
#: The values of the ``regime`` option: ``auto`` tells a page dump from extracted text by its lines.
REGIMES = ("auto", "text", "page")


class LineJudge(Kind):
    name = "line-judge"
    stage = Stage.LINES
    order = 4
    actions = frozenset({"drop", "report"})
    params = {
        "model": Param(str, "judge/model.json", help="the model's weights and thresholds, relative to the rule's file"),
        "calibration": Param(str, "default", help="which of the model's threshold pairs (drop, report) to use"),
        "first_line": Param(bool, False, help="the first line (the title) may be dropped too"),
        "outside_article": Param(bool, False, help="in a page dump, a line more than a few lines outside the "
                                 "article's run of sentences goes when the model finds it more likely junk than not"),
        "outside_stricter": Param(bool, True, help="in text extracted from HTML, a short line that the stricter "
                                  "extraction left out, after all it kept (before it too, with first_line), goes "
                                  "when the model finds it more likely junk than not"),
        "regime": Param(str, "auto", choices=REGIMES, help="judge every text as extracted text ('text') or as a "
                        "page dump ('page'); 'auto' tells them apart by their lines (text the HTML reader "
                        "extracted is extracted text)"),
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

    @staticmethod
    def view(doc: Document) -> Hashable:
        """The judge's verdicts rest on the records of the lines, read from these and the document's ``meta``."""
        return read_from(doc)

    def find(self, doc: Document) -> Iterator[Finding]:
        records = features(doc)
        if not records:
            return
        regime, by_lines = self._regime(doc, records)
        model, (drop_at, report_at) = self.judge.models[regime], self.thresholds[regime]
        language = best_stoplist(doc)[0]
        #: The scores and reasons this rule found for a signature before (a line whose surroundings did not
        #: change comes back in the next round; the lines of a menu look alike, on one page and the next).
        scored: dict[bytes, float] = doc.lasting.setdefault(f"judge-scores:{self.rule.code}:{regime}", {})
        explained: dict[bytes, list[str]] = doc.lasting.setdefault(f"judge-reasons:{self.rule.code}:{regime}", {})
        cut_outside = self._cuts_outside(regime, records, by_lines)
        #: In a page dump read as extracted text, the page model judges the lines outside the article too.
        dump_judge = ((self.judge.models["page"], self.thresholds["page"][0]) if cut_outside and regime == "text"
                      else None)
        code = code_lines([record.shape.text for record in records])
        for i in range(0 if self.options["first_line"] else 1, len(records)):
            record = records[i]
            values = record.values
            signature = model.signature(values)
            odds = scored.get(signature)
            if odds is None:
                odds = remember(scored, signature, model.log_odds(values))
            outside, cut_by = self._outside(odds, values, cut_outside, dump_judge) if odds < drop_at else (None, None)
            if (odds < drop_at and (odds < report_at or record.shape.sentence) and not any(SHAPE_VALUES(values))
                    and outside is None):
                continue  # a sentence is dropped or left alone, never only reported: clean prose logs nothing
            junk = [name for name, place in JUNK_PLACES if values[place]]
            if junk and _carried_on(records, i):
                junk = []
            shapes = junk + ([cut_by] if cut_by else [])
            doubtful = [name for name, place in DOUBTFUL_PLACES if values[place]]
            action, verdict = self._verdict(record, odds, drop_at, junk, outside, code[i], regime == "text")
            if action == "report" and not doc.reports:
                continue
            score = sigmoid(odds)
            names = shapes or doubtful or explained.get(signature)
            if names is None:
                names = remember(explained, signature, model.reasons(record.values))
            start, end = doc.line_span(record.shape.line)
            yield self.finding(start, end, "", f"score {score:.2f}: {explain(record, names)}{verdict}",
                               action=action, score=round(score, 3), features=names, regime=regime,
                               language=language)

    def _regime(self, doc: Document, records: list[Record]) -> tuple[str, bool]:
        """The document's regime and whether its lines told it: the ``regime`` option's, else ``text`` for a
        page's extraction (``EXTRACTED``), else the lines'."""
        if self.options["regime"] != "auto":
            return str(self.options["regime"]), False
        if doc.meta.get(EXTRACTED):
            return "text", False
        return self.judge.regime(records), True

    def _outside(self, odds: float, values: list[float], cut_outside: bool,
                 dump_judge: tuple[Model, float] | None) -> tuple[str | None, str | None]:
        """Why a line below the drop threshold goes for where it stands, and the feature that says so: outside
        the article, where lines outside it may go (``cut_outside``, ``_outside_reason``), or outside what the
        stricter extraction kept, when the model finds it more likely junk than not (with the
        ``outside_stricter`` option: after all it kept, and before only where the text's head may go, with
        ``first_line``); (None, None) when it does not."""
        if cut_outside and values[OUTSIDE] and (reason := _outside_reason(odds, values, dump_judge)):
            return reason, "outside_article"
        if self.options["outside_stricter"] and odds >= 0:
            if values[STRICTER]:
                return LIKELY, "outside_stricter"
            if values[AHEAD] and self.options["first_line"]:
                return LIKELY, "ahead_of_stricter"
        return None, None

    def _cuts_outside(self, regime: str, records: list[Record], by_lines: bool) -> bool:
        """Whether lines outside the article's run of sentences may go: with the ``outside_article`` option, in
        a page dump (the ``page`` regime; or, when the lines told the regime (``by_lines``), a text of
        ``page_lines`` lines or more with ``DUMP_SHARE`` of them or more in runs of short lines, or
        ``ARTICLE_HEAD`` of them before the article and ``ARTICLE_TAIL`` after it: a dump they misread)."""
        if not self.options["outside_article"]:
            return False
        if regime == "page":
            return True
        lines = len(records)
        if not by_lines or lines < self.judge.page_lines:
            return False
        before, after = _outside_ends(records)
        return (records[0].get("page_dump") >= DUMP_SHARE
                or (before >= ARTICLE_HEAD * lines and after >= ARTICLE_TAIL * lines))

    @staticmethod
    def _verdict(record: Record, odds: float, drop_at: float, junk: list[str], outside: str | None,
                 is_code: bool, extracted: bool) -> tuple[Action, str]:
        """Drop or report, and what the reason adds: a cut-off headline goes whatever its score, a labelled
        link (``junk`` names the shapes a line shows) when the model finds it more likely junk than not (on
        the dev collections the shape alone was right for 95% of cut-off headlines, and for 76-94% of
        labelled links), a line outside the article for the reason ``outside`` gives (``_outside_reason``);
        any other line goes at the drop threshold and is reported below it. But a repeated paragraph is only
        reported, and so is a line of the main text whose label heads a series, unless it is a cut-off
        headline, and a line of code (``is_code``: ``cleaner.judge.code``); in extracted text (``extracted``),
        a sentence of prose (``PROSE_SENTENCE_WORDS``) is reported at the threshold."""
        if record.shape.words >= PARAGRAPH_WORDS and record.get("repeated"):
            return "report", "; a repeated paragraph: reported only (writers repeat paragraphs on purpose)"
        if junk and (odds >= 0 or record.get("cut_headline")):
            action, verdict = "drop", "; junk by its shape"
        elif outside:
            action, verdict = "drop", outside
        elif odds >= drop_at:
            if extracted and record.shape.sentence and record.shape.words >= PROSE_SENTENCE_WORDS:
                return "report", "; a sentence of prose in extracted text: reported only"
            action, verdict = "drop", ""
        else:
            return "report", f"; below the drop threshold {sigmoid(drop_at):.4f}: reported only"
        if record.get("label_series") and not record.get("cut_headline"):
            return "report", "; reported only: a series is the text's own structure (an interview's Q: and A:)"
        if is_code:
            return "report", "; a line of code: reported only (a program that loses a line is broken)"
        return action, verdict


#: What the verdict adds for a line that goes where it stands, scored more likely junk than not.
LIKELY = "; more likely junk than not there"


def _outside_reason(odds: float, values: list[float], dump_judge: tuple[Model, float] | None) -> str | None:
    """Why a line outside the article goes (None: it does not): the model finds it more likely junk than not,
    or, in a page dump read as extracted text, the page model scores it at its drop threshold (``dump_judge``)."""
    if odds >= 0:
        return LIKELY
    if dump_judge is not None:
        page_odds = dump_judge[0].log_odds(values)
        if page_odds >= dump_judge[1]:
            return f"; junk by the page-dump model (score {sigmoid(page_odds):.2f})"
    return None


def _carried_on(records: list[Record], i: int) -> bool:
    """Whether the next line carries line ``i`` on (``CARRIED_WORDS``; the next line's first letter in lower case,
    after an opening bracket or quote maybe): the two are one paragraph."""
    if i + 1 == len(records):
        return False
    shape, after = records[i].shape, records[i + 1].shape
    return (after.line.index == shape.line.index + 1 and after.words >= CARRIED_WORDS
            and after.text.lstrip(OPENERS)[:1].islower())


def _outside_ends(records: list[Record]) -> tuple[int, int]:
    """How many lines lie outside the article (``outside_article``) before it, and after it (none when the text
    has no article)."""
    inside = [i for i, record in enumerate(records) if not record.values[OUTSIDE]]
    return (inside[0], len(records) - 1 - inside[-1]) if inside else (0, 0)


def _never(threshold: float | None) -> float:
    """A threshold (log-odds) as stored (None: no threshold held the precision asked for) as a number."""
    return math.inf if threshold is None else float(threshold)
