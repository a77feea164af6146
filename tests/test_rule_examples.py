"""Every rule's documented examples run as tests, with that rule alone."""

import pytest

from cleaner import Cleaner, load_rules
from cleaner.kinds.corpus import DuplicateDocument, RepeatedLine

RULES = load_rules()
#: Kinds that judge a document against a whole corpus: their examples cannot run on one
#: text, so they are skipped here and run inside generated corpora in tests/test_corpus.py.
CORPUS_KINDS = {RepeatedLine.name, DuplicateDocument.name}


def example_cases():
    for rule in RULES:
        if rule.kind in CORPUS_KINDS:
            continue
        for number, example in enumerate(rule.examples, 1):
            yield pytest.param(rule, example, id=f"{rule.code}-{rule.name}-{number}")


@pytest.mark.parametrize(("rule", "example"), list(example_cases()))
def test_example(rule, example):
    result = Cleaner(select=(rule.code,), extend_select=(rule.code,)).clean(example.before, meta=example.context())
    assert result.text == example.after
    if rule.action == "report" and example.before == example.after:
        assert any(c.code == rule.code and c.action == "report" for c in result.changes), "a report rule must report its example"
    if example.before != example.after:
        assert all(c.code == rule.code for c in result.changes)


def test_every_rule_is_documented():
    for rule in RULES:
        assert rule.summary and rule.why and rule.examples
        assert rule.code.startswith(rule.family)


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES) == len({r.name for r in RULES})


@pytest.mark.parametrize("word", ["Iran", "Taliban", "Hill", "Afghanistan", "Kunduz", "Doha"])
def test_no_rule_names_words_of_the_seeds(word):
    from pathlib import Path

    for path in (Path(__file__).parent.parent / "rules").rglob("*.toml"):
        assert word.lower() not in path.read_text(encoding="utf-8").lower(), f"{path} mentions {word!r}"
