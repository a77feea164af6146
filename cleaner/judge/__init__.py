"""The judge: one calibrated line scorer in place of hand-tuned context rules.

``features`` computes one record of numbers per line in one pass, reading
where the text's parts lie from ``blocks`` (menus, the main block of prose,
the article's run of sentences) and what each line's own text shows from
``line_text`` (digits, capitals, a label and a headline, a cut-off headline);
``model`` weighs them with weights read from ``rules/judge/model.json``.
The rule kind ``line-judge`` (``cleaner.kinds.judge``) drops and reports by
the score; ``bench/train_judge.py`` trains and calibrates the model.
"""
