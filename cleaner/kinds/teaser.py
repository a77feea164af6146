"""``teaser``: a related-article teaser or inline link line, judged by shape *and* topic.

Shape: a line that does not end like a sentence, of ``min_words`` to
``max_words`` words, not a list item and not the title (the first line).
Topic: its content words (see ``cleaner.words``) against the rest of the
document and against the section that follows it, which a real subheading
announces. A candidate is dropped when

* it is truncated (ends in ``…``) and most of its words are new to the document;
* it has a ``Label:`` prefix and most of its words are absent from the next section
  (unless the label is one of a series of section headings: ``Day one:``, ``Day two:``);
* it is a long headline whose words are mostly absent from the next section
  and partly new to the document.

A subheading such as ``flood defences fail`` above a paragraph about failing
flood defences shares its words with that paragraph, so it stays.
A line that the line right below it continues (it starts in lower case:
hard-wrapped text, as in emails and plain-text posts) is never a candidate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import regex

from ..change import Action, Finding
from ..document import Document, Line
from ..words import best_stoplist, content_words
from .base import Kind, Param, Stage
from .shape import LABEL, LineShape, is_truncated, label_prefix, line_shapes, word_count


@dataclass(frozen=True)
class Topic:
    """How new a line's content words are to the document and to the next section."""

    words: int
    doc_shared: int
    section_shared: int | None

    @property
    def doc_novelty(self) -> float:
        return 1 - self.doc_shared / self.words

    @property
    def section_novelty(self) -> float | None:
        return None if self.section_shared is None else 1 - self.section_shared / self.words


class Context(NamedTuple):
    """Where a candidate stands: its neighbours among the non-blank lines (a tuple: made for every candidate)."""

    before: LineShape
    after: LineShape | None
    in_run: bool
    label: str | None
    labels: Labels
    #: The next line comes right below and starts in lower case: it goes on with this line's sentence
    #: (hard-wrapped text), so this line is no headline.
    continued: bool

    @property
    def between_sentences(self) -> bool:
        return self.after is not None and all(shape.sentence and shape.words >= 8 for shape in (self.before, self.after))

    @property
    def label_repeats(self) -> bool:
        """Whether the line's label, or one like it, starts another line (read from the text only if asked)."""
        return self.label is not None and self.labels.in_series(self.label)


def continues(shapes: list[LineShape], at: int) -> bool:
    """Whether the line right below ``shapes[at]`` starts in lower case, going on with its sentence.

    >>> doc = Document("Title\\nPassing a widget opens the\\noption of a frame.\\n")
    >>> continues(line_shapes(doc), 1), continues(line_shapes(doc), 0)
    (True, False)
    """
    if at + 1 >= len(shapes):
        return False
    below = shapes[at + 1]
    return below.line.index == shapes[at].line.index + 1 and below.text[:1].islower()


def headline_after_label(text: str, label: str) -> bool:
    """``Watch: Storm hits coast`` introduces a headline; ``Update: the road is shut`` a sentence."""
    rest = text.strip()[len(label) + 1:].lstrip()
    return rest[:1].isupper() or rest[:1].isdigit()


INTERNAL_STOP = regex.compile(r"[.!?][\"”’)]?\s+\S")
SPACED_ELLIPSIS = regex.compile(r"\s(?:…|\.\.\.)$")


def is_title_case(text: str, stopwords: frozenset[str]) -> bool:
    """Headline Title Case: most function words after the first are capitalised, or every other word is.

    Sentence case with a few proper nouns (``Talks in Geneva end``) is not.
    """
    words = [w for w in text.split()[1:] if w[0].isalpha()]
    function_words = [w for w in words if w.lower() in stopwords]
    other_words = [w for w in words if w.lower() not in stopwords]
    if function_words and sum(w[0].isupper() for w in function_words) / len(function_words) > 0.5:
        return True
    return bool(other_words) and all(w[0].isupper() for w in other_words)


#: A ``Label:`` at the start of a line (as ``shape.label_prefix`` finds it), for counting labels.
LABEL_LINE = regex.compile(r"^[^\S\n]*" + LABEL.pattern.removeprefix("^"), regex.MULTILINE)


