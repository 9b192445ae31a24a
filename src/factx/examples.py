"""Running the examples that rule files carry (the rules' own corpus, like Duckling's)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .model import ENTITY_TYPES
from .pipeline import get_pipeline, parse_types
from .rules import RuleSet, iter_examples


@dataclass
class ExampleResult:
    path: Path
    rule: str
    example: dict
    ok: bool
    why: str = ""

    def describe(self) -> str:
        ex = self.example
        want = "no " + ex.get("type", "fact") if ex.get("none") else \
            f"{ex.get('type', 'fact')} {ex.get('value', '')!r} {ex.get('unit', '')}".rstrip()
        s = f"{self.path.parent.name}/{self.path.name} [{self.rule or '-'}] {ex.get('text')!r} -> {want}"
        return s + (f"  ({self.why})" if self.why else "")


def _num(v) -> Decimal | None:
    try:
        return Decimal(str(v))
    except Exception:
        return None


def _value_ok(want, got) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and all(_value_ok(want[k], got.get(k)) for k in want)
    if isinstance(want, bool):
        return want == got
    if isinstance(want, (int, float)):
        g = _num(got) if not isinstance(got, dict) else None
        w = _num(want)
        return g is not None and w is not None and abs(g - w) <= abs(w) * Decimal("1e-9")
    if isinstance(want, str) and isinstance(got, str):
        return want.casefold() == got.casefold()
    return want == got


def check_example(ex: dict, ruleset: RuleSet) -> tuple[bool, str]:
    text = ex.get("text")
    if not isinstance(text, str):
        return False, "example has no text"
    etype = ex.get("type")
    types = parse_types(etype if etype and etype not in ("entity",) else None) if etype != "entity" \
        else frozenset(ENTITY_TYPES)
    if ex.get("lang") and set(ex) <= {"text", "lang"}:
        # A language-identification example.
        lang = get_pipeline(ruleset, types).langid.detect(text)
        return lang == ex["lang"], f"detected {lang}"
    pipe = get_pipeline(ruleset, types)
    facts = pipe.run(text, lang=ex.get("lang"), reference_date=ex.get("ref_date"))
    if etype:
        facts = [f for f in facts if f.type == etype or (etype == "entity" and f.type in ENTITY_TYPES)]
    if ex.get("none"):
        if ex.get("span"):
            facts = [f for f in facts if f.text == ex["span"]]
        return not facts, ("found " + ", ".join(f"{f.type} {f.text!r}" for f in facts)) if facts else ""
    for f in facts:
        if "span" in ex and f.text != ex["span"]:
            continue
        if "value" in ex and not _value_ok(ex["value"], f.value):
            continue
        if "unit" in ex and (ex["unit"] or "") != (f.unit or ""):
            continue
        if "qualifier" in ex and (ex["qualifier"] or "") != (f.qualifier or ""):
            continue
        return True, ""
    got = "; ".join(f"{f.type} {f.text!r}={f.value!r} {f.unit} {f.qualifier}".rstrip() for f in facts)
    return False, "got " + (got or "nothing")


def run_examples(ruleset: RuleSet, only_dirs: tuple[Path, ...] | None = None) -> list[ExampleResult]:
    out = []
    for path, rid, ex in iter_examples(ruleset):
        if only_dirs and not any(d in path.parents for d in only_dirs):
            continue
        ok, why = check_example(ex, ruleset)
        out.append(ExampleResult(path, rid, ex, ok, "" if ok else why))
    return out
