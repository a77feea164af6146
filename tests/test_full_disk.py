"""`clean` onto a disk that fills up: every file that does not fit is an error naming what could not be
written (exit 2); what is in OUT is whole, each copy with its log, and restores byte for byte; the run
summary that cannot be written is named too; the sources are never touched."""

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLEANER = str(Path(sys.executable).parent / "cleaner")
#: The size of the small disk: room for a few of the files below, not all.
DISK = "192k"


@pytest.fixture
def disk(tmp_path):
    """A small tmpfs mounted for the test (needs root, as the tests run here and in CI), unmounted after it."""
    mount = tmp_path / "disk"
    mount.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK}", "tmpfs", str(mount)],
                                 capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("no mount command here to make a small disk to fill")
    if mounted.returncode:
        pytest.skip(f"cannot mount a small tmpfs to fill (it needs root): {mounted.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def sources(folder: Path) -> dict[Path, bytes]:
    """Twelve text files and two JSON Lines files of about 30 KB each, every one with something to clean."""
    rng = random.Random(19)
    folder.mkdir()
    for number in range(12):
        words = " ".join(f"{rng.random():.12f}" for _ in range(2000))
        (folder / f"doc{number:02}.txt").write_text(f"Storm  hits the coast   \n\n{words}\n", encoding="utf-8")
    for number in range(2):
        lines = [json.dumps({"id": n, "text": f"Storm  hits   {rng.random()} " * 40}) for n in range(20)]
        (folder / f"part{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.iterdir())}


def clean(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CLEANER, "clean", str(src), "-o", str(out), "-j", "1"], capture_output=True, text=True)


def test_a_full_disk_leaves_whole_files_with_their_logs(disk, tmp_path):
    src = tmp_path / "src"
    originals = sources(src)
    out = disk / "out"
    result = clean(src, out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors and all(": cannot write " in line and line.endswith(": no space left on device") for line in errors)
    copies = {path.relative_to(out) for path in out.rglob("*") if path.is_file() and "_changes" not in path.parts}
    logs = {path.relative_to(out / "_changes").with_suffix("") for path in (out / "_changes").glob("*.json")}
    assert copies and len(copies) + len(errors) == len(originals)
    assert logs - {Path("summary")} == copies, "every copy has its log, every log its copy"
    assert not [path for path in out.iterdir() if path.name.startswith(".")], "staged files are removed"
    back = tmp_path / "back"
    restored = subprocess.run([CLEANER, "restore", str(out), "-o", str(back)], capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr
    assert {path: (back / path).read_bytes() for path in copies} == {path: originals[path] for path in copies}
    assert {path.relative_to(src): path.read_bytes() for path in src.iterdir()} == originals


def test_a_summary_that_does_not_fit_is_named(disk, tmp_path):
    src = tmp_path / "src"
    sources(src)
    out = disk / "out"
    (out / "_changes").mkdir(parents=True)
    with open(disk / "filler", "wb") as filler:  # the disk is full before the run starts
        with pytest.raises(OSError):
            shutil.copyfileobj(iter_zeros(), filler)
    result = clean(src, out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (f"Error: {out / '_changes' / 'summary.json'}: cannot write the run summary: no space left on device"
            in result.stderr)
    assert not (out / "_changes" / "summary.json").exists()


class iter_zeros:
    """A never-ending file of zeros, to fill a disk with."""

    def read(self, size: int = 2**16) -> bytes:
        return bytes(size)


def test_a_log_that_cannot_be_written_leaves_no_copy(tmp_path):
    """The log goes into OUT first: when it cannot be written (here a folder stands where it goes), the copy
    is not written either, and the error names the log."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Storm  hits the coast \n", encoding="utf-8")
    (src / "b.txt").write_text("Calm  day \n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "_changes" / "a.txt.json").mkdir(parents=True)
    result = clean(src, out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"error: {src / 'a.txt'}: cannot write its change log {out / '_changes' / 'a.txt.json'}: " in result.stderr
    assert not (out / "a.txt").exists()
    assert (out / "b.txt").is_file() and (out / "_changes" / "b.txt.json").is_file()
