"""Where a text's parts lie: its runs of short lines (menus), its main block of prose, and its article's
run of sentences.

Each reads one number or flag per non-blank line, in the order of the lines;
the blocks are given as their first and last line (indices among the
non-blank lines).

* A *run of short lines* (``short_runs``): ``RUN`` or more lines of a few words
  in a row, such as a menu.
* The *main block* (``main_block``) is loose: prose lines at most ``BLOCK_GAP``
  lines apart, the block with the most words. The judge's features measure a
  line's place against it. On a page dump it often runs on into the teasers
  and comments under the article, which are prose too.
* The *article* (``article_block``) is strict: the run of lines whose sentences
  outweigh its other lines the most. A teaser section alternates headlines
  (no full stop) with one-sentence summaries, and menus and dates stand between
  the cards, so it weighs about nothing and the run ends where the article does.

A page dump, each line's weight (``+``: it counts for the article, ``-``: against)::

    Home / World / Politics                                                         -5
    Storm closes the coast road                                                     -5
    The council closed the road on Sunday after the storm washed part of it away.   +15  article
    Engineers said repairs would take at least a month, the council said.          +12  article
    More in World                                                                   -3
    Why farmers paint their cows                                                    -5
    Stripes keep the flies away, a study found.                                     +8
    Nov 18                                                                          -2

The run of the two sentences weighs 27; taking the teaser card below them too
(-3 -5 +8) would make it 27 as well, not more, so the run ends with the article.
(A real article is longer: a run of fewer than ``ARTICLE_WORDS`` words is none.)
"""

from __future__ import annotations

#: ``RUN`` short lines in a row make a run; a run of short lines whose lines are mostly this dense in stopwords
#: is verse, not a menu.
RUN = 3
VERSE_DENSITY = 0.5
#: Prose lines at most this many lines apart make one block of text.
BLOCK_GAP = 12
#: A line counts for the article when it ends like a sentence and has this many words, or has this many
#: words whatever its end (a paragraph whose last stop a page lost, or a bulleted one), and is dense enough
#: in stopwords (``article_block``'s ``dense``).
SENTENCE_WORDS, PARAGRAPH_WORDS = 4, 20
#: A run of fewer words is no article: too short to tell from a teaser or a list of notes (readability-dev's
#: page dumps lost list items around such a run; 50 and 100 words did equally well there, so the more
#: cautious was taken).
ARTICLE_WORDS = 100


def main_block(prose: list[bool], counts: list[int]) -> tuple[int, int]:
    """The first and last line of the block of prose lines (at most ``BLOCK_GAP`` apart) with the most words;
    the whole text when it has no prose line.

    >>> main_block([True, False, True] + [False] * 20 + [True], [10, 1, 10] + [1] * 20 + [12])
    (0, 2)
    """
    anchors = [i for i, is_prose in enumerate(prose) if is_prose]
    if not anchors:
        return 0, len(prose) - 1
    blocks = [[anchors[0]]]
    for i in anchors[1:]:
        if i - blocks[-1][-1] > BLOCK_GAP:
            blocks.append([])
        blocks[-1].append(i)
    main = max(blocks, key=lambda block: sum(counts[i] for i in block))
    return main[0], main[-1]


def article_block(counts: list[int], sentences: list[bool], dense: list[bool]) -> tuple[int, int] | None:
    """The first and last line of the run of lines with the greatest weight (the first such run), None
    when no line counts for the article or the run holds fewer than ``ARTICLE_WORDS`` words. A line dense
    in stopwords (``dense``) that is a sentence of ``SENTENCE_WORDS`` words or more, or that has
    ``PARAGRAPH_WORDS`` words or more, weighs its words; every other line weighs minus its words (minus one
    at least).

    >>> article_block([2, 62, 49, 13, 8, 9], [False, True, True, False, False, True], [True] * 6)
    (1, 2)
    >>> article_block([2, 3], [False, False], [True, True]) is None
    True
    """
    best, best_run = 0, None
    total = start = 0
    for i, (count, sentence, is_dense) in enumerate(zip(counts, sentences, dense)):
        counts_for = is_dense and (count >= PARAGRAPH_WORDS or sentence and count >= SENTENCE_WORDS)
        weight = count if counts_for else -max(count, 1)
        if total <= 0:
            total, start = weight, i
        else:
            total += weight
        if total > best:
            best, best_run = total, (start, i)
    if best_run is None or sum(counts[best_run[0]:best_run[1] + 1]) < ARTICLE_WORDS:
        return None
    return best_run


def short_runs(short: list[bool], densities: list[float]) -> list[int]:
    """For each line, the length of the run of ``RUN`` or more short lines it sits in (0 when none). A run
    where half the lines or more are denser in stopwords than ``VERSE_DENSITY`` reads as prose (a stanza, a
    chorus: "and the crows / from the fence posts"), not as a menu of names, and does not count.

    >>> short_runs([True, True, True, False, True, True], [0.0] * 6)
    [3, 3, 3, 0, 0, 0]
    """
    runs = [0] * len(short)
    start = 0
    while start < len(short):
        end = start
        while end < len(short) and short[end] == short[start]:
            end += 1
        verse = 2 * sum(density > VERSE_DENSITY for density in densities[start:end]) >= end - start
        if short[start] and end - start >= RUN and not verse:
            runs[start:end] = [end - start] * (end - start)
        start = end
    return runs
