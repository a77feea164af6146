"""`cleaner report OUT`: removed.jsonl, the Markdown summary and the review page's data, read from a `clean` run."""

import gzip
import json
import re
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main
from cleaner.review import load_review, read_run
from cleaner.review.documents import Document
from cleaner.review.page import rule_docs
from cleaner.review.tally import SAMPLES
from cleaner.review.view import rows

ARTICLE = ("Storm hits the coast\n"
           "The storm reached the coast on Tuesday night, and the wind tore roofs off houses in three towns.\n"
           "Thanks for signing up!\n"
           "Rescue teams worked through the night to reach families cut off by the flood water.\n"
           "Follow us on Twitter\n"
           "Officials said the damage would take months to repair , and schools stay closed this week.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def clean(tmp_path: Path, files: dict[str, str | bytes], *options) -> Path:
    """Clean ``files`` (name -> content) with `cleaner clean`; return OUT."""
    src, out = tmp_path / "src", tmp_path / "out"
    for name, content in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("clean", src, "-o", out, *options)
    assert result.exit_code == 0, result.output
    return out


def rule_counts(out: Path) -> dict[str, dict[str, int]]:
    """The run summary's counts per rule, by code (its keys are "CODE name")."""
    summary = json.loads((out / "_changes" / "summary.json").read_text())
    return {key.split()[0]: counts for key, counts in summary["rules"].items()}


def removed(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "_changes" / "removed.jsonl").read_text().splitlines()]


def test_removed_jsonl_holds_every_dropped_line_with_its_source_line(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE, "sub/b.txt": ARTICLE.replace("Storm", "Flood")})
    assert run("report", out).exit_code == 0
    rows = removed(out)
    summary = json.loads((out / "_changes" / "summary.json").read_text())
    assert len(rows) == summary["lines_dropped"] > 0
    assert [row["file"] for row in rows] == sorted(row["file"] for row in rows)
    for row in rows:
        source = (tmp_path / "src" / row["file"]).read_text().split("\n")
        assert row["text"] == source[row["line"] - 1]
        assert row["col"] == 1 and row["reason"] and re.fullmatch(r"[A-Z]\d{3}", row["code"])
        assert rule_counts(out)[row["code"]]["drop"] >= 1
    assert {"file": "a.txt", "line": 3, "text": "Thanks for signing up!"}.items() <= rows[0].items()


def test_report_is_the_same_bytes_for_any_jobs(tmp_path):
    files = {f"doc{number:02}.txt": ARTICLE.replace("Storm", f"Storm {number}") for number in range(12)}
    outs = []
    for jobs in (1, 2):
        out = clean(tmp_path / f"j{jobs}", files, "-j", jobs)
        assert run("report", out).exit_code == 0
        outs.append(out / "_changes")
    for name in ("removed.jsonl", "report.html"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()
    assert run("report", outs[0].parent).exit_code == 0  # again: the same bytes
    assert (outs[0] / "report.html").read_bytes() == (outs[1] / "report.html").read_bytes()


def test_restore_ignores_the_report_files(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE})
    assert run("report", out).exit_code == 0
    restored = run("restore", out, "-o", tmp_path / "back")
    assert restored.exit_code == 0, restored.output
    assert (tmp_path / "back" / "a.txt").read_text() == ARTICLE
    assert sorted(path.name for path in (tmp_path / "back").rglob("*")) == ["a.txt"]


def test_json_lines_records_are_reviewed_record_by_record(tmp_path):
    records = [{"id": "x", "text": "Intro line here.\n" + ARTICLE}, {"id": "y", "text": "Nothing to see here."},
               {"id": "z", "text": ARTICLE.replace("Storm", "Fire")}]
    content = "".join(json.dumps(record) + "\n" for record in records)
    out = clean(tmp_path, {"part.jsonl": content})
    assert run("report", out).exit_code == 0
    rows = [row for row in removed(out) if row["code"] != "W004"]
    assert {row["record"] for row in rows} == {1, 3}
    for row in rows:
        original = records[row["record"] - 1]["text"].split("\n")
        assert row["file"] == "part.jsonl" and row["text"] == original[row["line"] - 1]
    names = [document.name for document in read_run(out)]
    assert names == ["part.jsonl:1", "part.jsonl:3"]


def test_a_document_view_strikes_the_dropped_lines_among_the_lines_around_them(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE})
    [document] = read_run(out)
    assert document.lines == tuple(ARTICLE.split("\n")[:-1])
    view = {row[1]: row for row in rows(document, context=1)}
    dropped = [line for line, row in view.items() if row[0] == "d"]
    assert dropped and all(document.changes[view[line][3][0]].action == "drop" for line in dropped)
    shown = [line for line, row in view.items() if row[0] != "g"]
    assert all(view[line][2] == ARTICLE.split("\n")[line - 1] for line in shown)
    assert view[1] == ["g", 1, 1, []] and shown == [2, 3, 4, 5, 6]


def test_unchanged_stretches_are_folded_away_from_the_changes():
    from cleaner.change import Change

    lines = tuple(f"line {number}" for number in range(1, 31))
    drop = Change("J001", "teaser", "drop", 15, 1, "line 15\n", "", "why", 0, 0)
    view = rows(Document("a.txt", (drop,), lines), context=2)
    assert view[0] == ["g", 1, 12, []] and view[-1] == ["g", 18, 13, []]
    assert [row[1] for row in view[1:-1]] == [13, 14, 15, 16, 17] and view[3][0] == "d"


