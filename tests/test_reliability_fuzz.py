"""Reliability, fuzzing: random bytes and random rule options through decode + clean, and the whole CLI
on a folder of random files (no traceback, exit 0/1/2, every file cleaned or listed, restore round trip)."""

import json
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.config import Config, preset_names
from cleaner.decoding import decode_bytes as decode
from cleaner.files import InputError, encode
from cleaner.log import undo
from cleaner.rules import load_rules

CODES = sorted(rule.code for rule in load_rules())
CLEANER = str(Path(sys.executable).parent / "cleaner")
CLEANERS: dict = {}


def cleaner_for(select, ignore, preset, blank_max) -> Cleaner:
    key = (tuple(select), tuple(ignore), preset, blank_max)
    if key not in CLEANERS:
        CLEANERS[key] = Cleaner(Config(select=tuple(select) or None, ignore=tuple(ignore), preset=preset,
                                       options={"W003": {"max": blank_max}}))
    return CLEANERS[key]


@given(data=st.binary(max_size=2000) | st.text(max_size=500).map(lambda t: t.encode("utf-8")),
       select=st.lists(st.sampled_from(CODES), max_size=6, unique=True),
       ignore=st.lists(st.sampled_from(CODES), max_size=6, unique=True),
       preset=st.sampled_from([None, *preset_names()]), blank_max=st.integers(0, 4))
def test_random_bytes_and_rule_options_decode_and_clean(data, select, ignore, preset, blank_max):
    """Either a clear refusal (InputError with a cause) or a clean that can be undone exactly."""
    try:
        decoded = decode(data)
    except InputError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert encode(decoded.text, decoded.encoding, decoded.bom) == data  # invalid UTF-8 bytes kept too
    result = cleaner_for(select, ignore, preset, blank_max).clean(decoded.text)
    assert undo(result.text, result.changes) == decoded.text


def random_file(rng: random.Random, folder: Path, number: int) -> None:
    kind = rng.choice(["bytes", "text", "jsonl"])
    if kind == "bytes":
        (folder / f"f{number}.txt").write_bytes(rng.randbytes(rng.randrange(0, 400)))
        return
    words = ["Storm", "hits", " ", "  ", "\n", "\n\n\n", "the", "café", "Read more", "\t", "\u00a0", "…", "“", "\x00"]
    text = "".join(rng.choice(words) for _ in range(rng.randrange(0, 80)))
    if kind == "text":
        (folder / f"f{number}.txt").write_bytes(text.encode(rng.choice(["utf-8", "utf-16", "cp1252", "latin-1"]),
                                                            "replace"))
        return
    lines = [json.dumps({"id": i, "text": text[i:]}) if rng.random() < 0.8 else text[:20] for i in range(5)]
    (folder / f"f{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_on_a_folder_of_random_files(tmp_path):
    rng = random.Random(6)
    src, out, back = tmp_path / "src", tmp_path / "out", tmp_path / "back"
    src.mkdir()
    for number in range(60):
        random_file(rng, src, number)
    originals = {path.name: path.read_bytes() for path in src.iterdir()}
    result = subprocess.run([CLEANER, "clean", src, "-o", out], capture_output=True, text=True)
    assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr
    summary = json.loads((out / "_changes" / "summary.json").read_bytes())
    failed = {Path(failure["path"]).name for failure in summary["failures"]}
    cleaned = {path.name for path in out.iterdir() if path.is_file()}
    assert cleaned | {name.split(":")[0] for name in failed} >= set(originals)
    assert summary["files_seen"] == len(originals) and (result.returncode == 2) == bool(failed)
    restored = subprocess.run([CLEANER, "restore", out, "-o", back], capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr
    assert {name: (back / name).read_bytes() for name in cleaned} == {name: originals[name] for name in cleaned}
    for command in (["check"], ["fix"]):
        assert subprocess.run([CLEANER, *command, src], capture_output=True).returncode in (0, 1, 2)
