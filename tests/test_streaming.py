"""Huge inputs: JSON Lines are streamed record by record (memory flat in the number of records),
--max-bytes applies to a record, a document or stdin, and streamed output stays atomic and restorable."""

import gzip
import json
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Cleaner
from cleaner.formats import jsonl
from cleaner.cli import main
from cleaner.runner import clean_tree

from .conftest import jsonl_sources

CLEANER = str(Path(sys.executable).parent / "cleaner")


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def errors(result):
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def write_records(path: Path, count: int, text: str = "Storm  hits coast {n}") -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": n, "text": text.format(n=n)}) + "\n")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def peak_traced_memory(tmp_path: Path, count: int, cleaner: Cleaner) -> int:
    """The peak of Python allocations while `clean` runs (in this process) over ``count`` records."""
    source = tmp_path / f"src{count}"
    source.mkdir()
    write_records(source / "records.jsonl", count)
    tracemalloc.start()
    try:
        summary = clean_tree([source], tmp_path / f"out{count}", cleaner)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert summary.files_changed == 1 and summary.rules["W002 space-runs"]["fix"] == count
    return peak


def test_jsonl_million_records_streams_flat_memory(tmp_path):
    """The property bench/memory.py measures on 1M records, on 1,000 and 10,000: the peak does not grow
    with the number of records (the file, its output, its log and its results are never held)."""
    cleaner = Cleaner(select=("W002",))
    peak_traced_memory(tmp_path, 100, cleaner)  # warm-up: what every run compiles and caches once
    small, large = (peak_traced_memory(tmp_path, count, cleaner) for count in (1_000, 10_000))
    print(f"\npeak traced memory: {small / 1024:.0f} KB for 1,000 records, {large / 1024:.0f} KB for 10,000")
    assert large < 1.5 * small + 64 * 1024
    assert large < 2**20



def peak_for_files(tmp_path: Path, count: int, cleaner: Cleaner) -> int:
    source, out = tmp_path / f"files-{count}", tmp_path / f"out-{count}"
    for number in range(count):  # folders of 100 files: one folder's listing is held at a time
        folder = source / f"{number // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{number:06d}.txt").write_text("Storm  hits coast\n")
    tracemalloc.start()
    clean_tree([source], out, cleaner)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_a_folder_of_many_files_is_not_held_in_memory(tmp_path):
    """Files are listed folder by folder as they are cleaned, not all first: what the run keeps per file is
    the name it wrote (about 100 bytes; a listing of all the files took about 1 KB a file)."""
    cleaner = Cleaner(select=("W002",))
    peak_for_files(tmp_path, 2_001, cleaner)  # warm-up: also grows the table of interned names pathlib uses once
    small, large = (peak_for_files(tmp_path, count, cleaner) for count in (500, 2_000))
    print(f"\npeak traced memory: {small / 1024:.0f} KB for 500 files, {large / 1024:.0f} KB for 2,000")
    assert (large - small) / 1_500 < 300


LINES = [
    b'{"id": 1, "text": "Storm  hits coast"}',           # changed: only its text value is replaced
    b'{"id":2,"text":"Caf\\u00e9  opens"}',               # compact, ASCII escapes
    b'{"text" : "odd  spacing", "id": 3}',                # odd spacing, kept
    b'{"id": 4, "text": "Clean line."}',                  # unchanged: its bytes are kept
    b"not json",                                          # a problem, copied through
    b"",
    b'{"id": 6, "text": "' + b"x" * 200 + b'"}',          # over --max-bytes 150: copied through
    b'{"id": 7, "text": "last  one"}',                    # the last line has no line ending
]
SOURCE = b"\r\n".join(LINES[:2]) + b"\r\n" + b"\n".join(LINES[2:])


@pytest.fixture
def src(tmp_path):
    return jsonl_sources(tmp_path, SOURCE)


def test_record_over_max_bytes_is_named_and_copied_through(src, tmp_path):
    result = run("clean", src / "a.jsonl", "-o", tmp_path / "out", "--max-bytes", "150")
    assert result.exit_code == 2
    assert errors(result) == [f"error: {src / 'a.jsonl'}:5: not valid JSON: Expecting value (column 1)",
                              f"error: {src / 'a.jsonl'}:7: record is 221 bytes, above --max-bytes 150 bytes"]
    lines = (tmp_path / "out" / "a.jsonl").read_bytes().split(b"\n")
    assert lines[6] == LINES[6] and lines[0] == b'{"id": 1, "text": "Storm hits coast"}\r'
    assert lines[-1] == b'{"id": 7, "text": "last one"}'
    summary = json.loads((tmp_path / "out" / "_changes" / "summary.json").read_bytes())
    assert summary["records_failed"] == 2 and summary["files_failed"] == 0


