"""Reliability, kills: `cleaner fix` killed at random moments never leaves a torn file;
SIGINT and SIGTERM stop a run cleanly, say how far it got and exit 130 / 143."""

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cleaner import Cleaner

CLEANER = [str(Path(sys.executable).parent / "cleaner")]
DIRTY = "Storm  hits the coast \n\n\nThe river rose  overnight and the the town flooded.   \n" * 40
FILES = 300
KILLS = 5


def make_tree(folder: Path) -> None:
    folder.mkdir()
    for number in range(FILES):
        (folder / f"doc{number:03}.txt").write_text(DIRTY, encoding="utf-8")


def start(*args) -> subprocess.Popen:
    return subprocess.Popen([*CLEANER, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def full_run_seconds(folder: Path) -> float:
    began = time.perf_counter()
    assert start("fix", folder, "-q").wait() == 1
    return time.perf_counter() - began


def test_sigkill_at_random_moments_leaves_no_torn_file(tmp_path):
    original = DIRTY.encode()
    cleaned = Cleaner().clean(DIRTY).text.encode()
    assert cleaned != original
    make_tree(tmp_path / "timing")
    duration = full_run_seconds(tmp_path / "timing")
    rng = random.Random(8)
    torn = done = 0
    for run in range(KILLS):
        folder = tmp_path / f"run{run}"
        make_tree(folder)
        process = start("fix", folder, "-q")
        time.sleep(rng.uniform(0.1, 1.0) * duration)
        process.kill()
        process.wait()
        contents = [path.read_bytes() for path in sorted(folder.glob("*.txt"))]
        assert len(contents) == FILES
        torn += sum(data not in (original, cleaned) for data in contents)
        done += sum(data == cleaned for data in contents)
    print(f"\nSIGKILL: {KILLS} runs x {FILES} files (a full run takes {duration:.2f} s): "
          f"{done} files cleaned before the kill, {torn} torn files")
    assert torn == 0


def interrupt(tmp_path, command, signum):
    """Start ``command`` over the tree, signal it once it has written a file, return (process, stderr, folder)."""
    folder = tmp_path / "src"
    make_tree(folder)
    out = tmp_path / "out"
    process = start(command, folder, *(["-o", out] if command == "clean" else []), "-q")
    target = (out if command == "clean" else folder) / "doc000.txt"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not target.exists() or target.read_bytes() == DIRTY.encode()):
        time.sleep(0.01)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    return process, stderr.decode(), folder


def assert_stopped(process, stderr, signum):
    assert process.returncode == 128 + signum and "Traceback" not in stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("interrupted after ") and f" of {FILES} files" in last
    return int(last.split()[2])


def test_sigterm_stops_fix_cleanly(tmp_path):
    process, stderr, folder = interrupt(tmp_path, "fix", signal.SIGTERM)
    done = assert_stopped(process, stderr, signal.SIGTERM)
    cleaned = Cleaner().clean(DIRTY).text.encode()
    contents = [path.read_bytes() for path in sorted(folder.iterdir())]
    assert len(contents) == FILES and all(data in (DIRTY.encode(), cleaned) for data in contents)
    assert 1 <= sum(data == cleaned for data in contents) <= done + 1


def test_sigint_stops_clean_and_writes_summary(tmp_path):
    process, stderr, _ = interrupt(tmp_path, "clean", signal.SIGINT)
    done = assert_stopped(process, stderr, signal.SIGINT)
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_bytes())
    assert summary["interrupted"] is True and summary["files_seen"] == done < FILES
    assert f"what was done is in {tmp_path / 'out' / '_changes' / 'summary.json'}" in stderr
