"""J020's ``outside_stricter`` option (on by default): in text extracted from an HTML page, a short line that the
stricter second extraction left out, before or after all it kept, goes when the model finds it more likely junk
than not. The page text and both extractions are written for these tests."""

from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, Config
from cleaner.document import Document
from cleaner.judge.features import STRICTER_COVER, STRICTER_WORDS, features
from cleaner.kinds.agreement import SECOND_EXTRACTION
from cleaner.log import undo

DEFAULT = Cleaner()
ARTICLE_BODY = Cleaner(preset="article-body")
WITHOUT = Cleaner(Config(options={"J020": {"outside_stricter": False}}))

ARTICLE = [
    "Volunteers planted four hundred oak saplings along the old railway path on Saturday, the trust said.",
    "The path, which closed to trains in the sixties, now links three villages and is used by walkers and "
    "cyclists all year round.",
    "Each sapling was grown from an acorn gathered in the valley, so the new trees suit its soil and weather.",
    "The trust hopes the belt of woodland will shelter the path from the wind and give birds a corridor between "
    "the two nature reserves.",
    "More planting days are planned for the spring, and anyone who wants to help can sign up at the village hall.",
]
#: What a page's fuller extraction holds after the article: a newsletter box and other pages' headlines.
AFTER = [
    "Our weekly countryside letter",
    "Fresh walks and wildlife news every Friday",
    "Badger families thrive in quiet farm hedgerows",
    "Village bakery wins a regional prize for its rye loaf",
    "Ferry timetable changes for the winter months",
]
#: A sentence of the article that the stricter extraction also left out: prose is never cut for it.
LATE_SENTENCE = "Last year the same volunteers cleared the brambles that had closed the path for a decade."
TEXT = "\n".join(ARTICLE + AFTER) + "\n"
STRICT = "\n".join(ARTICLE)


def flags(text, second, name="outside_stricter"):
    return [record.get(name) for record in features(Document(text, meta={SECOND_EXTRACTION: second}))]


def stricter_drops(result):
    return [change.before.strip() for change in result.changes if change.code == "J020" and change.action == "drop"
            and change.scores["features"] == ["outside_stricter"]]


def test_the_short_lines_after_all_the_stricter_extraction_kept_are_outside_it():
    assert flags(TEXT, STRICT) == [0.0] * len(ARTICLE) + [1.0] * len(AFTER)


def test_lines_before_the_kept_span_are_ahead_of_it_and_lines_inside_it_are_neither():
    text = "\n".join(["Garden notes", "Home and garden", *ARTICLE[:2], "Share this story", *ARTICLE[2:]]) + "\n"
    assert flags(text, STRICT, "ahead_of_stricter") == [1.0, 1.0] + [0.0] * 6
    assert flags(text, STRICT) == [0.0] * 8


def test_the_default_keeps_the_head_of_the_text_and_article_body_may_cut_it():
    # a title and the section's labels, which the stricter extraction left out, then the article and the
    # headlines under it: those go with either preset, the head only with article-body
    head = ["Oak saplings line the old railway path", "Wildlife", "Countryside"]
    text = "\n".join(head + ARTICLE + AFTER) + "\n"
    default = DEFAULT.clean(text, meta={SECOND_EXTRACTION: STRICT})
    assert default.text.startswith("\n".join(head) + "\n")
    cut = ARTICLE_BODY.clean(text, meta={SECOND_EXTRACTION: STRICT})
    ahead = [change for change in cut.changes if change.scores.get("features") == ["ahead_of_stricter"]]
    assert {change.before.strip() for change in ahead} == set(head)
    assert all(change.action == "drop" and change.scores["score"] >= 0.5 for change in ahead)
    assert all("before all it kept" in change.reason for change in ahead)
    for result in (default, cut):
        assert set(stricter_drops(result)) >= set(AFTER[2:])


def test_a_sentence_a_long_line_or_a_text_without_a_second_extraction_is_never_outside_it():
    long_line = " ".join(["word"] * (STRICTER_WORDS + 1))
    text = "\n".join(ARTICLE + [LATE_SENTENCE, long_line, "Ferry timetable changes"]) + "\n"
    assert flags(text, STRICT) == [0.0] * (len(ARTICLE) + 2) + [1.0]
    assert flags(TEXT, "") == [0.0] * (len(ARTICLE) + len(AFTER))
    assert [record.get("outside_stricter") for record in features(Document(TEXT))] == [0.0] * len(flags(TEXT, ""))


