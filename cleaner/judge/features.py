"""The judge's feature pass: one record of numbers per non-blank line, computed once per document text.

Every feature is a number between 0 and 1 (``FEATURES`` names them, in the
order of a record's ``values``); the model (``cleaner.judge.model``) weighs
them. They describe a line by

* its words and shape: length, capitalisation, how it ends, its digits;
* its stopword density in the document's language (``cleaner.words.best_stoplist``);
* where it stands against the *main block*: the run of long prose lines
  (``PROSE_WORDS`` words or more, dense enough in stopwords) that holds the
  most words, prose lines at most ``blocks.BLOCK_GAP`` lines apart; and
  whether it lies outside the article's run of sentences (``blocks.article_block``);
* a label such as ``Q:`` that heads a series of lines in the main text;
  this and the article's run only the verdict reads: the model weighs neither;
* its neighbours: prose on both sides, the run of short lines it sits in, and
  how much of the document sits in such runs (a page dump, not an article);
* repetition: the line repeated elsewhere in the document;
* overlap with the main text's vocabulary and with the title;
* a label such as ``Read more:`` or ``Explained:`` followed by a headline;
* for text extracted from HTML, how much of it a stricter second extraction
  kept (``cleaner.kinds.agreement``), and whether it is a short line, left out
  by that extraction, after all it kept (``outside_stricter``) or before
  (``ahead_of_stricter``): only the verdict reads these two;
* the shapes of issue 17: a labelled link, a headline cut off with an
  ellipsis (new to the text, or on its topic), a plain headline between two
  paragraphs that go on with each other.

>>> doc = Document("Home\\nNews\\nSport\\n" + "The council said that it would close the road for the winter months.\\n" * 2)
>>> [round(record.get("in_run"), 1) for record in features(doc)]
[1.0, 1.0, 1.0, 0.0, 0.0]
"""

from __future__ import annotations

from collections import Counter
from itertools import accumulate, chain
from typing import NamedTuple

import regex

from ..document import LONGEST_REMEMBERED, Document, remember
from ..kinds.agreement import SECOND_EXTRACTION, Support
from ..kinds.duplicate_line import remembered_key
from ..kinds.shape import LineShape, is_truncated, line_shapes, spacing, unplaced_shapes
from ..words import best_stoplist, content_and_density, content_of, words
from .blocks import article_block, main_block, short_runs
from .line_text import CUT_WORDS, capitalised, cut_headline, digit_share, inner_stop, label_ends, label_headline

#: The features, in the order of a record's values.
FEATURES = (
    "words", "one_word", "two_three_words", "four_to_six_words", "seven_to_twelve_words", "over_25_words",
    "sentence", "ends_in_word", "ellipsis", "starts_lower", "digits", "capitalised", "title_case", "stopwords",
    "no_stopwords", "few_stopwords", "label_headline", "list_item", "chrome_mark", "in_run", "run_length",
    "page_dump", "main_share", "before_main", "after_main", "distance", "first_line", "between_prose",
    "labelled_link", "cut_headline", "run_outside", "run_inside", "short_outside", "prose_outside",
    "interrupting_headline", "cut_on_topic",
    "next_to_prose", "prose_nearby", "repeated", "novelty", "title_overlap", "second_missing", "outside_article",
    "label_series", "outside_stricter", "ahead_of_stricter",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}
#: The features that are yes (1.0) or no (0.0).
FLAGS = frozenset({
    "one_word", "two_three_words", "four_to_six_words", "seven_to_twelve_words", "over_25_words", "sentence",
    "ends_in_word", "ellipsis", "starts_lower", "title_case", "no_stopwords", "few_stopwords", "label_headline",
    "list_item", "chrome_mark", "in_run", "before_main", "after_main", "first_line", "between_prose",
    "labelled_link", "cut_headline", "run_outside", "run_inside", "short_outside", "prose_outside",
    "interrupting_headline", "cut_on_topic",
    "next_to_prose", "repeated", "outside_article", "label_series", "outside_stricter", "ahead_of_stricter",
})

