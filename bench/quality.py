"""Measure what the cleaner does to extractor output, on every dev collection.

    python bench/quality.py [--data DIR ...] [--preset NAME ...] [--input NAME ...]
                            [--fold K/N] [--per-rule | --examples] [--html] [--json]

A collection is a folder in the layout of ../shared/eval/articles-dev
(ground-truth.json and inputs/<extractor>.json, optionally html/*.html.gz).
By default every such folder under ../shared/eval/ is measured (today
articles-dev and readability-dev) with both presets, ``default`` (no preset)
and ``article-body``; --data DIR (repeatable) and --preset NAME (repeatable)
narrow that.  Each document of each input is run through
``cleaner.Cleaner(preset=...).clean`` and scored against the gold
``articleBody`` with the benchmark metric (bench/metric.py).  Prints one row
per collection x input x preset::

    collection    input      preset   P               R               F1              dF1     R lost  tok lost  art lost  dropped  false
    articles-dev  html-text  default  0.507 -> 0.779  0.995 -> 0.985  0.672 -> 0.870  +0.198  0.010   0.5%      0         11799    90

* P, R, F1: the benchmark's figures before -> after cleaning; dF1 the change.
* R lost: recall before - recall after (``recall_lost``).
* tok lost: the share of gold tokens lost, a token-multiset measure over the
  whole input: gold tokens the input held that the cleaned text no longer
  holds, over gold tokens the input held (``gold_tokens_lost``).
* art lost: documents whose article the cleaning lost (``article_lost``: the
  input has 50+ words, cleaning left under a fifth of them, and the gold has
  at least a fifth of them); their ids are listed under the table.
* dropped / false: lines removed by "drop" changes, and those of them that
  were false drops, i.e. removed gold text (bench.metric.removed_gold_text).

Then, per collection and preset, what the cleaner does to clean professional
text: it is run over the gold texts themselves and the share of their
non-blank lines it drops is printed (bench/false_positives.py's count); and,
per rule, "dropped/false" for every collection x preset.  --per-rule
(--examples) adds up to two example false drops per rule and run.  --html adds
an input "html": the pages read as ``cleaner clean`` does
(``cleaner.formats.html.read_page``; before = trafilatura's text, after = that text
cleaned); each page is extracted once and cleaned with every preset.
--fold K/N keeps only the documents whose position in sorted id order is K
modulo N (``--fold 0/2`` and ``--fold 1/2`` are the two halves of a 2-fold
split).  --json prints the same figures as JSON.

The working rule (issue 17): whatever is tuned on one collection is reported
on the other before it is kept, and the commit message gives both figures.
bench/rule_precision.py shows which rules remove content.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.false_positives import measure as clean_text_changes  # noqa: E402
from bench.metric import GoldIndex, score, tokens  # noqa: E402
from cleaner import Cleaner  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
#: The presets measured unless --preset says otherwise; "default" is no preset.
PRESETS = ("default", "article-body")
#: article_lost: inputs shorter than this many words are never counted.
ARTICLE_MIN_WORDS = 50
#: article_lost: the share of the input's words under which an article counts as cut away.
ARTICLE_SHARE = 0.2


def is_collection(folder: Path) -> bool:
    """Whether ``folder`` holds a collection: ground-truth.json and inputs/."""
    return (folder / "ground-truth.json").is_file() and (folder / "inputs").is_dir()


def collections(folder: Path = EVAL) -> list[Path]:
    """The collection folders under ``folder``."""
    return sorted(path for path in folder.iterdir() if is_collection(path))


def bodies(path: Path) -> dict[str, str]:
    """Document id -> ``articleBody`` ('' when missing) of a JSON file in the benchmark's layout."""
    items = json.loads(path.read_text("utf8"))
    return {doc_id: (item or {}).get("articleBody") or "" for doc_id, item in items.items()}


def load_gold(data: Path) -> dict[str, str]:
    """Document id -> gold article text of a collection."""
    return bodies(data / "ground-truth.json")


def input_names(data: Path) -> list[str]:
    """The names of a collection's inputs (inputs/<name>.json), sorted."""
    return sorted(path.stem for path in (data / "inputs").glob("*.json"))


def load_input(data: Path, name: str) -> dict[str, str]:
    """Document id -> text of one input of a collection."""
    return bodies(data / "inputs" / f"{name}.json")


