"""The README's pre-commit config, run by the real pre-commit twice over files with unsafe findings: the first
run fails and fixes, the second passes; Python and config files are never touched.

No network: the hooks are this repository's `.pre-commit-hooks.yaml` entries, run as a `repo: local` hook with
`language: system` (the `cleaner` of this environment) instead of pre-commit installing them from a clone."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TEASERS = ("A long first paragraph about the harbour and its pier, which closed after the storm.\n\n"
           + "".join(f"Scientists find a new {w} species in the far north of the country…\n"
                     for w in ("orchid", "beetle", "frog")))
PYTHON = "def f(a , b):  # aligned   comment\n    return a  ,  b\n\n\n\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or subprocess.run([sys.executable, "-m", "pre_commit", "--version"],
                                                  capture_output=True).returncode != 0,
    reason="needs git and the pre-commit package (pip install '.[test]')")


def readme_config() -> dict:
    """The YAML block of the README's pre-commit section, with the commented-out hook enabled or not."""
    section = re.search(r"## Use with pre-commit\n(.*?)\n## ", (ROOT / "README.md").read_text(), re.DOTALL)[1]
    return yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.DOTALL)[1])


def local_config(config: dict) -> str:
    """``config`` with its hooks taken from this repository's manifest and run locally, as pre-commit would run
    them after installing them: the manifest's entry, files and types, then the config's own keys."""
    manifest = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    [repo] = config["repos"]
    hooks = [{**manifest[hook["id"]], **hook, "language": "system"} for hook in repo["hooks"]]
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]})


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def pre_commit(repo, home, *args):
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "PRE_COMMIT_HOME": str(home),
           "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notes").mkdir(parents=True)
    (repo / "notes" / "teasers.txt").write_text(TEASERS + "The harbour  reopened.\n")
    (repo / "notes" / "only-unsafe.md").write_text(TEASERS)
    (repo / "notes" / "records.jsonl").write_text('{"id": 1, "text": "Storm  hits"}\n')
    (repo / "setup.py").write_text(PYTHON)
    git(repo, "init", "--quiet")
    return repo


def test_the_readme_config_converges_and_leaves_code_alone(repo, tmp_path):
    config = local_config(readme_config())
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"

    first = pre_commit(repo, home, "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "notes" / "teasers.txt").read_text() == TEASERS + "The harbour reopened.\n"
    assert (repo / "notes" / "records.jsonl").read_text() == '{"id": 1, "text": "Storm hits"}\n'
    assert (repo / "notes" / "only-unsafe.md").read_text() == TEASERS  # unsafe fixes held back

    second = pre_commit(repo, home, "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    git(repo, "add", "-A")
    assert pre_commit(repo, home, "--all-files").returncode == 0
    assert (repo / "setup.py").read_text() == PYTHON
    assert (repo / ".pre-commit-config.yaml").read_text() == config


def test_cleaner_check_fails_on_the_unsafe_fixes_fix_holds_back(repo, tmp_path):
    config = readme_config()
    config["repos"][0]["hooks"].append({"id": "cleaner-check"})
    (repo / ".pre-commit-config.yaml").write_text(local_config(config))
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"
    assert pre_commit(repo, home, "--all-files").returncode == 1
    fixed_once = pre_commit(repo, home, "cleaner-fix", "--all-files")
    assert fixed_once.returncode == 0, fixed_once.stdout
    check = pre_commit(repo, home, "cleaner-check", "--all-files")
    assert check.returncode == 1 and "J020" in check.stdout and "setup.py" not in check.stdout
    assert (repo / "setup.py").read_text() == PYTHON
