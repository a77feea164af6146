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
