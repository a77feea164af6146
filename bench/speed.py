"""Speed and memory of cleaner against the tools users pick today, in one run.

    python bench/speed.py [--corpus DIR | --keep-corpus] [--mb 50] [--files 10000] [--distinct] [--only NAME ...]
                          [--repeat N]

Builds (or reads with ``--corpus``) a corpus: the extractor texts of
``../shared/eval/articles-dev/inputs/*.json`` replicated to about ``--mb`` MB
in about ``--files`` text files, plus the same documents as JSON Lines for the
tools that read JSONL (removed at the end unless ``--keep-corpus``). With
``--distinct``, each distinct text goes in once (about 3.8 MB in 610 files).
A replicated corpus flatters cleaner: most of its files repeat an earlier one,
and cleaner remembers per-line work across the documents of a run (a site's
menus and footers recur on its pages) where the baselines remember nothing.
The first line printed says how many files repeat an earlier file's text.

Then, each as a separate process timed as a whole command (start-up counts),
it prints MB/s, docs/s and peak RSS for:

    floor        plain read + write of every file
    ftfy         ftfy.fix_text on every file
    clean-text   clean-text's clean() with its defaults
    datatrove    JSONL reader -> C4 quality filter -> Gopher repetition filter -> JSONL writer
    cleaner-1    cleaner clean, 1 worker
    cleaner-floor  cleaner clean, 1 worker, one cheap rule (W001): the command's own cost (reading,
                 decoding, change logs, atomic writes), which every rule adds to
    cleaner-all  cleaner clean, all cores
    cleaner-corpus  cleaner clean --corpus
    cleaner-ray  cleaner clean --engine ray, a local Ray instance (needs cleaner[ray])

and the ratios cleaner-1 / ftfy and cleaner-1 / datatrove, by wall time, by
CPU time (which the host's other load touches less) and by user CPU time (the
system part, mostly creating files, is what a busy host slows most: cleaner
writes two files per file it reads, the baselines one), and how much CPU time the
rules would have to fit in for cleaner-1 to reach 3x ftfy. On a noisy machine,
``--repeat N`` keeps the fastest of N runs of each command. Baselines need
``pip install '.[bench]'``; a tool that is not installed is reported and skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "articles-dev" / "inputs"
BIN = Path(sys.executable).parent

PER_FILE = """
import sys
from pathlib import Path
from typing import NamedTuple
{setup}
src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(src.iterdir()):
    text = path.read_text(encoding="utf-8")
    (out / path.name).write_text({call}, encoding="utf-8")
"""

DATATROVE = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import C4QualityFilter, GopherRepetitionFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
LocalPipelineExecutor(pipeline=[
    JsonlReader(sys.argv[1]),
    C4QualityFilter(),
    GopherRepetitionFilter(),
    JsonlWriter(sys.argv[2]),
], tasks=1, workers=1, logging_dir=sys.argv[2] + "/logs").run()
"""


def dev_texts() -> list[str]:
    """The extractor texts of ``DATA``, in a stable order (the documents the benchmarks replicate or clean)."""
    return [
        record["articleBody"]
        for path in sorted(DATA.glob("*.json"))
        for record in json.loads(path.read_text(encoding="utf-8")).values()
        if record.get("articleBody")
    ]