class Labels:
    """The ``Label:`` that start the lines of a text, to tell a series of section headings from teasers.

    >>> Labels("First day: Trier\\nSecond day: Cochem\\nWatch: a storm\\n").in_series("Second day")
    True
    >>> Labels("First day: Trier\\nSecond day: Cochem\\nWatch: a storm\\n").in_series("Watch")
    False
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(match.group(1) for match in LABEL_LINE.finditer(self.text))

    @cached_property
    def first_words(self) -> Counter[str]:
        return Counter(label.split()[0].casefold() for label in self.counts.elements())

    @cached_property
    def last_words(self) -> Counter[str]:
        return Counter(label.split()[-1].casefold() for label in self.counts.elements())

    def in_series(self, label: str) -> bool:
        """Whether another line starts with a label with the same first or last word, the same label
        included ("Day one:", "Day two:"; "First day:", "Second day:"). The text is read when first asked."""
        words = label.split()
        return self.first_words[words[0].casefold()] > 1 or self.last_words[words[-1].casefold()] > 1


class LineWords:
    """Each line's set of content words, computed when first asked for; and the document's stopwords,
    chosen only then too (most documents have no line that may fire, and need none)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.cache: dict[int, set[str]] = {}

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return best_stoplist(self.doc)[1]

    def of(self, line: Line) -> set[str]:
        if line.index not in self.cache:
            self.cache[line.index] = set(content_words(line.text, self.stopwords))
        return self.cache[line.index]


