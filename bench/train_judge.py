"""Train and calibrate the line judge (rule J020, ``cleaner/judge``) on the dev collections.

    python bench/train_judge.py [--train articles-dev] [--calibrate readability-dev] [--write rules/judge/model.json]

Labels.  Every line of every input text of a collection (``inputs/*.json``:
what the extractors made of each page; the page read as ``cleaner clean``
reads HTML, with its stricter second extraction; and the gold text itself)
is labelled against the page's gold text (``bench.metric.tokens``, lower
case): the text's tokens are aligned with the gold's (``difflib``, runs of
three tokens or more); a line is *content* when at least ``CONTENT_SHARE``
of its tokens are aligned and *junk* when at most ``JUNK_SHARE`` are.  Lines
in between are left out of training and count as content in calibration.

Training.  A model per regime (text taken from a whole page, ``page``; any
other text, ``text``): gradient-boosted trees (``bench/boosting.py``) on the
features of ``cleaner.judge.features``, fitted by Newton steps in numpy: no
randomness, so the same data gives the same trees.  The training texts also
get the seeds' kinds of junk put in (``seeded``), in words of no seed.

Calibration.  The model is scored on the *other* collection.  For each of its
inputs, the lowest threshold at which the lines scored at or above it are junk
with precision ``target`` or more; a calibration's threshold is the highest of
these over the inputs, so it holds on each kind of text.  ``default`` drops at
precision ``DEFAULT_PRECISION`` and reports at ``REPORT_PRECISION``;
``article-body`` drops at ``ARTICLE_PRECISION``.  Both directions are printed
(train on one collection, calibrate on the other); ``--write`` stores the
direction asked for, with its figures, as the model's data.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from difflib import SequenceMatcher
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.boosting import fit_trees, predict  # noqa: E402
from bench.metric import tokens  # noqa: E402
from bench.quality import EVAL, input_names, load_gold, load_input  # noqa: E402
from bench.seed_shaped import headlines  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.judge.features import FEATURES, features  # noqa: E402
from cleaner.judge.model import regime_of  # noqa: E402
from cleaner.kinds.agreement import SECOND_EXTRACTION  # noqa: E402

#: A line is content when this share of its 3-grams is in the gold text, junk at or below ``JUNK_SHARE``.
CONTENT_SHARE = 0.8
JUNK_SHARE = 0.1
N = 3
#: The seed of the random choices of ``seeded`` (fixed: training is deterministic).
SEED = 17
L2 = 1.0
#: The precision each calibration's drops must reach on the other collection. The default is the safe one
#: (it may drop only what it is sure of), so it asks for more than ``article-body``.
DEFAULT_PRECISION = 0.992
REPORT_PRECISION = 0.9
ARTICLE_PRECISION = 0.99
#: A threshold is set only where at least this many lines score above it.
MIN_DROPS = 20
#: A document of ``PAGE_LINES`` lines or more with this share of them in runs of short lines, and
#: ``PAGE_HEAD`` of them before its main text and ``PAGE_TAIL`` after it, is a page dump (``cleaner.judge.model.regime_of``): its lines
#: are judged by the model and thresholds of the ``page`` regime, the others by those of ``text``.
PAGE_REGIME = 0.3
PAGE_LINES = 40
PAGE_HEAD = 0.1
PAGE_TAIL = 0.05
#: The gold lines of a regime limit its thresholds when there are at least this many of them.
MIN_GOLD = 200
#: The most of the gold texts' lines each calibration may drop.
DEFAULT_GOLD = 0.002
ARTICLE_GOLD = 0.005
COMMAND = "python bench/train_judge.py --train {train} --calibrate {calibrate} --write rules/judge/model.json"
RECALIBRATE = "python bench/train_judge.py --recalibrate {model} --calibrate {calibrate} --write {model}"


class Gold:
    """A gold text's lower-case tokens, to label the lines of one input text of the same page against."""

    def __init__(self, text: str) -> None:
        self.tokens = [token.lower() for token in tokens(text)]

    def labels(self, lines: list[str]) -> list[int | None]:
        """Each line's label: ``JUNK``, ``CONTENT``, ``BETWEEN`` (neither), or None for a line without tokens.

        The input's tokens are aligned with the gold's (``difflib``, blocks of ``N`` tokens or more, so a
        menu's "News" does not match a "news" of the article); a line is content when ``CONTENT_SHARE`` of its
        tokens are aligned, junk when at most ``JUNK_SHARE`` are."""
        found = [[token.lower() for token in tokens(line)] for line in lines]
        stream = [token for line in found for token in line]
        aligned = [False] * len(stream)
        matcher = SequenceMatcher(None, stream, self.tokens, autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size >= N:
                aligned[block.a:block.a + block.size] = [True] * block.size
        labels: list[int | None] = []
        at = 0
        for line in found:
            share = sum(aligned[at:at + len(line)]) / len(line) if line else None
            at += len(line)
            labels.append(None if share is None else CONTENT if share >= CONTENT_SHARE
                          else JUNK if share <= JUNK_SHARE else BETWEEN)
        return labels


#: The labels of a line: junk, content, or in between (left out of training, counted as content in calibration).
JUNK, CONTENT, BETWEEN = 1, 0, -1


def labelled(text: str, gold: Gold, meta: dict[str, Any] | None = None) -> Iterator[tuple[list[float], int]]:
    """(feature values and, last, 1.0 in a page dump, else 0.0; label) of each line of ``text`` with tokens."""
    records = features(Document(text, meta=meta or {}))
    page = float(regime_of(records, PAGE_REGIME, PAGE_LINES, PAGE_HEAD, PAGE_TAIL) == "page")
    for record, label in zip(records, gold.labels([record.shape.text for record in records])):
        if label is not None:
            yield [*record.values, page], label


#: Labels of links to other pages, for the seeded junk of the training texts (the issue's kinds: a labelled
#: link, a lone headline cut off with an ellipsis, a block of cut-off headlines after the article).
LINK_LABELS = ("Explained", "Watch", "Read more", "Related", "Opinion", "Analysis", "Video", "Listen", "Latest",
               "Background", "Interview", "In depth", "Gallery", "Podcast", "Review", "Live", "See also", "Pictured")


def seeded(article: str, titles: list[str], rng: random.Random) -> str:
    """``article`` with the seeds' kinds of junk put in, in other words: a ``Label: <headline>`` line and a lone
    headline cut off with an ellipsis between two paragraphs, and maybe a block of cut-off headlines after it.
    (Another page's plain headline between two paragraphs is left out: put in, it teaches the model to score
    real subheadings as junk, and no threshold then holds a precision of 0.99 on the other collection.)"""
    paragraphs = [p for p in article.split("\n") if p.strip()]
    if len(paragraphs) < 3 or len(titles) < 5:
        return article
    for line in (f"{rng.choice(LINK_LABELS)}: {rng.choice(titles)}", cut_off(rng.choice(titles), rng)):
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), line)
    if rng.random() < 0.5:
        paragraphs += [cut_off(title, rng) for title in rng.sample(titles, rng.randint(3, 5))]
    return "\n\n".join(paragraphs) + "\n"


