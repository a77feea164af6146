"""Input formats: JSON Lines (plain and gzipped), HTML through trafilatura, stdin."""

import gzip
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cleaner.cli import main

from .conftest import jsonl_sources

LINES = [
    '{"id": "a", "text": "Storm  hits coast", "url": "https://example.com/1", "n": 1}',
    '{"id":"b","text":"Caf\\u00e9 opens  today\\n\\n\\n","meta":{"k":[1,2]}}',
    "not json",
    '{"id": "c", "text": "Clean line.\\n"}',
    '{"id": "d", "text": 5}',
    "",
    '{"text": "Résumé  here\\n", "id": null}',
    '{"body": "no text field"}',
]
JSONL = ("\n".join(LINES) + "\n").encode("utf-8")
PARAGRAPHS = [
    "The harbour authority said on Tuesday that the northern pier would stay closed until the storm damage "
    "to its wooden deck had been surveyed by engineers from the regional office.",
    "Fishing boats that usually moor at the pier have been moved to the southern basin, where space is short "
    "and several skippers said they had to raft up three deep to find a berth for the night.",
    "Repairs are expected to take most of the winter, and the authority has asked the county for emergency "
    "funds to pay for new timber and for divers to inspect the piles below the waterline.",
]
PAGE = f"""<!DOCTYPE html><html><head><title>Pier closed after storm | Coast News</title>
<link rel="canonical" href="https://news.example.com/2024/pier-closed">
<meta property="article:published_time" content="2024-01-16"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Pier closed after storm</h1>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article>
<footer><p>Copyright 2024 Coast News. All rights reserved.</p></footer></body></html>""".encode("utf-8")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def src(tmp_path):
    return jsonl_sources(tmp_path, JSONL)


def records(data: bytes):
    return [json.loads(line) if line.startswith(b"{") else line.decode() for line in data.split(b"\n")[:-1]]


@pytest.mark.parametrize("name", ["a.jsonl", "b.jsonl.gz"])
def test_jsonl_records_are_cleaned_in_order_with_other_fields_untouched(src, tmp_path, name):
    result = run("clean", src, "-o", tmp_path / "out")
    assert result.exit_code == 2  # three bad lines
    data = (tmp_path / "out" / name).read_bytes()
    data = gzip.decompress(data) if name.endswith(".gz") else data
    out, before = records(data), records(JSONL)
    assert len(out) == len(before)
    assert out[0] == {"id": "a", "text": "Storm hits coast", "url": "https://example.com/1", "n": 1}
    assert list(out[1]) == ["id", "text", "meta"] and out[1]["text"] == "Café opens today"
    assert out[1]["meta"] == {"k": [1, 2]}
    assert out[6] == {"text": "Résumé here", "id": None}
    lines, original = data.split(b"\n"), JSONL.split(b"\n")
    for number in (3, 5, 6, 8):  # bad lines copied through; an unchanged record keeps its bytes
        assert lines[number - 1] == original[number - 1]
    assert lines[1] == b'{"id":"b","text":"Caf\\u00e9 opens today","meta":{"k":[1,2]}}'  # its own JSON style


def test_jsonl_bad_lines_are_named_with_file_and_line(src, tmp_path):
    result = run("clean", src / "a.jsonl", "-o", tmp_path / "out")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {src / 'a.jsonl'}:3: not valid JSON: Expecting value (column 1)",
        f"error: {src / 'a.jsonl'}:5: 'text' is a number, not a string",
        f"error: {src / 'a.jsonl'}:8: no 'text' field",
    ]
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_text())
    assert summary["records_failed"] == 3 and summary["files_failed"] == 0 and summary["files_changed"] == 1


def test_jsonl_log_is_keyed_by_id_or_line_and_restores(src, tmp_path):
    out = tmp_path / "out"
    run("clean", src, "-o", out)
    log = json.loads((out / "_changes" / "a.jsonl.json").read_text())
    assert log["format"] == "jsonl" and log["text_field"] == "text"
    assert [(r["line"], r["id"]) for r in log["records"]] == [(1, "a"), (2, "b"), (4, "c"), (7, None)]
    assert {c["code"] for c in log["records"][1]["changes"]} >= {"W002", "W003"}
    restored = run("restore", out, "-o", tmp_path / "back")
    assert restored.exit_code == 0, restored.output
    assert (tmp_path / "back" / "a.jsonl").read_bytes() == JSONL
    assert gzip.decompress((tmp_path / "back" / "b.jsonl.gz").read_bytes()) == JSONL


def test_jsonl_id_and_text_fields_can_be_renamed(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"doc": 9, "body": "a  b\\n", "text": 1}\n')
    result = run("clean", "--text-field", "body", "--id-field", "doc", tmp_path / "x.jsonl", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "x.jsonl").read_text()) == {"doc": 9, "body": "a b", "text": 1}
    log = json.loads((tmp_path / "out" / "_changes" / "x.jsonl.json").read_text())
    assert log["records"][0]["id"] == 9


