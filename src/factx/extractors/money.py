"""Money: an amount with a currency, normalized to a Decimal in units of the currency.

Vocabulary: rules/money/currencies.toml (ISO codes, symbols, names, sub-units); the number
grammar, qualifiers and range words are shared with percent (rules/numbers/, factx.numbers).
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Fact
from ..numbers import AmountGrammar, UnitInfo, norm_alias

TYPES = ("money",)


def _is_letters(s: str) -> bool:
    return s.replace(".", "").replace(" ", "").isalpha()


def currency_tables(ruleset):
    """alias maps from the merged currency files (built-in first, user files extend)."""
    prefix_cs: dict[str, UnitInfo] = {}
    prefix_ci: dict[str, UnitInfo] = {}
    suffix_cs: dict[str, UnitInfo] = {}
    suffix_ci: dict[str, UnitInfo] = {}
    names_ci: dict[str, UnitInfo] = {}
    codes: dict[str, UnitInfo] = {}
    attached: dict[str, UnitInfo] = {}
    not_before: dict[str, set[str]] = {}
    for doc in ruleset.toml("money/currencies.toml"):
        for c in doc.get("currency", []):
            iso = c["iso"]
            sym = UnitInfo(unit=iso, kind="symbol")
            code = UnitInfo(unit=iso, kind="code", minor_code=not c.get("any_case_codes", False))
            meas = c.get("measure", {})
            name = UnitInfo(unit=iso, kind="name",
                            min_value=Decimal(str(c["name_min_value"])) if "name_min_value" in c else None,
                            measure_before=frozenset(w.casefold() for w in meas.get("before", [])),
                            measure_after=frozenset(w.casefold() for w in meas.get("after", [])),
                            measure_money_nouns=frozenset(w.casefold() for w in meas.get("money_nouns", [])))
            for s in c.get("symbols", []):
                s = norm_alias(s)
                prefix_cs[s] = sym
                suffix_cs[s] = sym
            for s in c.get("codes", []):
                s = norm_alias(s)
                prefix_cs[s] = code
                suffix_cs[s] = code
                codes[s] = code
                if c.get("any_case_codes"):
                    prefix_ci[s] = code
                    suffix_ci[s] = code
            for s in c.get("names", []):
                s = norm_alias(s)
                suffix_ci[s] = name
                names_ci[s] = name
            for s in c.get("prefix_names", []):
                prefix_ci[norm_alias(s)] = name
            nb = {w.casefold() for w in c.get("not_before", [])}
            if nb:
                for s in c.get("names", []):
                    not_before.setdefault(norm_alias(s).casefold(), set()).update(nb)
        for sub in doc.get("subunit", []):
            info = UnitInfo(unit=sub.get("alone", "USD"), factor=Decimal(str(sub.get("factor", 0.01))),
                            sub_of=tuple(sub.get("of", ["*"])), kind="name", alone=sub.get("alone", ""))
            if sub.get("attached"):
                glued = UnitInfo(unit=info.unit, factor=info.factor, sub_of=info.sub_of, alone=info.alone,
                                 max_glued=Decimal(str(sub["attached_max"])) if "attached_max" in sub else None)
                for s in sub["attached"]:
                    attached[norm_alias(s)] = glued
            nb = {w.casefold() for w in sub.get("not_before", [])}
            for s in sub.get("names", []):
                s = norm_alias(s)
                if nb:
                    not_before.setdefault(s.casefold(), set()).update(nb)
                if _is_letters(s) and len(s) > 1:
                    suffix_ci[s] = info
                    names_ci[s] = info
                else:
                    suffix_cs[s] = info
    return prefix_cs, prefix_ci, suffix_cs, suffix_ci, names_ci, codes, attached, not_before


def build(ruleset):
    prefix_cs, prefix_ci, suffix_cs, suffix_ci, names_ci, codes, attached, not_before = currency_tables(ruleset)
    implicit = [sp for doc in ruleset.toml("money/currencies.toml") for sp in doc.get("implicit", [])]
    grammar = AmountGrammar(ruleset, "money", prefix_cs, prefix_ci, suffix_cs, suffix_ci, names_ci,
                            attached_cs=attached, not_before=not_before, compounds=True, spelled_cs=codes,
                            implicit=implicit)

    def run(doc):
        text = doc.text
        amounts = grammar.amounts(text, doc.lang_at)
        out = []
        for r in grammar.combine(text, amounts):
            out.append(Fact(type="money", start=r.start, end=r.end, text=text[r.start:r.end],
                            value=r.value, unit=r.unit.unit, qualifier=r.qualifier, rule=r.rule))
        return out

    return run
