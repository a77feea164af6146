"""bench/pages_kept.py: what cleaning keeps of HTML pages that have no gold text."""

import gzip

from bench.pages_kept import measure, pages, report
from cleaner import Cleaner

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the northern pier would stay closed until the storm damage to its "
    "wooden deck had been surveyed by engineers from the regional office.",
    "Fishing boats that usually moor at the pier have been moved to the southern basin, where space is short and "
    "several skippers said they had to raft up three deep to find a berth for the night.",
]
PAGE = ("<html><head><title>Pier closed</title></head><body><article><h1>Pier closed after storm</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<p>Share on Facebook</p></article></body></html>").encode()


def test_a_page_is_measured_as_cleaner_clean_reads_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pier.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "notes.csv").write_text("not a page")
    found = pages([tmp_path])
    assert [path.name for path in found] == ["pier.html.gz"]
    page = measure(found[0], Cleaner())
    assert page.words == len(" ".join(["Pier closed after storm", *PARAGRAPHS, "Share on Facebook"]).split())
    assert page.dropped == {"B001": ["Share on Facebook"]} and page.kept == page.words - 3


def test_the_report_gives_the_share_kept_the_pages_cut_and_the_drops_by_rule(tmp_path):
    (tmp_path / "pier.html").write_bytes(PAGE)
    page = measure(tmp_path / "pier.html", Cleaner())
    lines = report([page], "default", below=0.99, examples=2)
    assert lines[0].split()[:2] == ["default", "1"] and f"{page.kept / page.words:.2%}" in lines[0]
    assert "1 pages under 99%" in lines[0] and "pier.html" in lines[1]
    assert lines[2].split()[:3] == ["B001", "1", "lines"] and "'Share on Facebook'" in lines[2]


def test_a_text_file_is_cleaned_as_it_is(tmp_path):
    (tmp_path / "notes.md").write_text("\n".join([*PARAGRAPHS, "Share on Facebook"]) + "\n")
    page = measure(tmp_path / "notes.md", Cleaner())
    assert page.words == len(" ".join([*PARAGRAPHS, "Share on Facebook"]).split())
    assert page.dropped == {"B001": ["Share on Facebook"]} and page.kept == page.words - 3
