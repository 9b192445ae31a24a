"""Extractor registry.

An extractor is a module with `TYPES` (the fact types it yields) and
`build(ruleset) -> callable(doc: Doc) -> list[Fact]`, where the returned facts carry offsets
into `doc.text`, `type`, `text`, `value`, `unit`, `qualifier`, `lang` and `rule` (the pipeline
fills `doc` and `line` and maps offsets to the original). `build` compiles the module's rules
once; the pipeline caches the result per rule set. Adding a fact type is adding a module here
and its rule files under `rules/`.
"""

from __future__ import annotations

import importlib

# module name -> fact types it yields, in the order they run.
REGISTRY: dict[str, tuple[str, ...]] = {
    "money": ("money",),
    "percent": ("percent",),
    "dates": ("date",),
    "entities": ("person", "org", "location", "misc"),
}


def modules_for(types: frozenset[str]) -> list[str]:
    return [m for m, ts in REGISTRY.items() if types.intersection(ts)]


def load(module: str):
    return importlib.import_module(f"factx.extractors.{module}")
