"""The smaller output-safety points of issue 19: huge numbers in config and options are clear errors; `fix`
keeps a file's owner; the temporary files a killed `fix` leaves are removed by a later run; an interrupted
`fix --jobs 2` counts every file it rewrote; links out of SRC and FIFOs met while walking are named."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main

CLEANER = str(Path(sys.executable).parent / "cleaner")
DIRTY = "Storm  hits the coast \n\n\nThe river rose  overnight and the the town flooded.   \n"
HUGE = "99999999999999999999999"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def src(tmp_path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text(DIRTY, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["clean", "config"])
@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}"])
def test_a_huge_number_in_config_is_a_config_error(src, tmp_path, command, value):
    (src / "cleaner.toml").write_text(f"[rules.W003]\nmax = {value}\n", encoding="utf-8")
    args = [src] + (["-o", tmp_path / "out"] if command == "clean" else [])
    result = subprocess.run([CLEANER, command, *map(str, args)], capture_output=True, text=True, cwd=src)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"parameter 'max' is {value}, beyond the largest count a rule takes (100,000)" in result.stderr
    assert str(src / "cleaner.toml") in result.stderr


@pytest.mark.parametrize(("option", "says"), [
    ("--max-bytes", f"'{HUGE}G' is above 1024G, the largest size (0: no limit)"),
    ("--jobs", f"{HUGE} is not in the range 1<=x<="),
])
def test_a_huge_option_is_a_usage_error(src, tmp_path, option, says):
    (src / "r.jsonl").write_text('{"text": "a  b"}\n', encoding="utf-8")
    value = f"{HUGE}G" if option == "--max-bytes" else HUGE
    result = subprocess.run([CLEANER, "clean", str(src), "-o", str(tmp_path / "out"), option, value],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr and says in result.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_fix_keeps_the_owner_group_and_mode(src):
    path = src / "a.txt"
    os.chown(path, 1234, 1234)
    path.chmod(0o640)
    assert run("fix", src, "-j", "1").exit_code == 1
    status = path.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o777) == (1234, 1234, 0o640)
    assert path.read_text(encoding="utf-8") != DIRTY


@pytest.mark.parametrize("name", ["a.txt", "r.jsonl"])
def test_fix_rewrites_a_link_s_target_and_keeps_the_link(src, name):
    """A symbolic link to a file in SRC stays a link; the file it points to is fixed."""
    if name == "r.jsonl":
        (src / name).write_text(json.dumps({"text": DIRTY}) + "\n", encoding="utf-8")
    (src / name).rename(src / f"z-{name}")  # after the link, in the order of the walk
    (src / name).symlink_to(src / f"z-{name}")
    before = (src / f"z-{name}").read_bytes()
    result = run("fix", src, "-j", "1")
    assert result.exit_code == 1 and f"fixed {src / name}" in result.stderr
    assert (src / name).is_symlink() and (src / f"z-{name}").read_bytes() != before


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", ""])
    process.wait()
    return process.pid


def test_fix_removes_the_temporary_files_of_killed_runs_and_only_those(src):
    dead, live = dead_pid(), os.getpid()
    stale = src / f".a.txt.cleaner-{dead}-0123abcd-k2j4_x9q.tmp"
    kept = [src / f".a.txt.cleaner-{live}-0123abcd-k2j4_x9q.tmp",  # a run that goes on
            src / f".gone.txt.cleaner-{dead}-k2j4_x9q.tmp",  # beside no file of ours
            src / f".a.txt.{dead}-k2j4_x9q.tmp",  # not named as ours
            src / f".a.txt.cleaner-{dead}-k2j4_x9q.tmp.bak"]
    for path in (stale, *kept):
        path.write_bytes(b"half a file")
    assert run("check", src).exit_code == 1 and stale.exists(), "check writes nothing"
    assert run("fix", src, "-j", "1").exit_code == 1
    assert not stale.exists() and all(path.exists() for path in kept)


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="finds the workers to kill in /proc (Linux)")
def test_a_killed_fix_leaves_temporary_files_a_later_fix_removes(tmp_path):
    """kill -9 of a `fix` and its workers while they rewrite big JSON Lines files: the next `fix` leaves no
    temporary file behind."""
    folder = tmp_path / "src"
    folder.mkdir()
    for number in range(2):
        with (folder / f"r{number}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps({"id": n, "text": DIRTY}) + "\n" for n in range(15_000))
    process = subprocess.Popen([CLEANER, "fix", str(folder), "-j", "2", "-q"], start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(folder.glob(".*.tmp")):
        time.sleep(0.01)
    workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.01)  # the killed workers are gone once the system has reaped them
    assert list(folder.glob(".*.tmp"))
    assert run("fix", folder, "-j", "1").exit_code in (0, 1)
    assert sorted(path.name for path in folder.iterdir()) == ["r0.jsonl", "r1.jsonl"]


def test_an_interrupted_fix_with_workers_counts_every_file_it_rewrote(tmp_path):
    """SIGINT to `fix --jobs 2` while it rewrites JSON Lines files: every file rewritten is named as fixed."""
    folder = tmp_path / "src"
    folder.mkdir()
    for number in range(60):
        with (folder / f"r{number:02}.jsonl").open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps({"id": n, "text": DIRTY}) + "\n" for n in range(400))
    original = (folder / "r00.jsonl").read_bytes()
    process = subprocess.Popen([CLEANER, "fix", str(folder), "-j", "2"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (folder / "r00.jsonl").read_bytes() == original:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in stderr
    rewritten = {path for path in folder.glob("*.jsonl") if path.read_bytes() != original}
    named = {Path(line.removeprefix("fixed ")) for line in stderr.splitlines() if line.startswith("fixed ")}
    assert rewritten and named == rewritten
    assert f"interrupted after {len(named)} of 60 files" in stderr
    assert not list(folder.glob(".*.tmp"))


def test_clean_names_what_it_passes_over_in_a_folder(src, tmp_path):
    """A link in SRC to a file outside it is skipped, as black does, and so is a FIFO; each is named, with why."""
    outside = tmp_path / "outside.txt"
    outside.write_text(DIRTY, encoding="utf-8")
    (src / "link.txt").symlink_to(outside)
    (src / "inside.txt").symlink_to(src / "a.txt")
    os.mkfifo(src / "pipe.txt")
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 0
    assert f"warning: {src / 'link.txt'}: skipped: a symbolic link to {outside}, outside {src}" in result.stderr
    assert f"warning: {src / 'pipe.txt'}: skipped: a named pipe (FIFO), not a regular file" in result.stderr
    assert sorted(path.name for path in (tmp_path / "out").glob("*.txt")) == ["a.txt", "inside.txt"]
    explicit = run("clean", src / "link.txt", "-o", tmp_path / "out2")
    assert explicit.exit_code == 0 and (tmp_path / "out2" / "link.txt").is_file(), "a link named as SOURCE is read"
