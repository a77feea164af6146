"""Rule precision: per rule, how many of the tokens it removed were junk and how many content.

    python bench/rule_precision.py [--data DIR ...] [--preset NAME ...] [--input NAME ...]
                                   [--fold K/N] [--json]

Collections, presets, inputs and folds are chosen as in bench/quality.py (by
default every collection under ../shared/eval/, all its inputs, presets
``default`` and ``article-body``).  Every document is cleaned and each
applied drop or fix (``Result.changes``) is judged by the tokens it removed:
the tokens (bench.metric.tokens) of its ``before`` text less those of its
``after`` text, as multisets.  A removed token is *content* when the gold
text of the document holds more copies of it than the cleaned text kept, so
removing it lowered recall; of the n copies of a token one change removed,
at most that shortfall count as content and the rest as *junk*
(``junk_and_content``).  Like bench.metric.removed_gold_text this is lenient
towards the gold: a common word ("the") on a junk line counts as content
whenever the cleaned text holds fewer of it than the gold does, e.g. because
the extractor missed part of the article.  Prints, per collection, rule and preset, summed over
the inputs::

    collection    rule  name        preset   changes  junk   content  content %
    articles-dev  J020  line-judge  default  11631    37839  888      2.3%

A rule with a high content share removes text the gold keeps: a tuning
candidate.  Tuning on one collection is reported on the other before it is
kept (bench/quality.py).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import tokens  # noqa: E402
from bench.quality import add_selection_arguments, chosen_inputs, fold_gold, select, table  # noqa: E402
from cleaner import Cleaner  # noqa: E402

#: The actions whose changes remove text.
REMOVING = ("drop", "fix")


def removed_tokens(before: str, after: str) -> Counter:
    """The tokens of ``before`` that ``after`` lacks, as a multiset.

    >>> removed_tokens("Share on X: a b", "a b")
    Counter({'Share': 1, 'on': 1, 'X': 1})
    """
    return Counter(tokens(before)) - Counter(tokens(after))


def junk_and_content(removed: Counter, gold: Counter, kept: Counter) -> tuple[int, int]:
    """(junk, content) among ``removed`` tokens: of the n copies of a token, as many as the gold
    holds beyond what the cleaned text ``kept`` (at most n) are content, the rest junk."""
    content = sum(min(n, max(gold[token] - kept[token], 0)) for token, n in removed.items())
    return sum(removed.values()) - content, content


def new_tally() -> dict[str, Any]:
    """One rule's figures in one run: its changes and the junk and content tokens they removed."""
    return {"name": "", "changes": 0, "junk": 0, "content": 0}


def judge_document(gold: str, result, rules: dict[str, dict]) -> None:
    """Add to ``rules`` what each removing change of one document's ``result`` took away."""
    gold_tokens, kept = Counter(tokens(gold)), Counter(tokens(result.text))
    for change in result.changes:
        if not change.edits or change.action not in REMOVING:
            continue
        junk, content = junk_and_content(removed_tokens(change.before, change.after), gold_tokens, kept)
        rule = rules[change.code]
        rule["name"] = change.name
        rule["changes"] += 1
        rule["junk"] += junk
        rule["content"] += content


def judge_collection(data: Path, cleaners: dict[str, Cleaner], inputs, fold: str | None) -> list[dict]:
    """Per preset, every rule's tally over the chosen inputs of one collection."""
    gold = fold_gold(data, fold)
    texts = chosen_inputs(data, inputs)
    runs = []
    for preset, cleaner in cleaners.items():
        rules: dict[str, dict] = defaultdict(new_tally)
        for by_id in texts.values():
            for doc_id, gold_text in gold.items():
                judge_document(gold_text, cleaner.clean(by_id.get(doc_id) or ""), rules)
        runs.append({"collection": data.name, "preset": preset, "inputs": list(texts), "rules": dict(rules)})
    return runs


def content_share(rule: dict[str, Any]) -> float:
    """The share of a rule's removed tokens that were content (0.0 when it removed none)."""
    removed = rule["junk"] + rule["content"]
    return rule["content"] / removed if removed else 0.0


def report(runs) -> str:
    """One row per collection, rule and preset."""
    rows = sorted([run["collection"], code, rule["name"], run["preset"], rule["changes"], rule["junk"],
                   rule["content"], f"{content_share(rule):.1%}"]
                  for run in runs for code, rule in run["rules"].items())
    return table(["collection", "rule", "name", "preset", "changes", "junk", "content", "content %"], rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_selection_arguments(ap)
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)
    datas, cleaners = select(ap, args)
    runs = [run for data in datas for run in judge_collection(data, cleaners, args.inputs, args.fold)]
    if args.json:
        print(json.dumps({"fold": args.fold, "runs": runs}, indent=2, ensure_ascii=False))
    else:
        inputs = {run["collection"]: ", ".join(run["inputs"]) for run in runs}
        print(f"fold: {args.fold or 'all'}; inputs: " + "; ".join(f"{name}: {names}" for name, names in inputs.items()))
        print(report(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
