"""In extracted text J020's threshold alone never drops a sentence of prose (``PROSE_SENTENCE_WORDS`` words or
more): it reports it. A judge whose model scores every line as junk shows it; the text is written for this test."""

import json
from pathlib import Path

from cleaner import Cleaner, load_rules
from cleaner.kinds.judge import PROSE_SENTENCE_WORDS

SHIPPED = Path(load_rules()[0].source).parent / "judge" / "model.json"
RULE = '''
family = "X"

[[rule]]
code = "X902"
name = "judge-everything"
kind = "line-judge"
action = "drop"
summary = "A judge whose model scores every line as junk."
why = "To show what the threshold alone may drop."
[rule.params]
model = "everything.json"
regime = "{regime}"
[[rule.examples]]
before = "Title\\nHome\\n"
after = "Title\\n"
'''
SENTENCE = "The harbour board met on Monday to decide how the old ferry pier should be repaired before winter."
SHORT = "The pier is closed."
TEXT = "\n".join(["Ferry pier to close", "Home", SENTENCE, SHORT, "Sign in"]) + "\n"


def judge(tmp_path, regime):
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    model = {**shipped, "thresholds": {"default": {name: {"drop": 5.0, "report": 5.0} for name in ("text", "page")}},
             "regimes": {name: {"features": part["features"], "base": 10.0, "trees": []}
                         for name, part in shipped["regimes"].items()}}
    (tmp_path / "everything.json").write_text(json.dumps(model), encoding="utf-8")
    (tmp_path / "judges.toml").write_text(RULE.format(regime=regime), encoding="utf-8")
    return Cleaner(select=("X902",), rules_dirs=(tmp_path,))


def test_in_extracted_text_a_sentence_of_prose_is_reported_and_the_rest_goes(tmp_path):
    assert len(SENTENCE.split()) >= PROSE_SENTENCE_WORDS > len(SHORT.split())
    result = judge(tmp_path, "text").clean(TEXT)
    assert {change.before.strip(): change.action for change in result.changes} == {
        "Home": "drop", SENTENCE: "report", SHORT: "drop", "Sign in": "drop"}
    assert "a sentence of prose in extracted text: reported only" in next(
        change.reason for change in result.changes if change.action == "report")


def test_in_a_page_dump_the_threshold_drops_it(tmp_path):
    result = judge(tmp_path, "page").clean(TEXT)
    assert result.text == "Ferry pier to close\n"
