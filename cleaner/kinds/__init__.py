"""Rule kinds: the few pieces of code that ``rules/*.toml`` instantiate.

Each kind validates its parameters once, at load time, then only *finds*:
``find(doc)`` yields ``Finding``s on the text it is shown. Editing is the
engine's job. ``KINDS`` maps a kind's name (as written in rule files) to it.
"""

from __future__ import annotations

from .agreement import ExtractorAgreement
from .balance import Balance
from .base import Kind, Param, Stage
from .blank_lines import BlankLines
from .corpus import DuplicateDocument, RepeatedLine
from .doubled_word import DoubledWord
from .duplicate_line import DuplicateLine
from .final_newline import FinalNewline
from .judge import LineJudge
from .known_title import KnownTitle
from .line_pattern import LinePattern
from .metadata import Metadata
from .mojibake import Mojibake
from .normalize import Normalize
from .quote_pairs import QuotePairs
from .source_bytes import InvalidBytes, SourceEncoding
from .story_cards import StoryCards
from .substitution import Substitution

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (
        InvalidBytes,
        SourceEncoding,
        Mojibake,
        Substitution,
        Metadata,
        KnownTitle,
        DuplicateLine,
        LinePattern,
        LineJudge,
        StoryCards,
        ExtractorAgreement,
        DoubledWord,
        Balance,
        Normalize,
        QuotePairs,
        BlankLines,
        FinalNewline,
        RepeatedLine, DuplicateDocument,
    )
}

__all__ = ["KINDS", "Kind", "Param", "Stage"]
