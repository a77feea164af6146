"""The `cleaner` command line: exit codes (0 nothing to change, 1 changed, 2 errors), outputs, logs, restore."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import __version__
from cleaner.cli import main
from cleaner.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
S000, S001, S002, S003 = NAMES
FINDING = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{1,3}\d{3})(?P<safe> \[\*\])? "
                     r"(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*): (?P<reason>\S.*)")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
LOG_CHANGE_KEYS = {"code", "name", "action", "line", "col", "before", "after", "reason"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def findings(stdout):
    """Parse check/fix output; every line must have the `path:line:col: CODE name: reason` shape."""
    lines = stdout.splitlines()
    bad = [line for line in lines if not FINDING.fullmatch(line)]
    assert not bad, f"lines not in path:line:col: CODE format: {bad}"
    return [FINDING.fullmatch(line).groupdict() for line in lines]


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def seed_lines(name):
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")


@pytest.fixture
def src(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def test_check_seeds_exits_1_with_located_findings(src):
    """Every seed has something to fix; findings are `path:line:col: CODE [*] name: reason`."""
    result = run("check", src)
    assert result.exit_code == 1
    found = findings(result.stdout)
    assert {f["path"] for f in found} == {str(src / name) for name in NAMES}
    at = {(Path(f["path"]).name, f["code"], int(f["line"]), int(f["col"])) for f in found}
    assert (S001, "M001", 1, 1) in at  # "December 10, 2023"
    assert (S000, "M002", 1, 1) in at  # " date 2021-10-09 In face-to-face..."
    assert (S003, "P001", 8, seed_lines(S003)[7].index("the The") + 1) in at
    truncated = [n for n, line in enumerate(seed_lines(S003), 1) if line.endswith("…")]
    assert sorted(line for name, code, line, _ in at if name == S003 and code == "J020") == truncated
    marks = {(f["code"], bool(f["safe"])) for f in found}
    assert ("P001", True) in marks and ("J020", False) in marks  # [*] marks safe fixes only


def test_check_positions_point_into_the_original_text(src):
    """W004 runs after lines were dropped from 001; its position is still in original coordinates."""
    text = (SEEDS / S001).read_text(encoding="utf-8")
    end = len(text.rstrip())
    line, col = text.count("\n", 0, end) + 1, end - (text.rfind("\n", 0, end) + 1) + 1
    found = findings(run("check", src / S001).stdout)
    assert [(int(f["line"]), int(f["col"])) for f in found if f["code"] == "W004"] == [(line, col)]


def test_check_on_clean_output_exits_0_and_strict_fails_on_reports(src, tmp_path):
    """Cleaned text checks clean; report-only findings fail only under --strict."""
    assert run("clean", src, "-o", tmp_path / "out").exit_code == 0
    result = run("check", tmp_path / "out")
    assert result.exit_code == 0
    # reports only: P002's unclosed quote, J020's plain headline in seed 002 (issue 17)
    assert all(f["code"] in ("P002", "J020") and not f["safe"] for f in findings(result.stdout))
    assert run("check", tmp_path / "out" / S003).stdout == ""
    strict = run("check", "--strict", tmp_path / "out" / S000)  # 000 keeps an unclosed quote: a report
    assert strict.exit_code == 1 and "P002" in strict.stdout
    assert run("check", "--strict", tmp_path / "out" / S003).exit_code == 0


def test_check_diff_prints_a_diff_and_writes_nothing(src):
    before = snapshot(src)
    result = run("check", "--diff", src)
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert f"--- {src / S000}" in out and f"+++ {src / S000} (cleaned)" in out
    assert any(line.startswith("@@ -1,") for line in out)
    assert "- date 2021-10-09 In face-to-face talks, the Taliban warns the US not to ‘destabilize’ the regime." in out
    assert "+In face-to-face talks, the Taliban warns the US not to ‘destabilize’ the regime." in out
    assert "-December 10, 2023" in out
    assert snapshot(src) == before


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
@pytest.mark.parametrize("name", NAMES)
def test_check_diff_patches_the_source_into_the_clean_output(tmp_path, name):
    """The printed diff is a real unified diff: `patch` turns the source into the cleaned text."""
    source = tmp_path / name
    shutil.copy(SEEDS / name, source)
    diff = run("check", "--diff", source).stdout
    patched = subprocess.run(["patch", "-s", "-o", str(tmp_path / "patched"), str(source)], input=diff.encode(),
                             capture_output=True)
    assert patched.returncode == 0, patched.stdout + patched.stderr
    assert (tmp_path / "patched").read_bytes() == (GOLDEN / name).read_bytes()


def test_clean_writes_every_file_its_log_and_a_summary(src, tmp_path):
    """OUT/<name>, OUT/_changes/<name>.json and summary.json; the sources are left alone."""
    before = snapshot(src)
    out = tmp_path / "out"
    result = run("clean", src, "-o", out)
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes()
        log = json.loads((out / "_changes" / f"{name}.json").read_text(encoding="utf-8"))
        assert log["source"] == str(src / name)
        assert log["sha256_before"] == hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
        assert log["sha256_after"] == hashlib.sha256((out / name).read_bytes()).hexdigest()
        assert log["changes"] and all(LOG_CHANGE_KEYS <= set(change) for change in log["changes"])
    log001 = json.loads((out / "_changes" / f"{S001}.json").read_text(encoding="utf-8"))
    (date,) = [c for c in log001["changes"] if c["code"] == "M001"]
    assert (date["name"], date["action"], date["line"], date["col"]) == ("date-line", "drop", 1, 1)
    assert date["before"].startswith("December 10, 2023\n") and date["after"] == "" and date["reason"]
    summary = json.loads((out / "_changes" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_seen"] == 4 and summary["files_changed"] == 4 and summary["failures"] == []
    assert summary["rules"]["J020 line-judge"] == {"drop": 7, "report": 1} and summary["rules"]["M001 date-line"] == {"drop": 1}
    assert snapshot(src) == before


@pytest.mark.parametrize("inside", ["src/out", "src"])
def test_clean_refuses_an_output_folder_inside_the_source(src, inside):
    before = snapshot(src)
    result = run("clean", src, "-o", src.parent / inside)
    assert result.exit_code != 0
    assert "must not be inside the source" in result.stderr
    assert snapshot(src) == before and not (src / "out").exists()


def test_clean_refuses_to_write_over_a_source_file(src):
    """`clean FILE -o <its own folder>` would write the cleaned copy over FILE."""
    before = (src / S001).read_bytes()
    result = run("clean", src / S001, "-o", src)
    assert (src / S001).read_bytes() == before
    assert result.exit_code != 0


@pytest.mark.parametrize("case", ["output-inside-source", "unknown-rule", "broken-rules-dir"])
def test_usage_errors_exit_2(src, tmp_path, case):
    """Exit 1 means "would change"; a refused output folder, unknown rule or broken rule file is an error (2)."""
    if case == "output-inside-source":
        result = run("clean", src, "-o", src / "out")
    elif case == "unknown-rule":
        result = run("rules", "NOPE")
    else:
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "bad.toml").write_text("family = \n", encoding="utf-8")
        result = run("check", "--rules-dir", tmp_path / "rules", src)
        assert "bad.toml" in result.stderr
    assert result.exit_code == 2


def test_fix_rewrites_in_place_then_has_nothing_left(src):
    first = run("fix", "--unsafe-fixes", src)
    assert first.exit_code == 1 and "fixed" in first.stderr
    assert all((src / name).read_bytes() == (GOLDEN / name).read_bytes() for name in NAMES)
    again = run("fix", "--unsafe-fixes", src)
    assert again.exit_code == 0 and again.stdout == ""
    assert all((src / name).read_bytes() == (GOLDEN / name).read_bytes() for name in NAMES)


def test_fix_holds_back_unsafe_teasers(tmp_path):
    """Without --unsafe-fixes the J020 drops of the teasers stay, counted in one line (listed with --show-unsafe); the exit is
    1 only when a file changed, so a second run passes."""
    path = tmp_path / S003
    shutil.copy(SEEDS / S003, path)
    teasers = [line for line in seed_lines(S003) if line.endswith("…")]
    result = run("fix", "--show-unsafe", path)
    assert result.exit_code == 1
    held = findings(result.stdout)
    assert {f["code"] for f in held} == {"J020"} and len(held) == len(teasers)
    assert f"{len(teasers)} unsafe fixes held back in 1 file: `cleaner fix --unsafe-fixes`" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "told The Hill" in text and "the The" not in text  # the safe P001 fix was applied
    assert all(teaser in text for teaser in teasers)
    again = run("fix", path)
    assert again.exit_code == 0 and path.read_text(encoding="utf-8") == text
    assert again.stdout == "" and f"{len(teasers)} unsafe fixes held back in 1 file" in again.stderr


def test_clean_with_missing_and_binary_inputs(src, tmp_path):
    """Bad inputs are named on stderr and in summary.json; the good files are still cleaned."""
    (src / "image.png").write_bytes(PNG)
    missing, out = tmp_path / "missing.txt", tmp_path / "out"
    result = run("clean", src, missing, "-o", out)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any(line.startswith(f"error: {src / 'image.png'}: ") and "binary" in line for line in errors)
    assert any(line.startswith(f"error: {missing}: ") and "no such file" in line for line in errors)
    assert all((out / name).read_bytes() == (GOLDEN / name).read_bytes() for name in NAMES)
    assert not (out / "image.png").exists()
    summary = json.loads((out / "_changes" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_seen"] == 5 and summary["files_failed"] == 2  # a missing path is a failure, not a file
    assert {f["path"] for f in summary["failures"]} == {str(src / "image.png"), str(missing)}


@pytest.mark.parametrize("command", ["check", "fix"])
def test_check_and_fix_report_bad_inputs_and_go_on(src, tmp_path, command):
    (src / "image.png").write_bytes(PNG)
    result = run(command, src, tmp_path / "missing.txt")
    assert result.exit_code == 2
    assert f"error: {src / 'image.png'}: " in result.stderr and f"error: {tmp_path / 'missing.txt'}: " in result.stderr
    assert (src / "image.png").read_bytes() == PNG
    if command == "check":
        assert {Path(f["path"]).name for f in findings(result.stdout)} == set(NAMES)
    else:
        assert (src / S001).read_bytes() == (GOLDEN / S001).read_bytes()


def test_rules_lists_every_rule_code():
    codes = [rule["code"] for path in sorted((ROOT / "rules").glob("*.toml"))
             for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", [])]
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert sorted(listed) == sorted(codes) and len(codes) >= 20


def test_rules_documents_one_rule():
    result = run("rules", "J020")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("line-judge (J020)\n")
    assert "Drop a line that a calibrated model scores as junk" in out
    assert "## Why" in out and "Fix: unsafe" in out
    assert "## Example 1" in out and "Before:" in out and "After:" in out
    assert "  | Pop star announces a farewell tour of small theatres across…" in out
    assert run("rules", "line-judge").stdout == out


def test_rules_shows_every_parameter_with_the_value_it_runs_with(tmp_path):
    """The kind's defaults too, each with its help, and a value set in the rule file over the default."""
    out = run("rules", "J012").stdout
    for name, param in KINDS["duplicate-line"].params.items():
        value = {"head": 0, "min_words": 15, "min_block": 2}.get(name, param.default)  # J012 sets these
        assert f"  {name} = {value!r}\n" in out
    assert "      only copies of the first non-blank line count as repeats\n" in out
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.toml").write_text('family = "X"\n[[rule]]\ncode = "X001"\nname = "x-repeats"\n'
                                      'kind = "duplicate-line"\naction = "report"\nsummary = "s"\nwhy = "w"\n'
                                      '[rule.params]\nhead = 3\n[[rule.examples]]\nbefore = "a"\nafter = "a"\n',
                                      encoding="utf-8")
    own = run("rules", "--rules-dir", rules, "X001").stdout
    assert "  head = 3\n" in own and "  head = 5\n" not in own and "  min_words = 2\n" in own