def test_jsonl_fix_rewrites_in_place_and_check_points_at_record_lines(src):
    check = run("check", src / "a.jsonl")
    assert check.exit_code == 2
    found = check.stdout.splitlines()
    assert found[0].startswith(f"{src / 'a.jsonl'}:1:1: W002 [*] space-runs: ")
    assert "(record a, text line 1 col 6)" in found[0]
    assert {line.split(":")[1] for line in found} == {"1", "2", "4", "7"}  # 4: a record text ends in no newline
    assert run("fix", src / "b.jsonl.gz").exit_code == 2
    fixed = gzip.decompress((src / "b.jsonl.gz").read_bytes())
    assert records(fixed)[0]["text"] == "Storm hits coast" and fixed.split(b"\n")[2] == b"not json"
    (src / "good.jsonl").write_bytes(b'{"text": "a  b"}\n')
    assert run("fix", src / "good.jsonl").exit_code == 1
    assert run("fix", src / "good.jsonl").exit_code == 0
    assert (src / "good.jsonl").read_bytes() == b'{"text": "a b"}\n'


def test_stdin_to_stdout_with_a_log(tmp_path):
    result = run("clean", "-", "--log", tmp_path / "log.json", input=b"Storm  hits coast\n\n\n")
    assert result.exit_code == 0
    assert result.stdout_bytes == b"Storm hits coast\n"
    log = json.loads((tmp_path / "log.json").read_text())
    assert log["source"] == "-" and [c["code"] for c in log["changes"]] == ["W002", "W003", "W004"]
    assert run("check", "-", input=b"Clean.\n").exit_code == 0
    check = run("check", "-", input=b"a  b\n")
    assert check.exit_code == 1 and check.stdout.startswith("-:1:2: W002 [*] space-runs")


def test_stdin_in_jsonl_by_its_file_name():
    result = run("clean", "-", "--stdin-filename", "x.jsonl", input=JSONL)
    assert result.exit_code == 2 and "error: x.jsonl:3: not valid JSON" in result.stderr
    assert records(result.stdout_bytes)[0]["text"] == "Storm hits coast"


def test_html_page_is_extracted_cleaned_and_logged(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "page.html").write_bytes(PAGE)
    (tmp_path / "src" / "gz.htm.gz").write_bytes(gzip.compress(PAGE))
    out = tmp_path / "out"
    result = run("clean", tmp_path / "src", "-o", out)
    assert result.exit_code == 0, result.output
    text = (out / "page.txt").read_text()
    assert text == "\n".join(["Pier closed after storm", *PARAGRAPHS]) + "\n"
    assert "Sport" not in text and "Copyright" not in text
    assert (out / "gz.txt").read_text() == text and not (out / "page.html").exists()
    log = json.loads((out / "_changes" / "page.txt.json").read_text())
    assert log["format"] == "html" and log["source"] == str(tmp_path / "src" / "page.html")
    assert log["sha256_source"] == __import__("hashlib").sha256(PAGE).hexdigest()
    assert log["title"] == "Pier closed after storm" and log["date"] == "2024-01-16"
    assert log["url"] == "https://news.example.com/2024/pier-closed"
    assert log["extractor"]["name"] == "trafilatura" and log["extractor"]["second_opinion"]["favor_precision"] is True
    assert (tmp_path / "src" / "page.html").read_bytes() == PAGE
    restored = run("restore", out, "-o", tmp_path / "back")
    assert restored.exit_code == 0
    assert "note:" in restored.stderr and "cannot rebuild" in restored.stderr
    assert not (tmp_path / "back" / "page.html").exists()


def test_html_second_extraction_only_when_a_rule_uses_it(tmp_path):
    (tmp_path / "page.html").write_bytes(PAGE)
    seconds = {}
    for ignored in ("H001", "H001,J020"):  # J020 weighs the second extraction too
        out = tmp_path / ignored.replace(",", "-")
        result = run("clean", tmp_path / "page.html", "-o", out, "--ignore", ignored)
        assert result.exit_code == 0, result.output
        seconds[ignored] = json.loads((out / "_changes" / "page.txt.json").read_text())["extractor"]["second_opinion"]
    assert seconds["H001"]["favor_precision"] is True and seconds["H001,J020"] is None


def test_html_is_left_alone_by_check_and_fix(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.replace(b"<p>", b"<p>  "))
    assert run("check", page).exit_code == 0
    result = run("fix", page)
    assert result.exit_code == 0 and "skipped" in result.stderr and page.read_bytes().startswith(b"<!DOCTYPE")


def test_an_empty_page_is_an_error(tmp_path):
    (tmp_path / "empty.html").write_bytes(b"<html><head><title>Nothing</title></head><body></body></html>")
    result = run("clean", tmp_path / "empty.html", "-o", tmp_path / "out")
    assert result.exit_code == 2 and f"error: {tmp_path / 'empty.html'}: trafilatura found no" in result.stderr


def test_text_runs_never_import_trafilatura_or_lxml(tmp_path):
    (tmp_path / "a.txt").write_text("a  b\n")
    code = ("import sys; from cleaner.cli import main\n"
            f"try:\n    main(['check', {str(tmp_path / 'a.txt')!r}, {str(tmp_path)!r}])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('trafilatura', 'lxml')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
