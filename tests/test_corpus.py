"""The corpus pass: lines repeated across documents (D001) and duplicate documents (D002).

Corpora are generated: 30 articles of distinct text sharing a navigation line
and a footer, and three near-copies of one article.
"""

import gzip
import json
import random
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Config, load_rules
from cleaner.cli import main
from cleaner.corpus import first_pass
from cleaner.kinds.corpus import RepeatedLine
from cleaner.runner import clean_tree

NAV = "Home | World | Business | Sport | Culture"
FOOTER = "Copyright 2024 Example News. All rights reserved."
VOCABULARY = ("river council budget storm harbour school election market farmer bridge museum train festival "
              "doctor village winter factory library court island").split()


def article(number: int, words: int = 200) -> str:
    rng = random.Random(number)
    sentences = [" ".join(rng.choice(VOCABULARY) for _ in range(10)).capitalize() + "." for _ in range(words // 10)]
    return f"Report {number}: the {VOCABULARY[number % len(VOCABULARY)]} story\n" + " ".join(sentences) + "\n"


def near_copy(text: str, seed: int) -> str:
    """``text`` with two words changed: a near-duplicate (Jaccard similarity of 5-word shingles about 0.9)."""
    words = text.split(" ")
    rng = random.Random(seed)
    for at in rng.sample(range(5, len(words) - 1), 2):
        words[at] = "changed"
    return " ".join(words)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(30):
        (folder / f"{number:03d}.txt").write_text(f"{NAV}\n{article(number)}{FOOTER}\n", encoding="utf-8")
    original = (folder / "003.txt").read_text(encoding="utf-8")
    for copy in range(3):
        (folder / f"1{copy:02d}.txt").write_text(near_copy(original, copy), encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def summary(out):
    return json.loads((out / "_changes" / "summary.json").read_text(encoding="utf-8"))


def changes(out, name):
    return json.loads((out / "_changes" / f"{name}.json").read_text(encoding="utf-8"))["changes"]


def test_repeated_lines_are_dropped_with_their_counts(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("clean", corpus, "-o", out, "--corpus").exit_code == 0
    text = (out / "007.txt").read_text(encoding="utf-8")
    assert NAV not in text and FOOTER not in text
    assert text == article(7)
    reasons = {c["before"].strip(): c["reason"] for c in changes(out, "007.txt") if c["code"] == "D001"}
    assert reasons == {NAV: "this line appears in 33 of 33 documents", FOOTER: "this line appears in 33 of 33 documents"}


def test_lines_under_the_thresholds_stay(tmp_path):
    """min_documents is an absolute floor; a sentence needs sentence_share of the documents, a short line does not."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    sentence = "The paper is owned by a charitable trust in the city."
    for number in range(30):
        extra = f"Share this article\n{sentence}\n" if number < 4 else ""
        (folder / f"{number:03d}.txt").write_text(article(number) + extra, encoding="utf-8")
    cleaner = Cleaner(Config(extend_select=("D001",), options={"D001": {"min_documents": 4}}))
    clean_tree([folder], tmp_path / "out", cleaner)
    text = (tmp_path / "out" / "000.txt").read_text(encoding="utf-8")
    assert "Share this article" not in text
    assert sentence in text  # in 4 of 30 documents: 13 %, under sentence_share (20 %)
    for number in range(4, 30):
        assert (tmp_path / "out" / f"{number:03d}.txt").read_text(encoding="utf-8") == article(number)


def test_without_the_first_pass_the_corpus_rules_find_nothing():
    text = f"{NAV}\n{article(1)}{FOOTER}\n"
    assert Cleaner(select=("D",)).clean(text).changes == ()


def test_near_duplicates_are_reported_in_groups_under_the_first(corpus, tmp_path):
    out = tmp_path / "out"
    assert run("clean", corpus, "-o", out, "--corpus").exit_code == 0
    groups = summary(out)["corpus"]["duplicate_groups"]
    assert [group["kept"] for group in groups] == [str(corpus / "003.txt")]
    found = groups[0]["duplicates"]
    assert [entry["document"] for entry in found] == [str(corpus / f"1{n:02d}.txt") for n in range(3)]
    assert all(0.8 <= entry["similarity"] < 1 and not entry["exact"] for entry in found)
    reported = [c for c in changes(out, "100.txt") if c["code"] == "D002"]
    assert reported[0]["action"] == "report" and reported[0]["reason"].startswith(f"a near-duplicate of {corpus / '003.txt'}")
    assert (out / "100.txt").exists()
    assert summary(out)["corpus"]["documents"] == 33


def test_drop_duplicates_writes_no_copy_and_restore_rebuilds_it(corpus, tmp_path):
    out, back = tmp_path / "out", tmp_path / "back"
    assert run("clean", corpus, "-o", out, "--drop-duplicates").exit_code == 0
    assert sorted(path.name for path in out.glob("*.txt")) == [f"{n:03d}.txt" for n in range(30)]
    dropped = [c for c in changes(out, "101.txt") if c["code"] == "D002"]
    assert dropped[0]["action"] == "drop" and "near-duplicate of" in dropped[0]["reason"]
    assert summary(out)["corpus"]["duplicates_dropped"] is True
    assert run("restore", out, "-o", back).exit_code == 0
    for path in corpus.iterdir():
        assert (back / path.name).read_bytes() == path.read_bytes()


def test_jsonl_records_are_documents(corpus, tmp_path):
    """Per record, in plain and gzipped files; dropped records' lines are left out and restored."""
    records = [json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}) for path in sorted(corpus.iterdir())]
    source = tmp_path / "jsonl"
    source.mkdir()
    (source / "a.jsonl").write_text("\n".join(records[:20]) + "\n", encoding="utf-8")
    (source / "b.jsonl.gz").write_bytes(gzip.compress("\n".join(records[20:]).encode("utf-8")))
    out, back = tmp_path / "out", tmp_path / "back"
    assert run("clean", source, "-o", out, "--drop-duplicates").exit_code == 0
    kept = [json.loads(line) for line in (out / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    kept += [json.loads(line) for line in gzip.decompress((out / "b.jsonl.gz").read_bytes()).decode().splitlines()]
    assert [record["id"] for record in kept] == [f"{n:03d}" for n in range(30)]
    assert all(NAV not in record["text"] and FOOTER not in record["text"] for record in kept)
    groups = summary(out)["corpus"]["duplicate_groups"]
    assert groups == [{"kept": f"{source / 'a.jsonl'}:4", "duplicates": [
        {"document": f"{source / 'b.jsonl.gz'}:{n}", "similarity": entry["similarity"], "exact": False}
        for n, entry in zip((11, 12, 13), groups[0]["duplicates"])]}]
    assert run("restore", out, "-o", back).exit_code == 0
    assert (back / "a.jsonl").read_bytes() == (source / "a.jsonl").read_bytes()
    assert gzip.decompress((back / "b.jsonl.gz").read_bytes()) == gzip.decompress((source / "b.jsonl.gz").read_bytes())


def test_exact_duplicates_up_to_spacing(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Short notice.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Short   notice.\n\n", encoding="utf-8")
    (folder / "c.txt").write_text("Short notices.\n", encoding="utf-8")
    clean_tree([folder], tmp_path / "out", Cleaner(extend_select=("D002",)))
    groups = summary(tmp_path / "out")["corpus"]["duplicate_groups"]
    assert groups == [{"kept": str(folder / "a.txt"),
                       "duplicates": [{"document": str(folder / "b.txt"), "similarity": 1.0, "exact": True}]}]


def test_same_bytes_on_every_run_and_clean_again_changes_nothing(corpus, tmp_path):
    outputs = []
    for name in ("one", "two"):
        assert run("clean", corpus, "-o", tmp_path / name, "--drop-duplicates").exit_code == 0
        outputs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()})
    assert outputs[0] == outputs[1]
    again = tmp_path / "again"
    assert run("clean", tmp_path / "one", "-o", again, "--corpus").exit_code == 0
    for path in (tmp_path / "one").glob("*.txt"):
        assert (again / path.name).read_bytes() == path.read_bytes()


def test_first_pass_keeps_only_lines_over_the_floor(corpus):
    from cleaner.walk import iter_sources
    from cleaner.formats import ReadOptions

    kind = next(k for k in Cleaner(extend_select=("D001",)).kinds if isinstance(k, RepeatedLine))
    stats = first_pass(list(iter_sources([corpus])), ReadOptions(), [kind])
    assert stats.documents == 33
    assert sorted(stats.lines.values()) == [33, 33]  # the navigation line and the footer: no article text


@pytest.mark.parametrize("rule", [r for r in load_rules() if r.family == "D"], ids=lambda r: r.code)
def test_corpus_rule_examples_hold_inside_a_corpus(rule, tmp_path):
    """Each example's 'before' is one document of a corpus: 29 articles, plus the lines the
    example drops in each of them (D001), or an earlier copy of it (D002)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, example in enumerate(rule.examples):
        gone = [line for line in example.before.splitlines() if line not in example.after.splitlines()]
        for other in range(29):
            extra = "\n".join(gone) + "\n" if gone else ""
            (folder / f"{number}-{other:02d}.txt").write_text(extra + article(other), encoding="utf-8")
        (folder / f"{number}-a-first.txt").write_text(example.before, encoding="utf-8")
        (folder / f"{number}-b-example.txt").write_text(example.before, encoding="utf-8")
    clean_tree([folder], tmp_path / "out", Cleaner(select=(rule.code,)))
    for number, example in enumerate(rule.examples):
        assert (tmp_path / "out" / f"{number}-b-example.txt").read_text(encoding="utf-8") == example.after
        logged = changes(tmp_path / "out", f"{number}-b-example.txt")
        assert logged and all(c["code"] == rule.code for c in logged)


def test_help_imports_no_heavy_library():
    code = "import sys, cleaner.cli; print(sorted({'datasketch', 'ray'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