def test_rules_unknown_code_fails():
    result = run("rules", "NOPE")
    assert result.exit_code != 0 and "NOPE" in result.stderr


def test_select_reports_only_that_rule(src):
    result = run("check", "--select", "W004", src / S001)
    assert result.exit_code == 1
    assert [f["code"] for f in findings(result.stdout)] == ["W004"]


def test_ignore_keeps_the_teasers(src, tmp_path):
    """--ignore J001 turns the teaser rule off and nothing else."""
    assert run("clean", "--ignore", "J020", src, "-o", tmp_path / "out").exit_code == 0
    cleaned = (tmp_path / "out" / S003).read_text(encoding="utf-8")
    assert all(line in cleaned for line in seed_lines(S003) if line.endswith("…"))
    assert "Explained: How division" in (tmp_path / "out" / S002).read_text(encoding="utf-8")
    assert "told The Hill" in cleaned  # other rules still ran
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_text(encoding="utf-8"))
    assert not any(rule.startswith("J020") for rule in summary["rules"])


def test_restore_rebuilds_every_seed_byte_for_byte(src, tmp_path):
    assert run("clean", src, "-o", tmp_path / "out").exit_code == 0
    result = run("restore", tmp_path / "out", "-o", tmp_path / "restored")
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "restored") == snapshot(src)


