"""Percent: a number of percent ("5%", "3,5%", "79.1 per cent", "phần trăm"), unit "%";
percentage points ("điểm phần trăm", "percentage points") have unit "pp", and so do basis
points ("25 basis points" = 0.25 pp, a unit `factor` in the rules).

Vocabulary: rules/percent/percent.toml; number grammar, qualifiers and ranges are shared
with money (rules/numbers/, factx.numbers).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Fact
from ..numbers import AmountGrammar, UnitInfo, clean, norm_alias

TYPES = ("percent",)


def build(ruleset):
    prefix_ci: dict[str, UnitInfo] = {}
    suffix_cs: dict[str, UnitInfo] = {}
    suffix_ci: dict[str, UnitInfo] = {}
    names_ci: dict[str, UnitInfo] = {}
    attached: dict[str, UnitInfo] = {}
    guard = None
    for doc in ruleset.toml("percent/percent.toml"):
        for u in doc.get("unit", []):
            info = UnitInfo(unit=u["unit"], factor=Decimal(str(u.get("factor", 1))))
            for s in u.get("suffix", []):
                s = norm_alias(s)
                if any(ch.isalpha() for ch in s):
                    suffix_ci[s] = info
                    names_ci[s] = info
                else:
                    suffix_cs[s] = info
            for s in u.get("attached", []):
                attached[norm_alias(s)] = info
            for s in u.get("prefix", []):
                prefix_ci[norm_alias(s)] = info
        guard = doc.get("url_guard", {}).get("after_percent", guard)
    grammar = AmountGrammar(ruleset, "percent", {}, prefix_ci, suffix_cs, suffix_ci, names_ci,
                            attached_cs=attached, suffix_reject_after=guard)

    def run(doc):
        text = doc.text
        amounts = grammar.amounts(text, doc.lang_at)
        out = []
        for r in grammar.combine(text, amounts):
            value, k = r.value, r.unit.factor
            if k != 1:   # basis points -> percentage points
                value = ({key: clean(v * k) for key, v in value.items()} if isinstance(value, dict)
                         else clean(value * k))
            out.append(Fact(type="percent", start=r.start, end=r.end, text=text[r.start:r.end],
                            value=value, unit=r.unit.unit, qualifier=r.qualifier, rule=r.rule))
        return out

    return run
