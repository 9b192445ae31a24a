"""The fact record: the stable contract that every output format and `factx eval` read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

VALUE_TYPES = ("money", "percent", "date")
ENTITY_TYPES = ("person", "org", "location", "misc")
ALL_TYPES = VALUE_TYPES + ENTITY_TYPES
QUALIFIERS = ("approx", "over", "under", "at_least", "at_most")

# Field order of the contract (CSV columns, JSON keys).
FIELDS = ("doc", "line", "start", "end", "type", "text", "value", "unit", "qualifier", "lang", "rule")


@dataclass(slots=True)
class Fact:
    """One fact found in a document.

    `start`/`end` are code-point offsets into the *original* document text, so that
    ``original[start:end] == text`` always holds. `value` is a `Decimal` (money, percent),
    a dict ``{"from": Decimal, "to": Decimal}`` (ranges), an ISO 8601 string (dates) or a
    canonical name (entities); None when unknown.
    """

    type: str
    start: int
    end: int
    text: str
    value: Any = None
    unit: str = ""
    qualifier: str = ""
    lang: str = ""
    rule: str = ""
    doc: str = ""
    line: int = 0
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def with_(self, **changes: Any) -> "Fact":
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """The contract record, JSON-ready (numbers exact, no float noise)."""
        d = {k: getattr(self, k) for k in FIELDS}
        d["value"] = json_value(self.value)
        return d

    def sort_key(self) -> tuple:
        return (self.start, self.end, ALL_TYPES.index(self.type) if self.type in ALL_TYPES else 99)


def json_value(v: Any) -> Any:
    """Decimals become ints when integral, else the float whose repr is the decimal text."""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        return float(v)
    if isinstance(v, dict):
        return {k: json_value(x) for k, x in v.items()}
    return v


def value_text(v: Any) -> str:
    """A value as one spreadsheet-friendly cell: raw digits, ranges as `from..to`."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return str(int(v))
        s = format(v.normalize(), "f")
        return s
    if isinstance(v, dict) and "from" in v and "to" in v:
        return f"{value_text(v['from'])}..{value_text(v['to'])}"
    if isinstance(v, (int, float)):
        return value_text(Decimal(str(v)))
    return str(v)


def fact_from_dict(d: dict) -> Fact:
    """Inverse of `to_dict` (used by snapshots and JSONL readers)."""
    return Fact(
        type=d["type"], start=int(d.get("start", 0) or 0), end=int(d.get("end", 0) or 0),
        text=d.get("text", ""), value=decimalize(d.get("value")), unit=d.get("unit") or "",
        qualifier=d.get("qualifier") or "", lang=d.get("lang") or "", rule=d.get("rule") or "",
        doc=d.get("doc") or "", line=int(d.get("line", 0) or 0),
    )


def decimalize(v: Any) -> Any:
    """JSON numbers (also inside a range) as exact Decimals, so values compare exactly."""
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return Decimal(str(v))
    if isinstance(v, dict):
        return {k: decimalize(x) for k, x in v.items()}
    return v


__all__ = ["Fact", "FIELDS", "ALL_TYPES", "VALUE_TYPES", "ENTITY_TYPES", "QUALIFIERS",
           "json_value", "value_text", "decimalize", "fact_from_dict", "asdict"]
