"""The helpers of bench/quality.py and bench/rule_precision.py, on tiny hand-made data.

Every expected figure is worked out by hand in the comment beside it.
"""
import json
from collections import Counter, defaultdict

import pytest

from bench.quality import (EachPreset, article_lost, collections, gold_lines_dropped, gold_tokens_lost,
                           html_clean, main, new_rule, recall_lost, run_input)
from bench.rule_precision import judge_document, junk_and_content, new_tally, removed_tokens
from bench.rule_precision import main as precision_main
from cleaner import Result
from cleaner.change import Change


def words(n: int, stem: str = "w") -> str:
    """n distinct words: w0 w1 ... (so token counts are easy to work out)."""
    return " ".join(f"{stem}{i}" for i in range(n))


def change(code: str, action: str, before: str, after: str = "", line: int = 1, applied: bool = True) -> Change:
    return Change(code, code.lower(), action, line, 1, before, after, "test", 0, 0, applied=applied)


def test_gold_tokens_lost_counts_the_gold_tokens_the_input_held_and_cleaning_removed():
    # gold: The storm hit the coast (5 tokens, "The" and "the" differ); the input holds all 5;
    # the cleaned text lacks "the": 1 of 5 lost.
    assert gold_tokens_lost("The storm hit the coast", "Menu The storm hit the coast Share",
                            "The storm hit coast") == (1, 5)


def test_gold_tokens_lost_is_a_multiset_measure_over_what_the_input_held():
    # gold {a:1, b:2, c:1} & input {a:1, b:2, x:1} = {a:1, b:2}: 3 present; the cleaned text
    # keeps one b: 2 lost.  c, missing from the input, is not counted as lost.
    assert gold_tokens_lost("a b b c", "a b b x", "b x") == (2, 3)
    assert gold_tokens_lost("a b", "x y", "") == (0, 0)


def test_article_lost_when_cleaning_cuts_the_input_below_a_fifth_and_the_gold_disagrees():
    page = words(100)
    assert article_lost(words(30), page, words(19))  # 19 < 20 kept, gold 30 >= 20
    assert article_lost(words(20), page, words(19))  # gold exactly a fifth still disagrees
    assert not article_lost(words(30), page, words(20))  # 20 kept is a fifth, not under it
    assert not article_lost(words(19), page, words(5))  # the gold agrees the article is short
    assert not article_lost(words(30), words(49), "")  # an input under 50 words never counts


def test_recall_lost_is_recall_before_minus_after():
    assert recall_lost({"recall": 0.9}, {"recall": 0.85}) == pytest.approx(0.05)
    assert recall_lost({"recall": 0.8}, {"recall": 0.9}) == pytest.approx(-0.1)


def test_run_input_adds_up_token_loss_lost_articles_and_false_drops():
    article = words(60)
    gold = {"lost": article, "kept": "a b c d e"}
    texts = {"lost": article + "\nMenu", "kept": "a b c d e\nShare"}
    results = {  # "lost": the article line dropped, "Menu" kept; "kept": the "Share" line dropped
        "lost": Result("Menu", (change("J010", "drop", article + "\n"),), texts["lost"]),
        "kept": Result("a b c d e", (change("B001", "drop", "Share", line=2),), texts["kept"]),
    }
    rules = defaultdict(new_rule)
    row = run_input("x", texts, gold, lambda doc_id, text: results[doc_id], rules)
    # 65 gold tokens present in the inputs, the 60 of "lost" removed
    assert row["gold_tokens_lost"] == pytest.approx(60 / 65)
    # 61 input words, 1 kept (< 12.2), gold 60 (>= 12.2): lost; "kept" keeps all of its gold
    assert row["articles_lost"] == ["lost"]
    # recall: 1.0 and 1.0 before, 0.0 and 1.0 after
    assert row["recall_lost"] == pytest.approx(0.5)
    assert (row["dropped"], row["false_drops"]) == (2, 1)
    assert (rules["J010"]["false_drops"], rules["B001"]["false_drops"]) == (1, 0)


def test_collections_are_the_folders_with_gold_and_inputs(tmp_path):
    for name, files in {"a": ("ground-truth.json", "inputs/"), "b": ("ground-truth.json",),
                        "c": ("inputs/",)}.items():
        for file in files:
            path = tmp_path / name / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.mkdir() if file.endswith("/") else path.write_text("{}")
    assert collections(tmp_path) == [tmp_path / "a"]


