"""bench/speed.py reports the user part of each command's CPU time, which a busy host disturbs least."""

import sys

from bench.speed import run


def test_a_timing_holds_its_user_cpu_time():
    busy = "n = 0\nfor i in range(3_000_000):\n    n += i\n"
    timing = run([sys.executable, "-c", busy])
    assert 0 < timing.user <= timing.cpu
    assert timing.user > timing.cpu / 2  # a loop that only computes spends its time in user mode
