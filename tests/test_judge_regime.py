"""J020's regime: a text an extractor took from a page is judged as extracted text, never as a page dump, and
the ``regime`` option says which a user's texts are. The grammar page below is written for these tests: a
reference page comes out of an extractor as runs of short lines around a little prose, as a page dump does."""

import pytest

from cleaner import Cleaner, Config
from cleaner.document import Document
from cleaner.formats.html import read_page
from cleaner.judge.features import features
from cleaner.kinds.judge import EXTRACTED
from cleaner.rules import RuleError

RULES = [("Program", "Statement*"), ("Statement", "Assignment | Call | Loop | Branch"),
         ("Assignment", "Name = Expression ;"), ("Call", "Name ( Arguments? ) ;"),
         ("Arguments", "Expression ( , Expression )*"), ("Loop", "while Expression Block"),
         ("Branch", "if Expression Block ( else Block )?"), ("Block", "{ Statement* }"),
         ("Expression", "Term ( ( + | - ) Term )*"), ("Term", "Factor ( ( * | / ) Factor )*"),
         ("Factor", "Number | Name | String | ( Expression )"), ("Name", "Letter ( Letter | Digit | _ )*"),
         ("Number", "Digit+ ( . Digit+ )?"), ("String", "\" Character* \""), ("Letter", "a..z | A..Z"),
         ("Digit", "0..9"), ("Character", "any character but \" | \\ \" | \\ \\"), ("Remark", "# any text")]
PROSE = [
    "The grammar below is written in a plain notation: each rule names a symbol, an arrow, and the forms that "
    "the symbol may take, one form a line.",
    "A star after a form means that it may repeat any number of times, and a question mark means that it may "
    "be left out altogether.",
    "Words in capitals are tokens that the scanner reads, and the rest are rules that the parser builds out of "
    "those tokens and of other rules.",
]


def productions(rules):
    return [line for name, body in rules for line in (f"{name} →", *(f"| {form.strip()}" for form in body.split("|")))]


GRAMMAR = "\n".join(["Grammar summary", *productions(RULES[:7]), *PROSE, *productions(RULES[7:])]) + "\n"
DEFAULT = Cleaner()


def j020(result):
    return [change for change in result.changes if change.code == "J020"]


def test_by_its_lines_the_grammar_reads_as_a_page_dump_and_loses_lines_of_it():
    judge = next(kind for kind in DEFAULT.kinds if kind.rule.code == "J020").judge
    assert judge.regime(features(Document(GRAMMAR))) == "page"
    result = DEFAULT.clean(GRAMMAR)
    assert {change.scores["regime"] for change in j020(result)} == {"page"}
    assert any(change.action == "drop" for change in j020(result))


@pytest.mark.parametrize("preset", [None, "article-body"])
def test_the_same_text_taken_from_a_page_by_an_extractor_is_judged_as_extracted_text(preset):
    result = Cleaner(preset=preset).clean(GRAMMAR, meta={EXTRACTED: True})
    assert {change.scores["regime"] for change in j020(result)} <= {"text"}
    assert all(line in result.text for line in productions(RULES) + PROSE)


def test_the_regime_option_says_which_the_texts_are():
    as_text = Cleaner(Config(options={"J020": {"regime": "text"}})).clean(GRAMMAR)
    assert {change.scores["regime"] for change in j020(as_text)} <= {"text"}
    assert all(line in as_text.text for line in productions(RULES))
    as_page = Cleaner(Config(options={"J020": {"regime": "page"}})).clean(GRAMMAR, meta={EXTRACTED: True})
    assert {change.scores["regime"] for change in j020(as_page)} == {"page"}


def test_a_regime_the_rule_does_not_know_is_a_rule_error():
    with pytest.raises(RuleError, match="regime must be one of 'auto', 'text', 'page'"):
        Cleaner(Config(options={"J020": {"regime": "dump"}}))


class Recording:
    """A cleaner's stand-in that keeps the meta it was asked to clean with."""

    def __init__(self):
        self.meta = None

    def uses(self, kind_name):
        return False

    def clean(self, text, *, path=None, meta=None):
        self.meta = meta
        return DEFAULT.clean(text, path=path, meta=meta)


def test_the_html_reader_marks_its_text_as_extracted():
    page = (b"<html><head><title>Grammar</title></head><body><article><h1>Grammar summary</h1>"
            + b"".join(b"<p>" + line.encode() + b"</p>" for line in PROSE) + b"</article></body></html>")
    recording = Recording()
    read_page(page, lambda url: recording)
    assert recording.meta[EXTRACTED] is True
