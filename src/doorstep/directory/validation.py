"""Validate documents against the Open Referral UK JSON Schemas (draft 2020-12, formats on).

The schemas are unchanged copies kept in `schemas/` (see its SOURCE.md). Names are the
schema files' paths there without `.json`: "compiled/service", "compiled/service_list",
"compiled/service_at_location", "compiled/service_at_location_list",
"compiled/organization", "compiled/organization_list", "taxonomy", "taxonomy_term".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
MAX_MESSAGES = 5


def schema_names() -> list[str]:
    return sorted(
        str(path.relative_to(SCHEMA_DIR).with_suffix("")) for path in SCHEMA_DIR.rglob("*.json")
    )


def _load(name: str, folder: Path = SCHEMA_DIR) -> dict[str, Any]:
    with (folder / f"{name}.json").open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def build_validator(name: str, folder: Path = SCHEMA_DIR) -> Draft202012Validator:
    """A validator for one schema, with the folder's top-level schemas as its `$ref` registry."""
    resources = [
        (path.name, Resource.from_contents(_load(path.stem, folder), DRAFT202012))
        for path in folder.glob("*.json")
        if path.name != "openapi.json"
    ]
    registry: Registry[Any] = Registry().with_resources(resources)
    return Draft202012Validator(
        _load(name, folder),
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@cache
def validator(name: str) -> Draft202012Validator:
    return build_validator(name)


def describe_errors(checker: Draft202012Validator, document: object) -> list[str]:
    """Each problem as 'where: what', in document order; empty when the document is valid."""
    found = sorted(checker.iter_errors(document), key=lambda error: _where(error.absolute_path))
    return [f"{_where(error.absolute_path)}: {error.message}" for error in found]


def errors(name: str, document: object) -> list[str]:
    return describe_errors(validator(name), document)


def _where(path: Iterable[object]) -> str:
    return ".".join(str(part) for part in path) or "(top level)"


def summary(problems: list[str]) -> str:
    """The first few problems on one line, for a report."""
    shown = "; ".join(problems[:MAX_MESSAGES])
    more = len(problems) - MAX_MESSAGES
    return f"{shown}; and {more} more" if more > 0 else shown
