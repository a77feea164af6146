"""Make docs/report-page.png: the review page of a `cleaner clean` run over the articles-dev trafilatura
texts, as headless Chromium draws it.

    python docs/report_page_screenshot.py [--out docs/report-page.png] [--rule CODE]

Needs ../shared/eval/articles-dev, Debian's chromium and chromium-driver, and selenium.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from cleaner.cli import main as cleaner  # noqa: E402
from tests.chromium import browser, unavailable  # noqa: E402

TEXTS = ROOT.parent / "shared" / "eval" / "articles-dev" / "inputs" / "trafilatura.json"
#: The window drawn: wide enough for the rules beside the samples, small enough for a PNG under 300 KB.
WIDTH, HEIGHT = 1280, 800


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report-page.png")
    parser.add_argument("--rule", default="", help="show the page filtered by this rule")
    args = parser.parse_args()
    if (why := unavailable()) is not None:
        sys.exit(f"needs headless Chromium: {why}")
    with tempfile.TemporaryDirectory() as scratch:
        src, out = Path(scratch) / "articles-dev", Path(scratch) / "out"
        src.mkdir()
        for key, text in json.loads(TEXTS.read_text(encoding="utf-8")).items():
            (src / f"{key}.txt").write_text(text["articleBody"], encoding="utf-8")
        for command in (["clean", str(src), "-o", str(out), "--quiet"], ["report", str(out)]):
            result = CliRunner().invoke(cleaner, command)
            if result.exit_code != 0:
                sys.exit(result.output)
        with browser(Path(scratch) / "profile", WIDTH, HEIGHT) as driver:
            driver.get((out / "_changes" / "report.html").as_uri())
            if args.rule:
                driver.execute_script("const s = document.getElementById('rule-filter'); s.value = arguments[0];"
                                      "s.dispatchEvent(new Event('input', {bubbles: true}));", args.rule)
            driver.save_screenshot(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
