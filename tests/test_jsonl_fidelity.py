"""JSON Lines fidelity: a changed record gets a new text value and nothing else.

Every byte of a line outside its text field's string value stays as it was
(numbers that no float can hold, their spellings, duplicate keys, whitespace,
nested objects, escaped keys), in ``clean`` and ``fix`` output alike, and
``restore`` gives the original bytes back. A UTF-8 BOM at the start of a
file belongs to its first line.
"""

import gzip
import io
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.formats import jsonl
from cleaner.cli import main
from cleaner.formats import Notes, ReadOptions, Sink
from cleaner.formats.jsonl import JsonlFormat

BOM = b"\xef\xbb\xbf"
CLEANER = Cleaner()


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def cleaned(text: str) -> str:
    """What cleaning makes of a record's text."""
    return next(CLEANER.clean_records([{"text": text}]))["text"]


def spliced(prefix: bytes, value: str, suffix: bytes, ascii_only: bool = False) -> bytes:
    """A line: ``prefix``, the JSON string literal of ``value``, ``suffix``."""
    return prefix + json.dumps(value, ensure_ascii=ascii_only).encode("utf-8") + suffix


# Each case: the bytes before the text value, the text value, the bytes after it.
CASES = {
    "numbers": (b'{"big": 1e400, "long": 0.1000000000000000055511151231257827, "exp": 1.0e2, "neg": -0.0, '
                b'"nan": NaN, "inf": -Infinity, "huge": 123456789012345678901234567890, "text": ',
                "Storm  hits coast", b', "E": 2E-5}'),
    "duplicate keys": (b'{"text": "first  one", "id": 1, "id": 2, "text": ', "second  one", b"}"),
    "odd whitespace": (b' \t{ "id" :1 ,\t"text"  :\t', "odd  spacing", b'\t,  "x":[ 1 ,2 ] } '),
    "nested": (b'{"meta": {"text": "x  y", "deep": [{"text": "z  w"}, "]}\\"{"]}, "text": ', "a  b",
               b', "after": {"text": "q  r"}}'),
    "escaped keys": (b'{"te\\u0078t": "not  last", "\\"text\\"": "quoted  key", "text": ', "a  b",
                     b', "t\\u00e9xt": "\\u00e9  \\/"}'),
    "other strings": (b'{"title": "Caf\\u00e9  \\/ \\ud83d\\ude00", "url": "https:\\/\\/example.com\\/a", "text": ',
                      "a  b", b', "raw": "caf\xc3\xa9  ok"}'),
    "no separators": (b'{"a":[],"b":{},"text":', "x  y", b',"c":""}'),
}


@pytest.fixture(params=sorted(CASES))
def case(request):
    prefix, text, suffix = CASES[request.param]
    before = spliced(prefix, text, suffix)
    return before, spliced(prefix, cleaned(text), suffix)


@pytest.mark.parametrize("command", ["clean", "fix"])
def test_a_changed_record_keeps_every_other_byte(tmp_path, case, command):
    before, expected = case
    lines = before + b"\n" + before + b"\r\n" + before
    source = tmp_path / "src" / "r.jsonl"
    source.parent.mkdir()
    source.write_bytes(lines)
    if command == "fix":
        assert run("fix", source).exit_code == 1
        made = source.read_bytes()
    else:
        assert run("clean", source.parent, "-o", tmp_path / "out").exit_code == 0
        made = (tmp_path / "out" / "r.jsonl").read_bytes()
    assert made == expected + b"\n" + expected + b"\r\n" + expected
    if command == "clean":
        assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
        assert (tmp_path / "back" / "r.jsonl").read_bytes() == lines


def test_unchanged_records_keep_their_bytes(tmp_path):
    lines = b'{"n": 1e400, "text": "Clean line.", "text": "Also  clean?", "text": "Clean."}\n{ "text" : "Fine." }\n'
    (tmp_path / "r.jsonl").write_bytes(lines)
    assert run("fix", tmp_path / "r.jsonl").exit_code == 0
    assert (tmp_path / "r.jsonl").read_bytes() == lines


@pytest.mark.parametrize(("literal", "made"), [
    (b'"Caf\\u00e9  opens"', b'"Caf\\u00e9 opens"'),       # non-ASCII was escaped: it still is
    (b'"Caf\xc3\xa9  opens"', b'"Caf\xc3\xa9 opens"'),     # raw UTF-8 stays raw
    (b'"a\\/b  c"', b'"a/b c"'),                           # an escape json.dumps does not write
    (b'"\\u0041  b"', b'"A b"'),
    (b'"\\ud800  lone"', b'"\xef\xbf\xbd lone"'),            # E001's U+FFFD for it: a lone surrogate is no sign
])
def test_the_new_text_value_follows_the_original_escaping_and_restores(tmp_path, literal, made):
    line = b'{"id": 1, "text": ' + literal + b"}\n"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "r.jsonl").write_bytes(line)
    assert run("clean", tmp_path / "src", "-o", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "r.jsonl").read_bytes() == b'{"id": 1, "text": ' + made + b"}\n"
    assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
    assert (tmp_path / "back" / "r.jsonl").read_bytes() == line