def test_gold_lines_dropped_counts_the_visible_lines_of_the_gold_that_cleaning_dropped():
    class DropsSecondLine:
        def clean(self, text):
            return Result("", (change("B001", "drop", "Share this\n", line=2),), text)

    # 3 visible lines (the blank one does not count), the second dropped
    assert gold_lines_dropped(["Storm hits coast.\nShare this\n\nMore text."], DropsSecondLine()) == {
        "lines": 3, "dropped": 1}


def test_each_preset_cleans_with_every_cleaner_and_uses_what_any_uses():
    class Upper:
        def uses(self, kind_name):
            return kind_name == "agreement"

        def clean(self, text, **options):
            return text.upper() + options.get("meta", "")

    class Same:
        def uses(self, kind_name):
            return False

        def clean(self, text, **options):
            return text

    each = EachPreset({"default": Same(), "article-body": Upper()})
    assert each.uses("agreement") and not each.uses("other")
    assert each.clean("ab", meta="!") == {"default": "ab", "article-body": "AB!"}


def test_html_clean_gives_the_presets_result_and_raises_a_pages_error():
    clean = html_clean({"p": {"default": "R1", "article-body": "R2"}, "q": ValueError("no text")}, "article-body")
    assert clean("p", "") == "R2"
    with pytest.raises(ValueError, match="no text"):
        clean("q", "")


def test_removed_tokens_are_the_multiset_difference():
    assert removed_tokens("the cat and the dog", "the dog") == Counter({"the": 1, "cat": 1, "and": 1})


def test_junk_and_content_counts_as_content_only_the_gold_shortfall():
    # "the": 3 removed, the gold has 5 and the cleaned text kept 3: 2 of them content, 1 junk;
    # "Share": not in the gold: junk.
    assert junk_and_content(Counter({"the": 3, "Share": 1}), Counter({"the": 5}), Counter({"the": 3})) == (2, 2)
    # the cleaned text kept as many as the gold has: all junk
    assert junk_and_content(Counter({"the": 2}), Counter({"the": 1}), Counter({"the": 1})) == (2, 0)


def test_judge_document_attributes_removed_tokens_to_each_applied_drop_or_fix():
    gold = "Storm hits the coast today."
    result = Result("Storm hits the coast.", (
        change("B001", "drop", "Share this\n", line=2),  # Share, this: not in the gold: 2 junk
        change("P001", "fix", "coast today", "coast"),  # today: gold 1, kept 0: 1 content
        change("M001", "report", "Storm"),  # a report removes nothing
        change("P002", "fix", "hits", "", applied=False),  # a held-back fix removes nothing
    ), "")
    rules = defaultdict(new_tally)
    judge_document(gold, result, rules)
    assert {code: (r["changes"], r["junk"], r["content"]) for code, r in rules.items()} == {
        "B001": (1, 2, 0), "P001": (1, 0, 1)}


@pytest.fixture
def collection(tmp_path):
    """A one-document collection whose input has a share line around the article."""
    body = "The storm hit the coast on Monday and closed every road in the county for two days."
    folder = tmp_path / "tiny"
    (folder / "inputs").mkdir(parents=True)
    (folder / "ground-truth.json").write_text(json.dumps({"d1": {"articleBody": body}}))
    (folder / "inputs" / "dump.json").write_text(json.dumps({"d1": {"articleBody": body + "\n"}}))
    return folder


def test_quality_script_prints_a_row_per_input_and_preset_and_the_clean_text_table(collection, capsys):
    assert main(["--data", str(collection), "--preset", "default", "--preset", "article-body"]) == 0
    out = capsys.readouterr().out
    rows = [line.split()[:3] for line in out.splitlines()]
    assert ["tiny", "dump", "default"] in rows and ["tiny", "dump", "article-body"] in rows
    assert [line.split() for line in out.splitlines() if line.startswith("tiny") and "%" in line][-2:] == [
        ["tiny", "default", "1", "0", "0.00%"], ["tiny", "article-body", "1", "0", "0.00%"]]  # 1 gold line, kept


def test_rule_precision_script_runs_on_a_collection(collection, capsys):
    assert precision_main(["--data", str(collection), "--preset", "default", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [(run["collection"], run["preset"], run["inputs"]) for run in runs] == [("tiny", "default", ["dump"])]
