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


def test_the_language_setting_reaches_the_rules_and_their_log():
    from cleaner import Cleaner, Config

    before = "The museum opened its new wing on Thursday, and more than two thousand visitors came to see it.\n\n"
    after = "Entry to the new wing is free until the end of the month, the director of the museum said.\n"
    text = before + "Ten great walks along the northern coast for a…\n\n" + after
    chosen = {change.scores["language"] for change in Cleaner(Config(language="German")).clean(text).changes
              if change.code == "J020"}
    assert chosen == {"German"}
    assert {c.scores["language"] for c in Cleaner().clean(text).changes if c.code == "J020"} == {"English"}


def test_language_in_config_and_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from cleaner.cli import main

    (tmp_path / "cleaner.toml").write_text('language = "german"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    shown = CliRunner().invoke(main, ["config", str(tmp_path / "a.txt")])
    assert 'language = "German"' in shown.output
    bad = CliRunner().invoke(main, ["check", "--language", "klingon", str(tmp_path / "a.txt")])
    assert bad.exit_code == 2 and "unknown language" in bad.output
    (tmp_path / "cleaner.toml").write_text('language = "klingon"\n', encoding="utf-8")
    broken = CliRunner().invoke(main, ["check", str(tmp_path / "a.txt")])
    assert broken.exit_code == 2 and "cleaner.toml" in broken.output and "unknown language" in broken.output


GERMAN = ("Die Gemeinde hat am Montag beschlossen, dass die Straße an der Küste im Winter gesperrt wird, "
          "weil die Mauer beschädigt ist.\n",
          "Der Bürgermeister sagte, dass die Arbeiten erst im Frühjahr beginnen können, wenn das Wetter "
          "besser ist und die Firma Zeit hat.\n",
          "Die Anwohner können in dieser Zeit über die alte Brücke fahren, die dafür an jedem Tag bis zum "
          "Abend geöffnet bleibt.\n")
ENGLISH_QUOTE = ("The engineers who looked at the wall in the autumn said that it had been built on sand, that the "
                 "storms of the last ten years had washed much of that sand away, and that the only way to make "
                 "the road safe again would be to take the wall down and build a new one on a base of rock. ")


def test_one_long_paragraph_in_another_language_does_not_decide_the_language():
    """The sample takes at most ``LINE_SAMPLE`` words of a line: a German text that quotes a long English report
    in one paragraph is read as German."""
    text = "".join(GERMAN) * 3 + ENGLISH_QUOTE * 4 + "\n"
    assert best_stoplist(Document(text))[0] == "German"


def test_a_text_in_two_languages_is_read_in_both():
    """A manual translated in part: its German and its English paragraphs are prose to the line judge, each
    measured against both stoplists."""
    from cleaner.judge.features import Page

    english = ("The archive is written in a format that older versions of the program can read as well, so "
               "that a backup made on a new machine can be restored on an old one.\n",
               "When a file changes while the backup runs, the program reads it once more at the end and "
               "writes the second copy if the two are not the same.\n")
    text = "".join(line + "\n" for pair in zip(GERMAN, english * 2) for line in pair)
    doc = Document(text)
    assert best_stoplist(doc)[0] in {"German+English", "English+German"}
    page = Page(doc)
    assert all(page.prose[i] for i, shape in enumerate(page.shapes) if shape.words >= 10)


def test_code_and_names_do_not_make_a_text_bilingual():
    """Only lines dense in stopwords vote for a second language: long lines of code fit no list."""
    code = "var total = items.map(x => x.price * x.count).reduce((a, b) => a + b, 0); console.log(total);\n"
    text = (PROSE + code) * 6
    assert best_stoplist(Document(text))[0] == "English"