#: A line of at most this many words (and no sentence end) is short (``blocks.short_runs``).
SHORT_WORDS = 4
#: Of a longer line only its start is read for words, stopwords, capitals and digits: a huge line is prose
#: by any measure, and a list of all its words would take many copies of it in memory.
SAMPLE_CHARS = 4000
#: Code and markup: an assignment, a statement end, braces, a backtick, an HTML tag, an empty call, a
#: Markdown link, a shell or Python prompt; a text table's box-drawing characters. A line holding one is
#: not a menu item: it makes no run of short lines.
CODE = regex.compile(r"[=;{}`\u2500-\u257f]|<[A-Za-z/!]|/>|\(\)|\]\(|^(?:\$|>>>) ")
#: A prose line has this many words and this stopword density (any density in a language without a stoplist).
PROSE_WORDS = 10
PROSE_DENSITY = 0.2
#: A line more than this many lines before or after the article's run of sentences (``blocks.article_block``)
#: is outside the article.
ARTICLE_MARGIN = 4
#: Distances, runs and lengths are read up to these caps (so that each feature lies between 0 and 1).
DISTANCE_CAP = 30
RUN_CAP = 20
WORDS_CAP = 40
#: A neighbour that is prose: a sentence of this many words.
NEIGHBOUR_WORDS = 8
#: A line with this share of its words (after the first) capitalised is in Title Case.
TITLE_CASE = 0.75
#: A plain headline that interrupts running text has this many words, and this share of its content words
#: new to the main text.
INTERRUPT_WORDS, INTERRUPT_NOVELTY = 7, 0.3
#: ...or, where the paragraphs around it do not go on with each other, this share.
OFF_TOPIC = 0.8
#: How many lines on each side make a line's surroundings (``prose_nearby``).
NEARBY = 3
#: Marks of page furniture: separators of a row of links, the copyright sign.
CHROME_MARKS = ("|", "©", "»", "›", " · ")
#: A label that heads this many lines of the main text makes a series that is the text's own (an interview's
#: ``Q:`` and ``A:``): J020 only reports its lines. Two teasers under one kicker (``Comment:``) are no series.
SERIES_LINES = 3
#: A line of an HTML page's text is outside what the stricter extraction kept when less than this share of it is
#: in that extraction (``agreement.Support``, as H001 asks), it lies after the last line that reaches the share
#: (``outside_stricter``) or before the first (``ahead_of_stricter``), it has at most ``STRICTER_WORDS`` words
#: and is no prose sentence (``_prose_sentence``), and the lines that reach the share hold ``STRICTER_COVER`` of
#: the text's words or more (else the stricter extraction may have taken the wrong block of the page: a review
#: after its pros and cons).
STRICTER_SHARE, STRICTER_WORDS, STRICTER_COVER = 0.5, 25, 0.5
#: A cut-off headline (``line_text.cut_headline``) with this share of its content words new to the main text
#: is another page's (a writer's own line cut short is on its topic).
CUT_NOVELTY = 0.5


class Record(NamedTuple):
    """One non-blank line's features (``values``, in ``FEATURES`` order) with the line's shape."""

    shape: LineShape
    values: list[float]

    def get(self, name: str) -> float:
        return self.values[INDEX[name]]


class LineFacts(NamedTuple):
    """What a line's features read from its text alone, in the document's language: remembered per line
    text (``Document.lasting``), as the rounds of one cleaning judge most lines again unchanged and pages
    share their boilerplate."""

    count: int
    density: float
    content: frozenset[str]
    cut: bool
    unspaced: bool
    short: bool
    key: str | None
    label: bool
    label_ends: tuple[str, ...]
    #: The line holds one of ``CHROME_MARKS``.
    chrome: bool
    #: The line's values of the features its text alone decides: those of ``FEATURES`` up to ``title_case``.
    own: tuple[float, ...]


def line_facts(doc: Document, shape: LineShape, stopwords: frozenset[str]) -> LineFacts:
    """The facts of one line of ``doc`` (``Page`` reads them through the document's cache)."""
    text = shape.text
    sample = text[:SAMPLE_CHARS]
    content, density = content_and_density(words(sample), stopwords)
    count, is_unspaced = spacing(text, shape.words)
    return LineFacts(
        count=count,
        density=density,
        content=frozenset(content),
        cut=cut_headline(text, shape.words),
        unspaced=is_unspaced,
        short=count <= SHORT_WORDS and not shape.sentence and not CODE.search(text),
        key=remembered_key(doc, text) if 2 <= shape.words and len(text) <= LONGEST_REMEMBERED else None,
        label=label_headline(text, shape.sentence),
        label_ends=label_ends(text),
        chrome=any(mark in text for mark in CHROME_MARKS),
        own=_own_values(shape, count, sample),
    )


