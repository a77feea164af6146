"""The judge: one calibrated line scorer in place of hand-tuned context rules.

``features`` computes one record of numbers per line in one pass;
``model`` weighs them with weights read from ``rules/judge/model.json``.
The rule kind ``line-judge`` (``cleaner.kinds.judge``) drops and reports by
the score; ``bench/train_judge.py`` trains and calibrates the model.
"""
