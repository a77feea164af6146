"""Project settings: the config file, command-line flags on top, and which rules run on which document.

The settings live in ``[tool.cleaner]`` of a ``pyproject.toml`` or at the top
level of a ``cleaner.toml``, found by walking up from the first source (or
the current folder), as ruff does; ``--config FILE`` names one instead.
Flags override the file: ``--select`` and ``--preset`` replace its value,
``--ignore``, ``--extend-select`` and ``--rules-dir`` add to it.

``per-file-ignores`` and ``[sites."host"]`` tables make the rules depend on
the document: a ``Project`` hands out one ``Cleaner`` per distinct set of
rules, built once.

>>> settings = parse_settings({"select": ["W"], "sites": {"Example.com": {"ignore": ["W002"]}}}, "cleaner.toml")
>>> settings["select"], sorted(settings["sites"])
(['W'], ['example.com'])
>>> site_matches("example.com", "https://news.example.com/a"), site_matches("example.com", "https://badexample.com/")
(True, False)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from .change import ACTIONS
from .config import Config, preset_names, unknown_rule
from .engine import Cleaner
from .rules import BUILTIN_RULES, RuleError, load_rules
from .words import stoplists

CONFIG_NAMES = ("cleaner.toml", "pyproject.toml")
DEFAULTS: dict[str, Any] = {
    "select": None, "ignore": [], "extend-select": [], "per-file-ignores": {}, "exclude": [],
    "preset": None, "rules-dirs": [], "unsafe-fixes": False, "rules": {}, "sites": {}, "language": None,
}
SITE_KEYS = ("select", "ignore", "extend-select", "rules")
RULE_OPTION_TYPES = {"enabled": bool, "action": str, "fix": str}


class ConfigError(ValueError):
    """A config file or flag that cannot be used: names the file, the key and what is allowed."""


def find_config(start: Path) -> Path | None:
    """The nearest ``cleaner.toml``, or ``pyproject.toml`` with a ``[tool.cleaner]`` table, at or above ``start``."""
    folder = start.resolve()
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name == "cleaner.toml" or "cleaner" in _read_toml(path).get("tool", {})):
                return path
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error


def read_config(path: Path) -> dict[str, Any]:
    """The validated settings of a config file (only the keys it sets)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cleaner", {})
    settings = parse_settings(data, str(path))
    if "rules-dirs" in settings:
        settings["rules-dirs"] = [str(path.parent / folder) for folder in settings["rules-dirs"]]
    return settings


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings, not {value!r}")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table, not {value!r}")
    return value


def _rule_options(value: Any, where: str) -> dict[str, dict[str, Any]]:
    options = {}
    for rule, values in _table(value, where).items():
        here = f"{where}.{rule}"
        for key, kind in RULE_OPTION_TYPES.items():
            if key in _table(values, here) and not isinstance(values[key], kind):
                raise ConfigError(f"{here}: '{key}' must be a {kind.__name__}, not {values[key]!r}")
        if values.get("action", "fix") not in ACTIONS:
            raise ConfigError(f"{here}: 'action' = {values['action']!r}; allowed: {', '.join(ACTIONS)}")
        if values.get("fix", "safe") not in ("safe", "unsafe"):
            raise ConfigError(f"{here}: 'fix' = {values['fix']!r}; allowed: safe, unsafe")
        options[rule] = {key: value for key, value in values.items() if key != "params"}
        options[rule].update(_table(values.get("params", {}), f"{here}.params"))  # as in a rule file; flat works too
    return options


