"""HTML in, article body out: trafilatura alone against trafilatura + the rules.

For ``trafilatura.extract(page)`` as called plainly and for each setting of
the extraction ``cleaner clean`` runs (``bare_extraction``) tried, prints the benchmark's shingle
precision/recall/F1 (bench/metric.py) of trafilatura's text alone, and of
what ``cleaner clean`` writes for the same pages with the default rules and
with ``--preset article-body``. The pages are the ``html/*.html.gz`` of a
dataset in the layout of ``../shared/eval/articles-dev/``::

    python bench/html_quality.py [--data DIR]

The ``cleaner`` columns do what ``cleaner clean PAGES -o OUT`` does
(``cleaner.formats.html.read_page``): the page's text from the row's setting, cleaned
with the second, stricter extraction (``SECOND_OPINION``) beside it for rule
H001; the row "cleaner's" is the setting ``cleaner clean`` uses.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.metric import score  # noqa: E402
from cleaner import Cleaner, Config  # noqa: E402
from cleaner.formats.html import EXTRACTION, SECOND_OPINION, extract  # noqa: E402
from cleaner.kinds.agreement import SECOND_EXTRACTION  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "articles-dev"
SETTINGS = {
    "defaults": {},
    "no comments": {"include_comments": False},
    "precision": {"favor_precision": True},
    "cleaner's (no comments, tables)": EXTRACTION,
    "second opinion (precision)": SECOND_OPINION,
    "recall": {"include_comments": False, "favor_recall": True},
}


def plain_extract(page: bytes) -> str:
    """What ``trafilatura.extract(page)`` returns with its defaults, as a user calls it: comments kept, text
    formatted by its own writer (the baseline issue 17 compares the HTML row with)."""
    import trafilatura

    return trafilatura.extract(page) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    gold = {key: value["articleBody"] for key, value in
            json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8")).items()}
    pages = {path.name.removesuffix(".html.gz"): gzip.decompress(path.read_bytes())
             for path in sorted((args.data / "html").glob("*.html.gz"))}
    cleaners = {"rules": Cleaner(), "article-body": Cleaner(Config(preset="article-body"))}
    seconds = {key: {SECOND_EXTRACTION: extract(page, SECOND_OPINION, metadata=False)["text"]} for key, page in pages.items()}
    print(f"{len(pages)} pages; F1 / precision / recall")
    print(f"{'trafilatura setting':<40} {'trafilatura alone':<22} {'+ rules':<22} {'+ article-body':<22} s")
    rows = {"trafilatura.extract(page), its defaults": plain_extract,
            **{label: partial(_bare_text, settings=settings) for label, settings in SETTINGS.items()}}
    for label, text_of in rows.items():
        started = time.perf_counter()
        texts = {key: text_of(page) for key, page in pages.items()}
        columns = [_scores(gold, texts)]
        for cleaner in cleaners.values():
            columns.append(_scores(gold, {key: cleaner.clean(text, meta=seconds[key]).text
                                          for key, text in texts.items()}))
        print(f"{label:<40} " + " ".join(f"{c:<22}" for c in columns) + f" {time.perf_counter() - started:.0f}")


def _bare_text(page: bytes, settings: dict) -> str:
    return extract(page, settings)["text"]


def _scores(gold: dict[str, str], predicted: dict[str, str]) -> str:
    result = score([(gold[key], predicted[key]) for key in predicted])
    return f"{result.f1:.3f} {result.precision:.3f} {result.recall:.3f}"


if __name__ == "__main__":
    main()
