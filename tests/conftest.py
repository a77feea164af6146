import gzip
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cleaner import Cleaner

# Property tests (tests/test_properties.py): `dev` is quick, `ci` (picked when
# the CI variable is set, as CI sets CI=true) runs 1000 examples per property.
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


def jsonl_sources(tmp_path: Path, content: bytes) -> Path:
    """A folder ``src`` holding ``content`` as ``a.jsonl`` and, gzipped, as ``b.jsonl.gz``."""
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(content)
    (folder / "b.jsonl.gz").write_bytes(gzip.compress(content))
    return folder
