"""`factx eval`: score the extractor on gold cases (format: shared eval/FORMAT.md).

Detection: a gold fact pairs with the unpaired prediction of its type that overlaps it most.
In a case marked `complete`, an unpaired prediction of a type in scope is a false positive.
Value accuracy is judged on paired facts whose gold value is known. Strict: for money,
percent and dates, detected with the right value; for entities, detected with the exact span.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .model import ALL_TYPES, ENTITY_TYPES, Fact, value_text
from .pipeline import get_pipeline
from .rules import RuleSet, default_ruleset


class GoldError(Exception):
    pass


@dataclass
class Case:
    id: str
    lang: str | None
    text: str
    ref_date: str | None
    complete: bool
    types: frozenset[str] | None
    facts: list[dict]


def load_gold(path: Path) -> list[Case]:
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except OSError as e:
        raise GoldError(f"{path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: not valid UTF-8") from None
    cases = []
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            text = d["text"]
            facts = list(d.get("facts", []))
            for f in facts:
                if "start" not in f or "end" not in f or f.get("start") is None:
                    pos = text.find(f["text"])
                    if pos < 0:
                        raise GoldError(f"{path}:{i}: fact text {f['text']!r} not in the case text")
                    f["start"], f["end"] = pos, pos + len(f["text"])
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise GoldError(f"{path}:{i}: not a gold case ({type(e).__name__}: {e})") from None
        cases.append(Case(id=str(d.get("id", f"{path}:{i}")), lang=d.get("lang"), text=text,
                          ref_date=d.get("ref_date"), complete=bool(d.get("complete")),
                          types=frozenset(d["types"]) if d.get("types") else None, facts=facts))
    if not cases:
        raise GoldError(f"{path}: no gold cases")
    return cases


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    judged: int = 0
    value_ok: int = 0
    strict: int = 0

    def add(self, o: "Counts") -> None:
        for k in ("gold", "pred", "tp", "judged", "value_ok", "strict"):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)
        sp = self.strict / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        sr = self.strict / self.gold if self.gold else (1.0 if not self.pred else 0.0)
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "precision": p, "recall": r,
                "f1": self._f1(p, r), "value_acc": self.value_ok / self.judged if self.judged else None,
                "strict_f1": self._f1(sp, sr)}


@dataclass
class Report:
    counts: dict[str, Counts]
    cases: int
    errors: list[dict] = field(default_factory=list)
    skipped_types: dict[str, int] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, dict]]:
        out = []
        for t in ALL_TYPES:
            if t in self.counts:
                out.append((t, self.counts[t].figures()))
        ent = Counts()
        present = [t for t in ENTITY_TYPES if t in self.counts]
        for t in present:
            ent.add(self.counts[t])
        if present:
            out.append(("entity", ent.figures()))
        return out

    def to_json(self) -> dict:
        return {"cases": self.cases, "types": dict(self.rows()), "skipped_types": self.skipped_types,
                "errors": self.errors}


# --- value comparison -------------------------------------------------------------------

def _dec(v) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return Decimal(str(v))
    except (InvalidOperation, ValueError):
        return None


def _num_eq(a, b) -> bool:
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and \
            _num_eq(a.get("from"), b.get("from")) and _num_eq(a.get("to"), b.get("to"))
    x, y = _dec(a), _dec(b)
    if x is None or y is None:
        return False
    return abs(x - y) <= max(abs(x), abs(y)) * Decimal("1e-6")


def _scale(v, k: Decimal):
    if isinstance(v, dict):
        return {kk: _scale(x, k) for kk, x in v.items()}
    d = _dec(v)
    return None if d is None else d * k


_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _bounds(p: str) -> tuple[str, str]:
    m = _QUARTER.match(p)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}"
    p = re.sub(r"(T\d\d:\d\d):00$", r"\1", p)  # zero seconds: the same minute
    return p, p


def norm_date(v: str) -> str:
    """Quarters as month intervals; an interval with equal ends as its single value."""
    if not isinstance(v, str):
        return str(v)
    parts = v.split("/")
    if len(parts) == 2:
        start, end = _bounds(parts[0])[0], _bounds(parts[1])[1]
    else:
        start, end = _bounds(v)
    return start if start == end else f"{start}/{end}"


class ValueJudge:
    def __init__(self, ruleset: RuleSet):
        amb: dict[str, list[str]] = {}
        for doc in ruleset.toml("eval.toml"):
            amb.update(doc.get("ambiguous_units", {}))
        self.ambiguous = amb

    def money_ok(self, g: dict, p: Fact) -> bool:
        gu = g.get("unit") or ""
        allowed = self.ambiguous.get(gu) if g.get("unit_ambiguous") or gu in self.ambiguous else None
        gv = g.get("value")
        if allowed is None:
            return gu == p.unit and _num_eq(gv, p.value)
        if "*cent" in allowed:
            return _num_eq(gv, p.value) or _num_eq(gv, _scale(p.value, Decimal(100)))
        if "*" not in allowed and p.unit not in allowed:
            return False
        return _num_eq(gv, p.value)

    def ok(self, g: dict, p: Fact) -> bool | None:
        """True/False, or None when the gold value is unknown (not judged)."""
        t = g["type"]
        alts = g.get("alt_values")
        if "value" not in g and not alts:
            return None
        if g.get("value") is None and not alts:
            return None
        if t == "money":
            return self.money_ok(g, p)
        if t == "percent":
            if g.get("unit") and p.unit and g["unit"] != p.unit:
                return False
            return _num_eq(g["value"], p.value)
        if t == "date":
            cands = [g["value"]] if g.get("value") is not None else []
            cands += list(alts or [])
            pv = norm_date(p.value) if isinstance(p.value, str) else None
            return pv is not None and any(norm_date(c) == pv for c in cands if isinstance(c, str))
        return isinstance(p.value, str) and str(g["value"]).casefold() == p.value.casefold()


# --- matching ---------------------------------------------------------------------------

def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def evaluate(cases: list[Case], types: frozenset[str], rule_dirs: tuple[str, ...] = ()) -> Report:
    rs = RuleSet(rule_dirs) if rule_dirs else default_ruleset()
    pipe = get_pipeline(rs, types)
    judge = ValueJudge(rs)
    counts: dict[str, Counts] = {t: Counts() for t in ALL_TYPES if t in types}
    report = Report(counts=counts, cases=0)
    for case in cases:
        report.cases += 1
        scope = types if case.types is None else types & case.types
        gold = []
        for g in case.facts:
            if g["type"] in types:
                gold.append(g)
            elif g["type"] not in ALL_TYPES:
                report.skipped_types[g["type"]] = report.skipped_types.get(g["type"], 0) + 1
        preds = pipe.run(case.text, lang=case.lang, reference_date=case.ref_date, doc_id=case.id)
        preds = [p for p in preds if p.type in types]
        used = [False] * len(preds)
        for g in sorted(gold, key=lambda g: (g["start"], g["end"])):
            c = counts[g["type"]]
            c.gold += 1
            best, best_ov = -1, 0
            for i, p in enumerate(preds):
                if used[i] or p.type != g["type"]:
                    continue
                ov = _overlap(g["start"], g["end"], p.start, p.end)
                if ov > best_ov:
                    best, best_ov = i, ov
            if best < 0:
                report.errors.append({"case": case.id, "kind": "missed", "type": g["type"],
                                      "text": g["text"], "start": g["start"],
                                      "gold": g.get("value"), "context": _ctx(case.text, g["start"], g["end"])})
                continue
            used[best] = True
            p = preds[best]
            c.tp += 1
            c.pred += 1
            ok = judge.ok(g, p)
            if ok is not None:
                c.judged += 1
                c.value_ok += ok
            if g["type"] in ENTITY_TYPES:
                strict = p.start == g["start"] and p.end == g["end"]
            else:
                strict = ok is not False
            c.strict += strict
            if ok is False or (g["type"] in ENTITY_TYPES and not strict):
                report.errors.append({"case": case.id, "kind": "wrong value" if ok is False else "span",
                                      "type": g["type"], "text": g["text"], "pred_text": p.text,
                                      "start": g["start"], "gold": _show(g.get("value", g.get("alt_values"))),
                                      "pred": _show(p.value), "gold_unit": g.get("unit", ""),
                                      "pred_unit": p.unit, "rule": p.rule})
        if case.complete:
            for i, p in enumerate(preds):
                if not used[i] and p.type in scope:
                    counts[p.type].pred += 1
                    report.errors.append({"case": case.id, "kind": "extra", "type": p.type,
                                          "text": p.text, "start": p.start, "pred": _show(p.value),
                                          "rule": p.rule, "context": _ctx(case.text, p.start, p.end)})
    return report


def _show(v):
    from .model import json_value
    return json_value(v)


def _ctx(text: str, s: int, e: int, w: int = 30) -> str:
    return (text[max(0, s - w):s] + "[" + text[s:e] + "]" + text[e:e + w]).replace("\n", " ")


def print_report(report: Report, errors: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if errors and report.errors:
        for e in report.errors:
            if e["kind"] == "missed":
                line = f"MISSED  {e['type']:8} {e['text']!r} gold={e.get('gold')!r}  … {e['context']} …"
            elif e["kind"] == "extra":
                line = f"EXTRA   {e['type']:8} {e['text']!r} = {e.get('pred')!r} [{e.get('rule')}]  … {e['context']} …"
            elif e["kind"] == "span":
                line = f"SPAN    {e['type']:8} gold {e['text']!r} pred {e['pred_text']!r} [{e.get('rule')}]"
            else:
                line = (f"VALUE   {e['type']:8} {e['text']!r} gold={e['gold']!r} {e.get('gold_unit', '')} "
                        f"pred={e['pred']!r} {e.get('pred_unit', '')} [{e.get('rule')}]")
            console.print(f"{e['case']}: {line}", markup=False, highlight=False)
        console.print()
    table = Table(title=f"factx eval: {report.cases} cases")
    for col in ("type", "gold", "pred", "P", "R", "F1", "value acc", "strict F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for t, f in report.rows():
        va = "-" if f["value_acc"] is None else f"{f['value_acc']:.3f}"
        table.add_row(t, str(f["gold"]), str(f["pred"]), f"{f['precision']:.3f}", f"{f['recall']:.3f}",
                      f"{f['f1']:.3f}", va, f"{f['strict_f1']:.3f}")
    console.print(table)
    if report.skipped_types:
        console.print("not scored (types factx does not emit): "
                      + ", ".join(f"{k} ({v})" for k, v in sorted(report.skipped_types.items())))


__all__ = ["load_gold", "evaluate", "print_report", "Report", "GoldError", "norm_date", "value_text"]
