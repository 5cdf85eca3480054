"""Load YAML files from `config/` into pydantic models with precise, one-line errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

# libyaml's safe loader reads the team catalogues about 8x faster than the pure-Python one, with
# the same result; the pure-Python one remains for a PyYAML built without libyaml.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class ConfigError(ValueError):
    """An invalid configuration file; the message names the file, the key and the problem."""


def config_dir() -> Path:
    """The folder holding epgoat's YAML configuration (`EPGOAT_CONFIG_DIR` overrides)."""
    return Path(os.environ.get("EPGOAT_CONFIG_DIR") or PROJECT_ROOT / "config")


# Validated files by model and content, for the life of the process: a guide run built the team
# catalogue (~80 files) three times and read the providers five times. Keyed on the bytes, not the
# path or mtime, so an edited file is parsed again however quickly it changed; only frozen models are
# kept, since every caller then shares the one instance.
_PARSED: dict[tuple[type[BaseModel], bytes], BaseModel] = {}
_PARSED_MAX = 1024


def load_yaml_model(path: str | Path, model: type[M]) -> M:
    """Parse `path` and validate it as `model`, turning any failure into a `ConfigError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    key = (model, data)
    hit = _PARSED.get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    parsed = _parse_yaml_model(path, data.decode("utf-8"), model)
    if model.model_config.get("frozen"):
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = parsed
    return parsed


def _parse_yaml_model(path: Path, text: str, model: type[M]) -> M:
    try:
        raw = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}:{where} invalid YAML: {problem}") from exc
    try:
        return model.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ConfigError(f"{path}: {key}: {err['msg']}{more}") from exc


class StrictModel(BaseModel):
    """Base for config models: unknown keys are errors, so typos never pass silently."""

    model_config = {"extra": "forbid", "frozen": True}
