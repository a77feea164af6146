"""Seed-shaped junk wrapped around articles the rules were not written from: how much goes, how much stays.

    python bench/seed_shaped.py [--data DIR ...] [--preset NAME] [--seed N] [--examples]

The seeds (``seeds/``) show the junk the cleaner exists for. This script
puts the same kinds of junk, in other words, around every gold article of
each collection (default: every folder of ../shared/eval with a
ground-truth.json), cleans the result, and prints per kind the share of
junk lines removed and, per collection, the share of the article's tokens
kept. The headlines used are the ``<title>`` of the collection's other pages
(``html/*.html.gz``), so they are real headlines nobody wrote for a rule.
The kinds:

* ``label``: ``<link label>: <headline>`` on its own line between two
  paragraphs (seed 002's ``Explained: …``), half the time with the article's
  own headline, so on topic;
* ``cut``: a lone headline cut off with ``…`` between two paragraphs;
* ``block``: three to five cut-off headlines appended after the article
  (seed 003);
* ``title``: the article's headline above it twice, once with straight and
  once with curly quotes (seed 001);
* ``date``: a date line above the article (``December 10, 2023``).

Each document gets a label line, a cut line and one of the other three;
which, and where, comes from ``--seed`` (reproducible).
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import tokens  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
#: Labels sites put before a link to another page: some the rules name, some they do not.
LABELS = ["Explained", "Read more", "Also read", "READ MORE", "Related", "Watch", "Opinion", "Must read",
          "Recommended", "In pictures", "Listen", "Read also", "More from us", "Don't miss", "Editor's pick"]
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
#: A site's name after a page's title: "Headline - Site", "Headline | Site".
SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def headlines(data: Path) -> dict[str, str]:
    """Each page's title, without the site's name after it, when it reads as a headline (4 to 20 words)."""
    found = {}
    for page in sorted((data / "html").glob("*.html.gz")):
        match = TITLE.search(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
        if match:
            title = SITE_SUFFIX.sub("", " ".join(html.unescape(match.group(1)).split()))
            if 4 <= len(title.split()) <= 20:
                found[page.name.removesuffix(".html.gz")] = title
    return found


def cut(title: str, rng: random.Random) -> str:
    """A headline cut off after most of its words, with an ellipsis, as teaser cards show it."""
    words = title.split()
    keep = max(3, min(len(words) - 1, rng.randint(len(words) // 2 + 1, len(words))))
    return " ".join(words[:keep]).rstrip(",;:") + "…"


def wrap(article: str, own: str, others: list[str], rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """The article with junk put around it, and the junk lines with their kinds."""
    paragraphs = [p for p in article.split("\n") if p.strip()]
    label_title = own if rng.random() < 0.5 else rng.choice(others)
    inserts = [("label", f"{rng.choice(LABELS)}: {label_title}"), ("cut", cut(rng.choice(others), rng))]
    for kind, line in inserts:  # between two paragraphs, never first or last
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), line)
    junk = list(inserts)
    extra = rng.choice(["block", "title", "date"])
    if extra == "block":
        block = [cut(title, rng) for title in rng.sample(others, rng.randint(3, 5))]
        paragraphs += block
        junk += [("block", line) for line in block]
    elif extra == "title":
        curly = own.replace("'", "’").replace('"', "“")
        paragraphs[:0] = [own, curly if curly != own else own.upper()]
        junk.append(("title", paragraphs[1]))
    else:
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"
        paragraphs.insert(0, date)
        junk.append(("date", date))
    return "\n\n".join(paragraphs) + "\n", junk


def measure(data: Path, cleaner, seed: int, examples: bool) -> tuple[Counter, Counter, float, list[str]]:
    """(junk lines per kind, removed per kind, share of article tokens kept, examples of junk kept)."""
    gold = {k: v.get("articleBody") or "" for k, v in json.loads((data / "ground-truth.json").read_text("utf8")).items()}
    titles = headlines(data)
    rng = random.Random(seed)
    total, removed, kept_examples = Counter(), Counter(), []
    article_tokens = kept_tokens = 0
    for doc_id, article in sorted(gold.items()):
        if doc_id not in titles or len([p for p in article.split("\n") if p.strip()]) < 3:
            continue
        text, junk = wrap(article, titles[doc_id], [t for k, t in titles.items() if k != doc_id], rng)
        cleaned = cleaner.clean(text).text
        out_lines = Counter(line.strip() for line in cleaned.split("\n"))
        own = Counter(line.strip() for line in text.split("\n"))
        for kind, line in junk:
            total[kind] += 1
            gone = out_lines[line] < own[line]
            removed[kind] += gone
            if not gone and examples and len(kept_examples) < 12:
                kept_examples.append(f"[{kind}] {line}")
        want, got = Counter(tokens(article)), Counter(tokens(cleaned))
        article_tokens += sum(want.values())
        kept_tokens += sum((want & got).values())
    return total, removed, kept_tokens / max(article_tokens, 1), kept_examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, action="append", help="a collection (default: all under shared/eval)")
    parser.add_argument("--preset", action="append",
                        help="a preset, 'default' for none (default: the default rules and article-body)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--examples", action="store_true", help="show junk lines that stayed")
    args = parser.parse_args(argv)
    from cleaner import Cleaner

    collections = args.data or sorted(p.parent for p in EVAL.glob("*/ground-truth.json"))
    presets = args.preset or [None, "article-body"]
    kinds = ("label", "cut", "block", "title", "date")
    print(f"{'collection':<17} {'preset':<13} " + "  ".join(f"{k:<15}" for k in kinds) + "  all junk  article kept")
    for data in collections:
        for preset in presets:
            cleaner = Cleaner(preset=None if preset == "default" else preset)
            total, removed, kept, shown = measure(data, cleaner, args.seed, args.examples)
            cells = [f"{removed[k]}/{total[k]} {removed[k] / max(total[k], 1):.0%}" for k in kinds]
            everything = sum(removed.values()) / max(sum(total.values()), 1)
            print(f"{data.name:<17} {preset or 'default':<13} " + "  ".join(f"{c:<15}" for c in cells)
                  + f"  {everything:8.1%}  {kept:.2%}")
            for line in shown:
                print("    kept:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
