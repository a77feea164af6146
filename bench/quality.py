"""Measure what the cleaner does to extractor output on the benchmark dev set.

    python bench/quality.py [--data DIR] [--preset NAME] [--extractor NAME ...]
                            [--fold K/N] [--per-rule | --examples] [--html] [--json]

For every inputs/<extractor>.json of the data dir (default
../shared/eval/articles-dev from the repo root), each document's text is
run through ``cleaner.Cleaner(preset=...).clean`` and scored against
ground-truth.json with the benchmark metric (bench/metric.py).  Prints::

    input         P before  R before  F1 before  P after  R after  F1 after  dF1     dropped  false drops
    trafilatura   0.936     0.977     0.956      ...

then, per rule code, how many lines its "drop" changes removed and how
many of those were false drops, i.e. removed gold text (definition in
bench.metric.removed_gold_text).  --per-rule/--examples adds up to two
example false drops per rule (first 100 chars).  --html also reads
html/*.html.gz as ``cleaner clean`` does (``cleaner.html.read_page``; row
"html": before = trafilatura's text, after = that text cleaned); --json prints
the same figures as JSON instead of tables.  --fold K/N keeps only the
documents whose position in sorted id order is K modulo N (``--fold 0/2``
and ``--fold 1/2`` are the two halves of a 2-fold split).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import GoldIndex, score  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "articles-dev"


def dropped_lines(changes) -> list[tuple[str, str, str]]:
    """(code, name, line) for each non-blank line removed by a drop change."""
    return [(ch.code, ch.name, line) for ch in changes if ch.action == "drop"
            for line in (ch.before or "").splitlines() if line.strip()]


def run_input(name, texts, gold, clean, rules) -> dict:
    """Clean every document of one input (``clean(doc_id, text)``); update ``rules``; return its row."""
    pairs_before, pairs_after, errors = [], [], []
    n_dropped = n_false = 0
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
        index = GoldIndex(g, after)
        for code, rule_name, line in dropped_lines(changes):
            false = index.removed(line)
            n_dropped += 1
            n_false += false
            rule = rules[code]
            rule["name"] = rule_name
            rule["dropped"] += 1
            rule["false_drops"] += false
            if false and len(rule["examples"]) < 2:
                rule["examples"].append(f"[{name}] {line.strip()[:100]}")
    return {"input": name, "docs": len(gold),
            "before": score(pairs_before)._asdict(),
            "after": score(pairs_after)._asdict(),
            "dropped": n_dropped, "false_drops": n_false, "errors": errors}


def html_pages(data: Path, ids, reader) -> tuple[dict, dict]:
    """Each page's extracted text, and what cleaning it the way ``cleaner clean`` does gave."""
    texts, results = {}, {}
    for doc_id in ids:
        page, results[doc_id] = reader(gzip.decompress((data / "html" / f"{doc_id}.html.gz").read_bytes()))
        texts[doc_id] = page["text"]
    return texts, results


def table(headers, rows) -> str:
    cells = [headers] + [[f"{c:.3f}" if isinstance(c, float) else str(c)
                          for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                     for r in cells)


def report(rows, rules, examples: bool) -> str:
    out = [table(
        ["input", "P before", "R before", "F1 before", "P after", "R after",
         "F1 after", "dF1", "dropped", "false drops"],
        [[r["input"], *r["before"].values(), *r["after"].values(),
          f"{r['after']['f1'] - r['before']['f1']:+.3f}",
          r["dropped"], r["false_drops"]] for r in rows])]
    for r in rows:
        if r["errors"]:
            out.append(f"! {r['input']}: clean() raised on {len(r['errors'])}"
                       f" docs (text kept unchanged), e.g. {r['errors'][0]}")
    out.append("")
    if not rules:
        out.append("no lines dropped")
        return "\n".join(out)
    out.append(table(["rule", "name", "dropped", "false drops", "false %"],
                     [[code, r["name"], r["dropped"], r["false_drops"],
                       f"{100 * r['false_drops'] / r['dropped']:.0f}%"]
                      for code, r in sorted(rules.items())]))
    if examples:
        for code, r in sorted(rules.items()):
            for ex in r["examples"]:
                out.append(f"  {code}  {ex}")
    return "\n".join(out)


def fold_of(spec: str | None, ids) -> set:
    """The ids of fold ``K/N`` (position in sorted order is K mod N); all ids when None."""
    if not spec:
        return set(ids)
    k, n = (int(part) for part in spec.split("/"))
    if not 0 <= k < n:
        raise ValueError(f"--fold {spec}: need 0 <= K < N")
    return {doc_id for i, doc_id in enumerate(sorted(ids)) if i % n == k}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--preset", default=None)
    ap.add_argument("--extractor", nargs="+", action="extend", default=[],
                    help="only these inputs (default: all inputs/*.json)")
    ap.add_argument("--per-rule", "--examples", dest="examples",
                    action="store_true", help="show example false drops")
    ap.add_argument("--html", action="store_true",
                    help="also read html/*.html.gz as `cleaner clean` does")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--fold", help="K/N: only documents K mod N in sorted id order")
    args = ap.parse_args(argv)

    from cleaner import Cleaner
    try:
        cleaner = Cleaner(preset=args.preset)
    except Exception as exc:
        print(f"Cleaner(preset={args.preset!r}) raised "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    gold = {k: v.get("articleBody") or "" for k, v in json.loads(
        (args.data / "ground-truth.json").read_text("utf8")).items()}
    try:
        keep = fold_of(args.fold, gold)
    except ValueError as exc:
        ap.error(str(exc))
    gold = {k: v for k, v in gold.items() if k in keep}
    paths = sorted((args.data / "inputs").glob("*.json"))
    unknown = set(args.extractor) - {p.stem for p in paths}
    if unknown:
        ap.error(f"no inputs for {sorted(unknown)}; have {[p.stem for p in paths]}")
    rules = defaultdict(lambda: {"name": "", "dropped": 0, "false_drops": 0,
                                 "examples": []})
    rows = []
    for path in paths:
        if args.extractor and path.stem not in args.extractor:
            continue
        data = json.loads(path.read_text("utf8"))
        texts = {k: (v or {}).get("articleBody") or "" for k, v in data.items()}
        rows.append(run_input(path.stem, texts, gold, lambda doc_id, text: cleaner.clean(text), rules))
    if args.html:
        from cleaner.html import read_page
        texts, results = html_pages(args.data, gold, lambda html: read_page(html, lambda url: cleaner))
        rows.append(run_input("html", texts, gold, lambda doc_id, text: results[doc_id], rules))
    if args.json:
        print(json.dumps({"preset": args.preset, "fold": args.fold, "inputs": rows,
                          "rules": rules}, indent=2, ensure_ascii=False))
    else:
        print(f"preset: {args.preset}   data: {args.data}   fold: {args.fold or 'all'}")
        print(report(rows, rules, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