def test_restore_names_a_tampered_file(src, tmp_path):
    """A cleaned file edited after cleaning cannot be restored; the others still are."""
    out = tmp_path / "out"
    assert run("clean", src, "-o", out).exit_code == 0
    with open(out / S001, "a", encoding="utf-8") as handle:
        handle.write("An added line.\n")
    result = run("restore", out, "-o", tmp_path / "restored")
    assert result.exit_code == 2
    assert f"error: {out / S001}: " in result.stderr
    assert not (tmp_path / "restored" / S001).exists()
    assert (tmp_path / "restored" / S003).read_bytes() == (SEEDS / S003).read_bytes()


def test_a_source_named_summary_is_refused_not_lost(tmp_path):
    """Its log would be _changes/summary.json, the run summary: an error names it, the other files go on."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "summary").write_bytes(b"Storm  hits coast\n")
    (tmp_path / "src" / "other.txt").write_bytes(b"Storm  hits coast\n")
    result = run("clean", tmp_path / "src", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "summary" in result.stderr and "run summary" in result.stderr
    assert (tmp_path / "out" / "other.txt").read_bytes() == b"Storm hits coast\n"
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_failed"] == 1


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_console_script_end_to_end(src):
    """The installed `cleaner` script, as a pre-commit hook or CI job runs it."""
    script = Path(sys.executable).parent / "cleaner"
    if not script.exists():
        pytest.skip("the cleaner console script is not installed beside this Python")
    version = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and __version__ in version.stdout
    check = subprocess.run([script, "check", src / S003], capture_output=True, text=True)
    assert check.returncode == 1 and len(check.stderr.splitlines()) == 1  # only the summary line
    assert check.stderr.startswith("Found 7 findings in 1 file of 1: 1 fixable with `cleaner fix`")
    assert {f["code"] for f in findings(check.stdout)} == {"J020", "P001"}
