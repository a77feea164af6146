"""How the review page of a big run does: its size, the time to write it, and the time headless Chromium
takes to load it and to redraw it for a filter or a file's view.

    python bench/report_page.py [--files 10000] [--run OUT] [--keep DIR]

Without ``--run``, it cleans a synthetic corpus first: ``--files`` texts made by cycling through every
extractor output of ``../shared/eval/articles-dev`` (each text made unique by a numbered first line), with
``cleaner clean --jobs 1``. Needs Debian's chromium and chromium-driver, and selenium. Prints figures; it
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.review import report  # noqa: E402
from tests.chromium import browser, unavailable  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "articles-dev" / "inputs"


def dev_texts() -> list[str]:
    """Every extractor output of the dev collection, in a fixed order."""
    texts = []
    for path in sorted(DEV.glob("*.json")):
        outputs = json.loads(path.read_text(encoding="utf-8"))
        texts += [outputs[key]["articleBody"] for key in sorted(outputs) if outputs[key]["articleBody"].strip()]
    return texts


def clean_corpus(files: int, folder: Path) -> Path:
    """Write ``files`` texts under ``folder/src`` (100 a folder) and clean them into ``folder/out``."""
    texts = dev_texts()
    for number in range(files):
        path = folder / "src" / f"{number // 100:03}" / f"{number:05}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Document {number}\n{texts[number % len(texts)]}", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from cleaner.cli import main; main()", "clean", str(folder / "src"),
                    "-o", str(folder / "out"), "--jobs", "1", "--quiet"], check=False,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    print(f"cleaned {files} files in {time.perf_counter() - started:.1f} s (cleaner clean --jobs 1)")
    return folder / "out"


MEASURE_FILTER = """
const select = document.getElementById("rule-filter");
const started = performance.now();
select.value = arguments[0];
select.dispatchEvent(new Event("input", {bubbles: true}));
return [performance.now() - started, document.querySelectorAll(".sample").length,
        document.querySelectorAll("#files li").length];
"""
MEASURE_VIEW = """
const done = arguments[arguments.length - 1];
const link = document.querySelector("#files a.file-link");
const section = document.getElementById("view-section");
const started = performance.now();
link.click();
const drawn = () => section.dataset.file === link.dataset.file
  ? done([performance.now() - started, document.querySelectorAll("#view tr").length]) : setTimeout(drawn, 0);
drawn();
"""


def measure_browser(page: Path, profile: Path) -> None:
    """Print Chromium's load time for the page, and the time one filter and one file view take."""
    with browser(profile) as driver:
        started = time.perf_counter()
        driver.get(page.as_uri())
        waited = time.perf_counter() - started
        timing = driver.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd, performance.memory.usedJSHeapSize];")
        print(f"chromium: page loaded and drawn in {timing[1]:.0f} ms (DOMContentLoaded {timing[0]:.0f} ms; "
              f"{waited:.2f} s as the driver waited), JS heap {timing[2] / 2**20:.0f} MB")
        codes = driver.execute_script("return DATA.rules.map(rule => rule[0]);")
        busiest = driver.execute_script("return DATA.rules.reduce((a, b) => b[3] > a[3] ? b : a)[0];")
        for code in (busiest, codes[0], ""):
            took, samples, files = driver.execute_script(MEASURE_FILTER, code)
            print(f"  filter rule={code or 'all'}: {took:.1f} ms ({samples} samples, {files} files on the page)")
        took, rows = driver.execute_async_script(MEASURE_VIEW)
        print(f"  open a file's view: {took:.1f} ms ({rows} rows)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10000, help="texts in the synthetic corpus")
    parser.add_argument("--run", type=Path, help="review this `clean` output folder instead of a synthetic run")
    parser.add_argument("--keep", type=Path, help="build the synthetic run in this folder and keep it")
    args = parser.parse_args()
    why = unavailable()
    if why is not None:
        sys.exit(f"needs headless Chromium: {why}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        out = args.run or clean_corpus(args.files, folder)
        started = time.perf_counter()
        page, removed = report(out)
        made = time.perf_counter() - started
        logs = sum(1 for _ in (out / "_changes").rglob("*.json")) - 1
        lines = sum(1 for _ in removed.open("rb"))
        print(f"{logs} logs; cleaner report: {made:.1f} s; report.html {page.stat().st_size / 2**20:.1f} MB, "
              f"removed.jsonl {removed.stat().st_size / 2**20:.1f} MB ({lines} lines)")
        measure_browser(page, Path(scratch) / "profile")


if __name__ == "__main__":
    main()