def test_an_integer_too_long_for_int_is_kept(tmp_path):
    """Python refuses int() of more than 4,300 digits; such a record is cleaned like any other."""
    digits = b"7" * 5000
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "r.jsonl").write_bytes(b'{"id": ' + digits + b', "n": -' + digits + b', "text": "a  b"}\n')
    result = run("clean", tmp_path / "src", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    made = (tmp_path / "out" / "r.jsonl").read_bytes()
    assert made == b'{"id": ' + digits + b', "n": -' + digits + b', "text": "a b"}\n'
    assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
    assert (tmp_path / "back" / "r.jsonl").read_bytes() == (tmp_path / "src" / "r.jsonl").read_bytes()


BOM_LINES = BOM + b'{"id": 1, "text": "Storm  hits coast"}\n{"id": 2, "text": "Clean line."}\n'


@pytest.mark.parametrize("name", ["r.jsonl", "r.jsonl.gz"])
def test_a_bom_at_the_start_is_accepted_kept_and_restored(tmp_path, name):
    pack = gzip.compress if name.endswith(".gz") else bytes
    unpack = gzip.decompress if name.endswith(".gz") else bytes
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / name).write_bytes(pack(BOM_LINES))
    result = run("clean", tmp_path / "src", "-o", tmp_path / "out")
    assert result.exit_code == 0 and "error" not in result.stderr, result.output
    assert unpack((tmp_path / "out" / name).read_bytes()) == BOM_LINES.replace(b"Storm  hits", b"Storm hits")
    assert run("restore", tmp_path / "out", "-o", tmp_path / "back").exit_code == 0
    assert unpack((tmp_path / "back" / name).read_bytes()) == BOM_LINES
    assert run("fix", tmp_path / "src" / name).exit_code == 1
    assert unpack((tmp_path / "src" / name).read_bytes()) == BOM_LINES.replace(b"Storm  hits", b"Storm hits")


def test_a_bom_at_the_start_of_an_unchanged_file_is_kept_and_its_first_record_read(tmp_path):
    lines = BOM + b'{"text": "Clean line."}\n'
    (tmp_path / "r.jsonl").write_bytes(lines)
    result = run("fix", tmp_path / "r.jsonl")
    assert result.exit_code == 0 and "error" not in result.stderr
    assert (tmp_path / "r.jsonl").read_bytes() == lines
    assert list(jsonl.texts(tmp_path / "r.jsonl", "text", 0)) == [(1, "Clean line.")]


def test_a_bom_after_the_first_line_is_still_a_problem(tmp_path):
    (tmp_path / "r.jsonl").write_bytes(b'{"text": "a"}\n' + BOM + b'{"text": "b"}\n')
    result = run("check", tmp_path / "r.jsonl")
    assert result.exit_code == 2 and f"{tmp_path / 'r.jsonl'}:2: not valid JSON: Unexpected UTF-8 BOM" in result.stderr


# What clean wrote before it spliced: lines in a detected "style", or the whole original line in the log.
OLD_SOURCE = (b'{"id": 1, "text": "Storm  hits coast"}\n{"id":2,"text":"Caf\\u00e9  opens"}\n'
              b'{"text" : "odd  spacing", "id": 3}\n{"id": 4, "text": "Clean line."}\n')
OLD_CLEANED = (b'{"id": 1, "text": "Storm hits coast"}\n{"id":2,"text":"Caf\\u00e9 opens"}\n'
               b'{"text": "odd spacing", "id": 3}\n{"id": 4, "text": "Clean line."}\n')
OLD_CHANGE = ('{{"code": "W002", "name": "space-runs", "action": "fix", "line": 1, "col": {col}, "before": "  ", '
              '"after": " ", "reason": "Collapse runs of spaces between words to one space.", "step": 0, '
              '"offset": {offset}, "scores": {{}}, "applied": true}}')
OLD_LOG = f"""{{
  "version": 1, "format": "jsonl", "source": "src/r.jsonl", "compressed": false, "text_field": "text", "id_field": "id",
  "records": [
    {{"line": 1, "id": 1, "changed": true, "skipped_rules": [], "changes": [{OLD_CHANGE.format(col=6, offset=5)}],
      "style": [false, ", ", ": "]}},
    {{"line": 2, "id": 2, "changed": true, "skipped_rules": [], "changes": [{OLD_CHANGE.format(col=5, offset=4)}],
      "style": [true, ",", ":"]}},
    {{"line": 3, "id": 3, "changed": true, "skipped_rules": [], "changes": [{OLD_CHANGE.format(col=4, offset=3)}],
      "original": "{{\\"text\\" : \\"odd  spacing\\", \\"id\\": 3}}", "style": [false, ", ", ": "]}}
  ],
  "sha256_before": "4994cdf565a7f7459af55b986c6abe5daadbbd250f1df617086e93590d8b9dac",
  "sha256_after": "71594ba8ec56677363e7e7e07421332b7d395465459feecd72d4b22e0eadb989",
  "changed": true
}}
"""


