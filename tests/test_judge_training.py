"""The line judge's training (bench/train_judge.py, bench/boosting.py): labels, determinism, separation."""

import json
from pathlib import Path

import numpy as np
import pytest

from bench.boosting import fit_trees, predict
from bench.train_judge import CONTENT, EVAL, JUNK, Gold, labelled, recalibrate
from cleaner.judge.features import FEATURES

MODEL = Path(__file__).resolve().parents[1] / "rules" / "judge" / "model.json"

MENU = ["Home", "World", "Business", "Sport", "Weather", "Culture", "Travel", "Sign in", "Newsletters", "Podcasts"]
FOOTER = ["About us", "Contact", "Careers", "Privacy policy", "Terms of use", "Cookie settings", "Help"]
ARTICLES = [
    ["The town council voted on Tuesday to rebuild the old stone bridge over the river before next winter.",
     "Engineers found that two of the arches had cracked after the spring floods and were no longer safe.",
     "Work will start in June, and a footbridge will carry people across the river while the road is shut.",
     "The mayor said that the cost would be shared with the county and paid over the next five years."],
    ["A small bakery on the high street has won a national prize for the best sourdough loaf in the country.",
     "The owners, who opened the shop three years ago, bake every loaf by hand before dawn each morning.",
     "They said that the prize money would pay for a second oven and for training two young apprentices.",
     "Queues formed outside the shop on Saturday as people came from nearby villages to buy a loaf."],
    ["Volunteers planted four hundred trees along the canal towpath over the weekend despite the rain.",
     "The trust that looks after the canal said that the trees would shade the water and help the fish.",
     "Children from the local school made wooden labels for each tree with the name of its species.",
     "More planting days are planned for the autumn, and anyone who wants to help can sign up online."],
]


def page(article: list[str], shift: int) -> str:
    """A page dump written for these tests: menus and a footer around an article."""
    menu = MENU[shift:] + MENU[:shift]
    return "\n".join(menu + article + FOOTER) + "\n"


def rows() -> tuple[np.ndarray, np.ndarray]:
    found = [row for i, article in enumerate(ARTICLES) for row in labelled(page(article, i), Gold("\n".join(article)))]
    x = np.array([values[:len(FEATURES)] for values, _ in found])
    return x, np.array([float(label == JUNK) for _, label in found])


def test_lines_are_labelled_against_the_gold_text():
    article = ARTICLES[0]
    labels = Gold("\n".join(article)).labels(MENU[:3] + article + ["Contact"])
    assert labels == [JUNK] * 3 + [CONTENT] * len(article) + [JUNK]


def test_a_menu_word_that_the_article_also_uses_is_still_junk():
    """Lines are aligned with the gold text in runs of three tokens: the menu's "Travel" is not the article's."""
    gold = Gold("We travel to the coast every summer, and we travel light.")
    assert gold.labels(["Travel", "We travel to the coast every summer, and we travel light."]) == [JUNK, CONTENT]


def test_training_twice_gives_the_same_trees():
    x, y = rows()
    assert fit_trees(x, y, trees=10) == fit_trees(x, y, trees=10)


def test_the_trained_model_separates_junk_from_content_on_text_it_did_not_see():
    x, y = rows()
    base, trees = fit_trees(x, y, trees=30, min_hessian=1.0)
    unseen = ["The library will open on Sundays from next month, the council announced on Friday morning.",
              "Staff said that the longer hours had been asked for by students who study at weekends.",
              "A new reading room for families with young children will open on the first floor as well.",
              "The extra hours will be paid for by a grant from a local charity for the first two years."]
    found = list(labelled(page(unseen, 4), Gold("\n".join(unseen))))
    scores = predict(base, trees, np.array([values[:len(FEATURES)] for values, _ in found]))
    junk = [score for score, (_, label) in zip(scores, found) if label == JUNK]
    content = [score for score, (_, label) in zip(scores, found) if label == CONTENT]
    assert len(junk) == len(MENU) + len(FOOTER) and len(content) == len(unseen)
    assert min(junk) > 0 > max(content)


@pytest.mark.skipif(not (EVAL / "articles-dev").is_dir(), reason="needs ../shared/eval next to the repository")
def test_setting_the_shipped_trees_thresholds_again_gives_the_shipped_thresholds(tmp_path):
    """``--recalibrate``: the stored thresholds are what the trainer's calibration gives for the stored trees
    on articles-dev (a change to the features or to the calibration that moves them fails here)."""
    shipped = json.loads(MODEL.read_text("utf8"))
    written = tmp_path / "model.json"
    recalibrate(MODEL, "articles-dev", None, written)
    again = json.loads(written.read_text("utf8"))
    assert again["thresholds"] == shipped["thresholds"]
    assert again["held_out_figures"] == shipped["held_out_figures"]
    assert again["regimes"] == shipped["regimes"]