def test_a_file_larger_than_max_bytes_is_fine_for_json_lines(tmp_path):
    """--max-bytes is per record: a JSONL file of many small records is cleaned whatever its size."""
    write_records(tmp_path / "many.jsonl", 2000)
    result = run("clean", tmp_path / "many.jsonl", "-o", tmp_path / "out", "--max-bytes", "1K")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "many.jsonl").read_bytes().count(b"hits coast") == 2000


def test_html_gz_bomb_is_refused(tmp_path):
    page = b"<html><body><article><p>" + b"word " * (2 * 2**20) + b"</p></article></body></html>"
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page))
    result = run("clean", tmp_path / "page.html.gz", "-o", tmp_path / "out", "--max-bytes", "1M")
    assert result.exit_code == 2
    assert errors(result) == [f"error: {tmp_path / 'page.html.gz'}: decompresses to more than --max-bytes 1.0 MB"]
    assert not (tmp_path / "out" / "page.txt").exists()


def test_stdin_larger_than_max_bytes_is_refused():
    result = run("clean", "-", "--max-bytes", "100", input=b"a  b\n" * 50)
    assert result.exit_code == 2 and result.stdout_bytes == b""
    assert errors(result) == ["error: -: stdin is larger than --max-bytes 100 bytes"]
    assert run("check", "-", "--max-bytes", "250", input=b"a  b\n" * 50).exit_code == 1


def test_stdin_json_lines_stream_with_the_limit_per_record(tmp_path):
    result = run("clean", "-", "--stdin-filename", "x.jsonl.gz", "--max-bytes", "150", "--log", tmp_path / "log.json",
                 input=gzip.compress(SOURCE))
    assert result.exit_code == 2 and "error: x.jsonl.gz:7: record is 221 bytes" in result.stderr
    lines = gzip.decompress(result.stdout_bytes).split(b"\n")
    assert lines[0] == b'{"id": 1, "text": "Storm hits coast"}\r' and lines[6] == LINES[6]
    log = json.loads((tmp_path / "log.json").read_bytes())
    assert log["compressed"] is True and [r["line"] for r in log["records"]] == [1, 2, 3, 8]


def clean_and_restore(src, tmp_path, *extra):
    out, back = tmp_path / "out", tmp_path / "back"
    result = run("clean", src, "-o", out, *extra)
    assert result.exit_code == 2  # line 5 is not JSON
    restored = run("restore", out, "-o", back)
    return out, back, restored


def test_streamed_jsonl_restores_byte_for_byte(src, tmp_path):
    out, back, restored = clean_and_restore(src, tmp_path, "--max-bytes", "150")
    assert restored.exit_code == 0, restored.output
    assert (back / "a.jsonl").read_bytes() == SOURCE
    assert gzip.decompress((back / "b.jsonl.gz").read_bytes()) == SOURCE
    log = json.loads((out / "_changes" / "a.jsonl.json").read_bytes())
    records = {record["line"]: record for record in log["records"]}
    assert sorted(records) == [1, 2, 3, 8]
    assert records[2]["ascii"] is True and records[1]["ascii"] is False
    assert not any("literal" in record or "original" in record for record in records.values())
    assert (out / "a.jsonl").read_bytes().split(b"\n")[1:3] == [b'{"id":2,"text":"Caf\\u00e9 opens"}\r',
                                                              b'{"text" : "odd spacing", "id": 3}']
    assert log["changed"] is True and len(log["sha256_before"]) == len(log["sha256_after"]) == 64


def test_log_in_any_json_layout_restores(src, tmp_path):
    """The log is one JSON object: rewritten by another tool (indented, reordered), it still restores."""
    out, back, _ = clean_and_restore(src, tmp_path)
    path = out / "_changes" / "a.jsonl.json"
    log = json.loads(path.read_bytes())
    path.write_text(json.dumps(dict(reversed(log.items())), indent=4), encoding="utf-8")
    assert run("restore", out / "a.jsonl", "--log", path, "-o", tmp_path / "again").exit_code == 0
    assert (tmp_path / "again").read_bytes() == SOURCE


def test_a_record_longer_than_a_read_chunk_restores(tmp_path, monkeypatch):
    """Restore reads lines in chunks; a changed record longer than a chunk is put together to be undone."""
    monkeypatch.setattr(jsonl, "CHUNK", 64)
    data = b'{"id": 1, "text": "' + b"long  " * 40 + b'"}\n{"id": 2, "text": "short  one"}\n'
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "r.jsonl").write_bytes(data)
    assert run("clean", tmp_path / "src", "-o", tmp_path / "out", "--jobs", "1").exit_code == 0
    assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
    assert (tmp_path / "back" / "r.jsonl").read_bytes() == data


