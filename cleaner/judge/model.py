"""The judge's model: boosted decision trees over the feature records, read from data.

The trees live in ``rules/judge/model.json`` (``bench/train_judge.py``
writes it; ``rules/judge/README.md`` says how). Scoring needs only the
standard library: each tree's conditionals (compiled into one expression), a
sum and a sigmoid. There is one model per
regime: extracted text, and page dumps (text taken from a whole page, mostly
runs of short lines), which differ in what a short line means. ``explain`` names the
features that pushed a line's score up the most, in words.

>>> model = Model({"features": ["one_word", "in_run"], "base": -1.0,
...                "trees": [[0.0, 0, 0.5, [-1.0], [0.0, 1, 0.5, [1.0], [3.0]]]]})
>>> values = [1.0 if name in ("one_word", "in_run") else 0.0 for name in FEATURES]
>>> model.log_odds(values), round(model.score(values), 3), model.reasons(values)
(2.0, 0.881, ['in_run'])
>>> import pickle; pickle.loads(pickle.dumps(model)).log_odds(values)  # sent to worker processes
2.0
"""

from __future__ import annotations

import json
import math
import struct
from functools import cache
from operator import itemgetter
from pathlib import Path
from collections.abc import Callable
from typing import Any

from .features import ARTICLE_MARGIN, FEATURES, FLAGS, INDEX, Record

#: Where a record's values say that its line is before the main text, and after it.
BEFORE_MAIN, AFTER_MAIN = INDEX["before_main"], INDEX["after_main"]


class Model:
    """Boosted trees over some of ``FEATURES``: the model of one regime.

    A tree is nested lists: a leaf ``[value]``, an inner node ``[value, feature, threshold, below,
    at_or_above]``, ``feature`` a place in the model's own list of features.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        unknown = sorted(set(data["features"]) - set(FEATURES))
        if unknown:
            raise ValueError(f"the judge's model names unknown features: {', '.join(unknown)}")
        places = [FEATURES.index(name) for name in data["features"]]
        if not places:
            raise ValueError("the judge's model names no features")
        #: A line's values of this model's features (and the first again: always a tuple).
        self._pick, self._width = itemgetter(*places, places[0]), len(places) + 1
        self.base = float(data["base"])
        self.trees = [_node(tree, places) for tree in data["trees"]]
        self._compile()

    def _compile(self) -> None:
        self._pack = struct.Struct(f"{self._width}d").pack
        self._log_odds: Callable[[list[float]], float] = _compiled(self.base, self.trees, len(FEATURES))
        #: For a line's values, per feature, the changes of value of the steps down the trees that tested it.
        self._added: Callable[[list[float]], list[float]] = _accumulator(self.trees, len(FEATURES))

    def __getstate__(self) -> dict[str, Any]:
        """The trees without their compiled functions, which cannot be pickled (a cleaner is sent to other
        processes: ``--jobs``, Ray); ``__setstate__`` compiles them again."""
        return {key: value for key, value in vars(self).items() if key not in ("_log_odds", "_added", "_pack")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self._compile()

    def signature(self, values: list[float]) -> bytes:
        """A line's values of this model's features, packed (a few hundred bytes, kept across documents):
        lines with equal signatures score and are explained alike."""
        return self._pack(*self._pick(values))

    def log_odds(self, values: list[float]) -> float:
        """The log-odds that the line is junk (thresholds are stored as log-odds: near a probability of 1
        they keep their resolution)."""
        return self._log_odds(values)

    def score(self, values: list[float]) -> float:
        """The probability that the line is junk."""
        return sigmoid(self.log_odds(values))

    def reasons(self, values: list[float], count: int = 3) -> list[str]:
        """The names of the ``count`` features that added most to the score (of those that added anything):
        each step down a tree adds the change of value to the feature it tested. A yes/no feature the line
        lacks is not named (the phrase would say the opposite)."""
        names: list[str] = []
        added = [entry for entry in zip(self._added(values), FEATURES, range(len(FEATURES))) if entry[0] > 0]
        for _, name, place in sorted(added, reverse=True):
            if len(names) == count:
                break
            if values[place] or name not in FLAGS:
                names.append(name)
        return names


def _compiled(base: float, trees: list[tuple[Any, ...]], size: int) -> Callable[[list[float]], float]:
    """The sum of ``base`` and the trees' leaves for a line's ``size`` values, as one Python expression of
    nested conditionals on local variables (walking the trees in a loop costs four times as much). Only
    numbers go into its source.

    >>> _compiled(1.0, [(0.0, 2, 0.5, (-1.0,), (2.0,))], 3)([0.0, 0.0, 0.7])
    3.0
    """
    def source(node: tuple[Any, ...]) -> str:
        if len(node) == 1:
            return repr(float(node[0]))
        _, feature, threshold, below, above = node
        return f"({source(below)} if v{int(feature)} < {float(threshold)!r} else {source(above)})"

    return _function("log_odds", [f"    return {' + '.join([repr(float(base)), *map(source, trees)])}"], size)


def _function(name: str, body: list[str], size: int) -> Callable[[list[float]], Any]:
    """The function ``name(v)`` whose ``body`` reads a line's ``size`` values as ``v0``, ``v1``... (local
    variables: read faster than ``v[0]``)."""
    unpack = f"    {', '.join(f'v{i}' for i in range(size))}, = v"
    scope: dict[str, Any] = {}
    exec(compile("\n".join([f"def {name}(v):", unpack, *body]), f"<judge model {name}>", "exec"), scope)
    function: Callable[[list[float]], Any] = scope[name]
    return function


def _accumulator(trees: list[tuple[Any, ...]], size: int) -> Callable[[list[float]], list[float]]:
    """``added(values)``: for each of ``size`` features, the changes of value that the steps testing it made
    on the way down each tree to the line's leaf, added up in tree order. Python statements on local
    variables (loops over the steps, or adding into a list, cost two to three times as much); only numbers
    go into its source.

    >>> _accumulator([(0.5, 2, 0.5, (-1.0,), (2.0,))], 3)([0.0, 0.0, 0.7])
    [0.0, 0.0, 1.5]
    """
    lines = [f"    a{i} = 0.0" for i in range(size)]

    def emit(node: tuple[Any, ...], depth: int) -> None:
        if len(node) == 1:
            return
        value, feature, threshold, below, above = node
        pad = "    " * depth
        for test, child in ((f"if v{int(feature)} < {float(threshold)!r}:", below), ("else:", above)):
            lines.extend((pad + test, f"{pad}    a{int(feature)} += {float(child[0]) - float(value)!r}"))
            emit(child, depth + 1)

    for tree in trees:
        emit(tree, 1)
    lines.append(f"    return [{', '.join(f'a{i}' for i in range(size))}]")
    return _function("added", lines, size)


def _node(tree: list[Any], places: list[int]) -> tuple[Any, ...]:
    """A tree as read from the model's data, with features as places in ``FEATURES`` (tuples: read fast)."""
    if len(tree) == 1:
        return (float(tree[0]),)
    value, feature, threshold, below, above = tree
    return float(value), places[feature], float(threshold), _node(below, places), _node(above, places)


