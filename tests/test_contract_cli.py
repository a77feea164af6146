"""The command line's contract, as ruff and black keep it: `check` ends with a summary line; `fix` says what it
changed and counts held-back unsafe fixes in one line; `check --diff` names the rule of each changed line; empty
or wrong sources, stdin with -o, stale outputs, symbolic and hard links are handled in the open."""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.runner import clean_tree
from cleaner import Cleaner
from cleaner.files import InputError

DIRTY = "Storm  hits\n\n\n\nRead more: Weather news\nEnd"
#: Three teasers: J020 drops them, an unsafe fix, held back by `fix`.
TEASERS = ("A long first paragraph about the harbour and its pier, which closed after the storm.\n\n"
           + "".join(f"Scientists find a new {w} species in the far north of the country…\n"
                     for w in ("orchid", "beetle", "frog")))
#: The last line: a sentence with a doubled space (a safe fix).
CLOSING = "The pier  reopened on Monday, the harbour master said.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_check_ends_with_a_summary_of_what_fix_would_do(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    (tmp_path / "b.txt").write_text(TEASERS + CLOSING)
    (tmp_path / "c.txt").write_text("Clean text.\n")
    result = run("check", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("Found 8 findings in 2 files of 3: 5 fixable with `cleaner fix`, "
                                              "3 more with `cleaner fix --unsafe-fixes`, 0 report-only.")
    assert len(result.stdout.splitlines()) == 8
    clean = run("check", tmp_path / "c.txt")
    assert clean.exit_code == 0 and clean.stderr == "All checks passed: nothing to change in 1 file.\n"
    quiet = run("check", "--quiet", tmp_path)
    assert quiet.exit_code == 1 and quiet.stderr == "" and quiet.stdout == result.stdout


def test_fix_counts_held_back_unsafe_fixes_in_one_line_and_its_summary_only_what_it_did(tmp_path):
    (tmp_path / "b.txt").write_text(TEASERS + CLOSING)
    result = run("fix", tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"fixed {tmp_path / 'b.txt'}"
    assert lines[1] == ("3 unsafe fixes held back in 1 file: `cleaner fix --unsafe-fixes` applies them, "
                        "`--show-unsafe` lists them.")
    assert lines[2].startswith("1 files seen, 1 fixed, 0 failed, 0 lines dropped")
    assert [line.split()[0] for line in lines[3:]] == ["W002"]  # not J020: it dropped nothing
    again = run("fix", "--show-unsafe", tmp_path)
    assert again.exit_code == 0  # nothing changed: a second run passes
    assert [line.split()[1] for line in again.stdout.splitlines()] == ["J020", "J020", "J020"]


@pytest.mark.parametrize("command", [("check",), ("fix",), ("clean", "-o", "OUT")])
def test_an_empty_folder_is_a_no_files_warning(tmp_path, command):
    (tmp_path / "empty").mkdir()
    result = run(*[tmp_path / "OUT" if part == "OUT" else part for part in command], tmp_path / "empty")
    assert result.exit_code == 0
    assert "warning: No files found under the given path(s)" in result.stderr


def test_check_says_it_skips_html(tmp_path):
    (tmp_path / "page.html").write_text("<html><body><p>A page about the storm on the coast.</p></body></html>")
    result = run("check", tmp_path / "page.html")
    assert f"skipped {tmp_path / 'page.html'}: HTML is cleaned into text by `clean`, not in place" in result.stderr
    assert "warning: No files found under the given path(s)" in result.stderr


@pytest.mark.parametrize("command", ["check", "fix", "clean"])
def test_a_missing_source_is_a_named_failure_and_creates_nothing(tmp_path, command):
    out = tmp_path / "out"
    result = run(command, tmp_path / "missing.txt", *(["-o", out] if command == "clean" else []))
    assert result.exit_code == 2
    assert f"Error: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert "files seen" not in result.output and not out.exists()


def test_clean_api_refuses_missing_sources_before_creating_out(tmp_path):
    with pytest.raises(InputError, match="missing.txt: no such file"):
        clean_tree([tmp_path / "missing.txt"], tmp_path / "out", Cleaner())
    assert not (tmp_path / "out").exists()


def test_a_missing_source_among_others_is_a_failure_not_a_file_seen(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("clean", tmp_path / "a.txt", tmp_path / "missing.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "1 files seen, 1 changed, 1 failed" in result.stderr


def test_output_with_stdin_is_a_usage_error(tmp_path):
    result = run("clean", "-", "-o", tmp_path / "out", input="Storm  hits\n")
    assert result.exit_code == 2 and "-o/--output is not used with SOURCE '-'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cleaning_again_into_out_removes_what_deleted_sources_left(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        (src / name).write_text(DIRTY)
    assert run("clean", src, "-o", out).exit_code == 0
    (out / "notes.txt").write_text("mine\n")  # not the tool's: no log
    (src / "b.txt").unlink()
    (src / "sub" / "c.txt").unlink()
    result = run("clean", src, "-o", out)
    assert result.exit_code == 0
    for name in ("b.txt", "sub/c.txt"):
        assert f"removed {out / name}: its source was not in this run" in result.stderr
        assert not (out / name).exists() and not (out / "_changes" / f"{name}.json").exists()
    assert (out / "a.txt").exists() and (out / "notes.txt").read_text() == "mine\n"
    summary = json.loads((out / "_changes" / "summary.json").read_text())
    assert summary["removed"] == ["b.txt", "sub/c.txt"]
    assert run("restore", out, "-o", tmp_path / "back").exit_code == 2  # notes.txt has no log: named, not lost


def test_check_diff_names_the_rule_of_each_removed_or_changed_line(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("check", "--diff", tmp_path / "a.txt")
    lines = result.stdout.splitlines()
    marked = {lines[i - 1]: line for i, line in enumerate(lines) if line.startswith("# ^ ")}
    assert marked == {"-Storm  hits": "# ^ W002 space-runs", "-": "# ^ W003 blank-line-runs",
                      "-Read more: Weather news": "# ^ J007 related-link",
                      "\\ No newline at end of file": "# ^ W004 final-newline"}
    after_removed = [next(line for line in lines[i + 1:] if not line.startswith("\\ ")) for i, line in enumerate(lines)
                     if line.startswith("-") and not line.startswith("---")]
    assert len(after_removed) == 5 and all(line.startswith("# ^ ") for line in after_removed)


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_the_marked_diff_still_patches(tmp_path):
    import subprocess

    (tmp_path / "a.txt").write_text(DIRTY)
    diff = run("check", "--diff", tmp_path / "a.txt").stdout
    patched = subprocess.run(["patch", "-s", "-o", str(tmp_path / "patched"), str(tmp_path / "a.txt")],
                             input=diff.encode(), capture_output=True)
    assert patched.returncode == 0, patched.stdout + patched.stderr
    assert (tmp_path / "patched").read_text() == "Storm hits\n\nEnd\n"


def test_check_diff_color(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    always = run("check", "--diff", "--color", "always", tmp_path / "a.txt").stdout
    never = run("check", "--diff", "--color", "never", tmp_path / "a.txt").stdout
    auto = run("check", "--diff", tmp_path / "a.txt").stdout  # not a terminal
    assert "\x1b[31m-Storm  hits\x1b[0m" in always and "\x1b[33m# ^ W002 space-runs\x1b[0m" in always
    assert ANSI.sub("", always) == never == auto and "\x1b" not in never


def test_fix_through_a_symbolic_link_says_it_rewrote_the_target(tmp_path):
    (tmp_path / "real.txt").write_text(DIRTY)
    (tmp_path / "link.txt").symlink_to("real.txt")
    result = run("fix", tmp_path / "link.txt")
    assert result.exit_code == 1
    assert (f"fixed {tmp_path / 'link.txt'} (a symbolic link: its target {tmp_path / 'real.txt'} was rewritten; "
            "the link stays)") in result.stderr
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "real.txt").read_text() == "Storm hits\n\nEnd\n"


def test_fix_skips_a_hard_linked_file_with_a_warning_and_keeps_the_link(tmp_path):
    (tmp_path / "a.txt").write_text(DIRTY)
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    result = run("fix", tmp_path / "a.txt")
    assert result.exit_code == 0
    assert (f"warning: {tmp_path / 'a.txt'}: skipped: it has 2 hard links, and rewriting it would split them"
            in result.stderr)
    assert os.stat(tmp_path / "a.txt").st_ino == os.stat(tmp_path / "b.txt").st_ino
    assert (tmp_path / "a.txt").read_text() == DIRTY
    assert run("check", tmp_path / "a.txt").exit_code == 1  # check still reads it


def test_a_run_with_nothing_to_do_ends_its_workers(tmp_path):
    """A pool ended at once (an empty folder, two workers) must not leave a worker that missed its SIGTERM
    behind (the run then waited for ever, or the worker ran on as a copy of the command)."""
    import subprocess
    import sys

    (tmp_path / "empty").mkdir()
    script = ("import sys\nfrom click.testing import CliRunner\nfrom cleaner.cli import main\n"
              "for i in range(20):\n"
              f"    r = CliRunner().invoke(main, ['clean', {str(tmp_path / 'empty')!r}, '-o', "
              f"{str(tmp_path / 'out')!r} + str(i), '-j', '2'])\n"
              "    assert r.exit_code == 0, r.output\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert done.returncode == 0, done.stderr[-2000:]
