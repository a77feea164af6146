"""`cleaner rules --preset NAME`: the rules as a preset runs them (which are on, with what options)."""

import tomllib

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.config import PRESETS


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_one_rule_shows_the_options_the_preset_gives_it():
    preset = tomllib.loads((PRESETS / "article-body.toml").read_text(encoding="utf-8"))["rules"]["J020"]
    shown = run("rules", "--preset", "article-body", "J020").stdout
    assert "In article-body: on" in shown
    for name, value in preset.items():
        assert f"  {name} = {value!r}\n" in shown
    plain = run("rules", "J020").stdout
    assert "Default: on" in plain and "  outside_article = False\n" in plain


def test_the_list_says_which_rules_the_preset_turns_on():
    def state(*args):
        return {line.split()[0]: line.split()[1] for line in run("rules", *args, "M").stdout.splitlines()}

    assert state()["M010"] == "off" and state("--preset", "article-body")["M010"] == "on"


def test_an_unknown_preset_is_an_error_naming_the_ones_there_are():
    result = run("rules", "--preset", "no-such-preset", "J020")
    assert result.exit_code == 2
    assert "unknown preset 'no-such-preset'" in result.output and "article-body" in result.output
