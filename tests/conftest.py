import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cleaner import Cleaner, Result, load_rules

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


#: J020's model file, as shipped.
JUDGE_MODEL = Path(load_rules()[0].source).parent / "judge" / "model.json"
#: A second line-judge rule, X901, reading the model file ``{model}`` beside it in the regime ``{regime}``.
JUDGE_RULE = '''
family = "X"

[[rule]]
code = "X901"
name = "judge-everything"
kind = "line-judge"
action = "drop"
summary = "Drop every line but the first."
why = "A second judge with another model, to test what the judge does with its scores."
[rule.params]
model = "{model}"
regime = "{regime}"
[[rule.examples]]
before = "Title\\nAny line\\n"
after = "Title\\n"
'''


def judge_everything(folder: Path, regime: str) -> Cleaner:
    """A cleaner that runs only X901, a line judge whose model scores every line as junk (J020's features, no
    trees, a high base, thresholds below it), judging every text in ``regime``."""
    shipped = json.loads(JUDGE_MODEL.read_text(encoding="utf-8"))
    model = {**shipped, "thresholds": {"default": {name: {"drop": 5.0, "report": 5.0} for name in ("text", "page")}},
             "regimes": {name: {"features": part["features"], "base": 10.0, "trees": []}  # J020's signatures
                         for name, part in shipped["regimes"].items()}}
    (folder / "everything.json").write_text(json.dumps(model), encoding="utf-8")
    (folder / "judges.toml").write_text(JUDGE_RULE.format(model="everything.json", regime=regime), encoding="utf-8")
    return Cleaner(select=("J020", "X901"), rules_dirs=(folder,))
