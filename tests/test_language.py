"""The document's language (its stoplist), as the topic and layout rules read it."""

from cleaner.document import Document
from cleaner.words import best_stoplist

PROSE = ("The council said on Monday that it would close the coast road for the winter, because the sea wall "
         "had been damaged by the storms and would not be repaired before the spring.\n")


def test_the_language_is_read_from_the_longest_lines_not_the_menus_above_them():
    menu = "".join(f"{word}\n" for word in ("Etusivu", "Uutiset", "Urheilu", "Sää", "Kulttuuri", "Yhteystiedot",
                                            "Ja", "On", "Ei", "Se", "Kun", "Niin", "Mutta") * 10)
    assert best_stoplist(Document(menu + PROSE * 3))[0] == "English"


def test_a_large_list_that_holds_english_words_does_not_win_english_text():
    """jusText's Marathi list holds "american", "bank", "ancient", "area", "book"...: here it matches 30 words
    of the sentence, the English list 28; the smaller, more specific list wins a near tie."""
    text = ("The American bank said the ancient area around the book market is among the areas available across "
            "the city, according to the British report, and it is in the area where we were.\n") * 3
    assert best_stoplist(Document(text))[0] == "English"


def test_a_given_language_is_used():
    assert best_stoplist(Document(PROSE, meta={"language": "German"}))[0] == "German"
