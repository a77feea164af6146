"""The shortcuts of the line judge (issue 17 item 6) and of the line key decide what the plain computation decides.

J020 remembers each line's facts across the rounds of one cleaning, scores
lines by their model signature once, explains them by compiled statements,
skips the reports a later round would not log, and counts with fast paths
for ASCII text and for text without CJK or Southeast Asian letters. Each
shortcut is checked here against the plain way of computing the same thing.
"""

import json
import random
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner, load_rules
from cleaner.rules import RuleError
from cleaner.document import Document
from cleaner.judge.features import FEATURES, FLAGS, features
from cleaner.judge.line_text import digit_share
from cleaner.judge.model import load_judge
from cleaner.kinds.duplicate_line import LETTER, QUOTES, SPACE, UNUSUAL_SPACE, line_key
from cleaner.kinds.shape import CJK, SOUTHEAST_ASIAN, UNSPACED_BLOCKS, _character_words
from cleaner.words import WORD, words

from .conftest import JUDGE_RULE, judge_everything

MODEL = Path(load_rules()[0].source).parent / "judge" / "model.json"
BODY = ("The harbour board met on Monday to decide how the old ferry pier should be repaired before winter.\n"
        "Engineers told members that the timber piles had rotted faster than expected in the warm summer.\n"
        "A temporary landing stage will be built so that the island service can keep running meanwhile.\n")
MENU = "Home\nNews\nSport\nWeather\nTravel\nCulture\nPodcasts\nSign in\n"
PAGE = MENU + BODY + "Read more: Ferry fares to rise again next spring\n" + "About us\nContact\nCareers\nPrivacy\n"


def values_of(doc):
    return [(record.shape.text, record.values) for record in features(doc)]


GERMAN = ("Der Rat tagte am Montag und beschloss, die alte Brücke über den Fluss noch in diesem Jahr zu sanieren.\n"
          "Die Ingenieure sagten, dass die Pfeiler schneller verrottet seien, als man im Sommer erwartet hatte.\n")


@pytest.mark.parametrize("first, then", [(PAGE, BODY), (PAGE, MENU + BODY), (BODY, PAGE),
                                         (GERMAN * 2 + BODY, BODY)])
def test_a_later_round_reads_the_same_features_as_a_fresh_document(first, then):
    """The facts remembered from the first text (another language, another main block) do not leak."""
    doc = Document(first)
    features(doc)
    assert values_of(doc.with_text(then)) == values_of(Document(then))


def judge_findings(doc):
    cleaner = Cleaner(select=["J020"])
    (kind,) = cleaner.kinds
    return list(kind.find(doc))


def test_a_round_whose_reports_are_not_logged_finds_the_same_drops_and_no_reports():
    text = MENU * 2 + BODY + "Five ways to cut your energy bill before the cold…\n" + "Opinion: a plain line\n" + MENU
    logged = judge_findings(Document(text))
    later = Document(text)
    later.reports = False
    unlogged = judge_findings(later)
    assert any(finding.action == "report" for finding in logged)
    assert [finding for finding in logged if finding.action == "drop"] == unlogged


def plain_reasons(model, values, count=3):
    """What the features added, walking each tree in a loop: the definition ``Model.reasons`` compiles."""
    added = [0.0] * len(FEATURES)
    for tree in model.trees:
        node = tree
        while len(node) > 1:
            value, feature, threshold, below, above = node
            node = below if values[feature] < threshold else above
            added[feature] += node[0] - value
    ranked = sorted(((value, FEATURES[i]) for i, value in enumerate(added)
                     if value > 0 and (values[i] or FEATURES[i] not in FLAGS)), reverse=True)
    return [name for _, name in ranked[:count]]


def plain_log_odds(model, values):
    total = model.base
    for tree in model.trees:
        node = tree
        while len(node) > 1:
            _, feature, threshold, below, above = node
            node = below if values[feature] < threshold else above
        total += node[0]
    return total


def test_the_compiled_model_scores_and_explains_as_walking_its_trees():
    judge = load_judge(str(MODEL))
    rng = random.Random(5)
    records = [record.values for record in features(Document(PAGE))]
    records += [[rng.choice((0.0, 1.0)) if name in FLAGS else rng.random() for name in FEATURES] for _ in range(300)]
    for model in judge.models.values():
        for values in records:
            assert model.log_odds(values) == pytest.approx(plain_log_odds(model, values), abs=1e-9)
            assert model.reasons(values) == plain_reasons(model, values)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text()
       | st.text(alphabet=st.sampled_from("a1 Z9.é²٣١ж字½Ⅻ\u0300-’")))
def test_digit_share_counts_ascii_and_other_characters_as_the_plain_definition(text):
    digits = sum(map(str.isdigit, text))
    alnum = digits + sum(map(str.isalpha, text))
    assert digit_share(text) == (digits / alnum if alnum else 0.0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aé ж字かカ한ไລ្မ\u0dff\u0e00\u0e01\u1000\u3005 1.")))
def test_character_words_skips_only_text_without_such_letters(text):
    expected = CJK.subn("", text)[1] // 2 + SOUTHEAST_ASIAN.subn("", text)[1] // 4
    assert _character_words(text, CJK) == expected


def test_the_blocks_scanned_first_hold_every_letter_counted_in_characters():
    """Every code point of the scripts ``_character_words`` counts lies in ``UNSPACED_BLOCKS`` (checked over all
    of Unicode, so a newer Unicode in ``regex`` that adds letters outside them fails here)."""
    letters = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
    outside = [hex(code) for code in range(sys.maxunicode + 1)
               if letters.match(chr(code)) and not UNSPACED_BLOCKS.match(chr(code))]
    assert outside == []


def plain_line_key(text):
    return None if not LETTER.search(text) else SPACE.sub(" ", text.translate(QUOTES)).strip().casefold()


def test_the_spaces_scanned_first_are_every_space_the_key_folds():
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if SPACE.match(chr(code))]
    assert [space for space in spaces if space != " " and not UNUSUAL_SPACE.search(space)] == []
    assert not UNUSUAL_SPACE.search("a b c") and UNUSUAL_SPACE.search("a  b")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Z\t\n\xa0\u2009\u3000\x1c“”‘’`«»é")))
def test_line_key_folds_as_the_plain_substitutions(text):
    assert line_key(text) == plain_line_key(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text(alphabet=st.sampled_from("aZ_9 -'\u212aÄßँक")))
def test_words_of_ascii_text_are_the_unicode_words(text):
    """The standard library's ASCII ``\\w`` finds the words ``regex``'s Unicode ``\\w`` finds (the Kelvin sign
    lowers to an ASCII k)."""
    assert words(text) == WORD.findall(text.lower())


def test_two_line_judges_with_other_models_do_not_share_remembered_scores(tmp_path):
    """Scores are remembered per rule: a second line-judge rule with a model that scores every line as junk
    (no trees, a high base) drops every line after the first, even where J020 scored the same lines first."""
    result = judge_everything(tmp_path, "page").clean(BODY)  # the page model drops a sentence at the threshold
    assert result.text == BODY.splitlines(keepends=True)[0]
    assert {change.code for change in result.changes if change.action == "drop"} == {"X901"}


def test_a_model_without_features_is_a_rule_error_naming_the_model(tmp_path):
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    broken = {**shipped, "regimes": {regime: {"features": [], "base": 0.0, "trees": []} for regime in ("text", "page")}}
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    (tmp_path / "judges.toml").write_text(JUDGE_RULE.format(model="broken.json", regime="auto"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"broken\.json.*names no features"):
        Cleaner(select=("X901",), rules_dirs=(tmp_path,))
