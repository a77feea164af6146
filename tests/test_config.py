"""Config files: discovery, precedence over defaults and under flags, per-file-ignores, exclude, sites, errors."""

import json

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.project import ConfigError, load_project

DIRTY = "Storm  hits coast   \n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def codes(stdout):
    return sorted({line.split(": ")[1].split()[0] for line in stdout.splitlines()})


@pytest.fixture
def project(tmp_path):
    """A project with a pyproject.toml at its root and a text file two folders down."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cleaner]\nignore = ["W001"]\n')
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "doc.txt").write_text(DIRTY)
    return tmp_path


def test_discovered_from_a_nested_folder(project):
    assert codes(run("check", project / "a" / "b" / "doc.txt").stdout) == ["W002", "W004"]  # not W001
    shown = run("config", project / "a" / "b").stdout
    assert f"# config file: {project / 'pyproject.toml'}" in shown
    assert f'ignore = ["W001"]  # {project / "pyproject.toml"}' in shown
    assert "extend-select = []  # default" in shown


def test_a_pyproject_without_a_cleaner_table_is_passed_over(project):
    (project / "a" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    assert codes(run("check", project / "a" / "b" / "doc.txt").stdout) == ["W002", "W004"]


def test_the_nearest_cleaner_toml_wins(project):
    (project / "a" / "cleaner.toml").write_text('select = ["W001"]\n')
    assert codes(run("check", project / "a" / "b" / "doc.txt").stdout) == ["W001"]


def test_flags_override_the_file_and_config_names_their_origin(project):
    doc = project / "a" / "b" / "doc.txt"
    assert codes(run("check", "--select", "W001", doc).stdout) == []  # the file's ignore still applies
    assert codes(run("check", "--select", "W", "--ignore", "W002", doc).stdout) == ["W004"]
    (project / "other.toml").write_text('select = ["W004"]\n')
    assert codes(run("check", "--config", project / "other.toml", doc).stdout) == ["W004"]
    shown = run("config", "--ignore", "W004", "--select", "W", project).stdout
    assert f'ignore = ["W001", "W004"]  # {project / "pyproject.toml"} + --ignore' in shown
    assert 'select = ["W"]  # --select' in shown


def test_per_file_ignores_and_exclude(project):
    (project / "cleaner.toml").write_text(
        'exclude = ["skip/*"]\n[per-file-ignores]\n"a/b/*.txt" = ["W002"]\n')
    (project / "skip").mkdir()
    (project / "skip" / "x.txt").write_text(DIRTY)
    (project / "top.txt").write_text(DIRTY)
    out = run("check", project).stdout
    assert f"{project / 'a' / 'b' / 'doc.txt'}:1:" in out and "skip" not in out
    assert codes("\n".join(line for line in out.splitlines() if "doc.txt" in line)) == ["W001"]
    assert codes("\n".join(line for line in out.splitlines() if "top.txt" in line)) == ["W001", "W002"]
    assert "W002" in run("check", project / "skip" / "x.txt").stdout  # a file named directly is not excluded


def test_rule_options_and_sites_apply_to_jsonl_records_by_url(tmp_path):
    (tmp_path / "cleaner.toml").write_text(
        '[rules.W002]\naction = "report"\n'
        '[sites."example.com"]\nignore = ["W004"]\n[sites."example.com".rules.W002]\naction = "fix"\n')
    lines = ['{"url": "https://news.example.com/1", "text": "a  b"}', '{"url": "https://example.org/", "text": "a  b"}',
             '{"text": "a  b"}']
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n")
    assert run("clean", tmp_path / "d.jsonl", "-o", tmp_path / "out").exit_code == 0
    texts = [json.loads(line)["text"] for line in (tmp_path / "out" / "d.jsonl").read_text().splitlines()]
    assert texts == ["a b", "a  b", "a  b"]  # a record text gets no final newline


def test_config_rules_dirs_are_relative_to_the_config_file(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "cleaner.toml").write_text('rules-dirs = ["nowhere"]\n')
    result = run("check", "--config", tmp_path / "cfg" / "cleaner.toml", tmp_path)
    assert result.exit_code == 2 and str(tmp_path / "cfg" / "nowhere") in result.stderr


@pytest.mark.parametrize("text, message", [
    ("colour = 1\n", "unknown key(s) colour; allowed: select, ignore,"),
    ("select = \"W\"\n", "'select' must be a list of strings, not 'W'"),
    ("unsafe-fixes = 1\n", "'unsafe-fixes' must be true or false"),
    ('preset = "everything"\n', "'preset' = 'everything': unknown preset; allowed: article-body"),
    ('[rules.X999]\nenabled = false\n', "rules.X999: unknown rule 'X999'; allowed: rule codes or names"),
    ('select = ["Q"]\n', "select: unknown rule 'Q'; allowed: rule codes or names, or code prefixes"),
    ('[rules.J001]\naction = "zap"\n', "rules.J001: 'action' = 'zap'; allowed: fix, drop, report"),
    ('[rules.J001]\nenabled = "yes"\n', "rules.J001: 'enabled' must be a bool"),
    ('[sites."a.com"]\npreset = "x"\n', "sites.a.com: unknown key(s) preset; allowed: select, ignore"),
    ("select = [\n", "not valid TOML"),
])
def test_a_bad_config_is_an_error_naming_file_key_and_allowed_values(tmp_path, text, message):
    (tmp_path / "cleaner.toml").write_text(text)
    (tmp_path / "doc.txt").write_text(DIRTY)
    result = run("check", tmp_path / "doc.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / 'cleaner.toml'}: ") and message in result.stderr
    with pytest.raises(ConfigError, match="cleaner.toml"):
        load_project([tmp_path / "doc.txt"])


def test_unsafe_fixes_from_the_config_apply_in_fix(tmp_path):
    teasers = "".join(f"Scientists find a new {w} species in the far north of the country…\n"
                      for w in ("orchid", "beetle", "frog"))
    text = "A long first paragraph about the harbour and its pier, which closed after the storm.\n\n" + teasers
    (tmp_path / "doc.txt").write_text(text)
    assert run("fix", tmp_path / "doc.txt").exit_code == 0  # nothing changed: the unsafe fixes are held back
    held = (tmp_path / "doc.txt").read_text()
    assert held == text
    (tmp_path / "cleaner.toml").write_text("unsafe-fixes = true\n")
    assert run("fix", tmp_path / "doc.txt").exit_code == 1
    assert len((tmp_path / "doc.txt").read_text()) < len(held)