def cut_off(title: str, rng: random.Random) -> str:
    """A headline cut after some of its words, with an ellipsis, as a teaser card shows it."""
    words = title.split()
    keep = max(3, min(len(words) - 1, rng.randint(len(words) // 2 + 1, len(words))))
    return " ".join(words[:keep]).rstrip(",;:") + "…"


def html_inputs(data: Path, ids: Iterable[str], cache: Path | None) -> dict[str, tuple[str, str]]:
    """Each page's text as ``cleaner clean`` reads it and its stricter second extraction (cached in ``cache``)."""
    stored = cache / f"{data.name}.json" if cache else None
    if stored and stored.is_file():
        return {key: tuple(value) for key, value in json.loads(stored.read_text("utf8")).items()}
    from cleaner.formats.html import SECOND_OPINION, extract
    pages = {}
    for doc_id in sorted(ids):
        html = gzip.decompress((data / "html" / f"{doc_id}.html.gz").read_bytes())
        pages[doc_id] = (extract(html, metadata=False)["text"], extract(html, SECOND_OPINION, metadata=False)["text"])
    if stored:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(pages), "utf8")
    return pages


def collection_rows(data: Path, cache: Path | None, limit: int | None = None,
                    seed: bool = False) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Input name -> (features, labels) of every labelled line of that input over the collection; with
    ``seed``, also the input ``seeded``: the gold texts with junk of the seeds' kinds put in (for training)."""
    gold = load_gold(data)
    ids = sorted(gold)[:limit]
    golds = {doc_id: Gold(gold[doc_id]) for doc_id in ids}
    texts = {name: load_input(data, name) for name in input_names(data)}
    texts["gold"] = gold
    if seed:
        titles, rng = list(headlines(data).values()), random.Random(SEED)
        texts["seeded"] = {doc_id: seeded(gold[doc_id], titles, rng) for doc_id in ids}
    rows: dict[str, list[tuple[list[float], int]]] = {}
    for name, by_id in texts.items():
        rows[name] = [row for doc_id in ids for row in labelled(by_id.get(doc_id) or "", golds[doc_id])]
    if (data / "html").is_dir():
        pages = html_inputs(data, ids, cache) if limit is None else {}
        rows["html"] = [row for doc_id, (text, second) in pages.items()
                        for row in labelled(text, golds[doc_id], {SECOND_EXTRACTION: second})]
    return {name: _arrays(found) for name, found in rows.items() if found}


def _arrays(rows: list[tuple[list[float], int]]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([values for values, _ in rows], dtype=float), np.array([label for _, label in rows], dtype=float)


def scores(x: np.ndarray, models: dict[str, dict[str, Any]]) -> np.ndarray:
    """Each line's score (log-odds) by the model of its regime."""
    score = np.zeros(len(x))
    for regime, lines in regimes(x).items():
        model = models[regime]
        columns = [FEATURES.index(name) for name in model["features"]]
        score[lines] = predict(model["base"], model["trees"], x[lines][:, columns])
    return score


def threshold(score: np.ndarray, junk: np.ndarray, target: float) -> float | None:
    """The lowest score (log-odds) at which the lines scored at or above it are junk with precision ``target``
    or more (at least ``MIN_DROPS`` of them); None when there is none."""
    order = np.argsort(-score, kind="stable")
    precision = np.cumsum(junk[order]) / np.arange(1, len(order) + 1)
    good = np.nonzero(precision[MIN_DROPS - 1:] >= target)[0]
    return float(score[order][good.max() + MIN_DROPS - 1]) if len(good) else None


def at_most(score: np.ndarray, share: float) -> float:
    """The lowest threshold at which at most ``share`` of the lines score at or above it."""
    allowed = int(share * len(score))
    ranked = np.sort(score)[::-1]
    return float(np.nextafter(ranked[allowed], np.inf)) if allowed < len(ranked) else -np.inf


def regimes(x: np.ndarray) -> dict[str, np.ndarray]:
    """Which lines are in a page dump (``page``, the column after the features) and which in text."""
    page = x[:, len(FEATURES)] == 1.0
    return {"text": ~page, "page": page}


def calibrate(rows: dict[str, tuple[np.ndarray, np.ndarray]], models: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per regime (text, page dump), thresholds set on the real inputs but the gold pooled (precision of the
    drops) and on the gold text (share of its lines dropped); and what they drop on each input."""
    real = {name: row for name, row in rows.items() if name != "seeded"}
    scored = {name: scores(x, models) for name, (x, _) in real.items()}
    where = {name: regimes(x) for name, (x, _) in real.items()}
    pages = [name for name in real if name != "gold"]
    thresholds: dict[str, dict[str, dict[str, float | None]]] = {"default": {}, "article-body": {}}
    for regime in ("text", "page"):
        pooled = np.concatenate([scored[name][where[name][regime]] for name in pages])
        junk = np.concatenate([real[name][1][where[name][regime]] == JUNK for name in pages])
        gold = scored["gold"][where["gold"][regime]] if "gold" in real else np.zeros(0)

        def drop_at(target: float, gold_share: float) -> float | None:
            found = threshold(pooled, junk, target)
            if found is None:
                return None
            return round(max(found, at_most(gold, gold_share) if len(gold) >= MIN_GOLD else -np.inf), 4)

        report_at = drop_at(REPORT_PRECISION, 1.0)
        report_at = None if report_at is None else max(report_at, 0.0)  # and more likely junk than not
        for key, target, share in (("default", DEFAULT_PRECISION, DEFAULT_GOLD),
                                   ("article-body", ARTICLE_PRECISION, ARTICLE_GOLD)):
            drop = drop_at(target, share)
            report = report_at if drop is None or report_at is not None and report_at < drop else drop
            thresholds[key][regime] = {"drop": drop, "report": report}
    figures = {name: {key: _figures(_dropped(scored[name], where[name], pairs), real[name][1])
                      for key, pairs in thresholds.items()} for name in real}
    return {"thresholds": thresholds, "figures": figures}


def _dropped(score: np.ndarray, where: dict[str, np.ndarray], pairs: dict[str, dict[str, float | None]]) -> np.ndarray:
    """Which lines the drop thresholds of each regime drop."""
    dropped = np.zeros(len(score), dtype=bool)
    for regime, lines in where.items():
        drop = pairs[regime]["drop"]
        if drop is not None:
            dropped |= lines & (score >= drop)
    return dropped


def _figures(dropped: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """Lines dropped, precision of the drops (a line in between counts as content), share of the junk lines
    dropped, share of the content lines dropped."""
    junk, content = labels == JUNK, labels == CONTENT
    return {"lines": int(dropped.sum()),
            "precision": round(float(junk[dropped].mean()) if dropped.any() else 1.0, 4),
            "junk_dropped": round(float(junk[dropped].sum() / max(junk.sum(), 1)), 4),
            "content_dropped": round(float(content[dropped].sum() / max(content.sum(), 1)), 4)}


def training_set(rows: dict[str, tuple[np.ndarray, np.ndarray]], regime: str) -> tuple[np.ndarray, np.ndarray]:
    """All inputs' labelled lines of one regime stacked, without those in between."""
    x, y = np.vstack([x for x, _ in rows.values()]), np.concatenate([y for _, y in rows.values()])
    clear = (y != BETWEEN) & regimes(x)[regime]
    return x[clear], y[clear].astype(float)


#: The features each regime's model weighs: not the document-wide ones, which tell one document from
#: another, not a line from its neighbours (weighed, they cut a whole article out of a page with many menus);
#: in extracted text, not runs of short lines either (there a list, a table of contents, ingredients).
DOCUMENT_WIDE = ("page_dump", "main_share")
#: Nor the place against the article's run of sentences, a labelled series and the place against the stricter
#: extraction, which the verdict reads on its own (``cleaner/kinds/judge.py``): the shipped trees were trained
#: without them.
LEFT_OUT = (*DOCUMENT_WIDE, "outside_article", "label_series", "outside_stricter", "ahead_of_stricter")
TEXT_LEFT_OUT = (*LEFT_OUT, "in_run", "run_length", "run_outside", "run_inside")
REGIME_FEATURES = {"text": [name for name in FEATURES if name not in TEXT_LEFT_OUT],
                   "page": [name for name in FEATURES if name not in LEFT_OUT]}


def direction(train: dict, held_out: dict, names: tuple[str, str]) -> dict[str, Any]:
    """Train a model per regime on one collection's rows, calibrate on the other's; the judge's data."""
    models = {}
    for regime, used in REGIME_FEATURES.items():
        columns = [FEATURES.index(name) for name in used]
        x, y = training_set(train, regime)
        base, trees = fit_trees(x[:, columns], y)
        models[regime] = {"features": used, "base": round(base, 6), "trees": trees, "lines": len(y),
                          "junk": int(y.sum())}
    calibration = calibrate(held_out, models)
    return {"page_regime": PAGE_REGIME, "page_lines": PAGE_LINES, "page_head": PAGE_HEAD, "page_tail": PAGE_TAIL,
            "regimes": models, "thresholds": calibration["thresholds"],
            "trained_on": names[0], "calibrated_on": names[1], "held_out_figures": calibration["figures"],
            "command": COMMAND.format(train=names[0], calibrate=names[1])}


def report(model: dict[str, Any]) -> str:
    """The thresholds, what they drop on each held-out input, and the weights."""
    lines = [f"trained on {model['trained_on']}, calibrated on {model['calibrated_on']}: "
             f"thresholds {json.dumps(model['thresholds'])}"]
    for name, by_key in model["held_out_figures"].items():
        lines.append(f"  {name:<12} " + "   ".join(
            f"{key}: {f['lines']} lines, precision {f['precision']:.3f}, junk dropped {f['junk_dropped']:.1%}, "
            f"content dropped {f['content_dropped']:.2%}" for key, f in by_key.items()))
    for regime, part in model["regimes"].items():
        lines.append(f"  {regime}: {len(part['trees'])} trees over {part['lines']} lines ({part['junk']} junk)")
    return "\n".join(lines)


def recalibrate(path: Path, collection: str, cache: Path | None, write: Path | None) -> int:
    """Set the thresholds of the trees stored at ``path`` on ``collection`` (the trees are kept as they are)."""
    model = json.loads(path.read_text("utf8"))
    calibration = calibrate(collection_rows(EVAL / collection, cache), model["regimes"])
    model.update(thresholds=calibration["thresholds"], calibrated_on=collection,
                 held_out_figures=calibration["figures"],
                 recalibrated=RECALIBRATE.format(model=path.as_posix(), calibrate=collection))
    print(report(model))
    if write:
        write.write_text(json.dumps(model, indent=1) + "\n", "utf8")
        print(f"\nwrote {write}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default="articles-dev", help="the collection to train on (under ../shared/eval)")
    ap.add_argument("--calibrate", default="readability-dev", help="the collection to calibrate on")
    ap.add_argument("--cache", type=Path, default=None, help="keep the HTML pages' extractions in this folder")
    ap.add_argument("--write", type=Path, help="store the model trained on --train, calibrated on --calibrate")
    ap.add_argument("--recalibrate", type=Path, metavar="MODEL",
                    help="no training: set the thresholds of the trees stored in MODEL on --calibrate "
                         "(stored back with --write)")
    args = ap.parse_args(argv)
    if args.recalibrate:
        return recalibrate(args.recalibrate, args.calibrate, args.cache, args.write)
    rows = {name: collection_rows(EVAL / name, args.cache, seed=True) for name in (args.train, args.calibrate)}
    chosen = direction(rows[args.train], rows[args.calibrate], (args.train, args.calibrate))
    reverse = direction(rows[args.calibrate], rows[args.train], (args.calibrate, args.train))
    print(report(chosen), report(reverse), sep="\n\n")
    if args.write:
        args.write.write_text(json.dumps(chosen, indent=1) + "\n", "utf8")
        print(f"\nwrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