def build_corpus(folder: Path, megabytes: float, files: int, distinct: bool = False) -> None:
    """Replicate the dev extractor texts to about ``megabytes`` MB in about ``files`` files; with ``distinct``, stop
    before a text would come again (texts that two extractors gave alike count once)."""
    texts = list(dict.fromkeys(dev_texts())) if distinct else dev_texts()
    per_file = max(1, round(megabytes * 1e6 / files / (sum(map(len, texts)) / len(texts))))
    if distinct:
        files = min(files, len(texts) // per_file)
    (folder / "txt").mkdir(parents=True)
    (folder / "jsonl").mkdir()
    total = 0
    with open(folder / "jsonl" / "corpus.jsonl", "w", encoding="utf-8") as jsonl:
        for number in range(files):
            chunk = [texts[(number * per_file + k) % len(texts)] for k in range(per_file)]
            text = "\n\n".join(chunk) + "\n"
            (folder / "txt" / f"{number:06d}.txt").write_text(text, encoding="utf-8")
            jsonl.write(json.dumps({"id": str(number), "text": text}) + "\n")
            total += len(text.encode("utf-8"))
            if total >= megabytes * 1e6:
                break


def repeats(files: list[Path]) -> int:
    """How many of ``files`` hold the same bytes as one before them."""
    return len(files) - len({hashlib.sha256(path.read_bytes()).digest() for path in files})


class Timing(NamedTuple):
    """One command's wall time, CPU time (its own and its reaped children's, user and system), the user part of
    it, and peak RSS (MB). On a busy host the system part (creating files, above all) varies most between runs."""

    seconds: float
    cpu: float
    user: float
    rss: float


def run(command: list[str]) -> Timing:
    """Time one command; raise RuntimeError with its last line of stderr if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(error.strip().splitlines()[-1] if error.strip() else f"exit status {status}")
    return Timing(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_utime, usage.ru_maxrss / 1024)


def fastest(command: list[str], out: Path, repeat: int) -> Timing:
    """The fastest of ``repeat`` runs into an empty ``out`` each time (as timeit does: the slower runs were
    slowed by the machine, not the tool; and datatrove skips the tasks it finds done)."""
    timings = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        timings.append(run(command))
    return min(timings, key=lambda timing: timing.seconds)


def commands(corpus: Path, out: Path, python: str) -> dict[str, list[str]]:
    txt, jsonl = str(corpus / "txt"), str(corpus / "jsonl")
    per_file = {
        "floor": ("", "text"),
        "ftfy": ("import ftfy", "ftfy.fix_text(text)"),
        "clean-text": ("from cleantext import clean", "clean(text)"),
    }
    found = {
        name: [python, "-c", PER_FILE.format(setup=setup, call=call), txt, str(out / name)]
        for name, (setup, call) in per_file.items()
    }
    found["datatrove"] = [python, "-c", DATATROVE, jsonl, str(out / "datatrove")]
    cleaner = str(BIN / "cleaner")
    found["cleaner-1"] = [cleaner, "clean", txt, "-o", str(out / "cleaner-1"), "--jobs", "1", "--quiet"]
    found["cleaner-floor"] = [cleaner, "clean", txt, "-o", str(out / "cleaner-floor"), "--jobs", "1", "--quiet",
                              "--select", "W001"]
    found["cleaner-all"] = [cleaner, "clean", txt, "-o", str(out / "cleaner-all"), "--quiet"]
    found["cleaner-corpus"] = [cleaner, "clean", txt, "-o", str(out / "cleaner-corpus"), "--corpus", "--quiet"]
    found["cleaner-ray"] = [cleaner, "clean", txt, "-o", str(out / "cleaner-ray"), "--engine", "ray", "--quiet"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus folder built earlier (txt/ and jsonl/)")
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--distinct", action="store_true", help="each dev text once (about 3.8 MB): no file repeats")
    parser.add_argument("--python", default=sys.executable, help="interpreter with the baseline tools")
    parser.add_argument("--only", nargs="*", help="run only these measurements")
    parser.add_argument("--repeat", type=int, default=1, help="run each command this many times, keep the fastest")
    parser.add_argument("--keep-corpus", action="store_true", help="keep the corpus built (for --corpus next time)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleaner-speed-"))
    corpus = args.corpus or work / "corpus"
    if args.corpus is None:
        build_corpus(corpus, args.mb, args.files, args.distinct)
    files = sorted((corpus / "txt").iterdir())
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    print(f"corpus: {megabytes:.1f} MB in {len(files)} files ({corpus}); {os.cpu_count()} cores; "
          f"{repeats(files)} files repeat an earlier file's text")
    if args.repeat > 1:
        print(f"each figure: the fastest of {args.repeat} runs")
    print(f"{'tool':<16}{'seconds':>9}{'MB/s':>9}{'docs/s':>10}{'peak RSS MB':>13}{'CPU s':>9}{'user s':>9}")
    rates: dict[str, float] = {}
    cpu: dict[str, float] = {}
    user: dict[str, float] = {}
    for name, command in commands(corpus, work / "out", args.python).items():
        if args.only and name not in args.only:
            continue
        try:
            timing = fastest(command, work / "out" / name, args.repeat)
        except (RuntimeError, OSError) as error:
            print(f"{name:<16}  skipped: {textwrap.shorten(str(error), 90)}")
            continue
        rates[name], cpu[name], user[name] = megabytes / timing.seconds, timing.cpu, timing.user
        print(f"{name:<16}{timing.seconds:>9.2f}{rates[name]:>9.2f}{len(files) / timing.seconds:>10.0f}"
              f"{timing.rss:>13.0f}{timing.cpu:>9.2f}{timing.user:>9.2f}")
    for baseline in ("ftfy", "datatrove"):
        if "cleaner-1" in rates and baseline in rates:
            print(f"cleaner-1 / {baseline}: {rates['cleaner-1'] / rates[baseline]:.2f}x "
                  f"(by CPU time: {cpu[baseline] / cpu['cleaner-1']:.2f}x, "
                  f"by user CPU time: {user[baseline] / user['cleaner-1']:.2f}x)")
    if {"ftfy", "cleaner-1", "cleaner-floor"} <= cpu.keys():
        budget = cpu["ftfy"] / 3 - cpu["cleaner-floor"]
        print(f"3x ftfy leaves the rules {budget:.1f} CPU s beyond the command's own {cpu['cleaner-floor']:.1f} s; "
              f"they take {cpu['cleaner-1'] - cpu['cleaner-floor']:.1f} s")
    if "cleaner-1" in rates and "cleaner-all" in rates:
        print(f"cleaner-all / cleaner-1: {rates['cleaner-all'] / rates['cleaner-1']:.2f}x")
    shutil.rmtree(work / "out", ignore_errors=True)
    if args.corpus is None and not args.keep_corpus:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
