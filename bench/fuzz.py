"""Fuzz the cleaner with mixed, damaged documents: crashes, idempotence, restore, ``--jobs``.

    python bench/fuzz.py [--docs N] [--seed S] [--rules default,article-body,all] [--out DIR] [--no-cli]

Each document is a run of random real lines of ``../shared/eval/articles-dev``
and ``../shared/eval/readability-dev`` (gold texts and extractor outputs),
some spliced with damage: mojibake fragments, no-break spaces, zero-width
and combining characters, ligatures, form feeds, U+2028, space runs, a
space before a comma, doubled words and hyphens, boilerplate labels. The
same ``--seed`` gives the same documents. For each rule set (``default``,
``article-body``: the preset, ``all``: every opt-in rule as well, corpus
rules aside) it checks:

* through the API: ``Cleaner.clean`` raises nothing, ``undo`` gives the
  original back, and cleaning the output again changes nothing;
* through the CLI, on the documents written as files (UTF-8, UTF-8 and
  UTF-16 with a byte-order mark, cp1252, UTF-8 with a stray byte, CRLF;
  every fifth one a record of a ``.jsonl`` file): ``clean`` exits 0/1/2 without a traceback or an
  ``error:`` line (both count as crashes), a second ``clean`` of its output
  changes no byte, ``restore`` rebuilds every source byte for byte, ``fix
  --unsafe-fixes --to-utf8`` on a copy writes the bytes ``clean`` wrote, and ``--jobs 1`` writes the same
  files and logs as ``--jobs 2``.

Prints a row per rule set and way in (API rows count documents, CLI rows
files: the ``.jsonl`` file once) and a column per check, and the files
``clean`` refused because no encoding reads them clearly (an error naming
the file and the encodings it fits, by design: not a failure; such files are
left out of the other CLI checks); writes up to ``--samples`` failing
documents of each kind to ``--out/<rules>/<check>/``. Exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner, load_rules  # noqa: E402
from cleaner.log import undo  # noqa: E402

COLLECTIONS = [ROOT.parent / "shared" / "eval" / name for name in ("articles-dev", "readability-dev")]
RULE_SETS = ("default", "article-body", "all")
CHECKS = ("crashes", "non-idempotent", "restore mismatches", "fix mismatches", "jobs mismatches")
#: What ``clean`` says of a file that no encoding reads clearly: a refusal by design, counted apart.
UNCLEAR = "its encoding is unclear"

ACCENTED = ("é", "’", "—", "ß", "€", "“", "”", "ü", "…", "–", "ñ", "ç", "Ø", "•", "\u00a0")
LABELS = ("Share  on  Facebook", "Read  more", "Sign  up for our newsletter", "Advertisement", "By Jane Doe",
          "Updated 3 hours ago", "Related: Storm closes the coast road", "December 10, 2023", "Tags: news, world",
          "http://example.com/photo.jpg ,", "Follow us on Twitter", "• • •", "Comments", "5 min read")
LIGATURES = {"fi": "ﬁ", "fl": "ﬂ", "ff": "ﬀ", "ffi": "ﬃ"}
INVISIBLE = ("\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff")
COMBINING = ("\u0301", "\u0308", "\u0327", "\u0300")


def real_lines() -> list[str]:
    """Every distinct non-blank line of the gold texts and extractor outputs of both dev collections."""
    lines: dict[str, None] = {}
    for folder in COLLECTIONS:
        for path in sorted([folder / "ground-truth.json", *sorted((folder / "inputs").glob("*.json"))]):
            for record in json.loads(path.read_text(encoding="utf-8")).values():
                text = record.get("articleBody") or ""
                lines.update(dict.fromkeys(line for line in text.splitlines() if line.strip()))
    if not lines:
        sys.exit(f"no dev data under {', '.join(map(str, COLLECTIONS))}")
    return list(lines)


def _insert(rng: random.Random, line: str, piece: str) -> str:
    at = rng.randint(0, len(line))
    return line[:at] + piece + line[at:]


def _mojibake(rng: random.Random, line: str) -> str:
    """The line, or a fragment spliced into it, as UTF-8 read in a single-byte code page."""
    codepage = rng.choice(("cp1252", "latin-1", "mac_roman"))
    if rng.random() < 0.5 and not line.isascii():
        return line.encode("utf-8").decode(codepage, errors="ignore")
    fragment = "".join(rng.choices(ACCENTED, k=rng.randint(1, 3)))
    return _insert(rng, line, fragment.encode("utf-8").decode(codepage, errors="ignore"))


def _words(rng: random.Random, line: str, change) -> str:
    """The line with one of its words (picked at random) passed through ``change``."""
    words = line.split(" ")
    i = rng.randrange(len(words))
    words[i] = change(words[i])
    return " ".join(words)


DAMAGE = {
    "mojibake": _mojibake,
    "nbsp": lambda rng, line: line.replace(" ", rng.choice(("\u00a0", "\u00a0 ", "\u2009")), rng.randint(1, 3)),
    "invisible": lambda rng, line: _insert(rng, line, rng.choice(INVISIBLE)),
    "combining": lambda rng, line: _insert(rng, line, rng.choice(COMBINING)),
    "ligature": lambda rng, line: line.replace(*rng.choice(list(LIGATURES.items()))),
    "form-feed": lambda rng, line: _insert(rng, line, "\f"),
    "line-separator": lambda rng, line: _insert(rng, line, rng.choice(("\u2028", "\u2029", "\x85"))),
    "space-runs": lambda rng, line: line.replace(" ", "  ", rng.randint(1, 4)),
    "space-comma": lambda rng, line: _words(rng, line, lambda word: word + " ,"),
    "doubled-word": lambda rng, line: _words(rng, line, lambda word: f"{word} {word}"),
    "dashes": lambda rng, line: _words(rng, line, lambda word: word + rng.choice((" -- ", "  --  ", "--"))),
    "trailing": lambda rng, line: line + rng.choice((" ", "\t", "  \u00a0")),
    "label": lambda rng, line: rng.choice(LABELS),
}


def make_document(rng: random.Random, lines: list[str]) -> str:
    """A few random real lines, some damaged, joined by line breaks of several kinds."""
    pieces = []
    for _ in range(rng.randint(1, 30)):
        line = rng.choice(lines)
        while rng.random() < 0.3:
            line = DAMAGE[rng.choice(list(DAMAGE))](rng, line)
        pieces += (line, rng.choice(("\n", "\n", "\n\n", "\n\n", "\r\n", "\n\n\n", "\r")))
    return "".join(pieces[:-1] if rng.random() < 0.3 else pieces)


#: Bytes pasted into a UTF-8 file from a legacy code page: é, ÿ, a curly quote, a no-break space.
STRAY_BYTES = (0xE9, 0xFF, 0x93, 0xA0)


def encode_file(rng: random.Random, text: str) -> bytes:
    """``text`` as a file's bytes: mostly UTF-8, else with a BOM, UTF-16, cp1252 (when it fits), or UTF-8
    with one stray byte of a legacy code page between two characters."""
    if rng.random() < 0.2:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    choice = rng.random()
    if choice < 0.1:
        return "\ufeff".encode("utf-8") + text.encode("utf-8", "surrogatepass")
    if choice < 0.15:
        return text.encode("utf-16", "surrogatepass")
    if choice < 0.3:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    data = text.encode("utf-8", "surrogatepass")
    if choice < 0.38:
        at = rng.randint(0, len(data))
        while at < len(data) and 0x80 <= data[at] < 0xC0:  # not inside a character
            at += 1
        return data[:at] + bytes([rng.choice(STRAY_BYTES)]) + data[at:]
    return data


def rule_options(name: str) -> tuple[dict[str, object], list[str]]:
    """The ``Cleaner`` settings and the CLI flags of a rule set."""
    if name == "default":
        return {}, []
    if name == "article-body":
        return {"preset": "article-body"}, ["--preset", "article-body"]
    opt_in = tuple(rule.code for rule in load_rules() if not rule.enabled and rule.family != "D")
    return {"extend_select": opt_in}, ["--extend-select", ",".join(opt_in)]


class Failures:
    """Counts per check, and the first few failing documents written to a folder."""

    def __init__(self, out: Path, samples: int) -> None:
        self.out, self.samples = out, samples
        self.counts: Counter[tuple[str, str]] = Counter()
        #: Files ``clean`` refused because no encoding reads them clearly, per row: not failures.
        self.refused: Counter[str] = Counter()

    def add(self, row: str, check: str, name: str, **sample: object) -> None:
        """Count a failure of ``check`` in ``row`` (rule set and API or CLI); keep the first few samples."""
        self.counts[row, check] += 1
        if self.counts[row, check] <= self.samples:
            folder = self.out / row.replace(" ", "-") / check.replace(" ", "-")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.json").write_text(json.dumps(sample, ensure_ascii=True, indent=1), encoding="utf-8")


def check_api(rules: str, cleaner: Cleaner, documents: list[str], failures: Failures) -> None:
    """Clean each document (a file's text, and every fifth as a record): no exception, exact undo, a fixed point."""
    rules = f"{rules} API"
    for number, text in enumerate(documents):
        name, meta = f"doc{number:05d}", {"record": True} if number % 5 == 0 else None
        try:
            once = cleaner.clean(text, meta=meta)
            twice = cleaner.clean(once.text, meta=meta)
        except Exception:  # noqa: BLE001 - a crash is what this counts
            failures.add(rules, "crashes", name, text=text, error=traceback.format_exc())
            continue
        if undo(once.text, once.changes) != text:
            failures.add(rules, "restore mismatches", name, text=text, cleaned=once.text)
        if twice.text != once.text:
            failures.add(rules, "non-idempotent", name, text=text, once=once.text, twice=twice.text,
                         second_changes=[change.to_dict() for change in twice.changes if change.edits])


def write_sources(rng: random.Random, documents: list[str], folder: Path) -> None:
    """The documents as files: every fifth one a record of ``records.jsonl``, the others text files."""
    folder.mkdir(parents=True)
    records = []
    for number, text in enumerate(documents):
        if number % 5 == 0:
            records.append(json.dumps({"id": number, "text": text}, ensure_ascii=rng.random() < 0.5))
        else:
            (folder / f"doc{number:05d}.txt").write_bytes(encode_file(rng, text))
    (folder / "records.jsonl").write_text("".join(record + "\n" for record in records), encoding="utf-8",
                                          errors="surrogatepass")


def cleaner_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from cleaner.cli import main; main()", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def files(folder: Path, logs: bool = False) -> list[Path]:
    """The files under ``folder`` relative to it (the ``_changes`` logs too when ``logs``)."""
    return sorted(path.relative_to(folder) for path in folder.rglob("*")
                  if path.is_file() and (logs or "_changes" not in path.parts))


def compare(rules: str, check: str, left: Path, right: Path, failures: Failures, logs: bool = False,
            refused: frozenset[str] = frozenset()) -> None:
    """Count each file whose bytes differ between the two folders (or that only one of them has), but for
    the ``refused`` sources (and their logs)."""
    for relative in sorted(set(files(left, logs)) | set(files(right, logs))):
        if relative.name.removesuffix(".json") in refused:
            continue
        a, b = left / relative, right / relative
        if not (a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)):
            failures.add(rules, check, str(relative).replace("/", "_"), left=_text(a), right=_text(b))


