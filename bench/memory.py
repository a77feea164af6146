"""Peak memory of `cleaner clean` on a JSON Lines file of N small records, for several N.

Each run is a fresh process with --jobs 1, so all the cleaning happens in
the process whose peak RSS wait4 reports (a worker's would not be counted).
The JSONL path streams: it holds one record at a time, writes each cleaned
line and each log entry as it goes, and keeps only counts for the summary,
so the peak should be the same for every N. The runs use the default
settings (--max-bytes applies to each record, not to the file).

    python bench/memory.py [--records 10000 100000 1000000] [--max-bytes 64M]
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

CLEANER = str(Path(sys.executable).parent / "cleaner")


def write_records(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(json.dumps({"id": number, "text": f"Storm  hits coast {number} \n\n\nRead more\n"}) + "\n")


def peak_rss_mb(args: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one command."""
    began = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return usage.ru_maxrss / 1024, time.perf_counter() - began, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--max-bytes", help="passed to cleaner (default: cleaner's own default)")
    options = parser.parse_args()
    limit = ["--max-bytes", options.max_bytes] if options.max_bytes else []
    print(f"{'records':>10} {'file MB':>8} {'log MB':>8} {'peak RSS MB':>12} {'seconds':>8} {'exit':>5}")
    with tempfile.TemporaryDirectory() as folder:
        for count in options.records:
            source, out = Path(folder, f"r{count}"), Path(folder, f"o{count}")
            source.mkdir()
            write_records(source / "records.jsonl", count)
            size = (source / "records.jsonl").stat().st_size / 2**20
            rss, seconds, code = peak_rss_mb([CLEANER, "clean", str(source), "-o", str(out), "-q", "--jobs", "1", *limit])
            log = (out / "_changes" / "records.jsonl.json").stat().st_size / 2**20
            print(f"{count:>10} {size:>8.1f} {log:>8.1f} {rss:>12.1f} {seconds:>8.1f} {code:>5}", flush=True)


if __name__ == "__main__":
    main()
