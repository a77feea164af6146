import gzip
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cleaner import Cleaner, Result

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


def line_goes(cleaner: Cleaner, before: str, line: str, after: str, code: str) -> Result:
    """``line`` between ``before`` and ``after`` goes, and only rule ``code`` changes anything."""
    result = cleaner.clean(before + line + "\n" + after)
    assert result.text == before + after
    assert [change.code for change in result.changes] == [code]
    return result


def line_stays(cleaner: Cleaner, before: str, line: str, after: str) -> Result:
    """``line`` between ``before`` and ``after`` stays: the text comes back unchanged."""
    text = before + line + "\n" + after
    result = cleaner.clean(text)
    assert result.text == text
    return result