class Teaser(Kind):
    name = "teaser"
    stage = Stage.LINES
    order = 3
    actions = frozenset({"drop", "report"})
    params = {
        "min_words": Param(int, 3, help="shorter lines are never candidates"),
        "max_words": Param(int, 25, help="longer lines are never candidates"),
        "min_content_words": Param(int, 3, help="candidates need this many distinct content words"),
        "section_words": Param(int, 80, help="how many words after a line make its section"),
        "truncated_novelty": Param(float, 0.5, help="share of new words that condemns a truncated line in a run, "
                                   "or alone between two paragraphs as a headline cut off"),
        "cut_words": Param(int, 16, help="a lone truncated line between paragraphs is a cut-off headline up to "
                           "this many words"),
        "label_novelty": Param(float, 0.5, help="share of words absent from the section, for Label: lines"),
        "headline_words": Param(int, 7, help="a plain headline needs at least this many words"),
        "headline_novelty": Param(float, 0.6, help="share of words absent from the section, for headlines"),
        "headline_doc_novelty": Param(float, 0.3, help="...and the share new to the whole document"),
        "off_topic_novelty": Param(float, 0.8, help="a headline this new to the document needs no continuing paragraphs"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        body, shapes = doc.body, line_shapes(doc)
        chosen = list(self._candidates(shapes))
        if not chosen:
            return
        candidates = set(chosen)  # their places in the body
        words = LineWords(doc)
        labels = Labels(doc.text)
        reference: set[str] | None = None
        for at in chosen:
            line = body[at]
            context = Context(
                before=shapes[at - 1],
                after=shapes[at + 1] if at + 1 < len(shapes) else None,
                in_run=at - 1 in candidates or at + 1 in candidates,
                label=label_prefix(shapes[at].text),
                labels=labels,
                continued=continues(shapes, at),
            )
            if not self._may_fire(shapes[at], context, words):
                continue
            found = words.of(line)
            if len(found) < self.options["min_content_words"]:
                continue
            if reference is None:
                reference = self._reference(doc, [body[at] for at in chosen], words.stopwords)
            section = self._section(shapes, at + 1, words, candidates)
            topic = Topic(len(found), len(found & reference), None if section is None else len(found & section))
            finding = self._judge(doc, line, topic, context, words)
            if finding:
                yield finding

    def _candidates(self, shapes: list[LineShape]) -> Iterator[int]:
        """Lines after the first, of the right length, that end in a word or an ellipsis: their places in the body."""
        low, high = self.options["min_words"], self.options["max_words"]
        for at, shape in enumerate(shapes):
            if not at or shape.sentence or shape.list_item or not low <= shape.words <= high:
                continue
            if shape.text[-1].isalnum() or is_truncated(shape.text):
                yield at

    @staticmethod
    def _reference(doc: Document, candidates: list[Line], stopwords: frozenset[str]) -> set[str]:
        """The content words of the document outside the candidate lines."""
        counts = Counter(content_words(doc.text, stopwords))
        counts.subtract(content_words("\n".join(line.text for line in candidates), stopwords))
        return {word for word, count in counts.items() if count > 0}

    def _section(self, shapes: list[LineShape], start: int, words: LineWords, candidates: set[int]) -> set[str] | None:
        """Content words of the next ``section_words`` words of body text from ``shapes[start]`` on, leaving out
        the ``candidates`` (None at the end)."""
        section: set[str] = set()
        count = 0
        for at in range(start, len(shapes)):
            if at in candidates:
                continue
            section |= words.of(shapes[at].line)
            count += shapes[at].words
            if count >= self.options["section_words"]:
                break
        return section if count else None

    def _may_fire(self, shape: LineShape, context: Context, words: LineWords) -> bool:
        """Whether the line's shape and place allow a drop at all, before any topic is scored.

        A truncated line may go; a ``Label:`` line or a plain headline only
        between two sentences; a headline not in Title Case and without a full stop inside.
        """
        text, label = shape.text, context.label
        if context.continued:
            return False
        if label and not headline_after_label(text, label):
            return False  # "Update: the road is shut again" is a note, not a headline
        if is_truncated(text):
            return True
        if label and len(label) >= 3 and not context.label_repeats:
            return context.between_sentences
        return (shape.words >= self.options["headline_words"] and context.between_sentences
                and not INTERNAL_STOP.search(text) and not is_title_case(text, words.stopwords))

    def _judge(self, doc: Document, line: Line, topic: Topic, context: Context, words: LineWords) -> Finding | None:
        """The topic half of the decision, for a line ``_may_fire`` let through."""
        o = self.options
        text = line.stripped
        novelty = topic.section_novelty if topic.section_novelty is not None else topic.doc_novelty
        facts = [f"shares {topic.doc_shared} of {topic.words} content words with the document"]
        if topic.section_shared is not None:
            facts.append(f"{topic.section_shared} with the next {o['section_words']} words")
        label = context.label
        if is_truncated(text):
            cut = not context.in_run and self._cut_headline(text, context)
            if topic.doc_novelty < o["truncated_novelty"]:
                if not cut:
                    return None
                facts.append(f"ends in {text[-1]!r}, alone between two paragraphs, but on the document's topic")
                return self._emit(doc, line, topic, facts, action="report")
            if not context.in_run and not cut:
                facts.append(f"ends in {text[-1]!r}, but stands alone")
                return self._emit(doc, line, topic, facts, action="report")
            facts.append(f"ends in {text[-1]!r} among other teaser-shaped lines" if context.in_run else
                         f"ends in {text[-1]!r}, alone between two paragraphs")
        elif label and len(label) >= 3 and not context.label_repeats:
            if novelty < o["label_novelty"]:
                return None
            facts.append(f"starts with the label {label + ':'!r} between two paragraphs")
        elif self._interrupts(text, topic, context, words):
            facts.append(f"a {word_count(text)}-word headline between two paragraphs that continue each other")
        else:
            return None
        return self._emit(doc, line, topic, facts)

    def _cut_headline(self, text: str, context: Context) -> bool:
        """A lone truncated line that reads as a headline cut off between two paragraphs: no longer than
        ``cut_words`` words, no sentence end inside, and the ellipsis right after the last word, as a site cuts
        a title to fit a card (a writer's pause, "and then they said …", is spaced, longer, or has a full stop)."""
        return (context.between_sentences and word_count(text) <= self.options["cut_words"]
                and not INTERNAL_STOP.search(text) and not SPACED_ELLIPSIS.search(text))

    def _interrupts(self, text: str, topic: Topic, context: Context, words: LineWords) -> bool:
        """A headline dropped into running text: the paragraphs around it share more with each other than with it."""
        o = self.options
        if topic.section_novelty is None:
            return False
        if topic.section_novelty < o["headline_novelty"] or topic.doc_novelty < o["headline_doc_novelty"]:
            return False
        assert context.after is not None and topic.section_shared is not None
        bridge = len(words.of(context.before.line) & words.of(context.after.line))
        if bridge > topic.section_shared:
            return True
        # No continuing paragraphs to go by: only a short, plain headline wholly new to the document.
        return topic.doc_novelty >= o["off_topic_novelty"] and word_count(text) <= 16 and text.count(",") <= 1

    def _emit(self, doc: Document, line: Line, topic: Topic, facts: list[str], action: Action | None = None) -> Finding:
        start, end = doc.line_span(line)
        scores = {
            "content_words": topic.words,
            "doc_novelty": round(topic.doc_novelty, 3),
            "section_novelty": None if topic.section_novelty is None else round(topic.section_novelty, 3),
            "language": best_stoplist(doc)[0],
        }
        return self.finding(start, end, "", "; ".join(facts), action=action, **scores)