def test_a_line_without_a_word_is_never_outside_it():
    # a how-to page ends with a code block; the stricter extraction kept it but for its closing brace, whose
    # share no 4-gram or word measures: dropping it would break the code
    code = ["fn plant(trees: u32) {", "    for _ in 0..trees {", "        dig();", "    }", "}", "};", "* * *"]
    text = "\n".join(ARTICLE + code + AFTER[2:]) + "\n"
    second = "\n".join(ARTICLE + code[:3])
    assert flags(text, second) == [0.0] * (len(ARTICLE) + len(code)) + [1.0] * len(AFTER[2:])
    for cleaner in (DEFAULT, ARTICLE_BODY):
        cut = cleaner.clean(text, meta={SECOND_EXTRACTION: second})
        assert "\n".join(code[:6]) in cut.text and not {"}", "};", "* * *"} & set(stricter_drops(cut))


def test_nothing_is_outside_when_the_stricter_extraction_kept_too_little_of_the_text():
    # it kept the first paragraph only: it may have taken the wrong block of the page
    kept = len(ARTICLE[0].split())
    assert kept < STRICTER_COVER * len(TEXT.split())
    assert flags(TEXT, ARTICLE[0]) == [0.0] * (len(ARTICLE) + len(AFTER))


def test_both_presets_drop_those_the_model_finds_more_likely_junk_than_not():
    meta = {SECOND_EXTRACTION: STRICT}
    for cleaner in (DEFAULT, ARTICLE_BODY):
        cut = cleaner.clean(TEXT, meta=meta)
        changes = [change for change in cut.changes if change.scores.get("features") == ["outside_stricter"]]
        assert {change.before.strip() for change in changes} >= set(AFTER[2:])  # other pages' headlines
        assert all(change.action == "drop" and change.scores["score"] >= 0.5 for change in changes)
        assert all("left out by the stricter extraction" in change.reason for change in changes)
        assert cut.text.startswith("\n".join(ARTICLE) + "\n")
        kept = [line for line in AFTER if line not in stricter_drops(cut)]
        assert all(line in cut.text for line in kept)
        assert undo(cut.text, cut.changes) == TEXT


def test_without_the_option_they_stay():
    kept = WITHOUT.clean(TEXT, meta={SECOND_EXTRACTION: STRICT})
    assert stricter_drops(kept) == [] and all(line in kept.text for line in AFTER)


def test_a_late_sentence_the_stricter_extraction_left_out_stays():
    text = "\n".join(ARTICLE + [LATE_SENTENCE] + AFTER) + "\n"
    cut = ARTICLE_BODY.clean(text, meta={SECOND_EXTRACTION: STRICT})
    assert LATE_SENTENCE in cut.text and set(stricter_drops(cut)) >= set(AFTER[2:])


def test_cleaning_the_cut_text_again_changes_nothing():
    meta = {SECOND_EXTRACTION: STRICT}
    once = ARTICLE_BODY.clean(TEXT, meta=meta).text
    assert ARTICLE_BODY.clean(once, meta=meta).text == once


@given(st.lists(st.sampled_from(ARTICLE + AFTER + [LATE_SENTENCE, "", "Share", "- Ferry times", "}"]), max_size=14),
       st.lists(st.booleans(), min_size=14, max_size=14))
def test_any_page_text_and_stricter_extraction_clean_without_error_and_undo_exactly(lines, kept):
    text = "\n".join(lines) + "\n"
    second = "\n".join(line for line, keep in zip(lines, kept) if keep)
    result = ARTICLE_BODY.clean(text, meta={SECOND_EXTRACTION: second})
    assert undo(result.text, result.changes) == text
    for dropped in stricter_drops(result):  # never a sentence of prose, a line the stricter extraction kept, a "}"
        assert dropped not in ARTICLE + [LATE_SENTENCE, "}"] and dropped not in second.splitlines()
