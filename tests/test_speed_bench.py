"""bench/speed.py reports the user part of each command's CPU time, which a busy host disturbs least."""

import sys

from bench.speed import build_corpus, dev_texts, repeats, run


def test_a_timing_holds_its_user_cpu_time():
    busy = "n = 0\nfor i in range(3_000_000):\n    n += i\n"
    timing = run([sys.executable, "-c", busy])
    assert 0 < timing.user <= timing.cpu
    assert timing.user > timing.cpu / 2  # a loop that only computes spends its time in user mode


def test_repeats_counts_the_files_whose_bytes_came_before(tmp_path):
    for name, text in [("a.txt", "Storm hits coast\n"), ("b.txt", "Road closed\n"), ("c.txt", "Storm hits coast\n")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert repeats(sorted(tmp_path.iterdir())) == 1


def test_a_distinct_corpus_holds_each_dev_text_once(tmp_path):
    build_corpus(tmp_path, megabytes=20, files=4000, distinct=True)
    files = sorted((tmp_path / "txt").iterdir())
    assert repeats(files) == 0
    texts = set(dev_texts())
    assert len(files) == len(texts)  # one text a file at this size, every distinct text in
    assert {path.read_text(encoding="utf-8").removesuffix("\n") for path in files} == texts


def test_a_replicated_corpus_repeats_its_texts(tmp_path):
    build_corpus(tmp_path, megabytes=5, files=1000)  # more than the dev texts hold (about 3.8 MB)
    files = sorted((tmp_path / "txt").iterdir())
    assert repeats(files) == len(files) - len({path.read_text(encoding="utf-8") for path in files}) > 0
