"""Human and CI output: the run summary, --quiet, check's --output-format and --statistics."""

import json
import re

import pytest
from click.testing import CliRunner

from cleaner.cli import main

DOC = "Storm  hits  coast   \n\n\nThe the pier closed.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def src(tmp_path):
    (tmp_path / "src").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "src" / name).write_text(DOC)
    (tmp_path / "src" / "c.txt").write_text("Already clean.\n")
    return tmp_path / "src"


def test_clean_prints_a_summary_on_stderr(src, tmp_path):
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 0 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert re.fullmatch(r"3 files seen, 2 changed, 0 failed, 0 lines dropped in \d+\.\d\d s \(\d+\.\d MB/s\)", first)
    per_rule = {line.split()[0]: line.split()[-2:] for line in result.stderr.splitlines()[1:] if line.startswith("  ")}
    assert per_rule["W002"] == ["4", "fix"] and per_rule["P001"] == ["2", "fix"]


def test_quiet_silences_the_summary_but_not_errors(src, tmp_path):
    assert run("clean", "-q", src, "-o", tmp_path / "out").stderr == ""
    result = run("fix", "--quiet", src, tmp_path / "missing.txt")
    assert result.exit_code == 2 and result.stderr == f"error: {tmp_path / 'missing.txt'}: no such file or directory\n"


def test_fix_summary_counts_fixed_files(src):
    result = run("fix", src)
    assert result.exit_code == 1
    assert "3 files seen, 2 fixed, 0 failed" in result.stderr
    assert f"fixed {src / 'a.txt'}" in result.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    (tmp_path / "src").mkdir()
    for n in range(30):
        (tmp_path / "src" / f"{n}.txt").write_text(DOC)
    result = run("clean", "-q", tmp_path / "src", "-o", tmp_path / "out")
    assert result.exit_code == 0 and result.stderr == ""


def test_check_json_output(src):
    result = run("check", "--output-format", "json", src / "a.txt")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found[0] == {"path": str(src / "a.txt"), "line": 1, "col": 6, "code": "W002", "name": "space-runs",
                        "message": found[0]["message"], "fixable": True}
    assert {f["code"] for f in found} == {"W001", "W002", "W003", "P001"}


def test_check_github_annotations(src):
    result = run("check", "--output-format", "github", src / "a.txt")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={src / 'a.txt'},line=1,col=6,title=W002 space-runs::")
    assert all(re.fullmatch(r"::error file=[^,]+,line=\d+,col=\d+,title=[A-Z]+\d{3} [a-z-]+::.+", line) for line in lines)


def test_check_statistics_counts_per_rule(src):
    result = run("check", "--statistics", src)
    assert result.exit_code == 1
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["    4", "W002", "[*] space-runs"]
    assert {row[1]: int(row[0]) for row in rows} == {"W002": 4, "W001": 2, "W003": 2, "P001": 2}
