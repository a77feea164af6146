"""The options ``clean``, ``check`` and ``fix`` share, and the run they make: the project (which rules run on
which document) and how files are read. A bad option is a ``Failure``: printed as 'Error: …', exit code 2."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import click

from .config import preset_names
from .files import parse_size
from .formats import ReadOptions
from .project import ConfigError, Project, language_name, load_project
from .rules import RuleError

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
#: The most worker processes ``--jobs`` starts: a huge number would start processes until the machine stops.
MOST_JOBS = max(1024, os.cpu_count() or 1)


class Failure(click.ClickException):
    """A usage, rule-file or output error: printed as 'Error: …', exit code 2."""

    exit_code = EXIT_ERROR


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _size(ctx, param, value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


def _language(ctx, param, value: str | None) -> str | None:
    try:
        return None if value is None else language_name(value, "--language")
    except ConfigError as error:
        raise click.BadParameter(str(error).removeprefix("--language = "), param=param) from error


def rule_options(command):
    """The options shared by the cleaning commands: rule selection, config file, JSONL fields."""
    for option in reversed([
        click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names; comma-separated)."),
        click.option("--ignore", multiple=True, help="Never these rules."),
        click.option("--extend-select", multiple=True, help="These rules as well as the defaults."),
        click.option("--preset", type=click.Choice(preset_names()), help="A named rule preset."),
        click.option("--language", callback=_language,
                     help="The language of every document (a jusText stoplist name: English, German...); "
                          "default: read from each text."),
        click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
                     help="A folder of your own rule files (TOML)."),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
                     help="Use this config file (cleaner.toml or pyproject.toml) instead of looking for one."),
        click.option("--text-field", default="text", show_default=True, help="JSONL: the field holding the text."),
        click.option("--id-field", default="id", show_default=True, help="JSONL: the field naming a record in logs."),
        click.option("--stdin-filename", help="With SOURCE '-': the name whose format stdin is read in (e.g. x.jsonl)."),
        click.option("--max-bytes", default="64M", show_default=True, callback=_size,
                     help="Refuse a larger text file, HTML page (also decompressed) or stdin with an error; for "
                          "JSON Lines, a larger record (the file may be any size). K, M, G suffixes; 0: no limit."),
        click.option("-j", "--jobs", type=click.IntRange(min=1, max=MOST_JOBS), default=os.cpu_count() or 1, show_default="all cores",
                     help="Worker processes; the output is the same for any number."),
    ]):
        command = option(command)
    return command


@dataclass
class Run:
    """The parsed options of one cleaning command."""

    project: Project
    read: ReadOptions
    stdin_name: str | None


def make_run(sources, select, ignore, extend_select, preset, language, rules_dirs, config_file, text_field, id_field,
             stdin_filename, max_bytes, jobs, unsafe_fixes: bool | None = None, to_utf8: bool = False) -> Run:
    if "-" in map(str, sources) and len(sources) > 1:
        raise Failure("'-' (stdin) must be the only SOURCE")
    flags = {"select": _codes(select) or None, "ignore": _codes(ignore), "extend-select": _codes(extend_select),
             "preset": preset, "rules-dirs": [str(d) for d in rules_dirs], "unsafe-fixes": bool(unsafe_fixes),
             "language": language}
    try:
        project = load_project(list(sources), config_file, flags, in_place=unsafe_fixes is not None)
    except (ConfigError, RuleError) as error:
        raise Failure(str(error)) from error
    return Run(project, ReadOptions(text_field, id_field, max_bytes=max_bytes, jobs=jobs, to_utf8=to_utf8),
               stdin_filename)
