"""Cleaning is idempotent on every real text of both dev collections: a second clean changes nothing, with the
default rules and with `article-body` (about 30 s in all; skipped when ../shared/eval is not next to the repository).

Every extractor's output of every page is cleaned, then its cleaned text again."""

import json
from pathlib import Path

import pytest

from cleaner import Cleaner, Config

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
INPUTS = sorted(EVAL.glob("*/inputs/*.json"))


@pytest.fixture(scope="module", params=[None, "article-body"], ids=["default", "article-body"])
def cleaner(request):
    return Cleaner(Config(preset=request.param))


@pytest.mark.skipif(not INPUTS, reason="needs ../shared/eval (the dev collections) next to the repository")
@pytest.mark.parametrize("inputs", INPUTS, ids=[f"{path.parents[1].name}-{path.stem}" for path in INPUTS])
def test_a_second_clean_changes_nothing(cleaner, inputs):
    texts = {key: value["articleBody"] for key, value in json.loads(inputs.read_text(encoding="utf-8")).items()}
    assert len(texts) > 50
    changing = {}
    for key, text in texts.items():
        again = cleaner.clean(cleaner.clean(text).text)
        if again.changed:
            changing[key] = [(change.code, change.line, change.before[:60]) for change in again.changes]
    assert changing == {}


def test_both_dev_collections_are_there_when_the_folder_is():
    if EVAL.is_dir():
        assert {path.parents[1].name for path in INPUTS} == {"articles-dev", "readability-dev"}