def fold_of(spec: str | None, ids) -> set:
    """The ids of fold ``K/N`` (position in sorted order is K mod N); all ids when None."""
    if not spec:
        return set(ids)
    k, n = (int(part) for part in spec.split("/"))
    if not 0 <= k < n:
        raise ValueError(f"--fold {spec}: need 0 <= K < N")
    return {doc_id for i, doc_id in enumerate(sorted(ids)) if i % n == k}


def make_cleaners(presets) -> dict[str, Cleaner]:
    """One ``Cleaner`` per preset name ("default" is no preset); raises ValueError for an unknown one."""
    return {name: Cleaner(preset=None if name == "default" else name) for name in presets}


def add_selection_arguments(ap: argparse.ArgumentParser) -> None:
    """The options that pick collections, presets, inputs and a fold (shared by the bench scripts)."""
    ap.add_argument("--data", type=Path, action="append", default=[], metavar="DIR",
                    help="a collection folder (repeatable; default: every folder under "
                         f"{EVAL} with ground-truth.json and inputs/)")
    ap.add_argument("--preset", action="append", default=[], metavar="NAME",
                    help=f"a preset (repeatable; 'default' is no preset; default: {' and '.join(PRESETS)})")
    ap.add_argument("--input", "--extractor", dest="inputs", nargs="+", action="extend",
                    default=[], metavar="NAME", help="only these inputs (default: all inputs/*.json)")
    ap.add_argument("--fold", metavar="K/N", help="only documents K mod N in sorted id order")


