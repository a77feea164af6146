"""API = CLI: the Python API checks rule codes as the command line does, with the same error; codes, names and
prefixes in any case; ``cleaner rules`` takes them too, lists in code order and says which fixes are safe; per-rule
``params`` in config work as documented, and a bad one is named in the config, not in the installed rule file."""

import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Config, RuleError, clean_text
from cleaner.cli import main
from cleaner.rules import BUILTIN_RULES

DIRTY = "Storm  hits\n\n\n\nThe coast\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("key, flag, selector", [("select", "--select", "J999"), ("ignore", "--ignore", "J0002"),
                                                 ("extend_select", "--extend-select", "no-such-rule")])
def test_the_api_refuses_an_unknown_rule_with_the_cli_error(tmp_path, key, flag, selector):
    (tmp_path / "a.txt").write_text(DIRTY)
    cli = run("check", tmp_path / "a.txt", flag, selector)
    assert cli.exit_code == 2
    with pytest.raises(RuleError) as raised:
        Cleaner(Config(**{key: [selector]}))
    assert str(raised.value) in cli.output  # the CLI adds only where the setting came from
    assert f"unknown rule '{selector}'" in str(raised.value)
    with pytest.raises(RuleError):
        clean_text(DIRTY, config=Config(**{key: (selector,)}))


@pytest.mark.parametrize("selector", ["W002", "w002", "W", "w00", "space-runs", "Space-Runs"])
def test_codes_prefixes_and_names_in_any_case_select_the_same_rule(tmp_path, selector):
    assert [c.code for c in Cleaner(Config(select=(selector,))).clean("Storm  hits\n").changes] == ["W002"]
    (tmp_path / "a.txt").write_text("Storm  hits\n")
    result = run("check", tmp_path / "a.txt", "--select", selector)
    assert result.exit_code == 1 and "W002" in result.stdout


def test_per_rule_options_by_lowercase_code():
    cleaner = Cleaner(Config(options={"w003": {"max": 2}}))
    assert cleaner.clean(DIRTY).text == "Storm hits\n\n\nThe coast\n"


def test_rules_lists_in_code_order_with_fix_safety():
    listed = run("rules")
    assert listed.exit_code == 0
    rows = [line.split() for line in listed.stdout.splitlines()]
    codes = [row[0] for row in rows]
    assert codes == sorted(codes) and len(codes) > 50
    safety = {row[0]: row[3] for row in rows}
    assert safety["J020"] == "unsafe" and safety["W002"] == "safe"
    assert {safety[row[0]] for row in rows if row[2] == "report"} == {"-"}


@pytest.mark.parametrize("prefix", ["J", "j", "j00"])
def test_rules_takes_a_prefix_in_any_case(prefix):
    result = run("rules", prefix)
    assert result.exit_code == 0
    codes = [line.split()[0] for line in result.stdout.splitlines()]
    assert codes and all(code.startswith(prefix.upper()) for code in codes)


@pytest.mark.parametrize("code", ["j020", "J020", "Line-Judge"])
def test_rules_documents_one_rule_by_code_or_name_in_any_case(code):
    result = run("rules", code)
    assert result.exit_code == 0 and result.stdout.startswith("line-judge (J020)")


def test_rules_refuses_what_names_no_rule():
    result = run("rules", "zz9")
    assert result.exit_code == 2 and "no rule 'zz9'" in result.output


@pytest.mark.parametrize("table", ["[tool.cleaner.rules.W003]\nparams = { max = 2 }\n",
                                   "[tool.cleaner.rules.blank-line-runs.params]\nmax = 2\n",
                                   "[tool.cleaner.rules.W003]\nmax = 2\n"])
def test_per_rule_params_in_config_as_the_readme_shows(tmp_path, table):
    (tmp_path / "pyproject.toml").write_text(table)
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("fix", tmp_path / "a.txt")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "a.txt").read_text() == "Storm hits\n\n\nThe coast\n"


def test_a_bad_rule_parameter_in_config_is_named_in_the_config_not_the_rule_file(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner.rules.W003.params]\nmaxx = 2\n")
    (tmp_path / "a.txt").write_text(DIRTY)
    result = run("check", tmp_path / "a.txt")
    assert result.exit_code == 2
    assert str(tmp_path / "pyproject.toml") in result.output and "unknown parameter(s) maxx" in result.output
    assert str(BUILTIN_RULES) not in result.output and "whitespace.toml" not in result.output
