"""Article-body metric of the scrapinghub article-extraction-benchmark.

A re-implementation of ``evaluate.py`` from
https://github.com/scrapinghub/article-extraction-benchmark (MIT), the
metric behind the figures in /work/shared/eval/articles-dev/README.txt::

    >>> from bench.metric import score
    >>> score([(gold_text, predicted_text), ...])
    Scores(precision=0.936, recall=0.977, f1=0.956)    # trafilatura, dev split

Definitions (same as the benchmark):

* tokens: matches of ``\\w+`` (Python ``re`` on ``str``, i.e. Unicode; case
  is kept).
* shingles: the multiset of 4-grams of consecutive tokens.  A text with 1-3
  tokens has exactly one shingle, the tuple of all its tokens (this is what
  the benchmark's ``_ngrams`` does: ``range(max(1, len(tokens) - n + 1))``);
  a text with no tokens has no shingles.
* per document: TP = sum of min(gold count, output count) over shingles,
  FP = output excess, FN = gold excess, then TP, FP, FN are divided by
  their sum so every document weighs the same.
* precision = TP/(TP+FP), recall = TP/(TP+FN), both 1.0 when FP = FN = 0.
  Precision is averaged over documents with TP+FP > 0, recall over
  documents with TP+FN > 0; F1 = 2PR/(P+R) of the two averages.

``removed_gold_text`` is our own addition, used by bench/quality.py to
judge dropped lines (see its docstring).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from typing import Iterable, NamedTuple

N = 4
_TOKEN_RE = re.compile(r"\w+")  # str pattern: Unicode \w, as the benchmark


def tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text`` (empty list for None or '')."""
    return _TOKEN_RE.findall(text or "")


def _ngrams(toks: list[str], n: int = N) -> list[tuple[str, ...]]:
    if len(toks) < n:  # benchmark: one short shingle, or none if no tokens
        return [tuple(toks)] if toks else []
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def shingles(text: str | None) -> Counter:
    """Multiset (Counter) of the 4-gram token shingles of ``text``."""
    return Counter(_ngrams(tokens(text)))


def score_document(gold: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) for one document, normalised to sum to 1 (or all 0)."""
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


class Scores(NamedTuple):
    precision: float
    recall: float
    f1: float


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def score(pairs: Iterable[tuple[str, str]]) -> Scores:
    """Benchmark scores over ``(gold, pred)`` pairs, one pair per document.

    An average over no documents (e.g. every output empty) counts as 0.0.
    """
    docs = [score_document(gold, pred) for gold, pred in pairs]
    ps = [_precision(*d) for d in docs if d[0] + d[1] > 0]
    rs = [_recall(*d) for d in docs if d[0] + d[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return Scores(p, r, 2 * p * r / (p + r) if p + r else 0.0)


class GoldIndex:
    """Shingle index of one gold text, to test many dropped lines fast.

    ``kept`` is the text the cleaner kept: a run of tokens counts as removed
    only while the kept text holds fewer copies of it than the gold, so
    dropping the second copy of a paragraph the gold has once is no loss.
    """

    def __init__(self, gold: str, kept: str = ""):
        self.gold = _runs(tokens(gold))
        self.kept = _runs(tokens(kept))

    def removed(self, line: str) -> bool:
        """True if dropping ``line`` removed gold text (see removed_gold_text)."""
        toks = tokens(line)
        if len(toks) < N:
            return bool(toks) and self._short(tuple(toks))
        return any(self._short(tuple(toks[i:i + N]))
                   for i in range(len(toks) - N + 1))

    def _short(self, run: tuple[str, ...]) -> bool:
        return self.gold[run] > self.kept[run]


def _runs(toks: list[str]) -> Counter:
    """Every contiguous run of 1..N tokens, counted; runs of exactly N are shingles."""
    return Counter(tuple(toks[i:i + k]) for k in range(1, N + 1) for i in range(len(toks) - k + 1))


def removed_gold_text(gold: str, lines: Iterable[str], kept: str = "") -> list[bool]:
    """For each dropped line: did dropping it remove gold text?

    A dropped line "removed gold text" when at least one of its 4-gram
    shingles occurs in the gold body more often than in ``kept`` (the text
    the cleaner kept); a line of 1-3 tokens counts when its whole token
    sequence does, as a contiguous run of tokens.  A line with no ``\\w``
    tokens (rules, bullets, punctuation) never does.  Tokens are compared
    case-sensitively, as in the metric.  Note this is lenient towards the
    gold: a one-word line such as "Share" counts as a false drop whenever
    that word appears in the gold body more often than in the kept text,
    and a long line counts if any 4 consecutive words of it do.
    """
    index = GoldIndex(gold, kept)
    return [index.removed(line) for line in lines]
