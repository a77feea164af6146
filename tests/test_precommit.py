"""The pre-commit hooks, run by the real pre-commit against a clone of this repository at HEAD.

pre-commit installs the hooks' repository at a committed revision, so this
test uses HEAD: the hooks as last committed. It builds pre-commit's own
virtual environment (pip install from PyPI), which takes a minute or so.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "Storm  hits the coast\n\n\nBoats were moved to the southern basin.   \n"
CLEAN = "Storm hits the coast\n\nBoats were moved to the southern basin.\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or subprocess.run([sys.executable, "-m", "pre_commit", "--version"],
                                                  capture_output=True).returncode != 0,
    reason="needs git and the pre-commit package (pip install '.[test]')")


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def pre_commit(repo, home, *args):
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "PRE_COMMIT_HOME": str(home),
           "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def test_hooks_fix_then_pass(tmp_path):
    hooks = tmp_path / "hooks"
    git(tmp_path, "clone", "--quiet", str(ROOT), str(hooks))
    rev = git(hooks, "rev-parse", "HEAD")
    repo = tmp_path / "repo"
    (repo / "notes").mkdir(parents=True)
    (repo / "notes" / "a.txt").write_text(DIRTY)
    (repo / "notes" / "b.txt").write_text(CLEAN)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n"
        "  - id: cleaner-fix\n    files: '\\.txt$'\n"
        "  - id: cleaner-check\n    files: '\\.txt$'\n")
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    check_only = pre_commit(repo, home, "cleaner-check", "--all-files")
    assert check_only.returncode == 1, check_only.stdout + check_only.stderr
    assert "notes/a.txt:1:6: W002 [*] space-runs" in check_only.stdout
    assert (repo / "notes" / "a.txt").read_text() == DIRTY  # check changes nothing

    first = pre_commit(repo, home, "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "notes" / "a.txt").read_text() == CLEAN
    assert (repo / "notes" / "b.txt").read_text() == CLEAN

    second = pre_commit(repo, home, "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