def _site(value: Any, where: str) -> dict[str, Any]:
    site = _table(value, where)
    unknown = sorted(set(site) - set(SITE_KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(SITE_KEYS)}")
    parsed = {key: _strings(site[key], f"{where}: '{key}'") for key in SITE_KEYS[:3] if key in site}
    if "rules" in site:
        parsed["rules"] = _rule_options(site["rules"], f"{where}: rules")
    return parsed


def parse_settings(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Check every key and value of a ``[tool.cleaner]`` table; raise ``ConfigError`` naming ``source``."""
    unknown = sorted(set(data) - set(DEFAULTS))
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(DEFAULTS)}")
    settings: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{source}: '{key}'"
        if key in ("select", "ignore", "extend-select", "exclude", "rules-dirs"):
            settings[key] = _strings(value, where)
        elif key == "per-file-ignores":
            settings[key] = {glob: _strings(codes, f"{where}: '{glob}'") for glob, codes in _table(value, where).items()}
        elif key == "preset":
            if value not in preset_names():
                raise ConfigError(f"{where} = {value!r}: unknown preset; allowed: {', '.join(preset_names())}")
            settings[key] = value
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError(f"{where} must be true or false, not {value!r}")
            settings[key] = value
        elif key == "rules":
            settings[key] = _rule_options(value, f"{source}: rules")
        elif key == "language":
            settings[key] = language_name(value, where)
        else:
            settings[key] = {host.lower(): _site(site, f"{source}: sites.{host}")
                             for host, site in _table(value, where).items()}
    return settings


def language_name(value: Any, where: str) -> str:
    """The stoplist name ``value`` gives (any case: ``english`` is ``English``); ``ConfigError`` if none."""
    names = {name.casefold(): name for name in stoplists()}
    if not isinstance(value, str) or value.casefold() not in names:
        raise ConfigError(f"{where} = {value!r}: unknown language; allowed: the {len(names)} names of jusText's "
                          f"stoplists, such as English, German, French, Spanish, Portuguese, Czech")
    return names[value.casefold()]


def site_matches(host: str, url: str | None) -> bool:
    """Whether ``url`` is on ``host`` or one of its subdomains."""
    found = (urlsplit(url).hostname or "") if url else ""
    return found == host or found.endswith("." + host)


@dataclass
class Project:
    """The effective settings and where each came from; hands out the cleaner for each document."""

    settings: dict[str, Any]
    origins: dict[str, str]
    root: Path
    config_file: Path | None = None
    #: ``fix`` holds unsafe fixes back unless ``unsafe-fixes`` says so; ``clean`` and ``check`` apply them all.
    in_place: bool = False
    _cleaners: dict[tuple[Any, ...], Cleaner] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, cleaner: Cleaner) -> Project:
        """A project that cleans every document with ``cleaner`` (no config file, no per-file or site rules)."""
        project = cls(dict(DEFAULTS), {key: "default" for key in DEFAULTS}, Path.cwd().resolve())
        project._cleaners[((), ())] = cleaner
        return project

    @property
    def config(self) -> Config:
        s = self.settings
        return Config(
            select=tuple(s["select"]) if s["select"] is not None else None, ignore=tuple(s["ignore"]),
            extend_select=tuple(s["extend-select"]), preset=s["preset"],
            rules_dirs=tuple(Path(folder) for folder in s["rules-dirs"]), options=s["rules"],
            unsafe_fixes=s["unsafe-fixes"] or not self.in_place, language=s["language"],
        )

    def _relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def _matches(self, glob: str, path: Path) -> bool:
        return fnmatch(self._relative(path), glob) or fnmatch(path.name, glob)

    def excluded(self, path: Path) -> bool:
        """Whether a file found while walking a folder is excluded by ``exclude``."""
        return any(self._matches(glob, path) for glob in self.settings["exclude"])

    def cleaner_for(self, path: Path | None = None, url: str | None = None) -> Cleaner:
        """The cleaner for a document of ``path`` (per-file-ignores) at ``url`` (sites)."""
        globs = tuple(g for g in self.settings["per-file-ignores"] if path is not None and self._matches(g, path))
        hosts = tuple(sorted((h for h in self.settings["sites"] if site_matches(h, url)), key=len))
        key = (globs, hosts)
        if key not in self._cleaners:
            self._cleaners[key] = Cleaner(self._variant(globs, hosts))
        return self._cleaners[key]

    def _variant(self, globs: tuple[str, ...], hosts: tuple[str, ...]) -> Config:
        config = self.config
        ignore = list(config.ignore) + [code for glob in globs for code in self.settings["per-file-ignores"][glob]]
        select, extend, options = config.select, list(config.extend_select), dict(config.options)
        for host in hosts:
            site = self.settings["sites"][host]
            select = tuple(site["select"]) if "select" in site else select
            ignore += site.get("ignore", [])
            extend += site.get("extend-select", [])
            for rule, values in site.get("rules", {}).items():
                options[rule] = {**options.get(rule, {}), **values}
        return replace(config, select=select, ignore=tuple(ignore), extend_select=tuple(extend), options=options)

    def _selectors(self) -> Iterator[tuple[str, str, str]]:
        """Every rule named in the settings: (settings key, where it is written, code or name)."""
        s = self.settings
        yield from (("rules", f"rules.{code}", code) for code in s["rules"])
        yield from ((key, key, code) for key in ("select", "ignore", "extend-select") for code in s[key] or [])
        yield from (("per-file-ignores", f"per-file-ignores.{glob}", code)
                    for glob, codes in s["per-file-ignores"].items() for code in codes)
        for host, site in s["sites"].items():
            yield from (("sites", f"sites.{host}.{key}", code) for key in SITE_KEYS[:3] for code in site.get(key, []))
            yield from (("sites", f"rules.{code} of sites.{host}", code) for code in site.get("rules", {}))

    def validate(self) -> None:
        """Build every cleaner the settings can ask for, so a bad rule option fails now, naming its origin."""
        rules = load_rules(list(self.config.rules_dirs))
        for key, label, code in self._selectors():
            if problem := unknown_rule(code, rules, prefixes=not label.startswith("rules")):
                raise ConfigError(f"{self.origins.get(key, 'default')}: {label}: {problem}")
        for hosts in [(), *((host,) for host in self.settings["sites"])]:
            try:
                self._cleaners[((), hosts)] = Cleaner(self._variant((), hosts))
            except RuleError as error:
                where = f"sites.{hosts[0]}" if hosts else "rules"
                raise ConfigError(f"{self.origins.get(where.split('.')[0], 'default')}: {where}: "
                                  f"{_without_builtin_file(str(error))}") from error


def _without_builtin_file(message: str) -> str:
    """A rule error met while applying the config's options, without the installed rule file it starts with:
    what is wrong is in the config, not in that file."""
    if not message.startswith(str(BUILTIN_RULES)):
        return message
    return message.partition(": ")[2]


def load_project(sources: list[Path], config_file: Path | None = None,
                 flags: dict[str, Any] | None = None, in_place: bool = False) -> Project:
    """The settings for a run over ``sources``: defaults, then the config file, then ``flags``.

    ``flags`` uses the config keys: ``select``/``preset``/``unsafe-fixes``
    replace, ``ignore``/``extend-select``/``rules-dirs`` add.
    """
    path = config_file or find_config(sources[0] if sources and str(sources[0]) != "-" else Path.cwd())
    settings, origins = dict(DEFAULTS), {key: "default" for key in DEFAULTS}
    if path is not None:
        for key, value in read_config(path).items():
            settings[key], origins[key] = value, str(path)
    for key, value in (flags or {}).items():
        if value in (None, [], (), False):
            continue
        adds = key in ("ignore", "extend-select", "rules-dirs")
        settings[key] = [*settings[key], *value] if adds else value
        origins[key] = f"--{key}" if not adds or origins[key] == "default" else f"{origins[key]} + --{key}"
    root = path.parent.resolve() if path is not None else Path.cwd().resolve()
    project = Project(settings, origins, root, path, in_place)
    project.validate()
    return project