def test_a_log_written_before_splicing_still_restores(tmp_path):
    (tmp_path / "out" / "_changes").mkdir(parents=True)
    (tmp_path / "out" / "r.jsonl").write_bytes(OLD_CLEANED)
    (tmp_path / "out" / "_changes" / "r.jsonl.json").write_text(OLD_LOG, encoding="utf-8")
    result = run("restore", tmp_path / "out", "-o", tmp_path / "back")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "back" / "r.jsonl").read_bytes() == OLD_SOURCE


# Property: any object, any number spellings and whitespace, duplicate keys, a text value with junk.
SPACE = st.sampled_from(["", " ", "  ", "\t", " \t "])
NUMBER = st.one_of(
    st.sampled_from(["1e400", "-1E+400", "0.1000000000000000055511151231257827", "1.0e2", "-0.0", "0", "1E2",
                     "NaN", "Infinity", "-Infinity", "123456789012345678901234567890"]),
    st.integers().map(str), st.floats(allow_nan=False, allow_infinity=False).map(repr),
)
WORD = st.sampled_from(["storm", "hits", "café", "naïve", "東京", "coast", "a/b", 'say "hi"', "back\\slash", "\U0001f600"])
STRING = st.builds(lambda text, ascii_only: json.dumps(text, ensure_ascii=ascii_only), st.text(max_size=8), st.booleans())


def json_object(values: st.SearchStrategy[str], keys: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A JSON object's text with the given key and value texts, odd whitespace around every token."""
    member = st.builds(lambda a, key, b, c, value, d: f"{a}{key}{b}:{c}{value}{d}", SPACE, keys, SPACE, SPACE, values, SPACE)
    return st.builds(lambda a, members: "{" + (",".join(members) or a) + "}", SPACE, st.lists(member, max_size=4))


VALUE = st.recursive(st.one_of(NUMBER, STRING, st.sampled_from(["true", "false", "null"])),
                     lambda inner: st.one_of(json_object(inner, st.sampled_from(['"text"', '"a"']) | STRING),
                                             st.lists(inner, max_size=3).map(lambda items: f"[{','.join(items)}]")),
                     max_leaves=8)
ANY_KEY = st.sampled_from(['"id"', '"text"', '"te\\u0078t"', '"url"', '"a"']) | STRING
OTHER_KEY = st.sampled_from(['"id"', '"url"', '"a"', '"\\u0074ex"', '"text "'])


@st.composite
def records(draw) -> tuple[bytes, bytes, str]:
    """``(prefix, suffix, text)``: a record's line is prefix + the literal of ``text`` + suffix, and that literal
    is the value json.loads takes (members before it may repeat the key; none after it does)."""
    before = draw(json_object(VALUE, ANY_KEY))
    after = draw(json_object(VALUE, OTHER_KEY))
    key = draw(st.sampled_from(['"text"', '"te\\u0078t"', '"\\u0074\\u0065\\u0078\\u0074"']))
    lead, space = draw(SPACE), draw(st.tuples(SPACE, SPACE, SPACE, SPACE))
    head = before[:-1] + ("," if before.strip("{} \t") else "") if draw(st.booleans()) else "{"
    tail = "," + after[1:] if after.strip("{} \t") else "}"
    prefix = f"{lead}{head}{space[0]}{key}{space[1]}:{space[2]}"
    words = draw(st.lists(WORD, min_size=2, max_size=6))
    text = "  ".join(words) + draw(st.sampled_from([" ", "   ", "  \n\n\n", ""]))
    return prefix.encode("utf-8"), f"{space[3]}{tail}{draw(SPACE)}".encode("utf-8"), text


def clean_bytes(data: bytes, folder: Path) -> tuple[bytes, Path]:
    """What ``clean`` makes of a JSON Lines file's bytes, and the path of its log."""
    output, log = io.BytesIO(), folder / "r.jsonl.json"
    with log.open("wb") as handle:
        JsonlFormat().stream("r.jsonl", io.BytesIO(data), lambda url: CLEANER, ReadOptions(), Notes(), Sink(output, handle))
    (folder / "r.jsonl").write_bytes(output.getvalue())
    return output.getvalue(), log


@given(records(), st.booleans())
def test_only_the_text_value_changes_and_restore_gives_the_original(record, ascii_only):
    prefix, suffix, text = record
    line = spliced(prefix, text, suffix, ascii_only) + b"\n"
    after = cleaned(text)
    with tempfile.TemporaryDirectory() as folder:
        made, log = clean_bytes(line, Path(folder))
        assert made.startswith(prefix) and made.endswith(suffix + b"\n")
        assert json.loads(made[len(prefix): -len(suffix) - 1]) == after
        assert json.loads(made)["text"] == after
        restored = io.BytesIO()
        JsonlFormat().restore(Path(folder) / "r.jsonl", log, restored)
        assert restored.getvalue() == line
