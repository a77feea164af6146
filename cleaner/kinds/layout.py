"""``page-layout``: menus and page chrome in whole-page text, judged line by line in context.

Only a page that looks like a whole-page text dump is touched: the share of
its lines that sit in *runs of short lines* (``run_length`` or more lines in a
row of at most ``short_words`` words, none ending like a sentence, none
holding code or markup) must reach ``gate``. Extractor output has almost no
such runs; a page dump is mostly made of them (menus, footers, link lists).
The lines of a code block are short too, but they are not page chrome, and
neither is a run that reads as prose (half its lines or more made mostly of
stopwords: the stanzas of a poem, a chorus).

On such a page each non-blank line gets a class, as jusText classifies
paragraphs:

* ``content``: at least ``content_words`` words (CJK: two characters a word)
  and a stopword density of at least ``content_density`` (any density for text
  written without spaces, or on a page whose language has no stoplist: fewer
  than ``stoplist_cover`` of its long lines hold a stopword). Never dropped.
* ``chrome``: a line inside a run of short lines.
* ``short``: anything else.

A ``short`` line then takes its class from its context: the nearest
classified lines above and below. Between two content lines it is a
subheading or a caption and stays; next to chrome or at the edge of the page
it goes. A ``near`` line (a sentence, or ``near_words`` words) stays when
either side is content.

Before/after (a page dump, gate reached)::

    Home / News / Sport / Weather       (dropped: a run of short lines)
    Storm closes the coast road         (dropped: chrome above it)
    The coast road was closed on ...    (kept: content)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import regex

from ..change import Finding
from ..document import Document, Line
from ..words import best_stoplist, content_of, stopword_density, words
from .base import Kind, Param, Stage
from .shape import LineShape, effective_words, line_shapes, unspaced


#: Code and markup: an assignment, a statement end, braces, a backtick, an HTML tag, an empty call, a
#: Markdown link, a shell or Python prompt, a bracket that opens a block at the end of a line or closes one at
#: its start; a text table's box-drawing characters. A line holding one is not a menu item: it makes no run
#: of short lines (a code block or a query's result in a technical post is not page chrome).
CODE = regex.compile(r"[=;{}`\u2500-\u257f]|<[A-Za-z/!]|/>|\(\)|\]\(|^(?:\$|>>>) |[(\[]$|^\s*[)\]]")
#: Indentation: in a text whose lines mostly start at the margin (extractor output), an indented line is
#: preformatted (code, a table, verse), not a menu item. Some page dumps (inscriptis) indent every line by
#: its depth in the page: there indentation says nothing.
INDENTED = regex.compile(r"[ \t]{2,}\S")
#: Most indented lines, as a share of a text's lines, for indentation to mark preformatted lines.
INDENTED_SHARE = 0.35


class Signals(NamedTuple):
    """What the classification of one line rests on (a tuple: made for every line of a page)."""

    words: int
    density: float
    sentence: bool
    run: int
    cls: str


class PageLayout(Kind):
    name = "page-layout"
    stage = Stage.LINES
    order = 4
    actions = frozenset({"drop", "report"})
    params = {
        "short_words": Param(int, 4, help="a line of at most this many words (and no sentence end) is short"),
        "run_length": Param(int, 3, help="this many short lines in a row make a run"),
        "gate": Param(float, 0.3, help="share of lines in runs a page needs before anything is judged"),
        "prose_density": Param(float, 0.5, help="a run where half the lines have more stopwords than this is prose"),
        "min_lines": Param(int, 40, help="...and this many non-blank lines (page dumps are long)"),
        "content_words": Param(int, 10, help="a content line has at least this many words..."),
        "content_density": Param(float, 0.2, help="...and at least this stopword density"),
        "near_words": Param(int, 6, help="a non-run line this long stays next to content on either side"),
        "stoplist_cover": Param(float, 0.5, help="a page where fewer long lines than this hold a stopword is in a "
                                "language without a stoplist: its lines are content by length alone"),
        "anchor_gap": Param(int, 12, help="anchors (content sentences) this close form one block of text"),
        "list_reach": Param(int, 3, help="a run with content this many lines above and below it is a list in the text"),
        "title_block": Param(float, 0.25, help="a block on the title's words is the main one if it has this share of "
                             "the largest block's words"),
        "off_topic": Param(float, 0.8, help="share of new content words that makes a content line off topic"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        lines = doc.body
        if len(lines) < self.options["min_lines"]:
            return
        shapes = line_shapes(doc)
        runs = self._runs(shapes)
        if _share(runs) < self.options["gate"]:  # first without the stopwords, which cost more
            return
        page = PageWords(shapes, best_stoplist(doc)[1])
        densities = page.densities()
        runs = self._menus(runs, densities)
        share = _share(runs)
        if share < self.options["gate"]:
            return
        measured = self._measured(shapes, densities)
        signals = _embed_lists([self._classify(shape, run, density, measured)
                                for shape, run, density in zip(shapes, runs, densities)], self.options["list_reach"])
        blocks = self._blocks(page, signals)
        first, last = blocks[0][0] - 1, blocks[-1][-1] + 1
        vocabulary = set(page.content(i for block in blocks for i in block))
        reason = self._reason(share)
        for position, (line, signal) in enumerate(zip(lines, signals)):
            if first <= position <= last:
                verdict = self._verdict(signals, position)
            else:
                verdict = self._outside(page, position, signal, vocabulary, position < first)
            if verdict:
                yield self._emit(doc, line, signal, reason.format(verdict, signal.words, signal.density), share)

    def _blocks(self, page: PageWords, signals: list[Signals]) -> list[list[int]]:
        """The blocks of anchors (content sentences) that make the text: the main one, and the
        others on its topic (their words are not mostly new to the main block and the title). A
        block is a series of anchors at most ``anchor_gap`` lines apart; the main block shares a
        word with the first line when that looks like a page's title (three content words, not in
        a run) and is not much smaller than the largest block (``title_block``), and has the most
        words. (A first line that is the site's name can share a word with a footer, not the article.)"""
        anchors = [i for i, s in enumerate(signals) if s.cls == "content" and s.sentence]
        if not anchors:
            return [[0, len(signals) - 1]]
        blocks: list[list[int]] = [[anchors[0]]]
        for i in anchors[1:]:
            if i - blocks[-1][-1] > self.options["anchor_gap"]:
                blocks.append([])
            blocks[-1].append(i)
        title = set(page.content([0])) if not signals[0].run else set()
        if len(title) < 3:
            title = set()

        def size(block: list[int]) -> int:
            return sum(signals[i].words for i in block)

        least = self.options["title_block"] * max(map(size, blocks))
        main = max(blocks, key=lambda block: (size(block) >= least and bool(title & set(page.content(block))),
                                              size(block)))
        vocabulary = set(page.content(main))
        if title & vocabulary:  # the first line is the main text's title, not the site's name
            vocabulary |= title
        return [block for block in blocks if block is main or
                _novelty(page.content(block), vocabulary) < self.options["off_topic"]]

    def _outside(self, page: PageWords, position: int, signal: Signals, vocabulary: set[str],
                 before: bool) -> str | None:
        """Why a line before or after the main block goes: not content, or content on another topic."""
        where = "before" if before else "after"
        if signal.cls != "content":
            return f"{signal.cls} line {where} the main block of text"
        novelty = _novelty(page.content([position]), vocabulary)
        if novelty >= self.options["off_topic"]:
            return (f"content line {where} the main block of text, {novelty:.0%} of its content words "
                    f"new to it (off topic: >= {self.options['off_topic']:.0%})")
        return None

    def _runs(self, shapes: list[LineShape]) -> list[int]:
        """For each line, the length of the run of short lines it sits in (0 when none)."""
        limit = self.options["short_words"]
        preformatted = _preformatted(shapes)
        # cheap first: effective_words >= words
        short = [shape.words <= limit and not shape.sentence and effective_words(shape.text) <= limit
                 and not CODE.search(shape.line.text) and not preformatted(shape.line.text) for shape in shapes]
        runs = [0] * len(shapes)
        start = 0
        while start < len(shapes):
            end = start
            while end < len(shapes) and short[end] == short[start]:
                end += 1
            if short[start] and end - start >= self.options["run_length"]:
                runs[start:end] = [end - start] * (end - start)
            start = end
        return runs

    def _menus(self, runs: list[int], densities: list[float]) -> list[int]:
        """``runs`` without the runs that read as prose: those where half the lines or more are denser in
        stopwords than ``prose_density`` (a stanza, a chorus: "and the crows / from the fence posts").
        Menu items are names ("World", "Sign in") and have few."""
        menus = list(runs)
        start = 0
        while start < len(runs):
            end = start + (runs[start] or 1)
            prose = sum(1 for density in densities[start:end] if density > self.options["prose_density"])
            if runs[start] and 2 * prose >= end - start:
                menus[start:end] = [0] * (end - start)
            start = end
        return menus

    def _measured(self, shapes: list[LineShape], densities: list[float]) -> bool:
        """Whether the stoplist knows the page's language: enough of its lines of ``content_words`` words or
        more hold a stopword (in a language it knows, nearly all of them do)."""
        long = [density for shape, density in zip(shapes, densities) if shape.words >= self.options["content_words"]]
        return not long or sum(1 for density in long if density) >= self.options["stoplist_cover"] * len(long)

    def _classify(self, shape: LineShape, run: int, density: float, measured: bool) -> Signals:
        """The line's class; ``measured``: the page's language has a stoplist, so densities mean something."""
        words = effective_words(shape.text, shape.words)
        o = self.options
        if words >= o["content_words"] and (density >= o["content_density"] or not measured
                                            or unspaced(shape.text, shape.words)):
            cls = "content"
        elif run:
            cls = "chrome"
        elif shape.sentence or words >= o["near_words"]:
            cls = "near"
        else:
            cls = "short"
        return Signals(words, round(density, 3), shape.sentence, run, cls)

    def _verdict(self, signals: list[Signals], position: int) -> str | None:
        """Why the line goes (None: it stays)."""
        cls = signals[position].cls
        if cls == "content":
            return None
        if cls == "list":
            return None
        if cls == "chrome":
            return f"in a run of {signals[position].run} short lines"
        above = _nearest(signals, position, -1)
        below = _nearest(signals, position, 1)
        context = f"between {above} and {below}"
        if above == below == "content" or (cls == "near" and "content" in (above, below)):
            return None
        return f"{cls} line {context}"

    def _reason(self, share: float) -> str:
        """The reason of each drop on a page, with places for the verdict, the words and the stopword density."""
        o = self.options
        return (f"{{}}; page has {share:.0%} of its lines in short-line runs (gate {o['gate']:.0%}); "
                "{} words, stopword density {} "
                f"(content: >= {o['content_words']} words and >= {o['content_density']})")

    def _emit(self, doc: Document, line: Line, signal: Signals, reason: str, share: float) -> Finding:
        start, end = doc.line_span(line)
        return self.finding(start, end, "", reason, words=signal.words, density=signal.density,
                            run=signal.run, cls=signal.cls, run_share=round(share, 3),
                            language=best_stoplist(doc)[0])


class PageWords:
    """The words of each non-blank line of a page, found once for both the stopword densities and the
    content words (which, for lines joined by spaces, are those of each line in turn)."""

    def __init__(self, shapes: list[LineShape], stopwords: frozenset[str]) -> None:
        self.tokens = [words(shape.text) for shape in shapes]
        self.stopwords = stopwords
        self._content: dict[int, list[str]] = {}

    def densities(self) -> list[float]:
        """The stopword density of each line."""
        return [stopword_density(tokens, self.stopwords) for tokens in self.tokens]

    def content(self, positions: Iterable[int]) -> list[str]:
        """The content words of the lines at ``positions``, in order."""
        found = []
        for position in positions:
            if position not in self._content:
                self._content[position] = content_of(self.tokens[position], self.stopwords)
            found += self._content[position]
        return found


def _share(runs: list[int]) -> float:
    """The share of lines that sit in a run of short lines."""
    return sum(1 for run in runs if run) / len(runs) if runs else 0.0


def _nearest(signals: list[Signals], position: int, step: int, reach: int | None = None) -> str:
    """The class of the nearest content or chrome line in direction ``step``, looking at most
    ``reach`` lines away ('edge' past the end or the reach). A list counts as content."""
    at = _nearest_at(signals, position, step, reach)
    if at is None:
        return "edge"
    return "content" if signals[at].cls == "list" else signals[at].cls


def _nearest_at(signals: list[Signals], position: int, step: int, reach: int | None = None) -> int | None:
    """Where the nearest content, chrome or list line is in direction ``step``, at most ``reach`` lines away."""
    at = position + step
    while 0 <= at < len(signals) and (reach is None or abs(at - position) <= reach):
        if signals[at].cls in ("content", "chrome", "list"):
            return at
        at += step
    return None


def _embed_lists(signals: list[Signals], reach: int) -> list[Signals]:
    """Runs of short lines with content at most ``reach`` lines above and below them (a heading, or a
    last item too long for the run, between) are lists inside the text, not menus: their class
    becomes ``list``. Runs that follow each other with only such lines between them ("To serve" and
    its list, then "Tips" and its list) are taken together."""
    out = list(signals)
    start = 0
    while start < len(signals):
        end = _run_end(signals, start)
        if end > start:
            while (following := _nearest_at(signals, end - 1, 1, reach)) is not None \
                    and signals[following].cls == "chrome":
                end = _run_end(signals, following)
            if _nearest(signals, start, -1, reach) == _nearest(signals, end - 1, 1, reach) == "content":
                out[start:end] = [signal._replace(cls="list") if signal.cls == "chrome" else signal
                                  for signal in signals[start:end]]
        start = max(end, start + 1)
    return out


def _run_end(signals: list[Signals], start: int) -> int:
    """Where the run of chrome lines that starts at ``start`` ends (``start`` itself when there is none)."""
    end = start
    while end < len(signals) and signals[end].cls == "chrome" and signals[end].run == signals[start].run:
        end += 1
    return end


def _novelty(content: list[str], vocabulary: set[str]) -> float:
    """Share of the distinct ``content`` words that are not in ``vocabulary`` (1.0 without any)."""
    found = set(content)
    return 1 - len(found & vocabulary) / len(found) if found else 1.0


def _preformatted(shapes: list[LineShape]) -> Callable[[str], bool]:
    """Whether a line is preformatted: indented, in a text where few lines are (see ``INDENTED``)."""
    indented = sum(1 for shape in shapes if INDENTED.match(shape.line.text))
    if not indented or indented > INDENTED_SHARE * len(shapes):
        return lambda text: False
    return lambda text: INDENTED.match(text) is not None
