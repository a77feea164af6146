"""User rule files: every problem is a RuleError that names the file, the rule and the cause."""

import json
import threading
import time

import pytest

from cleaner import Cleaner, Config, RuleError
from cleaner.rules import load_rule_file, load_rules

BASE = {
    "code": "X001",
    "name": "colour-spelling",
    "kind": "substitution",
    "summary": "Use the US spelling of colour.",
    "why": "One spelling keeps counts and searches consistent.",
}
PARAMS = {"pattern": r"\bcolour\b", "replace": "color"}
EXAMPLES = [("The colour red.\n", "The color red.\n")]


def rule_toml(family="X", params=PARAMS, examples=EXAMPLES, drop=(), **fields):
    """One [[rule]] file; values are written as JSON, which is valid TOML for strings, numbers, bools, lists."""
    fields = {key: value for key, value in {**BASE, **fields}.items() if key not in drop}
    lines = [f'family = "{family}"', "", "[[rule]]", *(f"{k} = {json.dumps(v)}" for k, v in fields.items())]
    if params:
        lines += ["[rule.params]", *(f"{k} = {json.dumps(v)}" for k, v in params.items())]
    for before, after in examples:
        lines += ["[[rule.examples]]", f"before = {json.dumps(before)}", f"after = {json.dumps(after)}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "my-rules"
    path.mkdir()
    return path


def write(folder, text, name="user.toml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_names(error, path, *parts):
    message = str(error.value)
    assert str(path) in message, message
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def build(folder):
    return Cleaner(Config(rules_dirs=(folder,)))


def test_a_valid_user_rule_runs_end_to_end(folder):
    path = write(folder, rule_toml())
    (rule,) = load_rule_file(path)
    assert (rule.code, rule.name, rule.family, rule.source) == ("X001", "colour-spelling", "X", str(path))
    assert "X001" in {r.code for r in load_rules([folder])}
    result = build(folder).clean("The colour red  fades.\n")
    assert result.text == "The color red fades.\n"
    (change,) = [c for c in result.changes if c.code == "X001"]
    assert (change.name, change.action, change.line, change.col) == ("colour-spelling", "fix", 1, 5)
    assert (change.before, change.after) == ("colour", "color")
    assert {c.code for c in result.changes} == {"X001", "W002"}  # built-in rules still run


def test_invalid_toml(folder):
    path = write(folder, 'family = "X"\n[[rule]]\ncode = "X001\n')
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "not valid TOML")
    with pytest.raises(RuleError):
        load_rules([folder])


@pytest.mark.parametrize("field", ["why", "summary", "kind"])
def test_missing_field(folder, field):
    path = write(folder, rule_toml(drop=(field,)))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", "missing field", field)


def test_unknown_field(folder):
    path = write(folder, rule_toml(colour="red"))
    with pytest.raises(RuleError) as error:
        load_rules([folder])
    assert_names(error, path, "X001", "unknown field", "colour")


def test_unknown_kind(folder):
    path = write(folder, rule_toml(kind="no-such-kind"))
    assert load_rule_file(path)  # the file parses; the kind is checked when the Cleaner builds kinds
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "unknown kind 'no-such-kind'")


def test_bad_regex(folder):
    path = write(folder, rule_toml(params={"pattern": "(colour", "replace": "color"}))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "pattern", "bad regex")


@pytest.mark.parametrize("value", ["ten", True, 10.5])
def test_wrong_parameter_type(folder, value):
    params = {"pattern": "(?i)watch now", "max_words": value}
    path = write(folder, rule_toml(kind="line-pattern", action="drop", params=params))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "max_words", "must be int", type(value).__name__)


def test_wrong_list_item_type(folder):
    path = write(folder, rule_toml(kind="doubled-word", params={"fix_words": [1, 2]}))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "fix_words")


def test_bad_group_reference_in_replace(folder):
    path = write(folder, rule_toml(params={"pattern": r"\b(colour)\b", "replace": r"\2"}))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "replace")


def test_unknown_parameter(folder):
    path = write(folder, rule_toml(params={"pattern": "colour", "colour": "red"}))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "unknown parameter", "colour")


def test_duplicate_code_in_the_users_folder(folder):
    first = write(folder, rule_toml(), "a.toml")
    second = write(folder, rule_toml(name="another-rule"), "b.toml")
    assert load_rule_file(first) and load_rule_file(second)  # each file is fine on its own
    with pytest.raises(RuleError) as error:
        load_rules([folder])
    assert_names(error, second, "X001", "duplicate", str(first))


def test_duplicate_code_within_one_file(folder):
    path = write(folder, rule_toml() + rule_toml(name="another-rule").split("\n", 2)[2])
    with pytest.raises(RuleError) as error:
        load_rules([folder])
    assert_names(error, path, "X001", "duplicate")


@pytest.mark.parametrize(("family", "code", "name", "clash"), [
    ("W", "W001", "my-trailing-spaces", "whitespace.toml"),  # a built-in code
    ("X", "X001", "line-judge", "junk-lines.toml"),  # a built-in name
])
def test_clash_with_a_builtin_rule(folder, family, code, name, clash):
    path = write(folder, rule_toml(family=family, code=code, name=name))
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, code, "duplicate", clash)


@pytest.mark.parametrize("code", ["X1", "x001", "X0001", "Y001", "X-001"])
def test_bad_code_format(folder, code):
    path = write(folder, rule_toml(code=code))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, f"rule {code}", "code must be")


@pytest.mark.parametrize("name", ["Colour-Spelling", "colour_spelling", "colour spelling", "-colour", "colour--x"])
def test_name_not_kebab_case(folder, name):
    path = write(folder, rule_toml(name=name))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", name, "kebab-case")


def test_missing_examples(folder):
    path = write(folder, rule_toml(examples=[]))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", "examples")


def test_empty_examples_list(folder):
    path = write(folder, rule_toml(examples=[]).replace("[rule.params]", "examples = []\n[rule.params]"))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", "at least one")


def test_example_without_after(folder):
    path = write(folder, rule_toml().replace('after = "The color red.\\n"\n', ""))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", "before", "after")


def test_action_the_kind_does_not_support(folder):
    path = write(folder, rule_toml(action="drop"))
    assert load_rule_file(path)[0].action == "drop"  # a known action: refused by the kind, not the loader
    with pytest.raises(RuleError) as error:
        build(folder)
    assert_names(error, path, "X001", "substitution", "does not support action 'drop'")


def test_unknown_action(folder):
    path = write(folder, rule_toml(action="delete"))
    with pytest.raises(RuleError) as error:
        load_rule_file(path)
    assert_names(error, path, "X001", "action must be one of")


def test_catastrophic_backtracking_does_not_hang(folder):
    """`(a+)+$` on 'aaaa…b' loads and does not hang: RE2 sees in one linear pass that it cannot match, so
    ``regex`` never tries (when RE2 cannot tell, the time limit stops it: test_reliability_faults)."""
    write(folder, rule_toml(params={"pattern": "(a+)+$"}, examples=[("b", "b")]))
    cleaner = build(folder)  # not refused at load
    text = "a" * 5000 + "b"
    outcome = {}

    def work():
        started = time.monotonic()
        outcome["result"] = cleaner.clean(text)
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "cleaning hung on a catastrophic-backtracking pattern"
    result = outcome["result"]
    assert outcome["seconds"] < 10
    assert result.skipped == ()
    assert not any(c.code == "X001" for c in result.changes)
    assert result.text == text + "\n"  # the other rules still ran (W004 added the final newline)
