"""Metadata lines (rules/metadata.toml) in the languages the date pieces know: a date line near the top
goes (M001), a labelled date fused onto the first line is cut (M002), an 'Updated …' stamp goes (M003).
Texts written for these tests."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

from .conftest import line_goes, line_stays

CLEANER = Cleaner(select=("M001", "M002", "M003"))
TITLE = "Bibliothek öffnet wieder\n"
BODY = ("Nach einem Jahr Bauarbeiten am Dach hat die Stadtbibliothek am Samstag wieder geöffnet, "
        "und schon am Vormittag standen die Leser Schlange.\n")


@pytest.mark.parametrize(("line", "code"), [
    ("March 3, 2021", "M001"),
    ("3. März 2021", "M001"),
    ("Veröffentlicht am 3. März 2021, 14:30 Uhr", "M001"),
    ("Publié le 3 mars 2021 à 14h30", "M001"),
    ("Actualizado el 3 de marzo de 2021 a las 14:30", "M001"),
    ("martedì 3 marzo 2021", "M001"),
    ("Atualizado em 3 de março de 2021 às 14h30", "M001"),
    ("Aktualisiert am 4.3.2021", "M001"),
    ("Mis à jour le 4 mars", "M003"),
])
def test_a_date_line_under_the_title_goes(line, code):
    line_goes(CLEANER, TITLE, line, BODY, code)


@pytest.mark.parametrize("prefix", ["Publicado el 3 de marzo de 2021 ", "Pubblicato il 3 marzo 2021 - "])
def test_a_labelled_date_fused_onto_the_first_line_is_cut(prefix):
    result = CLEANER.clean(prefix + TITLE + BODY)
    assert result.text == TITLE + BODY
    assert [change.code for change in result.changes] == ["M002"]


@pytest.mark.parametrize("line", [
    "Im März 2021 begannen die Arbeiten am Dach.",
    "Mars 2021: la toiture est refaite",  # no day: a heading, not a date stamp
    "Publicado en 1998, el libro vendió tres millones de copias.",
    "Der Mai war zu nass für die Dachdecker",
])
def test_a_line_that_only_mentions_a_date_stays(line):
    line_stays(CLEANER, TITLE, line, BODY)


@pytest.mark.parametrize("byline", ["Von Anna Schmidt und Jonas Weber", "Par Claire Dubois", "Por João Silva, Lisboa"])
def test_article_body_drops_a_byline_in_another_language(byline):
    line_goes(Cleaner(preset="article-body", select=("M004",)), TITLE, byline, BODY, "M004")


def test_a_line_that_starts_like_a_byline_but_is_a_sentence_stays():
    line_stays(Cleaner(preset="article-body", select=("M004",)), TITLE,
               "Von Anfang an war klar, dass das Dach nicht halten würde.", BODY)
