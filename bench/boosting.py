"""Gradient-boosted decision trees for the line judge, in numpy: deterministic, no randomness.

Each tree is fitted to the gradient of the log loss by Newton's method (the
XGBoost recipe: a leaf's value is ``-G / (H + L2)`` times ``RATE``; a split
is chosen for the largest gain, over each feature's quantile bins). A tree is
stored as nested lists, as ``cleaner/judge/model.py`` reads it: a leaf is
``[value]``, an inner node ``[value, feature, threshold, below, at_or_above]``
(``value`` is what the node would give as a leaf, which lets a score be
explained feature by feature).

>>> x = np.array([[0.0], [0.1], [0.9], [1.0]] * 10)
>>> y = np.array([0.0, 0.0, 1.0, 1.0] * 10)
>>> base, trees = fit_trees(x, y, trees=20, depth=1, min_hessian=1.0)
>>> bool(predict(base, trees, np.array([[1.0]]))[0] > 2 > -2 > predict(base, trees, np.array([[0.0]]))[0])
True
"""
from __future__ import annotations

from typing import Any

import numpy as np

TREES = 100
DEPTH = 3
RATE = 0.2
L2 = 1.0
#: A leaf needs this much hessian (about four times as many lines near a score of 0.5, more elsewhere).
MIN_HESSIAN = 5.0
BINS = 32

Tree = list[Any]


def fit_trees(x: np.ndarray, y: np.ndarray, trees: int = TREES, depth: int = DEPTH,
              min_hessian: float = MIN_HESSIAN) -> tuple[float, list[Tree]]:
    """The base log-odds and the trees that model P(y = 1 | x)."""
    cuts, binned = _bins(x)
    share = min(max(float(y.mean()), 1e-6), 1 - 1e-6)
    base = float(np.log(share / (1 - share)))
    score = np.full(len(y), base)
    fitted = []
    for _ in range(trees):
        p = 1 / (1 + np.exp(-score))
        grower = _Grower(binned, cuts, p - y, p * (1 - p), min_hessian)
        fitted.append(grower.node(np.arange(len(y)), depth))
        score += grower.update
    return base, fitted


def predict(base: float, trees: list[Tree], x: np.ndarray) -> np.ndarray:
    """The log-odds of each row of ``x``."""
    score = np.full(len(x), base)
    for tree in trees:
        score += _walk(tree, x)
    return score


def _bins(x: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Per feature, its cut points, and each value's bin: values below cut ``k`` and at or above cut ``k - 1``
    are in bin ``k``. The cuts are the feature's distinct values but the smallest when it has at most
    ``BINS`` of them (a yes/no feature cuts at 1), else its distinct quantiles above the smallest value.

    >>> _bins(np.array([[0.0], [0.0], [1.0]]))[0]
    [array([1.])]
    """
    cuts, binned = [], np.zeros(x.shape, dtype=np.int64)
    for j in range(x.shape[1]):
        distinct = np.unique(x[:, j])
        if len(distinct) > BINS:
            distinct = np.unique(np.quantile(x[:, j], np.linspace(0, 1, BINS + 1)[1:-1]))
        points = distinct[distinct > x[:, j].min()]
        cuts.append(points)
        binned[:, j] = np.searchsorted(points, x[:, j], side="right")
    return cuts, binned


class _Grower:
    """Grows one tree on the gradients ``g`` and hessians ``h`` of the lines, and keeps each line's leaf
    value in ``update``."""

    def __init__(self, binned: np.ndarray, cuts: list[np.ndarray], g: np.ndarray, h: np.ndarray,
                 min_hessian: float) -> None:
        self.binned, self.cuts, self.g, self.h = binned, cuts, g, h
        self.min_hessian = min_hessian
        self.update = np.zeros(len(g))

    def node(self, rows: np.ndarray, depth: int) -> Tree:
        gradient, hessian = self.g[rows].sum(), self.h[rows].sum()
        value = float(-gradient / (hessian + L2) * RATE)
        split = self._best_split(rows, gradient, hessian) if depth and hessian >= 2 * self.min_hessian else None
        if split is None:
            self.update[rows] = value
            return [round(value, 6)]
        feature, k = split
        below = self.binned[rows, feature] <= k
        return [round(value, 6), feature, float(self.cuts[feature][k]),
                self.node(rows[below], depth - 1), self.node(rows[~below], depth - 1)]

    def _best_split(self, rows: np.ndarray, gradient: float, hessian: float) -> tuple[int, int] | None:
        """(feature, bin) of the split with the largest gain, lines in bins up to ``bin`` going below."""
        best, found = 1e-12, None
        for feature, points in enumerate(self.cuts):
            if not len(points):
                continue
            bins = self.binned[rows, feature]
            left_g = np.cumsum(np.bincount(bins, self.g[rows], len(points) + 1))[:-1]
            left_h = np.cumsum(np.bincount(bins, self.h[rows], len(points) + 1))[:-1]
            right_g, right_h = gradient - left_g, hessian - left_h
            gain = left_g ** 2 / (left_h + L2) + right_g ** 2 / (right_h + L2) - gradient ** 2 / (hessian + L2)
            gain[(left_h < self.min_hessian) | (right_h < self.min_hessian)] = -1.0
            k = int(np.argmax(gain))
            if gain[k] > best:
                best, found = float(gain[k]), (feature, k)
        return found


def _walk(tree: Tree, x: np.ndarray) -> np.ndarray:
    """The leaf value of ``tree`` for each row of ``x``."""
    if len(tree) == 1:
        return np.full(len(x), tree[0])
    below = x[:, tree[1]] < tree[2]
    out = np.empty(len(x))
    out[below] = _walk(tree[3], x[below])
    out[~below] = _walk(tree[4], x[~below])
    return out
