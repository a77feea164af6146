"""The line judge's trainer reads HTML pages as ``cleaner clean`` does (bench/train_judge.py ``html_inputs``)."""

import gzip
from pathlib import Path

from bench.train_judge import html_inputs

PARAGRAPHS = [
    "The town council voted on Tuesday to rebuild the old stone bridge over the river before next winter.",
    "Engineers found that two of the arches had cracked after the spring floods and were no longer safe.",
    "Work will start in June, and a footbridge will carry people across the river while the road is shut.",
]


def test_a_page_is_extracted_twice_and_the_extractions_are_cached(tmp_path: Path):
    data = tmp_path / "collection"
    (data / "html").mkdir(parents=True)
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    page = f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"
    (data / "html" / "page1.html.gz").write_bytes(gzip.compress(page.encode()))
    cache = tmp_path / "cache"
    pages = html_inputs(data, ["page1"], cache)
    text, second = pages["page1"]
    assert PARAGRAPHS[1] in text and PARAGRAPHS[1] in second
    (data / "html" / "page1.html.gz").unlink()
    assert html_inputs(data, ["page1"], cache) == pages
