"""What each rule costs: CPU seconds per rule over a corpus, in one process.

    python bench/rule_cost.py [--corpus DIR] [--preset NAME] [--passes N] [--top N]

Cleans every text of the corpus (default: the extractor texts of
``../shared/eval/articles-dev/inputs/*.json``, the documents ``bench/speed.py``
replicates; with ``--corpus``, every ``*.txt`` file under DIR) with
``cleaner.Cleaner`` and times each rule's ``find`` with the CPU clock; the
rest of ``clean`` (applying edits, building the log, the rounds of the lines
stage) is the engine's. Work that rules share (the line views, the
document's stopword list) is counted to whichever rule asks for it first.
The first pass warms the caches of the process (compiled patterns, line
shapes); each pass starts with the cleaner's own caches of line texts empty;
the figures are the fastest of ``--passes`` later ones. Prints, most costly first::

    rule  name              kind           CPU s  share  findings
    J020  line-judge        line-judge     0.350  17.6%       215
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.speed import DATA, dev_texts  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.change import Finding  # noqa: E402
from cleaner.document import Document  # noqa: E402


def corpus_texts(folder: Path | None) -> list[str]:
    """The texts to clean: every ``*.txt`` under ``folder``, or the dev extractor texts."""
    if folder is None:
        return dev_texts()
    return [path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.rglob("*.txt"))]


class RuleClock:
    """Each rule's CPU time and findings, gathered by wrapping its kind's ``find``."""

    def __init__(self, cleaner: Cleaner) -> None:
        self.seconds: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        for kind in cleaner.kinds:
            kind.find = self._timed(kind.rule.code, kind.find)  # type: ignore[method-assign]

    def _timed(self, code: str, find: Callable[[Document], Iterator[Finding]]) -> Callable[[Document], Iterator[Finding]]:
        def timed(doc: Document) -> Iterator[Finding]:
            start = time.process_time()
            try:
                found = list(find(doc))
            finally:
                self.seconds[code] += time.process_time() - start
            self.findings[code] += len(found)
            return iter(found)
        return timed

    def reset(self) -> None:
        self.seconds.clear()
        self.findings.clear()


def measure(cleaner: Cleaner, texts: list[str], passes: int) -> tuple[float, Counter[str], Counter[str]]:
    """The fastest of ``passes`` timed passes (after one to warm up): total CPU s, per-rule CPU s, findings.
    Each pass starts with the cleaner's caches of line texts (``Document.lasting``) empty: it reads the corpus
    as for the first time."""
    clock = RuleClock(cleaner)
    best: tuple[float, Counter[str], Counter[str]] | None = None
    for number in range(passes + 1):
        clock.reset()
        cleaner.lasting.clear()
        start = time.process_time()
        for text in texts:
            cleaner.clean(text)
        total = time.process_time() - start
        if number and (best is None or total < best[0]):
            best = (total, Counter(clock.seconds), Counter(clock.findings))
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files (default: the dev extractor texts)")
    parser.add_argument("--preset", help="a rule preset (default: the default rules)")
    parser.add_argument("--passes", type=int, default=2, help="timed passes after the warm-up one; the fastest is shown")
    parser.add_argument("--top", type=int, default=0, help="show only the N most costly rules")
    args = parser.parse_args()
    texts = corpus_texts(args.corpus)
    if not texts:
        parser.error(f"no texts in {args.corpus or DATA}")
    cleaner = Cleaner(preset=args.preset) if args.preset else Cleaner()
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    total, seconds, findings = measure(cleaner, texts, max(1, args.passes))
    names = {kind.rule.code: (kind.rule.name, kind.name) for kind in cleaner.kinds}
    print(f"{len(texts)} texts, {megabytes:.1f} MB: {total:.2f} CPU s ({megabytes / total:.2f} MB/s in-process)")
    print(f"{'rule':<6}{'name':<28}{'kind':<18}{'CPU s':>7}{'share':>8}{'findings':>10}")
    rows = seconds.most_common(args.top or None)
    for code, spent in rows:
        name, kind = names[code]
        print(f"{code:<6}{name[:27]:<28}{kind:<18}{spent:>7.3f}{spent / total:>8.1%}{findings[code]:>10}")
    engine = total - sum(seconds.values())
    print(f"{'-':<6}{'engine: edits, log, rounds':<28}{'':<18}{engine:>7.3f}{engine / total:>8.1%}")


if __name__ == "__main__":
    main()
