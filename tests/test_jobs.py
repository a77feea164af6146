"""--jobs: the same bytes (cleaned files, logs, summary) whatever the number of workers."""

import gc
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from cleaner import processing
from cleaner.cli import main
from cleaner.formats import ReadOptions
from cleaner.processing import GC_THRESHOLDS

from .conftest import SEEDS

GENERALIZATION = Path(__file__).parent / "data" / "generalization"


def make_corpus(folder: Path) -> None:
    """Seeds, our own articles and lookalikes, a JSONL file, and one file that fails."""
    folder.mkdir()
    for source in [*SEEDS.glob("*.txt"), *GENERALIZATION.rglob("*.txt")]:
        shutil.copy(source, folder / f"{source.parent.name}-{source.name}")
    records = [{"id": n, "text": path.read_text(encoding="utf-8")} for n, path in enumerate(sorted(SEEDS.glob("*.txt")))]
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_output_is_identical_for_one_and_two_workers(tmp_path):
    make_corpus(tmp_path / "src")
    runs = {}
    for jobs in (1, 2):
        result = CliRunner().invoke(main, ["clean", str(tmp_path / "src"), "-o", str(tmp_path / f"out{jobs}"),
                                           "--jobs", str(jobs), "--quiet"])
        assert result.exit_code == 2, result.output  # broken.txt is an error; the others are cleaned
        runs[jobs] = tree(tmp_path / f"out{jobs}")
    assert runs[1] == runs[2]
    assert len(runs[1]) > 30 and "_changes/summary.json" in runs[1]
    summary = json.loads(runs[1]["_changes/summary.json"])
    assert [failure["path"].endswith("broken.txt") for failure in summary["failures"]] == [True]


def test_check_reports_in_file_order_with_workers(tmp_path):
    make_corpus(tmp_path / "src")
    outputs = [CliRunner().invoke(main, ["check", str(tmp_path / "src"), "--jobs", str(jobs)]).stdout
               for jobs in (1, 2)]
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 20


def test_files_are_cleaned_with_fewer_garbage_collections_and_the_thresholds_come_back(monkeypatch):
    before = gc.get_threshold()
    monkeypatch.setattr(processing, "process", lambda item, *rest: (item, gc.get_threshold()))
    seen = list(processing.outcomes(["a.txt", "b.txt"], project=None, options=ReadOptions(jobs=1)))
    assert seen == [("a.txt", GC_THRESHOLDS), ("b.txt", GC_THRESHOLDS)]
    assert GC_THRESHOLDS[0] > before[0]
    assert gc.get_threshold() == before
