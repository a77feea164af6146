"""The README matches the tool: every `cleaner` command it shows in the sections on the CLI, the API, config and
pre-commit runs (in a temporary folder holding a copy of seeds/), every option it names exists, its config block
is accepted, its Python snippets run and give the values their comments say, and its change log example has the
keys a real log has. The benchmark sections (Reliability's fuzzing, Measuring) and the Ray cluster are left out;
the pre-commit config is run by tests/test_contract_precommit.py."""

import ast
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The sections this test holds the README to; the others are benchmark notes or need a cluster.
CHECKED = ("Quick start", "What you get", "Reviewing a run", "Commands", "Inputs", "Configuration", "Use in a pipeline",
           "Use with pre-commit", "Rules", "Lossless", "Corpus-level cleaning")
#: The placeholders of the command templates, and what the test runs in their place.
PLACEHOLDERS = {"SRC...": "seeds/", "SRC": "seeds/", "OUT": "out/", "DIR": "back/", "[CODE]": "J020", "CODE": "J020",
                "[PATH]": "", "[--rules-dir DIR]": "",
                "[--preset NAME]": "--preset article-body"}
#: Commands that need arguments; the README names them bare (`cleaner restore` undoes...) without running them.
NEED_ARGUMENTS = {"clean", "check", "fix", "restore"}


def sections() -> dict[str, str]:
    parts = re.split(r"^## ", README, flags=re.MULTILINE)[1:]
    found = {part.split("\n", 1)[0]: part for part in parts}
    assert set(CHECKED) <= set(found), f"README sections renamed: {set(CHECKED) - set(found)}"
    return {title: found[title] for title in CHECKED}


def spans(text: str) -> list[str]:
    """The inline code of ``text`` (``single`` and ````double```` backticks), its whitespace made single spaces."""
    return [" ".join((a or b).split()) for a, b in re.findall(r"``(?!`)(.+?)``|`([^`]+)`", text)]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def shown_commands() -> list[str]:
    """Every `cleaner` command of the checked sections: in ```sh blocks (the `cleaner` steps of a `&&` chain) and
    inline, with the placeholders of the templates filled in, in README order."""
    commands = []
    for text in sections().values():
        for block in blocks(text, "sh"):
            commands += [step.strip() for line in block.splitlines() for step in line.split("&&")
                         if step.strip().startswith("cleaner ")]
        commands += [span for span in spans(text) if span.startswith("cleaner ")]
    filled = []
    for command in commands:
        for placeholder, value in sorted(PLACEHOLDERS.items(), key=lambda item: -len(item[0])):
            command = command.replace(placeholder, value)
        words = shlex.split(command)
        if not (len(words) == 2 and words[1] in NEED_ARGUMENTS) and command not in filled:
            filled.append(" ".join(words))
    return filled


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(command: str):
    return CliRunner().invoke(main, shlex.split(command)[1:])


def test_the_readme_shows_the_commands_this_test_runs():
    commands = shown_commands()
    assert "cleaner clean seeds/ -o out/" in commands and "cleaner restore out/ -o back/" in commands
    assert "cleaner rules J020" in commands and "cleaner check seeds/" in commands


def test_every_command_the_readme_shows_runs(sandbox):
    for command in shown_commands():
        result = run(command)
        assert result.exit_code in (0, 1), f"{command}: exit {result.exit_code}\n{result.output}"
        assert "Error" not in result.output and "Usage:" not in result.output, command


def test_every_option_the_commands_section_names_exists():
    text = sections()["Commands"]
    table, shared = text.split("Options shared by", 1)
    for row in table.splitlines():
        if row.startswith("| `cleaner "):
            command = row.split("`")[1].split()[1]
            help_text = run(f"cleaner {command} --help").output
            named = {re.match(r"--[\w-]+", span)[0] for span in spans(row) if re.match(r"--[\w-]+", span)}
            assert all(option in help_text for option in named), (command, named)
    shared_options = {re.match(r"--[\w-]+", span)[0] for span in spans(shared) if re.match(r"--[\w-]+", span)}
    assert "--quiet" in shared_options and len(shared_options) > 10
    for command in ("clean", "check", "fix"):
        help_text = run(f"cleaner {command} --help").output
        assert all(option in help_text for option in shared_options), (command, shared_options - set(help_text.split()))


def test_the_configuration_block_is_accepted(sandbox):
    [block] = blocks(sections()["Configuration"], "toml")
    (sandbox / "pyproject.toml").write_text(block)
    (sandbox / "my-rules").mkdir()
    shown = run("cleaner config")
    assert shown.exit_code == 0, shown.output
    assert 'preset = "article-body"' in shown.output and '[rules.W003.params]' not in shown.output
    assert "max = 2" in shown.output and "enabled = true" in shown.output
    checked = run("cleaner check seeds/")
    assert checked.exit_code in (0, 1), checked.output


class Dataset:
    """What the `datasets.map` snippet needs of a dataset."""

    def __init__(self, rows):
        self.rows = rows

    def map(self, function):
        return Dataset([{**row, **function(row)} for row in self.rows])


class Doc:
    def __init__(self, text):
        self.text = text


def commented_values(block: str) -> list[tuple[str, object]]:
    """``expression  # value`` lines whose comment is a Python literal: what the README says they give."""
    found = []
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        if code and not code.startswith((" ", "#")) and "=" not in code and comment:
            try:
                found.append((code.strip(), ast.literal_eval(comment.strip())))
            except (ValueError, SyntaxError):
                continue
    return found


def test_the_python_snippets_run_and_give_what_they_say(sandbox):
    pipeline = blocks(sections()["Use in a pipeline"], "python")
    assert len(pipeline) == 3
    names = {"text": "Storm  hits coast\n", "records": [{"id": 1, "text": "Storm  hits\n"}],
             "dataset": Dataset([{"text": "a  b\n"}])}
    for block in pipeline:  # one namespace, as one session would run them
        exec(compile(block.replace("    ...", "    pass"), "README.md", "exec"), names)
        for expression, value in commented_values(block):
            assert eval(expression, names) == value, expression
    assert len(commented_values(pipeline[0])) == 3
    assert [document.text for document in names["clean_step"]([Doc("a  b\n")])] == ["a b"]
    assert names["dataset"].rows == [{"text": "a b"}]


def test_the_change_log_example_has_the_keys_of_a_real_log(sandbox):
    text = sections()["What you get"]
    example = json.loads(blocks(text, "json")[0])
    assert run("cleaner clean seeds/ -o out/").exit_code == 0
    [log_path] = (sandbox / "out" / "_changes").glob("003_*.json")
    log = json.loads(log_path.read_text(encoding="utf-8"))
    assert set(example) <= set(log)
    assert {key for change in example["changes"] for key in change} == set(log["changes"][0])


def test_the_first_screen_s_before_becomes_its_after():
    """The README opens with a scraped story and what `cleaner clean` makes of it; the after is what it makes."""
    intro = README[:README.index("## Quick start")]
    before, after = blocks(intro, "text")
    assert "\u00a0" in before and "the the" in before
    assert clean_text(before.rstrip("\n")).text == after