class Judge:
    """A model for each regime, ``text`` (extracted text) and ``page`` (a page dump, by ``regime_of``), and
    the thresholds of each calibration in each."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.page_regime = float(data["page_regime"])
        self.page_lines = int(data["page_lines"])
        self.page_head = float(data["page_head"])
        self.page_tail = float(data["page_tail"])
        self.models = {regime: Model(part) for regime, part in data["regimes"].items()}
        self.thresholds: dict[str, dict[str, dict[str, float | None]]] = data["thresholds"]

    def regime(self, records: list[Record]) -> str:
        """The regime of a document, by its lines' records."""
        return regime_of(records, self.page_regime, self.page_lines, self.page_head, self.page_tail)


def regime_of(records: list[Record], page_dump: float, page_lines: int, page_head: float, page_tail: float) -> str:
    """``page`` for a page dump: ``page_lines`` lines or more, a share of ``page_dump`` or more of them in
    runs of short lines, a share of ``page_head`` or more before the main text and of ``page_tail`` or more
    after it (a page opens with the site's header and menus and ends with its footer; a text with long
    lists or tables, a recipe, a poem, starts or ends with its own text), else ``text``."""
    lines = len(records)
    if lines < page_lines or records[0].get("page_dump") < page_dump:
        return "text"
    # the lines before the main text open the document, those after it close it
    before = next(i for i, record in enumerate(records) if not record.values[BEFORE_MAIN])
    after = next(i for i, record in enumerate(reversed(records)) if not record.values[AFTER_MAIN])
    return "page" if before >= page_head * lines and after >= page_tail * lines else "text"


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