def test_a_copy_edited_after_cleaning_is_shown_without_its_text(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE})
    (out / "a.txt").write_text("edited\n")
    [document] = read_run(out)
    assert document.lines is None
    assert [row[2] for row in rows(document) if row[0] == "d"] == ["Thanks for signing up!", "Follow us on Twitter"]
    assert run("report", out).exit_code == 0


def test_each_rule_keeps_a_bounded_sample_with_context(tmp_path):
    files = {f"d{number:03}.txt": "Some heading\nA sentence that is long enough to be a sentence , really.\n"
             f"Thanks for signing up!\nThe end of story {number}.\n" for number in range(SAMPLES + 5)}
    review = load_review(clean(tmp_path, files))
    rule = next(rule for rule in review.rules if rule.code == "B002")
    assert rule.actions["drop"] == SAMPLES + 5 and rule.documents == SAMPLES + 5
    samples = rule.samples
    assert len(samples) == SAMPLES and len({sample.name for sample in samples}) == SAMPLES
    assert {(s.above, s.text, s.below[:16]) for s in samples} == {
        ("A sentence that is long enough to be a sentence , really.", "Thanks for signing up!", "The end of story")}


def test_the_page_is_self_contained_and_its_data_cannot_end_its_script(tmp_path):
    hostile = ARTICLE.replace("Follow us on Twitter", "Follow us on Twitter </script><img src=x onerror=alert(1)>")
    out = clean(tmp_path, {"a.txt": hostile})
    assert run("report", out).exit_code == 0
    page = (out / "_changes" / "report.html").read_text()
    assert page.count("</script>") == 2 and "<img" not in page
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|<link\b|@import|url\(""", page)


def test_the_page_embeds_each_codes_documentation_as_the_rules_command_prints_it(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE})
    assert run("report", out).exit_code == 0
    page = (out / "_changes" / "report.html").read_text()
    data = json.loads(re.search(r'<script id="data" type="application/json">(.*?)</script>', page).group(1))
    assert sorted(data["docs"]) == [rule[0] for rule in data["rules"]] == sorted(rule_counts(out))
    assert data["docs"] == rule_docs(rule_counts(out))
    for code, text in data["docs"].items():
        assert text + "\n" == run("rules", code).output


def test_markdown_summary_counts_as_the_run_summary_does(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Storm", "Fire")})
    result = run("report", out, "--format", "markdown")
    assert result.exit_code == 0
    counted = rule_counts(out)
    table = {line.split(" | ")[0][2:]: line for line in result.output.splitlines() if re.match(r"\| [A-Z]\d{3} ", line)}
    assert sorted(table) == sorted(counted)
    for code, counts in counted.items():
        cells = [cell.strip() for cell in table[code].strip("|").split("|")]
        assert cells[2:5] == [str(counts.get(action, 0)) for action in ("fix", "drop", "report")]
    assert "~~Thanks for signing up\\!~~" in result.output or "~~Thanks for signing up!~~" in result.output
    assert not (out / "_changes" / "report.html").exists()


def test_report_needs_a_clean_output_folder(tmp_path):
    result = run("report", tmp_path)
    assert result.exit_code == 2 and "not a `cleaner clean` output folder" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_run_is_read_one_document_at_a_time(tmp_path):
    out = clean(tmp_path, {f"d{number}.txt": ARTICLE for number in range(3)})
    events = []

    def documents():
        for document in read_run(out):
            events.append(("read", document.name))
            yield document

    review = load_review(out, lambda document: events.append(("handed on", document.name)), documents())
    assert events == [(event, f"d{number}.txt") for number in range(3) for event in ("read", "handed on")]
    assert review.documents == 3 and {rule.code: rule.documents for rule in review.rules}["B002"] == 3


def test_a_reason_given_for_many_lines_is_written_once_in_the_page(tmp_path):
    files = {f"d{number:02}.txt": f"Story {number} begins here with a sentence of some length.\n"
             "Thanks for signing up!\nThe story ends here with another sentence.\n" for number in range(30)}
    out = clean(tmp_path, files)
    assert run("report", out).exit_code == 0
    page = (out / "_changes" / "report.html").read_text()
    assert page.count("line matches 'Thanks for signing up!'") == 1


def test_a_damaged_log_is_an_error_that_names_it(tmp_path):
    out = clean(tmp_path, {"a.txt": ARTICLE})
    log = out / "_changes" / "a.txt.json"
    data = json.loads(log.read_text())
    del data["changes"][0]["reason"]
    log.write_text(json.dumps(data))
    result = run("report", out)
    assert result.exit_code == 2 and str(log) in result.output and "'reason'" in result.output


def test_gzipped_json_lines_and_withheld_duplicates_keep_their_original_text(tmp_path):
    records = [{"id": n, "text": f"Report {n} opens with a sentence about the town council.\n"
                                 f"Thanks for signing up!\nItem {n} closes the report , briefly.\n"} for n in range(4)]
    content = "".join(json.dumps(record) + "\n" for record in records).encode()
    out = clean(tmp_path, {"a.jsonl": content, "b.jsonl.gz": gzip.compress(content)}, "--drop-duplicates")
    assert run("report", out).exit_code == 0
    assert (out / "_changes" / "b.jsonl.gz.json").read_text().count('"withheld"') == 4
    rows = removed(out)
    assert {(row["file"], row["record"]) for row in rows} >= {("b.jsonl.gz", n) for n in range(1, 5)}
    for row in rows:
        assert row["text"] == records[row["record"] - 1]["text"].split("\n")[row["line"] - 1]
    documents = [document for document in read_run(out) if document.path == "b.jsonl.gz"]
    assert [document.lines for document in documents] == [tuple(r["text"].split("\n")[:-1]) for r in records]
