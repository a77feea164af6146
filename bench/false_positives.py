"""False positives: what each rule does to clean, professionally edited text.

    python bench/false_positives.py [--data DIR] [--preset NAME] [--examples N]

Runs every rule with default settings (or a preset) over the gold article
bodies (``articleBody`` of ground-truth.json; default data dir
../shared/eval/articles-dev from the repo root). Such text has nothing to
clean, so every edit there is suspect. Prints, per rule, its edits and its
reports per 10,000 words with up to N examples, then the share of gold lines
dropped (every occurrence counted: a line removed whole by a drop, or by a
fix that leaves nothing of it)::

    rule  name                 edits  /10k words  reports  /10k words  examples
    P003  space-before-comma   1      0.05        0        0.00        'Obama ,' -> 'Obama,'
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "articles-dev"
CONTEXT = 20


def visible(line: str) -> bool:
    """A line with something to see (a line of zero-width spaces is blank)."""
    return any(char.isprintable() and not char.isspace() for char in line)


def lines_removed(text: str, change) -> int:
    """Non-blank lines of ``text`` a change removed whole (a drop, or a fix that leaves nothing of them)."""
    if not change.edits or visible(change.after):
        return 0
    first = text.split("\n")[change.line - 1]
    if change.action != "drop" and not (change.col == 1 and change.before.split("\n")[0] == first):
        return 0
    return sum(1 for line in change.before.splitlines() if visible(line))


def example(text: str, change) -> str:
    """The change with up to CONTEXT characters of its line on each side."""
    line = text.split("\n")[change.line - 1]
    at = change.col - 1
    left, right = line[max(at - CONTEXT, 0):at], line[at + len(change.before):][:CONTEXT]
    if change.action == "report":
        return f"{left}[{change.before[:60]!r} reported]{right}"
    return f"{left}[{change.before[:60]!r}->{change.after[:60]!r}]{right}"


def measure(bodies: list[str], cleaner: Cleaner) -> tuple[dict, int, int, int]:
    """Per-rule counts and examples; total words, gold lines and gold lines dropped."""
    rules: dict[str, dict] = defaultdict(lambda: {"edits": 0, "reports": 0, "examples": []})
    words = lines = dropped = 0
    for body in bodies:
        words += len(body.split())
        lines += sum(1 for line in body.splitlines() if visible(line))
        for change in cleaner.clean(body).changes:
            row = rules[f"{change.code}  {change.name}"]
            row["edits" if change.edits else "reports"] += 1
            row["examples"].append(example(body, change))
            dropped += lines_removed(body, change)
    return rules, words, lines, dropped


def table(rules: dict, words: int, shown: int) -> list[str]:
    per = 10_000 / max(words, 1)
    out = [f"{'rule':<34} {'edits':>6} {'/10k w':>7} {'reports':>8} {'/10k w':>7}  examples"]
    for rule in sorted(rules):
        row = rules[rule]
        picked = [text for text, _ in Counter(row["examples"]).most_common(shown)]
        out.append(f"{rule:<34} {row['edits']:>6} {row['edits'] * per:>7.2f} {row['reports']:>8} "
                   f"{row['reports'] * per:>7.2f}  {' | '.join(picked)}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--preset", default=None)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    gold = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [item.get("articleBody") or "" for _, item in sorted(gold.items())]
    rules, words, lines, dropped = measure(bodies, Cleaner(preset=args.preset))
    print(f"{len(bodies)} gold bodies, {words} words, {lines} visible lines; preset: {args.preset or 'none'}")
    print("\n".join(table(rules, words, args.examples)))
    share = dropped / max(lines, 1)
    print(f"gold lines dropped: {dropped} of {lines} ({share:.2%}); limit 0.50%: {'ok' if share <= 0.005 else 'OVER'}")
    return 0 if share <= 0.005 else 1


if __name__ == "__main__":
    sys.exit(main())