def _text(path: Path) -> str | None:
    return path.read_bytes().decode("utf-8", "backslashreplace") if path.is_file() else None


def check_cli(rules: str, flags: list[str], src: Path, work: Path, failures: Failures) -> None:
    """clean, clean again, restore, fix on a copy, and clean with one job, each over the whole folder."""
    rules = f"{rules} CLI"
    folder = work / rules.replace(" ", "-")
    out, again, restored, fixed, one_job = (folder / name for name in ("out", "again", "restored", "fixed", "one-job"))
    shutil.copytree(src, fixed)
    runs = {
        "clean": cleaner_cli("clean", src, "-o", out, "--jobs", "2", "-q", *flags),
        "clean again": cleaner_cli("clean", out, "-o", again, "--jobs", "2", "-q", *flags),
        "restore": cleaner_cli("restore", out, "-o", restored),
        "fix": cleaner_cli("fix", fixed, "--unsafe-fixes", "--to-utf8", "--jobs", "2", "-q", *flags),
        "one job": cleaner_cli("clean", src, "-o", one_job, "--jobs", "1", "-q", *flags),
    }
    refused = frozenset(Path(line.split(": ", 2)[1]).name for line in runs["clean"].stderr.splitlines()
                        if line.startswith("error: ") and UNCLEAR in line)
    failures.refused[rules] = len(refused)
    for command, run in runs.items():
        errors = [line for line in run.stderr.splitlines() if line.startswith("error:") and UNCLEAR not in line]
        if run.returncode not in (0, 1, 2) or "Traceback" in run.stderr or errors:
            failures.add(rules, "crashes", command.replace(" ", "-"), returncode=run.returncode,
                         stderr=run.stderr[-5000:])
    compare(rules, "non-idempotent", out, again, failures)
    compare(rules, "restore mismatches", src, restored, failures, refused=refused)
    compare(rules, "fix mismatches", out, fixed, failures, refused=refused)
    compare(rules, "jobs mismatches", out, one_job, failures, logs=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1500, help="documents per rule set (default 1500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rules", default=",".join(RULE_SETS), help=f"comma-separated, of {', '.join(RULE_SETS)}")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="where failing samples go")
    parser.add_argument("--samples", type=int, default=20, help="failing documents kept per rule set and check")
    parser.add_argument("--no-cli", action="store_true", help="the API checks only")
    args = parser.parse_args()
    rule_sets = args.rules.split(",")
    if unknown := set(rule_sets) - set(RULE_SETS):
        parser.error(f"unknown rule set(s): {', '.join(sorted(unknown))}")
    rng = random.Random(args.seed)
    lines = real_lines()
    documents = [make_document(rng, lines) for _ in range(args.docs)]
    failures = Failures(args.out, args.samples)
    with tempfile.TemporaryDirectory(prefix="cleaner-fuzz-") as temp:
        src = Path(temp) / "src"
        if not args.no_cli:
            write_sources(rng, documents, src)
        for rules in rule_sets:
            settings, flags = rule_options(rules)
            check_api(rules, Cleaner(**settings), documents, failures)
            if not args.no_cli:
                check_cli(rules, flags, src, Path(temp), failures)
    print(f"{args.docs} documents (seed {args.seed}), through the API{'' if args.no_cli else ' and the CLI'}")
    print(f"{'rules':<18}" + "".join(f"{check:>20}" for check in CHECKS) + f"{'refused: unclear':>20}")
    for row in (f"{rules} {via}" for rules in rule_sets for via in ("API", "CLI")[:1 if args.no_cli else 2]):
        print(f"{row:<18}" + "".join(f"{failures.counts[row, check]:>20}" for check in CHECKS)
              + f"{failures.refused[row] if row.endswith('CLI') else '':>20}")
    if any(failures.counts.values()):
        print(f"samples of each failure in {args.out}/")
        sys.exit(1)


if __name__ == "__main__":
    main()