@pytest.mark.parametrize("name", ["a.jsonl", "b.jsonl.gz"])
def test_tampered_streamed_output_is_detected(src, tmp_path, name):
    out, back, _ = clean_and_restore(src, tmp_path)
    cleaned = out / name
    data = gzip.decompress(cleaned.read_bytes()) if name.endswith(".gz") else cleaned.read_bytes()
    data = data.replace(b"Clean line.", b"Clean line!")
    cleaned.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    restored = run("restore", out, "-o", tmp_path / "again")
    assert restored.exit_code == 2
    assert errors(restored) == [f"error: {cleaned}: the cleaned file does not match its log (sha256 differs): "
                                "it was edited after cleaning"]
    assert not (tmp_path / "again" / name).exists()


def test_tampered_log_is_detected(src, tmp_path):
    out, _, _ = clean_and_restore(src, tmp_path)
    path = out / "_changes" / "a.jsonl.json"
    log = path.read_text(encoding="utf-8")
    assert '"before":"  "' in log
    path.write_text(log.replace('"before":"  "', '"before":"   "', 1), encoding="utf-8")
    restored = run("restore", out / "a.jsonl", "--log", path, "-o", tmp_path / "again")
    assert restored.exit_code == 2 and "restoring did not reproduce the original records (sha256 differs)" in restored.stderr
    assert not (tmp_path / "again").exists()


def test_identical_output_for_one_and_two_jobs(src, tmp_path):
    write_records(src / "many.jsonl", 300, "Record  {n} \n\n\nRead more")
    (src / "note.txt").write_bytes(b"A  note.\n")
    trees = []
    for jobs in (1, 2):
        result = run("clean", src, "-o", tmp_path / f"out{jobs}", "--jobs", jobs, "--max-bytes", "150", "-q")
        assert result.exit_code == 2
        trees.append(files(tmp_path / f"out{jobs}"))
    assert trees[0] == trees[1]
    assert sorted(trees[0]) == ["_changes/a.jsonl.json", "_changes/b.jsonl.gz.json", "_changes/many.jsonl.json",
                                "_changes/note.txt.json", "_changes/summary.json", "a.jsonl", "b.jsonl.gz",
                                "many.jsonl", "note.txt"]


def interrupt_third_record(monkeypatch):
    """Make the third record parsed raise KeyboardInterrupt, as Ctrl-C would, in the middle of a file."""
    parse = jsonl.parse_record
    calls = iter(range(10**9))

    def parse_or_stop(body, field):
        if next(calls) == 2:
            raise KeyboardInterrupt
        return parse(body, field)

    monkeypatch.setattr(jsonl, "parse_record", parse_or_stop)


def test_interrupted_clean_leaves_no_partial_output(src, tmp_path, monkeypatch):
    interrupt_third_record(monkeypatch)
    out = tmp_path / "out"
    result = run("clean", src / "a.jsonl", "-o", out, "--jobs", "1")
    assert result.exit_code == 130 and "interrupted after 0 of 1 files" in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["_changes", "_changes/summary.json"]
    assert json.loads((out / "_changes" / "summary.json").read_bytes())["interrupted"] is True


def test_interrupted_fix_leaves_the_file_as_it_was(src, monkeypatch):
    interrupt_third_record(monkeypatch)
    result = run("fix", src / "a.jsonl", "--jobs", "1")
    assert result.exit_code == 130
    assert (src / "a.jsonl").read_bytes() == SOURCE and sorted(p.name for p in src.iterdir()) == ["a.jsonl", "b.jsonl.gz"]


def test_sigterm_stops_workers_that_fix_json_lines_without_leaving_temporary_files(tmp_path):
    """Two big JSONL files fixed by two workers; SIGTERM once they write: each file is whole, old or new."""
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("a.jsonl", "b.jsonl"):
        write_records(folder / name, 20_000, "Storm  hits coast {n} \n\n\nRead more")
    original = (folder / "a.jsonl").read_bytes()
    process = subprocess.Popen([CLEANER, "fix", str(folder), "--jobs", "2", "-q"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(folder.glob(".*.tmp")):
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143 and b"Traceback" not in stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl", "b.jsonl"]  # no temporary file is left
    for path in folder.iterdir():
        data = path.read_bytes()
        assert data == original or (data.count(b"\n") == 20_000 and b"Storm  hits" not in data)
