"""``teaser``: a related-article teaser or inline link line, judged by shape *and* topic.

Shape: a line that does not end like a sentence, of ``min_words`` to
``max_words`` words, not a list item and not the title (the first line).
Topic: its content words (see ``cleaner.words``) against the rest of the
document and against the section that follows it, which a real subheading
announces. A candidate is dropped when

* it is truncated (ends in ``…``) and most of its words are new to the document;
* it has a ``Label:`` prefix and most of its words are absent from the next section;
* it is a long headline whose words are mostly absent from the next section
  and partly new to the document.

A subheading such as ``flood defences fail`` above a paragraph about failing
flood defences shares its words with that paragraph, so it stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..change import Action, Finding
from ..document import Document, Line
from ..words import best_stoplist, content_words
from .base import Kind, Param, Stage
from .shape import ends_sentence, is_list_item, is_truncated, label_prefix, word_count


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
        "truncated_novelty": Param(float, 0.5, help="share of new words that condemns a truncated line"),
        "label_novelty": Param(float, 0.5, help="share of words absent from the section, for Label: lines"),
        "headline_words": Param(int, 7, help="a plain headline needs at least this many words"),
        "headline_novelty": Param(float, 0.6, help="share of words absent from the section, for headlines"),
        "headline_doc_novelty": Param(float, 0.3, help="...and the share new to the whole document"),
    }

    def find(self, doc: Document) -> Iterator[Finding]:
        title = next((line.index for line in doc.lines if not line.blank), None)
        candidates = [line for line in doc.lines if line.index != title and self._is_candidate(line)]
        if not candidates:
            return
        _, stopwords = best_stoplist(doc.text)
        words = {line.index: set(content_words(line.text, stopwords)) for line in doc.lines if not line.blank}
        excluded = {line.index for line in candidates}
        reference: dict[str, int] = {}
        for index, found in words.items():
            if index not in excluded:
                for word in found:
                    reference[word] = reference.get(word, 0) + 1
        for line in candidates:
            found = words[line.index]
            if len(found) < self.options["min_content_words"]:
                continue
            section = self._section(doc, line, words, excluded)
            topic = Topic(
                words=len(found),
                doc_shared=sum(1 for w in found if w in reference),
                section_shared=None if section is None else len(found & section),
            )
            finding = self._judge(doc, line, topic)
            if finding:
                yield finding

    def _is_candidate(self, line: Line) -> bool:
        text = line.stripped
        if not text or ends_sentence(text) or is_list_item(line.text):
            return False
        return self.options["min_words"] <= word_count(text) <= self.options["max_words"]

    def _section(self, doc: Document, line: Line, words: dict[int, set[str]], excluded: set[int]) -> set[str] | None:
        section: set[str] = set()
        count = 0
        for other in doc.lines[line.index + 1:]:
            if other.blank or other.index in excluded:
                continue
            section |= words[other.index]
            count += word_count(other.text)
            if count >= self.options["section_words"]:
                break
        return section if count else None

    def _judge(self, doc: Document, line: Line, topic: Topic) -> Finding | None:
        o = self.options
        text = line.stripped
        novelty = topic.section_novelty if topic.section_novelty is not None else topic.doc_novelty
        facts = [f"shares {topic.doc_shared} of {topic.words} content words with the document"]
        if topic.section_shared is not None:
            facts.append(f"{topic.section_shared} with the next {o['section_words']} words")
        label = label_prefix(text)
        if is_truncated(text) and topic.doc_novelty >= o["truncated_novelty"]:
            facts.append(f"ends in {text[-1]!r}")
        elif label and novelty >= o["label_novelty"]:
            facts.append(f"starts with the label {label + ':'!r}")
        elif word_count(text) >= o["headline_words"] and novelty >= o["headline_novelty"]:
            facts.append(f"a {word_count(text)}-word headline with no closing punctuation")
            if topic.doc_novelty < o["headline_doc_novelty"]:
                return self._emit(doc, line, topic, facts, action="report")
        else:
            return None
        return self._emit(doc, line, topic, facts)

    def _emit(self, doc: Document, line: Line, topic: Topic, facts: list[str], action: Action | None = None) -> Finding:
        start, end = doc.line_span(line)
        scores = {
            "content_words": topic.words,
            "doc_novelty": round(topic.doc_novelty, 3),
            "section_novelty": None if topic.section_novelty is None else round(topic.section_novelty, 3),
        }
        return self.finding(start, end, "", "; ".join(facts), action=action, **scores)
