"""In extracted text J020's threshold alone never drops a sentence of prose (``PROSE_SENTENCE_WORDS`` words or
more): it reports it. A judge whose model scores every line as junk shows it; the text is written for this test."""

from cleaner.kinds.judge import PROSE_SENTENCE_WORDS

from .conftest import judge_everything

SENTENCE = "The harbour board met on Monday to decide how the old ferry pier should be repaired before winter."
SHORT = "The pier is closed."
TEXT = "\n".join(["Ferry pier to close", "Home", SENTENCE, SHORT, "Sign in"]) + "\n"


def test_in_extracted_text_a_sentence_of_prose_is_reported_and_the_rest_goes(tmp_path):
    assert len(SENTENCE.split()) >= PROSE_SENTENCE_WORDS > len(SHORT.split())
    result = judge_everything(tmp_path, "text").clean(TEXT)
    judged = {change.before.strip(): change.action for change in result.changes if change.code == "X901"}
    assert judged == {"Home": "drop", SENTENCE: "report", SHORT: "drop", "Sign in": "drop"}
    assert "a sentence of prose in extracted text: reported only" in next(
        change.reason for change in result.changes if change.code == "X901" and change.action == "report")


def test_in_a_page_dump_the_threshold_drops_it(tmp_path):
    result = judge_everything(tmp_path, "page").clean(TEXT)
    assert result.text == "Ferry pier to close\n"