def select(ap: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[list[Path], dict[str, Cleaner]]:
    """The collections and the cleaner of each preset the options ask for (``ap.error`` on a bad choice)."""
    datas = args.data or collections()
    missing = [str(data) for data in datas if not is_collection(data)]
    if missing:
        ap.error(f"not a collection (ground-truth.json and inputs/): {', '.join(missing)}")
    unknown = set(args.inputs) - {name for data in datas for name in input_names(data)}
    if unknown:
        ap.error(f"no inputs {sorted(unknown)} in {[data.name for data in datas]}")
    try:
        fold_of(args.fold, [])
        return datas, make_cleaners(args.preset or PRESETS)
    except ValueError as exc:
        ap.error(str(exc))


def fold_gold(data: Path, fold: str | None) -> dict[str, str]:
    """The gold texts of a collection's documents in ``fold``, in sorted id order."""
    gold = load_gold(data)
    keep = fold_of(fold, gold)
    return {doc_id: text for doc_id, text in sorted(gold.items()) if doc_id in keep}


def chosen_inputs(data: Path, names) -> dict[str, dict[str, str]]:
    """Input name -> its texts, for the inputs of ``data`` among ``names`` (all when empty)."""
    return {name: load_input(data, name) for name in input_names(data) if not names or name in names}


def gold_tokens_lost(gold: str, before: str, after: str) -> tuple[int, int]:
    """(lost, present): the gold tokens the input held, and how many of them cleaning removed.

    Token multisets (bench.metric.tokens): ``present`` = |gold & before|,
    ``lost`` = present - |gold & before & after|.

    >>> gold_tokens_lost("a b b c", "a b b x", "b x")
    (2, 3)
    """
    held = Counter(tokens(gold)) & Counter(tokens(before))
    present = sum(held.values())
    return present - sum((held & Counter(tokens(after))).values()), present


def article_lost(gold: str, before: str, after: str) -> bool:
    """Whether cleaning cut away the article: the input has ARTICLE_MIN_WORDS+ words, the
    cleaned text under ARTICLE_SHARE of them, and the gold at least ARTICLE_SHARE of them.

    Words are bench.metric.tokens, as the metric counts them.
    """
    words = len(tokens(before))
    return (words >= ARTICLE_MIN_WORDS and len(tokens(after)) < ARTICLE_SHARE * words
            and len(tokens(gold)) >= ARTICLE_SHARE * words)


def recall_lost(before: dict[str, float], after: dict[str, float]) -> float:
    """Recall before cleaning minus recall after (negative when cleaning raised it)."""
    return before["recall"] - after["recall"]


def gold_lines_dropped(golds: list[str], cleaner: Cleaner) -> dict[str, int]:
    """Clean professional text (the gold texts): its non-blank lines and how many cleaning
    dropped, counted as bench/false_positives.py counts them."""
    _, _, lines, dropped = clean_text_changes(golds, cleaner)
    return {"lines": lines, "dropped": dropped}


def dropped_lines(changes) -> list[tuple[str, str, str]]:
    """(code, name, line) for each non-blank line removed by a drop change."""
    return [(ch.code, ch.name, line) for ch in changes if ch.action == "drop"
            for line in (ch.before or "").splitlines() if line.strip()]


def new_rule() -> dict[str, Any]:
    """A rule's tally of dropped lines in one run."""
    return {"name": "", "dropped": 0, "false_drops": 0, "examples": []}


def count_drops(name: str, gold: str, after: str, changes, rules) -> tuple[int, int]:
    """Tally in ``rules`` each line a drop removed from one document; return (dropped, false drops)."""
    index = GoldIndex(gold, after)
    dropped = false_drops = 0
    for code, rule_name, line in dropped_lines(changes):
        false = index.removed(line)
        dropped += 1
        false_drops += false
        rule = rules[code]
        rule["name"] = rule_name
        rule["dropped"] += 1
        rule["false_drops"] += false
        if false and len(rule["examples"]) < 2:
            rule["examples"].append(f"[{name}] {line.strip()[:100]}")
    return dropped, false_drops


def run_input(name: str, texts: dict[str, str], gold: dict[str, str],
              clean: Callable[[str, str], Any], rules) -> dict[str, Any]:
    """Clean every document of one input (``clean(doc_id, text)``); update ``rules``; return its row."""
    pairs_before, pairs_after, errors, articles_lost = [], [], [], []
    tally: Counter = Counter()
    for doc_id, g in gold.items():
        text = texts.get(doc_id) or ""
        try:
            result = clean(doc_id, text)
            after, changes = result.text, result.changes
        except Exception as exc:  # count it, keep the text unchanged
            errors.append(f"{doc_id[:12]}: {type(exc).__name__}: {exc}")
            after, changes = text, []
        pairs_before.append((g, text))
        pairs_after.append((g, after))
        dropped, false_drops = count_drops(name, g, after, changes, rules)
        lost, present = gold_tokens_lost(g, text, after)
        tally.update(dropped=dropped, false_drops=false_drops, lost=lost, present=present)
        if article_lost(g, text, after):
            articles_lost.append(doc_id)
    before, after = score(pairs_before)._asdict(), score(pairs_after)._asdict()
    return {"input": name, "docs": len(gold), "before": before, "after": after,
            "recall_lost": recall_lost(before, after),
            "gold_tokens_lost": tally["lost"] / tally["present"] if tally["present"] else 0.0,
            "articles_lost": articles_lost, "dropped": tally["dropped"],
            "false_drops": tally["false_drops"], "errors": errors}


class EachPreset:
    """Stands in for the one cleaner ``read_page`` is given: cleans the page's text with every
    preset's cleaner (``clean`` returns preset -> Result). The second extraction that H001
    compares with is made when any of them uses it; the others ignore it."""

    def __init__(self, cleaners: dict[str, Cleaner]):
        self.cleaners = cleaners

    def uses(self, kind_name: str) -> bool:
        return any(cleaner.uses(kind_name) for cleaner in self.cleaners.values())

    def clean(self, text: str, **options) -> dict[str, Any]:
        return {preset: cleaner.clean(text, **options) for preset, cleaner in self.cleaners.items()}


def html_pages(data: Path, ids, cleaners: dict[str, Cleaner]) -> tuple[dict[str, str], dict[str, Any]]:
    """Each page's extracted text, and preset -> what cleaning it the way ``cleaner clean`` does
    gave (or the exception reading the page raised); each page is extracted once."""
    from cleaner.formats.html import read_page
    each = EachPreset(cleaners)
    texts, results = {}, {}
    for doc_id in ids:
        try:
            page, results[doc_id] = read_page(
                gzip.decompress((data / "html" / f"{doc_id}.html.gz").read_bytes()), lambda url: each)
            texts[doc_id] = page["text"]
        except Exception as exc:  # e.g. no article text found: run_input counts it as an error
            results[doc_id] = exc
    return texts, results


def html_clean(results: dict[str, Any], preset: str) -> Callable[[str, str], Any]:
    """``clean(doc_id, text)`` for run_input: the page's result for ``preset``, or its error raised."""
    def clean(doc_id: str, text: str) -> Any:
        outcome = results[doc_id]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome[preset]
    return clean


def run_collection(data: Path, cleaners: dict[str, Cleaner], inputs, fold: str | None,
                   html: bool) -> list[dict[str, Any]]:
    """One run per preset over a collection: its input rows, its rules' drops, and the gold lines it drops."""
    gold = fold_gold(data, fold)
    texts = chosen_inputs(data, inputs)
    pages = html_pages(data, gold, cleaners) if html else None
    runs = []
    for preset, cleaner in cleaners.items():
        rules: dict[str, dict] = defaultdict(new_rule)
        rows = [run_input(name, by_id, gold, lambda doc_id, text: cleaner.clean(text), rules)
                for name, by_id in texts.items()]
        if pages:
            rows.append(run_input("html", pages[0], gold, html_clean(pages[1], preset), rules))
        runs.append({"collection": data.name, "preset": preset, "inputs": rows, "rules": dict(rules),
                     "gold_lines": gold_lines_dropped(list(gold.values()), cleaner)})
    return runs


def table(headers, rows) -> str:
    cells = [headers] + [[f"{c:.3f}" if isinstance(c, float) else str(c)
                          for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                     for r in cells)


def arrow(row: dict[str, Any], measure: str) -> str:
    """``before -> after`` of one of a row's scores."""
    return f"{row['before'][measure]:.3f} -> {row['after'][measure]:.3f}"


def inputs_report(runs) -> list[str]:
    """The table of every collection x input x preset, then its errors and lost articles."""
    rows, notes = [], []
    for run in runs:
        for r in run["inputs"]:
            where = f"{run['collection']} {r['input']} {run['preset']}"
            rows.append([run["collection"], r["input"], run["preset"], arrow(r, "precision"),
                         arrow(r, "recall"), arrow(r, "f1"), f"{r['after']['f1'] - r['before']['f1']:+.3f}",
                         f"{r['recall_lost']:.3f}", f"{r['gold_tokens_lost']:.1%}",
                         len(r["articles_lost"]), r["dropped"], r["false_drops"]])
            if r["errors"]:
                notes.append(f"! {where}: clean() raised on {len(r['errors'])}"
                             f" docs (text kept unchanged), e.g. {r['errors'][0]}")
            if r["articles_lost"]:
                notes.append(f"articles lost, {where}: {' '.join(r['articles_lost'])}")
    return [table(["collection", "input", "preset", "P", "R", "F1", "dF1", "R lost",
                   "tok lost", "art lost", "dropped", "false"], rows), *notes]


def clean_text_report(runs) -> str:
    """Per collection and preset, the share of the gold texts' lines cleaning dropped."""
    return table(["collection", "preset", "gold lines", "dropped", "dropped %"],
                 [[run["collection"], run["preset"], run["gold_lines"]["lines"],
                   run["gold_lines"]["dropped"],
                   f"{run['gold_lines']['dropped'] / max(run['gold_lines']['lines'], 1):.2%}"]
                  for run in runs])


def rules_report(runs, examples: bool) -> list[str]:
    """Per rule, ``dropped/false drops`` in every run; with ``examples``, its example false drops."""
    names = {code: rule["name"] for run in runs for code, rule in run["rules"].items()}
    if not names:
        return ["no lines dropped"]
    out = [table(["rule", "name", *(f"{run['collection']} {run['preset']}" for run in runs)],
                 [[code, names[code], *(f"{run['rules'][code]['dropped']}/{run['rules'][code]['false_drops']}"
                                        if code in run["rules"] else "" for run in runs)]
                  for code in sorted(names)])]
    if examples:
        out += [f"  {code}  {run['collection']} {run['preset']}  {example}"
                for code in sorted(names) for run in runs
                for example in run["rules"].get(code, new_rule())["examples"]]
    return out


def report(runs, examples: bool) -> str:
    """The three tables: inputs, clean professional text, rules (dropped/false drops)."""
    return "\n".join([*inputs_report(runs), "", "clean professional text (the gold texts) cleaned:",
                      clean_text_report(runs), "", "lines dropped/false drops per rule:",
                      *rules_report(runs, examples)])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_selection_arguments(ap)
    ap.add_argument("--per-rule", "--examples", dest="examples",
                    action="store_true", help="show example false drops")
    ap.add_argument("--html", action="store_true",
                    help="also read html/*.html.gz as `cleaner clean` does (input 'html')")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)
    datas, cleaners = select(ap, args)
    runs = [run for data in datas for run in run_collection(data, cleaners, args.inputs, args.fold, args.html)]
    if args.json:
        print(json.dumps({"fold": args.fold, "runs": runs}, indent=2, ensure_ascii=False))
    else:
        print(f"collections: {', '.join(str(data) for data in datas)}   fold: {args.fold or 'all'}")
        print(report(runs, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