def _own_values(shape: LineShape, count: int, sample: str) -> tuple[float, ...]:
    """``LineFacts.own`` for a line of ``count`` words (its ``sample`` read for digits and capitals)."""
    text, capitals = shape.text, capitalised(sample)
    return (
        min(count, WORDS_CAP) / WORDS_CAP,
        float(count == 1),
        float(2 <= count <= 3),
        float(4 <= count <= 6),
        float(7 <= count <= 12),
        float(count > 25),
        float(shape.sentence),
        float(text[-1].isalnum()),
        float(is_truncated(text)),
        float(text[:1].islower()),
        digit_share(sample),
        capitals,
        float(count >= 3 and capitals >= TITLE_CASE),
    )


def read_from(doc: Document) -> tuple[str, tuple[tuple[str, int, bool, bool], ...]]:
    """What the records of ``doc``'s lines are read from besides its ``meta``: its language and the shapes of
    its lines but for their places (``shape.unplaced_shapes``). J020 is not run again on a later text of the
    cleaning that reads the same (``LineJudge.view``)."""
    return best_stoplist(doc)[0], unplaced_shapes(doc)


def features(doc: Document) -> list[Record]:
    """The records of every non-blank line of ``doc``, computed once per text."""
    return doc.memo("judge-features", lambda: Page(doc).records())