@cache
def load_judge(path: str) -> Judge:
    """The models stored at ``path`` (read once per process)."""
    return Judge(json.loads(Path(path).read_text(encoding="utf-8")))


def explain(record: Record, names: list[str]) -> str:
    """The features ``names`` of a line, in words a reviewer reads: ``short line in a run of 6 short lines``."""
    return "; ".join(_PHRASES[name](record) for name in names)


def _run(record: Record) -> str:
    return f"short line in a run of {round(record.get('run_length') * 20)}{'+' if record.get('run_length') >= 1 else ''} short lines"


def _distance(record: Record) -> str:
    lines = round(record.get("distance") * 30)
    return f"{lines}{'+' if lines >= 30 else ''} lines from the main text"


_PHRASES = {
    "words": lambda r: f"{r.shape.words} words",
    "one_word": lambda r: "one word",
    "two_three_words": lambda r: f"{r.shape.words} words",
    "four_to_six_words": lambda r: f"{r.shape.words} words",
    "seven_to_twelve_words": lambda r: f"{r.shape.words} words",
    "over_25_words": lambda r: f"{r.shape.words} words",
    "sentence": lambda r: "ends like a sentence",
    "ends_in_word": lambda r: "no closing punctuation",
    "ellipsis": lambda r: "cut off with an ellipsis",
    "starts_lower": lambda r: "starts in lower case",
    "digits": lambda r: f"{r.get('digits'):.0%} digits",
    "capitalised": lambda r: f"{r.get('capitalised'):.0%} of its words capitalised",
    "title_case": lambda r: "Title Case",
    "stopwords": lambda r: f"stopword density {r.get('stopwords'):.2f}",
    "no_stopwords": lambda r: "no stopwords",
    "few_stopwords": lambda r: f"few stopwords ({r.get('stopwords'):.2f})",
    "label_headline": lambda r: "a label and a colon, then a headline",
    "list_item": lambda r: "a list item",
    "chrome_mark": lambda r: "holds a mark of page furniture (|, ©, »)",
    "in_run": _run,
    "run_length": _run,
    "page_dump": lambda r: f"{r.get('page_dump'):.0%} of the text's lines are in runs of short lines",
    "main_share": lambda r: f"the main text holds {r.get('main_share'):.0%} of the words",
    "before_main": lambda r: "before the main text",
    "after_main": lambda r: "after the main text",
    "distance": _distance,
    "first_line": lambda r: "the first line",
    "between_prose": lambda r: "alone between two paragraphs",
    "next_to_prose": lambda r: "next to a paragraph",
    "labelled_link": lambda r: "a label and a headline next to a paragraph (a link to another page)",
    "cut_headline": lambda r: "a headline cut off with an ellipsis, new to the main text, next to a paragraph "
                              "or to another such headline",
    "run_outside": lambda r: "in a run of short lines outside the main text",
    "run_inside": lambda r: "in a run of short lines inside the main text",
    "short_outside": lambda r: f"short ({r.shape.words} words), outside the main text",
    "prose_outside": lambda r: "a paragraph outside the main text",
    "cut_on_topic": lambda r: "a headline cut off with an ellipsis, on the main text's topic",
    "interrupting_headline": lambda r: "a headline new to the main text between two paragraphs that go on "
                                       "with each other",
    "prose_nearby": lambda r: f"{r.get('prose_nearby'):.0%} of the lines around it are prose",
    "repeated": lambda r: "repeated elsewhere in the text",
    "novelty": lambda r: f"{r.get('novelty'):.0%} of its content words not in the main text",
    "title_overlap": lambda r: f"{r.get('title_overlap'):.0%} of its content words in the title",
    "second_missing": lambda r: f"{r.get('second_missing'):.0%} of it missing from the stricter extraction",
    "outside_article": lambda r: f"more than {ARTICLE_MARGIN} lines outside the article's run of sentences",
    "label_series": lambda r: "one of a series of labelled lines in the main text (Q: and A:)",
    "outside_stricter": lambda r: f"short ({r.shape.words} words), left out by the stricter extraction, after all "
                                  "it kept",
    "ahead_of_stricter": lambda r: f"short ({r.shape.words} words), left out by the stricter extraction, before all "
                                   "it kept",
}
assert set(_PHRASES) == set(FEATURES)
