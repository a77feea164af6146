"""The line judge's drops (rule J020) by the round that made them, and how many of them removed gold text.

    python bench/judge_cascade.py [--data DIR ...] [--preset NAME ...] [--input NAME ...] [--fold K/N]

The engine runs the lines stage in rounds until nothing more is dropped, and
the whole pipeline until nothing changes: a line the judge kept may go in a
later round, once the lines around it are gone (issue 17's cascade). Each
document of each input is cleaned (collections, presets, inputs and folds
as in bench/quality.py), and each line a J020 drop removed is counted under
the J020 step that dropped it: 1 for the first step in which J020 dropped
lines from that document, 2 for the next, and so on (3 stands for 3 and
later). A drop is false when it removed gold text, as bench/quality.py
judges drops (``bench.metric.GoldIndex``). Prints "dropped/false" per
round::

    collection    input       preset        round 1  round 2  round 3+
    articles-dev  inscriptis  article-body  5389/66  127/3    137/2
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import GoldIndex  # noqa: E402
from bench.quality import add_selection_arguments, chosen_inputs, fold_gold, select, table  # noqa: E402

CODE = "J020"
#: Rounds from this one on are counted together.
LAST_ROUND = 3


def rounds_of(changes: Any, gold: str, kept: str) -> Counter:
    """Per round (1, 2, ``LAST_ROUND`` for that one and later), the lines J020's drops removed from one
    document (key ``(round, "dropped")``) and of those, the false drops (``(round, "false")``)."""
    drops = [change for change in changes if change.code == CODE and change.action == "drop" and change.edits]
    steps = {step: min(rank, LAST_ROUND) for rank, step in enumerate(sorted({change.step for change in drops}), 1)}
    index = GoldIndex(gold, kept)
    tally: Counter = Counter()
    for change in drops:
        for line in (change.before or "").splitlines():
            if line.strip():
                tally[steps[change.step], "dropped"] += 1
                tally[steps[change.step], "false"] += index.removed(line)
    return tally


def cascade_rows(data: Path, cleaners: dict[str, Any], inputs: list[str], fold: str | None) -> list[list[str]]:
    """One row per input and preset of a collection: its name and "dropped/false" per round."""
    gold = fold_gold(data, fold)
    rows = []
    for name, by_id in chosen_inputs(data, inputs).items():
        for preset, cleaner in cleaners.items():
            tally: Counter = Counter()
            for doc_id, text in gold.items():
                result = cleaner.clean(by_id.get(doc_id) or "")
                tally += rounds_of(result.changes, text, result.text)
            rows.append([data.name, name, preset, *(f"{tally[k, 'dropped']}/{tally[k, 'false']}"
                                                    for k in range(1, LAST_ROUND + 1))])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_selection_arguments(ap)
    args = ap.parse_args(argv)
    datas, cleaners = select(ap, args)
    rows = [row for data in datas for row in cascade_rows(data, cleaners, args.inputs, args.fold)]
    print(table(["collection", "input", "preset", "round 1", "round 2", f"round {LAST_ROUND}+"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