class Page:
    """What a line's features are read against: every line of the document, measured once."""

    def __init__(self, doc: Document) -> None:
        self.shapes = shapes = line_shapes(doc)
        language, stopwords = best_stoplist(doc)
        known: dict[str, LineFacts] = doc.lasting.setdefault(f"judge-lines:{language}", {})
        self.facts = facts = [known.get(shape.text) or remember(known, shape.text, line_facts(doc, shape, stopwords))
                              for shape in shapes]
        densities = [fact.density for fact in facts]
        counts = [fact.count for fact in facts]
        self.measured = _measured(counts, densities)
        #: Dense enough in stopwords for prose (any line in a language the stoplist does not know), not cut off.
        dense = [not fact.cut and (fact.density >= PROSE_DENSITY or not self.measured or fact.unspaced)
                 for fact in facts]
        self.prose = [count >= PROSE_WORDS and is_dense for count, is_dense in zip(counts, dense)]
        self.runs = short_runs([fact.short for fact in facts], densities)
        self.dump = sum(1 for run in self.runs if run) / max(len(self.runs), 1)
        self.first, self.last = main_block(self.prose, counts)
        self.article = article_block(counts, [shape.sentence for shape in shapes], dense)
        self.main_share = sum(counts[self.first:self.last + 1]) / max(sum(counts), 1)
        self.content = [fact.content for fact in facts]
        vocabulary = Counter(chain.from_iterable(self.content[i] for i in range(self.first, self.last + 1)
                                                 if self.prose[i]))
        #: The content words of the main block's prose, and those of them in two of its lines or more.
        self.known = frozenset(vocabulary)
        self.common = frozenset(word for word, lines in vocabulary.items() if lines > 1)
        self.title = _title(doc, self.content)
        self.repeats = _repeats([fact.key for fact in facts])
        self.labels = Counter(chain.from_iterable([fact.label_ends for fact in facts]))
        support = _support(doc)
        #: For a page's text, the share of each line that the stricter extraction kept (else None); None for a line
        #: without a word, which no share measures (a code block's closing ``}``).
        self.kept = None if support is None else [support.of(shape.text[:SAMPLE_CHARS]) for shape in shapes]
        #: Whether each line is a sentence of prose (``_prose_sentence``), and the share of prose among the
        #: ``NEARBY`` lines on each side of it.
        self.sentences = [_prose_sentence(shape) for shape in shapes]
        self.nearby = _nearby(self.prose)

    def records(self) -> list[Record]:
        """Every line's record: its own values (``LineFacts.own``), then the others, computed a column at a time
        (``_columns``) and read across."""
        rows = zip(*self._columns())
        # tuple.__new__ makes each record in C (a named tuple's own __new__ is a Python function)
        return [tuple.__new__(Record, (shape, [*fact.own, *row]))
                for shape, fact, row in zip(self.shapes, self.facts, rows)]

    def novelties(self) -> list[float]:
        """For each line, the share of its content words that the main block's prose lacks (not counting the
        line itself); 0.5 for a line without content words."""
        known, common, prose, first, last = self.known, self.common, self.prose, self.first, self.last
        return [1 - len(own & (common if prose[i] and first <= i <= last else known)) / len(own) if own else 0.5
                for i, own in enumerate(self.content)]

    def interrupts(self, i: int, novelty: float) -> bool:
        """Whether line ``i`` is a plain headline dropped into running text: ``INTERRUPT_WORDS`` words or more,
        one phrase in sentence case without a closing mark, and the lines around it share more content words
        with each other than with it, or (a short headline, a comma at most) its words are all but new."""
        shape, content = self.shapes[i], self.content
        if (shape.words < INTERRUPT_WORDS or shape.sentence or not shape.text[-1].isalnum()
                or inner_stop(shape.text) or capitalised(shape.text) >= TITLE_CASE):
            return False
        bridge = content[i - 1] & content[i + 1]
        if len(bridge) > len(content[i] & (content[i - 1] | content[i + 1])):
            return True
        return novelty >= OFF_TOPIC and shape.words <= CUT_WORDS and shape.text.count(",") <= 1

    def in_series(self, i: int, lines: int) -> bool:
        """Whether line ``i``'s label (``Label:``) shares its first or last word with those of ``lines`` lines
        or more (itself included): ``Q:`` and ``A:`` of an interview, ``Day one:`` and ``Day two:``."""
        ends = self.facts[i].label_ends
        return bool(ends) and any(self.labels[part] >= lines for part in ends)

    def _columns(self) -> list[list[float]]:
        """The values of the features after a line's own, in ``FEATURES`` order: a list over the lines each, made
        by one comprehension (run for every text judged: yes and no are written ``1.0 if ... else 0.0``, which
        calls nothing)."""
        shapes, facts, prose, runs, size = self.shapes, self.facts, self.prose, self.runs, len(self.shapes)
        first, last, measured, sentences, lines = self.first, self.last, self.measured, self.sentences, range(size)
        outside = [i < first or i > last for i in lines]
        inner = [0 < i < size - 1 for i in lines]
        novelty = self.novelties()
        between = [inner[i] and sentences[i - 1] and sentences[i + 1] for i in lines]
        #: A label and a headline (``line_text.label_headline``) whose label heads no series of two lines: a line
        #: of a series is not a link.
        label = [fact.label and not self.in_series(i, 2) for i, fact in enumerate(facts)]
        cut = [fact.cut and share >= CUT_NOVELTY for fact, share in zip(facts, novelty)]
        title, kept = self.title, self.kept
        return [
            [fact.density for fact in facts] if measured else [PROSE_DENSITY] * size,
            [1.0 if measured and fact.count >= 3 and fact.density == 0.0 else 0.0 for fact in facts],
            [1.0 if measured and fact.count >= 4 and fact.density < PROSE_DENSITY / 2 else 0.0 for fact in facts],
            [1.0 if is_label else 0.0 for is_label in label],
            [1.0 if shape.list_item else 0.0 for shape in shapes],
            [1.0 if fact.chrome else 0.0 for fact in facts],
            [1.0 if run > 0 else 0.0 for run in runs],
            [min(run, RUN_CAP) / RUN_CAP for run in runs],
            [self.dump] * size,
            [self.main_share] * size,
            [1.0 if i < first else 0.0 for i in lines],
            [1.0 if i > last else 0.0 for i in lines],
            [min(first - i if i < first else i - last if i > last else 0, DISTANCE_CAP) / DISTANCE_CAP for i in lines],
            [1.0 if i == 0 else 0.0 for i in lines],
            [1.0 if is_between else 0.0 for is_between in between],
            [1.0 if label[i] and inner[i] and max(shapes[i - 1].words, shapes[i + 1].words) >= NEIGHBOUR_WORDS
             else 0.0 for i in lines],
            [1.0 if is_cut else 0.0 for is_cut in cut],
            [1.0 if run > 0 and out else 0.0 for run, out in zip(runs, outside)],
            [1.0 if run > 0 and not out else 0.0 for run, out in zip(runs, outside)],
            [1.0 if fact.count <= SHORT_WORDS and out else 0.0 for fact, out in zip(facts, outside)],
            [1.0 if is_prose and out else 0.0 for is_prose, out in zip(prose, outside)],
            [1.0 if between[i] and novelty[i] >= INTERRUPT_NOVELTY and self.interrupts(i, novelty[i]) else 0.0
             for i in lines],
            [1.0 if fact.cut and not is_cut else 0.0 for fact, is_cut in zip(facts, cut)],
            [1.0 if i > 0 and prose[i - 1] or i + 1 < size and prose[i + 1] else 0.0 for i in lines],
            self.nearby,
            [1.0 if repeated else 0.0 for repeated in self.repeats],
            novelty,
            [len(own & title) / len(own) if own and i else 0.0 for i, own in enumerate(self.content)],
            [0.0] * size if kept is None else [1 - (share or 0.0) for share in kept],
            [1.0 if out else 0.0 for out in self.outside_article()],
            [1.0 if not out and fact.label_ends and self.in_series(i, SERIES_LINES) else 0.0
             for i, (fact, out) in enumerate(zip(facts, outside))],
            *([[0.0] * size] * 2 if kept is None
              else [[1.0 if out else 0.0 for out in side] for side in self.outside_stricter(kept)]),
        ]

    def outside_article(self) -> list[bool]:
        """Whether each line is more than ``ARTICLE_MARGIN`` lines before or after the article's run of
        sentences (none is when the text has none)."""
        if self.article is None:
            return [False] * len(self.shapes)
        first, last = self.article
        return [not first - ARTICLE_MARGIN <= i <= last + ARTICLE_MARGIN for i in range(len(self.shapes))]

    def outside_stricter(self, kept: list[float | None]) -> tuple[list[bool], list[bool]]:
        """Whether each line of a page's text is a short line that the stricter extraction left out after all it
        kept, and whether before (``kept``: the share of each line, ``STRICTER_SHARE`` or more for a line it kept;
        None for a line without a word, which is neither kept nor left out); none is when the lines it kept hold
        less than ``STRICTER_COVER`` of the words."""
        size, shapes = len(self.shapes), self.shapes
        inside = [i for i, share in enumerate(kept) if share is not None and share >= STRICTER_SHARE]
        if not inside or sum(shapes[i].words for i in inside) < STRICTER_COVER * sum(shape.words for shape in shapes):
            return [False] * size, [False] * size
        left_out = [kept[i] is not None and shape.words <= STRICTER_WORDS and not self.sentences[i]
                    for i, shape in enumerate(shapes)]
        first, last = inside[0], inside[-1]
        return ([out and i > last for i, out in enumerate(left_out)],
                [out and i < first for i, out in enumerate(left_out)])


