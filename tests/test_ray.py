"""Ray Data: ``clean_dataset`` and ``cleaner clean --engine ray`` give what the local engine gives.

Runs on a local Ray instance (2 CPUs, no dashboard), started once for the module.
"""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner import Cleaner, Config
from cleaner.cli import main

from .test_corpus import FOOTER, NAV, article

ray = pytest.importorskip("ray")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def records():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    texts += [f"{NAV}\n{article(n)}{FOOTER}  \n\n\n" for n in range(12)]
    return [{"id": f"doc-{n:02d}", "source": "test", "text": text} for n, text in enumerate(texts)]


def test_clean_dataset_matches_clean_records():
    from cleaner.ray import clean_dataset

    config = Config(preset="article-body")
    rows = clean_dataset(ray.data.from_items(records()), config).take_all()
    expected = list(Cleaner(config).clean_records(records()))
    got = sorted(rows, key=lambda row: row["id"])
    assert [row["text"] for row in got] == [record["text"] for record in expected]
    assert [json.loads(row["changes"]) for row in got] == [record["changes"] for record in expected]
    assert {row["source"] for row in got} == {"test"}
    assert any(record["changes"] for record in expected)


def test_read_json_clean_write_json(tmp_path):
    from cleaner.ray import clean_dataset

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records()), encoding="utf-8")
    clean_dataset(ray.data.read_json(str(source), lines=True), changes_key=None).write_json(str(tmp_path / "out"))
    written = [json.loads(line) for path in sorted((tmp_path / "out").iterdir())
               for line in path.read_text(encoding="utf-8").splitlines()]
    expected = {record["id"]: record["text"] for record in Cleaner().clean_records(records())}
    assert {row["id"]: row["text"] for row in written} == expected
    assert all(set(row) == {"id", "source", "text"} for row in written)


def test_engine_ray_writes_what_the_local_engine_writes(tmp_path):
    """Text files, JSONL, a binary file that fails, and the corpus pass: the same bytes, logs and summary."""
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source / "seeds")
    (source / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records()) + "not json\n",
                                          encoding="utf-8")
    for n in range(12):
        (source / f"page-{n:02d}.txt").write_text(f"{NAV}\n{article(n)}{FOOTER}\n", encoding="utf-8")
    (source / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    results = {}
    for engine in ("local", "ray"):
        out = tmp_path / engine
        result = CliRunner().invoke(main, ["clean", str(source), "-o", str(out), "--corpus", "--engine", engine, "-q"])
        assert result.exit_code == 2, result.output  # the binary file and the bad JSONL line
        results[engine] = {path.relative_to(out): path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert results["ray"] == results["local"]
    summary = json.loads(results["ray"][Path("_changes/summary.json")])
    assert summary["files_failed"] == 1 and summary["records_failed"] == 1
    assert "D001 repeated-line" in summary["rules"]


def test_address_needs_engine_ray(tmp_path):
    result = CliRunner().invoke(main, ["clean", str(SEEDS), "-o", str(tmp_path / "out"), "--address", "auto"])
    assert result.exit_code == 2 and "--address needs --engine ray" in result.output
