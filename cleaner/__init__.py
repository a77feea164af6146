"""cleaner: a rule engine that cleans scraped text and logs every change it makes.

>>> from cleaner import clean_text
>>> result = clean_text("Storm  hits coast\\n\\n\\n")
>>> result.text
'Storm hits coast\\n'
>>> [change.name for change in result.changes]
['space-runs', 'blank-line-runs', 'final-newline']
"""

from .change import Change, Finding, Result
from .config import Config
from .document import Document
from .engine import Cleaner, clean_text
from .rules import Rule, RuleError, load_rules

__version__ = "0.1.0"

__all__ = [
    "Change",
    "Cleaner",
    "Config",
    "Document",
    "Finding",
    "Result",
    "Rule",
    "RuleError",
    "__version__",
    "clean_text",
    "load_rules",
]