def _measured(counts: list[int], densities: list[float]) -> bool:
    """Whether the stoplist knows the text's language: half or more of its lines of ``PROSE_WORDS`` words hold a
    stopword (in a language it knows, nearly all of them do)."""
    long = [density for count, density in zip(counts, densities) if count >= PROSE_WORDS]
    return not long or 2 * sum(1 for density in long if density) >= len(long)


def _title(doc: Document, content: list[set[str]]) -> set[str]:
    """The content words of the page's title (the reader's ``title``), else of the first line."""
    title = doc.meta.get("title")
    if isinstance(title, str) and title.strip():
        return set(content_of(words(title), best_stoplist(doc)[1]))
    return content[0] if content else set()


def _repeats(keys: list[str | None]) -> list[bool]:
    """Whether each line has an equal twin in the document, by the lines' keys (``LineFacts.key``: up to
    quotes, spacing and case; None for a line of one word, without a letter, or huge)."""
    seen = Counter(keys)
    return [key is not None and seen[key] > 1 for key in keys]


def _support(doc: Document) -> Support | None:
    """The second extraction of an HTML page, to measure lines against (None for other texts)."""
    second = doc.meta.get(SECOND_EXTRACTION)
    if not isinstance(second, str) or not second.strip():
        return None
    support = doc.shared.get("second-extraction")
    if support is None:
        support = doc.shared["second-extraction"] = Support(second)
    return support


def _nearby(prose: list[bool]) -> list[float]:
    """The share of prose among the ``NEARBY`` lines on each side of each line, itself not counted (0.0 for a
    text of one line).

    >>> _nearby([True, False, True, True])
    [0.6666666666666666, 1.0, 0.6666666666666666, 0.6666666666666666]
    """
    below = list(accumulate(prose, initial=0))  # below[i]: prose lines before line i
    size = len(prose)
    shares = []
    for i in range(size):
        start, end = max(i - NEARBY, 0), min(i + 1 + NEARBY, size)
        lines = end - start - 1
        shares.append((below[end] - below[start] - prose[i]) / lines if lines else 0.0)
    return shares


def _prose_sentence(shape: LineShape) -> bool:
    return shape.sentence and shape.words >= NEIGHBOUR_WORDS
