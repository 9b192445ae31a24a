"""Numbers in Vietnamese and English news text: the grammar shared by money and percent.

Vocabulary is data (rules/numbers/*.toml); this module holds the mechanics:

- digit numbers with locale separators (`1.234.567,89` vi, `1,234,567.89` en; a lone
  `1,300` / `1.300` is resolved by the paragraph language, the digit groups and whether a
  scale word follows), exact `Decimal` arithmetic;
- scale words (`1,3 tỷ`, `nghìn tỷ`, `1 tỷ 200 triệu`, `12.5 mln`, `€20m`);
- spelled-out numbers ("một trăm hai mươi lăm", "hai mươi mốt", "twenty-five",
  "one hundred and five", "half a billion");
- `AmountGrammar`: amounts with units (currencies, percent signs) before or after the
  number, qualifiers ("gần", "more than"), and how neighbouring amounts combine into
  ranges, changes, lists and compounds ("3 dollars 50 cents").

Public API: `parse_number(text, lang)`, `digits_value(s, decimal_comma, scaled)`,
`number_grammar(ruleset)` (a `NumberGrammar`: its `NUMD` / `NUMW` / `SCALES` pattern pieces
are `re` syntax other extractors may embed, and `evaluate(text, lang)` reads a match), and
`AmountGrammar` (numbers with units; money and percent build one each).

Speed and safety: every pattern is compiled once (`re`, with atomic groups and possessive
quantifiers, so digits, separators and spaces never backtrack); each alternation starts
with a first-character test; and the full amount grammar only runs in windows around a unit
(currency, percent sign) that touches a number, found in one Aho-Corasick pass. Any input
runs in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable

import re
import unicodedata

import ahocorasick

from .rules import RuleSet, default_ruleset

# --- pattern building -------------------------------------------------------------------

# `re` (Python 3.11: atomic groups, possessive quantifiers) is several times faster than
# `regex` on these large alternations. Letters: [^\W\d_]; letters or digits: [^\W_].
# After an alias: a word-like alias must not run on into a letter or digit.
END_B = r"(?:(?<=[^\W_])(?![^\W_])|(?<![^\W_]))"
# Before an alias: a word-like alias must not start inside a word.
START_B = r"(?:(?=[^\W_])(?<![^\W_])|(?![^\W_]))"
SP = r"[ \t]"


def _esc_char(ch: str) -> str:
    if ch == " ":
        return SP + "++"
    return re.escape(ch)


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for literal words, as a trie (greedy: longer words first).
    A space inside a word matches one or more spaces or tabs."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return r"(?!)"

    def emit(node: dict) -> str:
        end = "" in node
        alts = [_esc_char(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(trie)


def first_chars(words: Iterable[str], ci: bool) -> str:
    """A look-ahead on the possible first characters: the engine rejects most positions with
    one character-class test instead of trying every branch (and every boundary check)."""
    firsts = {w[0] for w in words if w}
    if ci:
        firsts |= {c.upper() for c in firsts} | {c.lower() for c in firsts}
    return "(?=[" + "".join(sorted(re.escape(c) for c in firsts)) + "])" if firsts else "(?!)"


# A unit before a number may touch its digits ("USD115"); one after may follow them ("115USD").
PREFIX_END_B = r"(?:(?<=[^\W_])(?![^\W\d_])|(?<![^\W_]))"
SUFFIX_START_B = r"(?:(?=[^\W_])(?<![^\W\d_])|(?![^\W_]))"


def alias_pattern(cs_words: Iterable[str] = (), ci_words: Iterable[str] = (),
                  start: str = START_B, end: str = END_B) -> str:
    """Case-sensitive and case-insensitive aliases, each bounded like a word where it is one."""
    parts = []
    ci = sorted({w.casefold() for w in ci_words if w})
    cs = sorted({w for w in cs_words if w})
    if ci:
        parts.append("(?i:" + trie_pattern(ci) + ")")
    if cs:
        parts.append("(?-i:" + trie_pattern(cs) + ")")
    if not parts:
        return r"(?!)"
    return first_chars(list(ci) + list(cs), True) + start + "(?:" + "|".join(parts) + ")" + end


def norm_alias(s: str) -> str:
    return " ".join(s.split())


def _dec(v) -> Decimal:
    if isinstance(v, float):
        return Decimal(repr(v)).normalize() if v != int(v) else Decimal(int(v))
    return Decimal(str(v))


# --- the number grammar -----------------------------------------------------------------

# Digits: 3-digit groups ("1.234.567,89") or a plain run with one decimal part ("353.78",
# "1234,5"). No leading zero ("0912..." is a phone number). A number that runs on into
# another separator+digit ("1.2.3", "0912.345.678") is not a number at all.
# Wire-style fractions ("1-1/2 percent", "3/8 point", "24-1/4 dlrs"): eighths and the like,
# read only in the languages of `fraction_langs` (a Vietnamese "1/2" is a date).
FRAC = r"(?:[1-9]|[1-5][0-9])/(?:2|4|8|16|32|64)(?![0-9/])"
DIGITS = (r"(?>" + FRAC + r"|[1-9][0-9]{0,2}(?:[.,][0-9]{3}(?![0-9]))++(?:[.,][0-9]++)?(?:-" + FRAC + r")?"
          r"|(?:0|[1-9][0-9]*+)(?:[.,][0-9]++)?(?:-" + FRAC + r")?)(?![.,]?[0-9])")


class NumberGrammar:
    """Compiled number vocabulary of a rule set."""

    def __init__(self, ruleset: RuleSet):
        docs = ruleset.toml("numbers/numbers.toml")
        digits: dict = {}
        scales_w: dict[str, Decimal] = {}
        scales_a: dict[str, Decimal] = {}
        half_tail: set[str] = set()
        tail_before: set[str] = set()
        kinds: dict[str, tuple[str, Decimal]] = {}
        fillers: set[str] = set()
        frac_fillers: set[str] = set()
        articles: set[str] = set()
        weak: set[str] = set()
        vague: set[str] = set()
        for d in docs:
            for k, v in d.get("digits", {}).items():
                if isinstance(v, list):
                    digits.setdefault(k, []).extend(v)
            sc = d.get("scales", {})
            for w, v in sc.get("words", {}).items():
                scales_w[w.casefold()] = _dec(v)
            for w, v in sc.get("attached", {}).items():
                scales_a[w] = _dec(v)
            half_tail.update(w.casefold() for w in sc.get("half_tail", {}).get("words", []))
            tail_before.update(w.casefold() for w in sc.get("digit_tail", {}).get("before", []))
            sp = d.get("spelled", {})
            for kind in ("unit", "ten", "tens", "hundred", "fraction"):
                for w, v in sp.get(kind, {}).items():
                    kinds[w.casefold()] = (kind, _dec(v))
            fillers.update(w.casefold() for w in sp.get("filler", {}).get("words", []))
            frac_fillers.update(w.casefold() for w in sp.get("filler_after_fraction", {}).get("words", []))
            articles.update(w.casefold() for w in sp.get("article", {}).get("words", []))
            weak.update(w.casefold() for w in sp.get("weak", {}).get("words", []))
            vague.update(w.casefold() for w in sp.get("vague_before", {}).get("words", []))
        self.decimal_comma_langs = set(digits.get("decimal_comma_langs", ["vi"]))
        self.decimal_words = {w.casefold() for w in digits.get("decimal_words", [])}
        self.negative_words = {w.casefold() for w in digits.get("negative_words", [])}
        self.sign_words = {w.casefold() for w in digits.get("sign_words", [])}
        self.scales_w, self.scales_a, self.half_tail = scales_w, scales_a, half_tail
        fillers |= frac_fillers
        self.kinds, self.fillers, self.articles, self.weak = kinds, fillers, articles, weak
        self.frac_fillers = frac_fillers
        self.vague = vague
        self.article_after = {w.casefold() for d in docs
                              for w in d.get("spelled", {}).get("article_amount", {}).get("after", [])}

        scale_w = alias_pattern(ci_words=scales_w, start=SUFFIX_START_B)
        scale_a = "(?-i:" + trie_pattern(scales_a) + r")(?![^\W_])"
        half = alias_pattern(ci_words=half_tail)
        # scale words after digits: glued or spaced, stacked ("nghìn tỷ"), "rưỡi" after.
        self.SCALES = (rf"(?:(?:{SP}*+|-){scale_w}|{scale_a})(?:{SP}++{scale_w})*+(?:{SP}++{half})?")
        self.SCALE_WORD = scale_w
        decw = alias_pattern(ci_words=self.decimal_words)
        digit_units = [w for w, (k, v) in kinds.items() if k == "unit" and v < 10]
        unit_w = alias_pattern(ci_words=digit_units)
        starters = [w for w, (k, _v) in kinds.items() if k != "tens"] + sorted(articles)
        any_w = alias_pattern(ci_words=list(kinds) + list(scales_w) + list(half_tail) + list(articles))
        start_w = alias_pattern(ci_words=starters)
        filler = alias_pattern(ci_words=fillers)
        vague_lb = ""
        if vague:
            # one fixed-width look-behind per word (a `re` requirement)
            vague_lb = "".join(f"(?<!{re.escape(v)})" for w in sorted(vague)
                               for v in {w + " ", w.capitalize() + " "})
        sep = rf"(?:{SP}++|{SP}*+-{SP}*+)"
        # spelled: a starter word then words, possibly with "and"/"linh" inside.
        self.SPELLED = rf"{first_chars(starters, True)}{vague_lb}{start_w}(?:{sep}(?:{filler}{sep})?{any_w})*+"
        frac = rf"(?:{SP}++{decw}{SP}++(?:[0-9]++(?![0-9.,])|{unit_w}(?:{SP}++{unit_w})*+))?"
        additive = rf"(?:{SP}++{DIGITS}{SP}*+{scale_w}(?:{SP}++{scale_w})*+)*+"
        # the colloquial tail after a scale word: "1 triệu 2" = 1.2 million, "3 tỷ 5" = 3.5
        # billion (one or two digits, then the end of the amount; see [scales.digit_tail])
        tail_end = alias_pattern(ci_words=sorted(tail_before)) if tail_before else r"(?!)"
        tail = (rf"(?:{SP}++[1-9][0-9]?+(?=[ \t]*+(?:[,;:)/\n]|\.(?![0-9])|$|{tail_end}(?![^\W_]))))?"
                if tail_before else "")
        # digits with an optional decimal word part, scales, and additive groups ("1 tỷ 200 triệu")
        self.NUMD = rf"{DIGITS}{frac}(?:{self.SCALES}{additive}{tail})?"
        self.NUMW = rf"{self.SPELLED}{frac}"
        neg = alias_pattern(ci_words=self.negative_words)
        self._full = re.compile(
            rf"(?:(?P<neg>-|{neg}){SP}*+)?(?:{self.NUMD}|{self.NUMW})")
        self._tok = re.compile(r"[0-9]++/[0-9]++|[0-9][0-9.,]*+(?:-[0-9]++/[0-9]++)?|[^\W\d_]++\.?|[%$]")
        self.fraction_langs = set(digits.get("fraction_langs", []))

    # -- evaluation ------------------------------------------------------------------

    def digits_value(self, s: str, lang: str, scaled: bool = False) -> Decimal | None:
        """A digit string read with the separators of `lang`; "1-1/2", "3/8" in `fraction_langs`."""
        if "/" in s:
            if lang not in self.fraction_langs:
                return None
            whole, _, frac = s.rpartition("-") if "-" in s else ("", "", s)
            num, den = frac.split("/")
            if int(num) >= int(den):
                return None
            w = digits_value(whole, lang in self.decimal_comma_langs, scaled) if whole else Decimal(0)
            return None if w is None else w + Decimal(num) / Decimal(den)
        return digits_value(s, lang in self.decimal_comma_langs, scaled)

    def evaluate(self, text: str, lang: str) -> tuple[Decimal, dict] | None:
        """Value of a number expression matched by NUMD / NUMW (no sign), and facts about
        it: {"scaled": bool, "spelled": bool, "mantissa": Decimal, "scale": Decimal, "weak": bool}."""
        toks = self._tok.findall(text)
        if not toks:
            return None
        total = Decimal(0)
        small: Decimal | None = None
        last_unit: Decimal | None = None
        last_group = Decimal(0)
        last_scale: Decimal | None = None
        prev = None
        prev_val = Decimal(0)
        first_scale: Decimal | None = None
        mantissa: Decimal | None = None
        spelled = False
        words = 0
        weak_only = True
        before_filler = None
        lead_article = False
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if t[0].isdigit():
                nxt = toks[i + 1] if i + 1 < n else ""
                is_scaled = nxt.casefold() in self.scales_w or nxt in self.scales_a
                v = self.digits_value(t, lang, is_scaled)
                if v is None or (small is not None and prev not in ("filler",)):
                    return None
                small, last_unit, prev, weak_only = v, None, "digits", False
                i += 1
                continue
            f = t.casefold()
            if f.endswith(".") and f not in self.scales_w:
                f = f[:-1]
            words += 1
            if f in self.decimal_words and small is not None:
                # decimal digits: a digit run or unit words, one digit each
                i += 1
                digs = ""
                if i < n and toks[i][0].isdigit():
                    digs = toks[i].replace(".", "").replace(",", "")
                    i += 1
                else:
                    while i < n and self.kinds.get(toks[i].casefold(), ("", 99))[0] == "unit" \
                            and self.kinds[toks[i].casefold()][1] < 10:
                        digs += str(int(self.kinds[toks[i].casefold()][1]))
                        i += 1
                if not digs:
                    return None
                small = small + Decimal("0." + digs)
                prev = "digits"
                continue
            if prev == "digits" and t in self.scales_a and f not in self.kinds:
                kind, val = "scale", self.scales_a[t]
            elif f in self.scales_w:
                kind, val = "scale", self.scales_w[f]
            elif t in self.scales_a and prev == "digits":
                kind, val = "scale", self.scales_a[t]
            elif f in self.kinds:
                kind, val = self.kinds[f]
            elif f in self.half_tail:
                kind, val = "half", Decimal(0)
            elif f in self.fillers:
                kind, val = "filler", Decimal(0)
            elif f in self.articles:
                kind, val = "article", Decimal(1)
            else:
                return None
            if kind != "scale":
                spelled = True
            if f not in self.weak and kind not in ("filler",):
                weak_only = False
            if kind in ("unit", "ten") and prev == "filler" and before_filler not in ("hundred", "scale"):
                return None   # "two and three" is two numbers; "one hundred and five" is one
            if kind == "filler":
                if f in self.frac_fillers and prev != "fraction":
                    return None   # "a quarter of a billion"; never "one of a kind"
                before_filler = prev
            if kind == "unit":
                if prev == "unit" and not (prev_val >= 20 and prev_val % 10 == 0 and val < 10):
                    return None
                if prev == "digits":
                    return None
                small = (small or Decimal(0)) + val
                last_unit = val
            elif kind == "ten":
                if prev in ("unit", "digits", "ten"):
                    return None
                small = (small or Decimal(0)) + val
                last_unit = None
            elif kind == "tens":
                if last_unit is None or prev != "unit":
                    return None
                small = small - last_unit + last_unit * val
                last_unit = None
            elif kind == "hundred":
                small = (small if small is not None else Decimal(1)) * val
                last_unit = None
            elif kind == "fraction":
                if small is None or (prev == "article" and lead_article):
                    small = val   # "half a ...", "a quarter of a ..."
                elif prev in ("article", "filler"):
                    small = small + val
                else:
                    small = small * val
                last_unit = None
            elif kind == "article":
                if prev not in (None, "fraction", "filler"):
                    return None
                if i + 1 < n and self.kinds.get(toks[i + 1].casefold(), ("",))[0] in ("unit", "ten"):
                    return None   # "a one-dollar coin": the article is not part of the number
                if prev is None:
                    small = Decimal(1)
                    lead_article = True
            elif kind == "scale":
                if prev == "scale":
                    total -= last_group
                    last_group *= val
                    total += last_group
                    last_scale = last_scale * val if last_scale else val
                else:
                    if small is None:
                        return None
                    if mantissa is None:
                        mantissa = small
                    last_group = small * val
                    total += last_group
                    last_scale = val
                if first_scale is None:
                    first_scale = val
                small = None
                last_unit = None
            elif kind == "half":
                if prev == "scale" and last_scale:
                    total += last_scale / 2
                elif prev == "hundred" and small is not None:
                    small += Decimal(50)
                else:
                    return None
            prev, prev_val = kind, val
            i += 1
        if prev == "filler":
            return None   # "two and" is not a number
        if prev == "digits" and n >= 3 and self.kinds.get(toks[-2].casefold(), ("",))[0] != "hundred" \
                and (toks[-2].casefold() in self.scales_w) and last_scale and toks[-1].isdigit() \
                and len(toks[-1]) <= 2 and toks[-1][0] != "0":
            # "1 triệu 2": the digits after the last scale word are its leading decimals
            if lang not in self.decimal_comma_langs:
                return None
            small = Decimal(toks[-1]) * last_scale / (10 ** len(toks[-1]))
        if small is None and prev not in ("scale", "half"):
            if total == 0 and prev is None:
                return None
        value = total + (small or Decimal(0))
        if first_scale is None:
            mantissa = value
            scale = Decimal(1)
        else:
            scale = first_scale
            if mantissa is None:
                mantissa = value
            # stacked scales ("nghìn tỷ"): the whole multiplier
            scale = value / mantissa if mantissa else first_scale
        return value, {"scaled": first_scale is not None, "spelled": spelled, "mantissa": mantissa,
                       "scale": scale, "weak": spelled and weak_only}

    def parse(self, text: str, lang: str = "en") -> Decimal | None:
        m = self._full.fullmatch(text.strip())
        if not m:
            return None
        body = text.strip()[m.end("neg"):] if m.group("neg") is not None else text.strip()
        r = self.evaluate(body, lang)
        if r is None or (r[1]["weak"] and body.casefold() not in self.kinds):
            return None
        v = r[0]
        return -v if m.group("neg") is not None else v


def digits_value(s: str, decimal_comma: bool, scaled: bool = False) -> Decimal | None:
    """Read a digit string. Both marks: the last one is the decimal mark. One kind repeated:
    grouping. One mark: a decimal mark unless exactly three digits follow (then the locale
    decides; two trailing zeros with no scale word after mean grouping: `1,300`, `1.500`)."""
    try:
        has_dot, has_comma = "." in s, "," in s
        if not has_dot and not has_comma:
            return Decimal(s)
        if has_dot and has_comma:
            last = max(s.rfind("."), s.rfind(","))
            dec = s[last]
            grp = "," if dec == "." else "."
            if s.count(dec) > 1:
                return None
            return Decimal(s[:last].replace(grp, "") + "." + s[last + 1:])
        sep = "." if has_dot else ","
        if s.count(sep) > 1:
            return Decimal(s.replace(sep, ""))
        intp, frac = s.split(sep)
        if len(frac) != 3 or intp == "0":
            return Decimal(intp + "." + frac)
        locale_dec = "," if decimal_comma else "."
        if sep == locale_dec and (scaled or not frac.endswith("00")):
            return Decimal(intp + "." + frac)
        return Decimal(intp + frac)
    except InvalidOperation:
        return None


@lru_cache(maxsize=16)
def number_grammar(ruleset: RuleSet | None = None) -> NumberGrammar:
    return NumberGrammar(ruleset or default_ruleset())


def parse_number(text: str, lang: str = "en", ruleset: RuleSet | None = None) -> Decimal | None:
    """The exact value of a number expression, or None: `parse_number("1,3 tỷ", "vi")` ->
    Decimal("1300000000"); digits, scale words, spelled-out vi/en numbers, a leading sign."""
    return number_grammar(ruleset).parse(text, lang)


# --- amounts with units -----------------------------------------------------------------

@dataclass
class UnitInfo:
    unit: str                 # ISO code, "%", "pp"
    factor: Decimal = Decimal(1)   # sub-units: 0.01
    sub_of: tuple[str, ...] = ()   # a sub-unit combines with these units ("*": any)
    kind: str = "name"        # name | code | symbol
    alone: str = ""           # a sub-unit alone counts in this unit ("10¢" -> USD)
    max_glued: Decimal | None = None   # a glued unit only below this number ("1080p" is video)
    minor_code: bool = False  # a code that, before a short bare integer, names something else ("COP28")
    min_value: Decimal | None = None   # a name that below this (unscaled) is a word ("12 won seats")
    # a name that is also a measure ("pound"): unscaled, it is the measure after one of
    # `measure_before` ("lost 20 pounds"), before one of `measure_after` ("10 pounds of rice"),
    # and glued by a hyphen ("a 5-pound bag") unless before one of `measure_money_nouns`
    measure_before: frozenset = frozenset()
    measure_after: frozenset = frozenset()
    measure_money_nouns: frozenset = frozenset()


@dataclass
class Amount:
    """One amount found in text (before ranges/lists are resolved)."""
    start: int                # span start (qualifier included)
    core: int                 # where the number or its prefix unit begins
    end: int
    value: Decimal
    mantissa: Decimal
    scale: Decimal
    scaled: bool
    spelled: bool
    unit: UnitInfo | None
    prefix_unit: bool = False
    qual: str = ""
    qual_start: int = -1
    range_word: str = ""
    range_start: int = -1
    post: str = ""
    yearlike: bool = False
    carried: bool = False
    rule: str = ""
    lang: str = ""
    merged: list = field(default_factory=list)


@dataclass
class Result:
    start: int
    end: int
    value: object             # Decimal or {"from", "to"}
    unit: UnitInfo
    qualifier: str
    rule: str


class AmountGrammar:
    """Amounts with units, qualifiers, ranges, changes, lists and compounds.

    `prefix`, `suffix`, `suffix_names`, `attached`: alias -> UnitInfo maps (keys as written;
    `ci` keys are matched in any case). `not_before`: alias (folded) -> words that, right after
    it, cancel it. `compounds`: combine "3 dollars 50 cents"."""

    def __init__(self, ruleset: RuleSet, name: str, prefix_cs: dict, prefix_ci: dict,
                 suffix_cs: dict, suffix_ci: dict, names_ci: dict, attached_cs: dict | None = None,
                 not_before: dict | None = None, compounds: bool = False,
                 suffix_reject_after: str | None = None, spelled_cs: dict | None = None,
                 implicit: list[dict] | None = None):
        self.name = name
        self.ng = number_grammar(ruleset)
        self.compounds = compounds
        self.prefix_cs, self.prefix_ci = prefix_cs, {k.casefold(): v for k, v in prefix_ci.items()}
        self.suffix_cs, self.suffix_ci = suffix_cs, {k.casefold(): v for k, v in suffix_ci.items()}
        self.names_ci = {k.casefold(): v for k, v in names_ci.items()}
        self.attached_cs = attached_cs or {}
        self.not_before = {norm_alias(k.casefold()): v for k, v in (not_before or {}).items()}
        self._load_qualifiers(ruleset)
        self._load_ranges(ruleset)
        self._load_implicit(implicit or [])
        ng = self.ng

        pre = alias_pattern(prefix_cs, prefix_ci, end=PREFIX_END_B)
        suf = alias_pattern(suffix_cs, suffix_ci, start=SUFFIX_START_B)
        self.spelled_cs = spelled_cs or {}
        names = alias_pattern((), names_ci)
        self.spelled_cs = {k.casefold(): v for k, v in self.spelled_cs.items()}
        names_codes = alias_pattern((), self.spelled_cs)
        # after a lone article ("a", "an") only a currency name: "a dollar", never "a $5"
        not_art = "".join(f"(?<!\\b{re.escape(w)})(?<!\\b{re.escape(w.upper())})(?<!\\b{re.escape(w.capitalize())})"
                          for w in sorted(ng.articles))
        att = ("(?-i:" + trie_pattern(self.attached_cs) + r")(?![^\W_])") if self.attached_cs else r"(?!)"
        reject = f"(?!{suffix_reject_after})" if suffix_reject_after else ""
        qual = alias_pattern(ci_words=self.pre_quals)
        rs = alias_pattern(ci_words=self.start_words)
        post = alias_pattern(ci_words=self.post_quals)
        postg = alias_pattern(ci_words=self.post_glued)
        lb_digit = r"(?<![^\W_])(?<![%=&?/#@\\])(?<!\d[.,])(?<![^\W\d_]-)"
        pattern = (
            r"(?<![^\W_])"   # an amount starts a word (or at a symbol): one cheap test per position
            rf"(?:(?P<q1>{qual}){SP}++)?(?:(?P<rs>{rs}){SP}++)?(?:(?P<q2>{qual}){SP}++)?"
            rf"(?:(?P<pu>{pre}){SP}*+(?:(?P<pn>{ng.NUMD})|(?P<pw>{ng.NUMW})(?![^\W_]))"
            rf"|{lb_digit}(?P<sn>{ng.NUMD})(?:(?P<sa>{att})|(?:{SP}?+|-(?=[^\W\d_]{{2}}))(?P<su>{suf}){reject}(?:{SP}++(?P<ss>{ng.SCALE_WORD}))?|(?![^\W\d_]))"
            rf"|(?P<wn>{ng.NUMW})(?:(?:{SP}++|-)(?P<wu>{names})|{not_art}{SP}++(?P<wc>{names_codes}))?)"
            rf"(?:{SP}++(?P<post>{post})|(?P<postg>{postg}))?"
        )
        self.rx = re.compile(pattern)
        order = ("q1", "rs", "q2", "pu", "pn", "pw", "sn", "sa", "su", "ss", "wn", "wu", "wc", "post", "postg")
        assert self.rx.groups == len(order) and all(self.rx.groupindex[k] == i + 1 for i, k in enumerate(order)), \
            "AmountGrammar._scan reads the groups by position"
        self._build_anchors()

    # -- vocabulary --------------------------------------------------------------------

    def _load_qualifiers(self, ruleset: RuleSet) -> None:
        pre: dict[str, str] = {}
        post: dict[str, str] = {}
        glued: dict[str, str] = {}
        for d in ruleset.toml("numbers/qualifiers.toml"):
            for q, ws in d.get("pre", {}).items():
                if q == "examples":
                    continue
                for w in ws:
                    pre[norm_alias(w.casefold())] = "" if q == "none" else q
            for q, ws in d.get("post", {}).items():
                if q == "examples":
                    continue
                for w in ws:
                    post[norm_alias(w.casefold())] = q
            for q, ws in d.get("post_glued", {}).items():
                if q == "examples":
                    continue
                for w in ws:
                    glued[w.casefold()] = q
        self.pre_quals, self.post_quals, self.post_glued = pre, post, glued
        vp: set[str] = set()
        verbs: set[str] = set()
        endings: list[str] = []
        for d in ruleset.toml("numbers/qualifiers.toml"):
            pv = d.get("particle_verbs", {})
            vp.update(norm_alias(w.casefold()) for w in pv.get("qualifiers", []))
            verbs.update(w.casefold() for w in pv.get("verbs", []))
            endings.extend(w.casefold() for w in pv.get("verb_endings", []))
        self.verb_particles, self.particle_verbs = vp, verbs
        self.particle_verb_endings = tuple(endings) or ("\0",)

    def _load_ranges(self, ruleset: RuleSet) -> None:
        self.start_words: set[str] = set()
        self.dash: set[str] = set()
        self.range_after: dict[str, set[str]] = {}
        self.change_after: dict[str, set[str]] = {}
        self.change_verbs: set[str] = set()
        self.list_words: set[str] = set()
        self.compound_after: set[str] = set()
        self.verb_change: set[str] = set()
        for d in ruleset.toml("numbers/ranges.toml"):
            self.start_words.update(norm_alias(w.casefold()) for w in d.get("start_words", []))
            self.dash.update(d.get("dash", []))
            for k, ws in d.get("range_after", {}).items():
                self.range_after.setdefault(k.casefold(), set()).update(norm_alias(w.casefold()) for w in ws)
            for k, ws in d.get("change_after", {}).items():
                self.change_after.setdefault(k.casefold(), set()).update(norm_alias(w.casefold()) for w in ws)
            self.change_verbs.update(w.casefold() for w in d.get("change_verbs", {}).get("words", []))
            self.list_words.update(w.casefold() for w in d.get("list", {}).get("words", []))
            self.verb_change.update(norm_alias(w.casefold()) for w in d.get("change_verbs", {}).get("connectors", []))
            self.compound_after.update(w.casefold() for w in d.get("compound", {}).get("words_after", []))
        self._num_end = re.compile(r"[\d%][ \t]*$")
        self._next_word = re.compile(r"[ \t]*+([^\W\d_]+)")
        self._last_word = re.compile(r"([^\W\d_]+)[ \t]*+$")

    def _load_implicit(self, specs: list[dict]) -> None:
        """Units a language leaves unwritten after a scale word in a money context
        ("lãi 2.800 tỷ" = 2,800 billion đồng): see rules/money/currencies.toml [[implicit]]."""
        self.implicit = []
        self._implicit_langs = {lg for sp in specs for lg in sp.get("langs", [])}
        conv = sorted({norm_alias(w.casefold()) for sp in specs for w in sp.get("conversion", [])})
        self._convert_rx = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in conv)
                                      + r")(?![^\W_])", re.IGNORECASE) if conv else None
        for sp in specs:
            before = sorted({norm_alias(w.casefold()) for w in sp.get("before", [])}, key=len, reverse=True)
            after = {w.casefold() for w in sp.get("after", [])}
            if not before and not sp.get("near_only"):
                continue
            # near_only: only the currency of a money amount earlier in the sentence is carried
            # ("$4.5 billion, up from 3.9 billion"); no unit is ever assumed
            rx = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in before)
                            + r")(?![^\W_])", re.IGNORECASE) if before else re.compile(r"(?!)")
            self.implicit.append((UnitInfo(unit=sp.get("unit", ""), kind="implicit"), set(sp.get("langs", [])),
                                  {w.casefold() for w in sp.get("scales", [])}, rx, after,
                                  int(sp.get("reach", 40))))
        self._clause_break = re.compile(r".*(?:[;:!?()\[\]\"“”\n]|[.,](?![0-9]))", re.DOTALL)
        self._after_word = re.compile(r"[ \t]*+([^\W\d_]*)")
        self._sentence_end = re.compile(r"[.!?](?:[ \t]|$)|\n")

    def _conversion(self, text: str, prev: Amount, a: Amount) -> bool:
        """Is `a` the same sum in another currency ("500 triệu USD, tương đương 12.000 tỷ",
        "(khoảng 12.000 tỷ)")?"""
        gap = text[prev.end:a.core]
        return "(" in gap or bool(self._convert_rx and self._convert_rx.search(gap))

    def _implicit_unit(self, text: str, a: Amount, near: bool = False) -> UnitInfo | None:
        """The implicit unit of a bare scaled amount in a money context; `near`: a money amount
        stands earlier in the same sentence (then no context word is needed)."""
        for unit, langs, scales, rx, after, reach in self.implicit:
            if a.lang not in langs or not a.scaled or a.spelled:
                continue
            ws = text[a.core:a.end].split()
            last = ws[-1].casefold()
            if last.isdigit() and len(ws) >= 3:
                last = ws[-2].casefold()   # "1 triệu 2": the colloquial tail (see [scales.digit_tail])
            if last not in scales:
                continue
            m = self._after_word.match(text, a.end)
            if m.group(1) and m.group(1).casefold() not in after:
                continue   # "1,4 tỷ dân", "10 triệu cổ phiếu": a count
            if near:
                return unit
            lo = max(0, a.start - reach)
            seg = text[lo:a.start]
            cb = self._clause_break.match(seg)
            if cb:
                lo += cb.end()
            if rx.search(text, lo, a.start):
                return unit
        return None

    def lookup(self, alias: str, cs: dict, ci: dict) -> UnitInfo | None:
        a = norm_alias(alias)
        return cs.get(a) or ci.get(a.casefold())

    # -- scanning ----------------------------------------------------------------------

    def _build_anchors(self) -> None:
        """Units are rare in text; the full grammar runs only in windows around a unit that
        has a number next to it (found with an Aho-Corasick automaton, linear time)."""
        ng = self.ng
        keys = set()
        for d in (self.prefix_cs, self.prefix_ci, self.suffix_cs, self.suffix_ci, self.names_ci,
                  self.attached_cs, self.spelled_cs):
            for k in d:
                k = norm_alias(k).lower()
                if len(k) >= 2 or not k.isalpha():
                    keys.add(k)
        for u, _l, scales, *_rest in self.implicit:
            if u.unit:   # (a near_only spec's amounts sit in the window of the money amount before them)
                keys.update(w.lower() for w in scales)
        self._ac = ahocorasick.Automaton()
        for k in keys:
            self._ac.add_word(k, len(k))
        self._ac.make_automaton()
        # single letters as units ("10 c", "12.500đ", "5m") only glued or next to digits
        self._short = re.compile(r"\d[ \t]?[^\W\d_](?![^\W_])")
        words = [w for w in list(ng.kinds) + list(ng.scales_w) + list(ng.articles) + list(ng.half_tail)]
        self._num_before = re.compile(
            r"(?:\d|(?<![^\W_])(?i:" + trie_pattern(sorted(set(words))) + r"))[.,]?[ \t-]*$")
        self._num_after = re.compile(r"[ \t]*(?:\d|(?i:" + trie_pattern(sorted(set(words))) + r")(?![^\W_]))")

    # How far around a unit an amount, its qualifier, range word and list partners may reach.
    LEFT, RIGHT = 100, 70

    def windows(self, text: str) -> list[tuple[int, int]]:
        low = text.lower()
        if len(low) != len(text):
            return [(0, len(text))]
        n = len(text)
        spans: list[tuple[int, int]] = []
        nb, na = self._num_before, self._num_after
        last_ok = -1
        for end, ln in self._ac.iter(low):
            s, e = end - ln + 1, end + 1
            if s <= last_ok:
                continue
            # a word-like unit is a whole word (digits may touch it: "115USD", "USD115")
            if (s > 0 and low[s].isalpha() and low[s - 1].isalpha()) or \
                    (e < n and low[e - 1].isalpha() and low[e].isalpha()):
                continue
            if nb.search(text, max(0, s - 30), s) or na.match(text, e):
                spans.append((s, e))
                last_ok = e
        for m in self._short.finditer(text):
            spans.append((m.start(), m.end()))
        if not spans:
            return []
        spans.sort()
        out: list[tuple[int, int]] = []
        for s, e in spans:
            ws, we = max(0, s - self.LEFT), min(n, e + self.RIGHT)
            if out and ws <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], we))
            else:
                out.append((ws, we))
        # never cut a word at a window edge
        res = []
        for ws, we in out:
            lo, hi = max(0, ws - 40), min(n, we + 40)
            while ws > lo and not text[ws - 1].isspace():
                ws -= 1
            while we < hi and not text[we].isspace():
                we += 1
            res.append((ws, we))
        return res

    def amounts(self, text: str, lang_at) -> list[Amount]:
        out: list[Amount] = []
        for ws, we in self.windows(text):
            if out and ws < out[-1].end:
                ws = out[-1].end
            self._scan(text, ws, we, lang_at, out)
        return out

    def _scan(self, text: str, ws: int, we: int, lang_at, out: list) -> None:
        ng = self.ng
        for m in self.rx.finditer(text, ws, we):
            # all groups at once (one call instead of a dozen; order checked in __init__)
            q1, rs, q2, pu, pn, pw, sn, sa, su, ss, wn, wu, wc, post, postg = m.groups()
            if pu is not None:
                g = 5 if pn is not None else 6
                num, ns = (pn if pn is not None else pw), m.start(g)
                unit = self.lookup(pu, self.prefix_cs, self.prefix_ci)
                prefix = True
                core = m.start(4)
                end = m.end(g)
            elif sn is not None:
                num, ns = sn, m.start(7)
                core = ns
                prefix = False
                unit = None
                end = m.end(7)
                if sa is not None:
                    unit = self.attached_cs.get(sa)
                    end = m.end(8)
                elif su is not None:
                    nb = self.not_before.get(norm_alias(su.casefold()))
                    if nb and self._followed_by(text, m.end(9), nb):
                        unit = None
                    else:
                        unit = self.lookup(su, self.suffix_cs, self.suffix_ci)
                        end = m.end(9)
            else:
                num, ns = wn, m.start(11)
                core = ns
                prefix = False
                unit = None
                end = m.end(11)
                if wc is not None:
                    unit = self.spelled_cs.get(norm_alias(wc).casefold())
                    end = m.end(13)
                elif wu is not None:
                    nb = self.not_before.get(norm_alias(wu.casefold()))
                    if not (nb and self._followed_by(text, m.end(12), nb)):
                        unit = self.names_ci.get(norm_alias(wu.casefold()))
                        end = m.end(12)
            lang = lang_at(ns)
            r = ng.evaluate(num, lang)
            if r is None and wn is not None:
                # a leading article that is not part of the number ("a one-dollar coin")
                w0 = re.match(r"(\S+)\s+", num)
                if w0 and w0.group(1).casefold() in ng.articles:
                    r = ng.evaluate(num[w0.end():], lang)
                    if r is not None:
                        ns += w0.end()
                        core = ns
            if r is None and unit is None and wn is not None:
                # "two and three": the longest leading part that is one number
                for w in reversed(list(re.finditer(r"\S+", num))[:-1]):
                    r = ng.evaluate(num[:w.end()], lang)
                    if r is not None:
                        end = ns + w.end()
                        break
            if r is None:
                continue
            value, info = r
            if unit is not None and sa is not None and unit.max_glued is not None \
                    and value >= unit.max_glued and num.isdigit():
                continue   # "1080p" is video; "1,234p" is pence
            if prefix and unit is not None and unit.minor_code and num.isdigit() and len(num) <= 4:
                continue   # "COP28" (the summit), "PHP 8", "CRC32": not an amount
            if unit is not None and unit.min_value is not None and not info["scaled"] and ss is None \
                    and value < unit.min_value:
                continue   # "12 won seats": the verb, not the currency
            if unit is not None and unit.measure_before and not prefix and not info["scaled"] \
                    and ss is None and self._is_measure(text, ns, end, unit):
                continue   # "lost 20 pounds", "10 pounds of rice", "a 300-pound lineman": weight
            if info["weak"]:
                if not (unit is not None and num.strip().casefold() in ng.articles):
                    continue
                # "costs a dollar", "a dollar a day"; not "a euro zone country",
                # "a dollar-denominated bond", "a pound coin"
                if end < len(text) and text[end] in "-‐":
                    continue
                nw = self._next_word.match(text, end)
                if nw and nw.group(1).casefold() not in ng.article_after:
                    continue
            scaled = info["scaled"]
            scale = info["scale"]
            if unit is not None and ss is not None and su is not None and end == m.end(9):
                scale_after = ng.scales_w.get(ss.casefold(), Decimal(1))
                end = m.end(10)
                value *= scale_after
                scaled = scaled or scale_after != 1
                scale = scale * scale_after
            if sn is not None and unit is not None and ns > 0 and text[ns - 1] in "-−" \
                    and q1 is None and rs is None and q2 is None \
                    and (ns == 1 or text[ns - 2] in " \t\n(") and not self._num_end.search(text, max(0, ns - 12), ns - 1):
                # a glued sign that no number precedes ("fell -0.5%", "(-2.3%)"); "2 -3%" stays a range
                value, core = -value, ns - 1
            elif unit is not None and q1 is None and rs is None and q2 is None and ng.sign_words and ns > 1 \
                    and text[core - 1] in " \t":
                sw = self._last_word.search(text, max(0, core - 12), core)
                if sw and sw.group(1).casefold() in ng.sign_words:
                    # "tăng trưởng âm 1,5%", "inflation at minus 0.5%"
                    value, core = -value, sw.start(1)
            a = Amount(start=core, core=core, end=end, value=value, mantissa=info["mantissa"],
                       scale=scale, scaled=scaled, spelled=info["spelled"], unit=unit,
                       prefix_unit=prefix, lang=lang)
            a.yearlike = (not scaled and not info["spelled"] and num.isdigit() and len(num) == 4
                          and 1800 <= int(num) <= 2100)
            start = core
            if rs is not None:
                a.range_word = norm_alias(rs.casefold())
                a.range_start = start = m.start(2)
            if q2 is not None:
                a.qual, a.qual_start = self.pre_quals.get(norm_alias(q2.casefold()), ""), m.start(3)
                start = min(start, a.qual_start)
            if q1 is not None:
                a.qual, a.qual_start = self.pre_quals.get(norm_alias(q1.casefold()), ""), m.start(1)
                start = min(start, a.qual_start)
            if a.qual_start >= 0 and self.verb_particles:
                qw = norm_alias(text[a.qual_start:core].casefold()).strip()
                if qw in self.verb_particles:
                    pv = self._last_word.search(text, max(0, a.qual_start - 20), a.qual_start)
                    if pv and (pv.group(1).casefold() in self.particle_verbs
                               or pv.group(1).casefold().endswith(self.particle_verb_endings)):
                        # "edged up to 5%", "went up to $3": a verb and its particle, not "at most"
                        a.qual, a.qual_start, start = "", -1, (a.range_start if a.range_start >= 0 else core)
            if post is not None:
                if not text[end:m.start(14)].strip():
                    a.post = self.post_quals.get(norm_alias(post.casefold()), "")
                    a.end = m.end(14)
            elif postg is not None and end == m.start(15):
                a.post = self.post_glued.get(postg.casefold(), "")
                a.end = m.end(15)
            a.start = start
            out.append(a)

    def _is_measure(self, text: str, ns: int, end: int, unit: UnitInfo) -> bool:
        """Whether a currency name that is also a measure is told as the measure here."""
        nxt = self._next_word.match(text, end)
        nw = nxt.group(1).casefold() if nxt else ""
        if self._hyphen_name.search(text, ns, end) and nw not in unit.measure_money_nouns:
            return True   # "a 5-pound bag", "a 300-pound lineman" (but "a 10-pound note")
        if nw in unit.measure_after:
            return True
        before = self._prev_words_rx.findall(text, max(0, ns - 30), ns)[-2:]
        return any(w.casefold() in unit.measure_before for w in before)

    _prev_words_rx = re.compile(r"[^\W\d_]+")
    _hyphen_name = re.compile(r"\w-[^\W\d_]+$")

    @staticmethod
    def _followed_by(text: str, pos: int, words: set[str]) -> bool:
        j = pos
        while j < len(text) and text[j] in " \t":
            j += 1
        if j == pos:
            return False
        k = j
        while k < len(text) and (text[k].isalpha() or unicode_mark(text[k])):
            k += 1
        return text[j:k].casefold() in words

    # -- combining neighbours ----------------------------------------------------------

    def combine(self, text: str, amounts: list[Amount]) -> list[Result]:
        if not amounts:
            return []
        if self.compounds:
            amounts = self._compounds(text, amounts)
        results: list[Result] = []
        n = len(amounts)
        links: list[str | None] = [None] * n   # link between i and i+1
        for i in range(n - 1):
            links[i] = self._link(text, amounts[i], amounts[i + 1])
        self._carry_all(text, amounts, links)
        if self.implicit:
            # a unit left unwritten ("lãi 2.800 tỷ"), then carried to its partners ("3.000-3.500 tỷ")
            found = False
            last = None   # the last money amount, written or implicit
            for a in amounts:
                if a.unit is None and a.scaled and not a.spelled and a.lang in self._implicit_langs:
                    near = (last is not None and a.start - last.end <= 120
                            and not self._sentence_end.search(text, last.end, a.start))
                    u = self._implicit_unit(text, a, near)
                    if u is not None:
                        if near and not self._conversion(text, last, a):
                            # "... đạt 20 tỷ USD, vốn đăng ký 27 tỷ": the sentence's currency
                            u = last.unit
                        elif not u.unit:
                            continue   # a near_only spec: no currency to carry here
                        a.unit, a.rule, found = u, f"{self.name}/implicit", True
                        last = a
                elif a.unit is not None and a.unit.factor == 1:
                    last = a
            if found:
                self._carry_all(text, amounts, links)
        i = 0
        while i < n:
            a = amounts[i]
            if i + 1 < n and links[i] == "range" and a.unit is not None and amounts[i + 1].unit is not None \
                    and a.unit.unit == amounts[i + 1].unit.unit and a.unit.factor == amounts[i + 1].unit.factor:
                b = amounts[i + 1]
                if not a.scaled and b.scaled and a.mantissa <= b.mantissa:
                    a.value = a.mantissa * b.scale   # "$1-2 billion": the scale is written once
                elif a.scaled and not b.scaled and b.value <= a.mantissa and not b.carried:
                    b.value = b.value * a.scale
                if a.value <= b.value:
                    start = a.start
                    results.append(Result(start, b.end, {"from": clean(a.value), "to": clean(b.value)}, a.unit,
                                          a.qual or b.qual or b.post, f"{self.name}/range"))
                    i += 2
                    continue
            if a.unit is not None:
                start = a.start
                if a.range_word and a.post not in ("at_least", "at_most"):
                    # the range word stays outside a single amount ("tăng từ [gần 354 triệu USD]")
                    if a.qual_start >= 0 and a.qual_start < a.range_start:
                        start = a.qual_start
                    elif a.qual_start > a.range_start:
                        start = a.qual_start
                    else:
                        start = a.core
                qual = a.qual or a.post
                rule = a.rule or (f"{self.name}/carried" if a.carried else
                                  f"{self.name}/{'unit-before' if a.prefix_unit else 'unit-after'}")
                results.append(Result(start, a.end, clean(a.value), a.unit, qual, rule))
            i += 1
        return results

    def _carry_all(self, text: str, amounts: list[Amount], links: list) -> None:
        """Carry units right-to-left (lists, changes, ranges) then left-to-right."""
        n = len(amounts)
        for i in range(n - 2, -1, -1):
            a, b = amounts[i], amounts[i + 1]
            if links[i] and a.unit is None and b.unit is not None:
                if self._compatible(a, b, links[i]):
                    self._carry(b, a, links[i])
        for i in range(n - 1):
            a, b = amounts[i], amounts[i + 1]
            if b.unit is None and a.unit is not None and (
                    links[i] == "change" or (links[i] == "range" and self._gap(text, a, b) in self.dash)):
                if self._compatible(b, a, links[i], forward=True):
                    self._carry(a, b, links[i])

    def _gap(self, text: str, a: Amount, b: Amount) -> str:
        return " ".join(text[a.end:b.start].split()).casefold()

    def _link(self, text: str, a: Amount, b: Amount) -> str | None:
        if b.start - a.end > 24 or b.qual_start >= 0 and b.qual_start < b.core and b.range_word:
            return None
        if b.range_word:
            return None
        g = self._gap(text, a, b)
        rw = a.range_word
        if g in self.dash:
            return "range"
        changed = False
        if rw and rw in self.change_after:
            # only a start word that may open a change ("tăng từ", "rose from"); "rise between
            # 2 and 3 per cent" stays a range
            mw = self._last_word.search(text, max(0, a.range_start - 30), a.range_start)
            changed = bool(mw and mw.group(1).casefold() in self.change_verbs)
        if not rw and g in self.verb_change and a.unit is not None:
            # "fell 20 cents to $4.10", "rose 2% to 3%": a move, not a range
            # ("rose 5 to 7 percent", the unit written once, stays a range)
            mw = self._last_word.search(text, max(0, a.start - 30), a.start)
            changed = bool(mw and mw.group(1).casefold() in self.change_verbs)
            if changed:
                return "move"   # two facts; no unit carried ("rose 0.3% to 104.5" is an index level)
        if g in self.range_after.get(rw, ()) and not changed:
            return "range"
        if g in self.change_after.get(rw, ()) or (changed and g in self.range_after.get(rw, ())):
            return "change"
        if not rw and g in self.range_after.get("", ()):
            return "range"
        if g in self.list_words:
            return "list"
        return None

    def _compatible(self, bare: Amount, full: Amount, link: str, forward: bool = False) -> bool:
        """May the unit of `full` be carried to `bare` across `link`?"""
        if bare.yearlike or bare.spelled != full.spelled and bare.spelled:
            return False
        if link == "range":
            lo, hi = (full, bare) if forward else (bare, full)
            if not bare.scaled and full.scaled:
                # "5-7 triệu": the scale is written once
                return (bare.mantissa <= full.mantissa) if not forward else True
            return lo.value <= hi.value or not forward
        if bare.scaled != full.scaled:
            if link == "change" and not bare.scaled and full.scaled and bare.mantissa < 1000:
                return True
            return False
        return True

    def _carry(self, full: Amount, bare: Amount, link: str) -> None:
        bare.unit = full.unit
        bare.carried = True
        if not bare.scaled and full.scaled and (link in ("range", "change")):
            bare.value = bare.mantissa * full.scale
            bare.scaled = True
            bare.scale = full.scale

    def _compounds(self, text: str, amounts: list[Amount]) -> list[Amount]:
        """"3 dollars 50 cents", "$20 and 43c", "15 dollars 50", "US$3 and fourteen"."""
        out: list[Amount] = []
        for b in amounts:
            if out:
                a = out[-1]
                if self._compound_ok(text, a, b):
                    sub = b.unit.factor if (b.unit is not None and b.unit.factor != 1) else Decimal("0.01")
                    a.value = a.value + b.value * (sub if b.unit is None else b.unit.factor)
                    a.end = b.end
                    a.merged.append(b)
                    a.rule = f"{self.name}/compound"
                    continue
            if b.unit is not None and b.unit.factor != 1:
                # a sub-unit alone: "10¢" = 0.10 USD
                b.value = b.value * b.unit.factor
                b.unit = UnitInfo(unit=b.unit.alone or b.unit.unit)
            out.append(b)
        return out

    def _compound_ok(self, text: str, a: Amount, b: Amount) -> bool:
        if a.unit is None or a.unit.factor != 1 or a.scaled or a.post or a.merged:
            return False
        if b.qual_start >= 0 or b.range_word or b.scaled or b.post:
            return False
        g = self._gap(text, a, b)
        if g not in ("", "and", "và"):
            return False
        if b.unit is not None:
            if b.unit.factor == 1:
                return False
            subs = b.unit.sub_of
            return "*" in subs or a.unit.unit in subs
        # a bare number of cents: below 100, whole
        if b.value >= 100 or b.value != b.value.to_integral_value() or b.yearlike:
            return False
        if a.prefix_unit and g == "":
            return False
        nxt = self._next_word.match(text, b.end)
        if nxt and nxt.group(1).casefold() not in self.compound_after:
            return False   # "$5 and 10 employees"
        return True


def clean(v: Decimal) -> Decimal:
    """Exact value without noise digits: 1300000000.0 -> 1300000000, 353.780 -> 353.78."""
    if v == v.to_integral_value():
        return v.quantize(Decimal(1))
    return v.normalize()


def unicode_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


__all__ = ["parse_number", "digits_value", "number_grammar", "NumberGrammar", "AmountGrammar",
           "Amount", "Result", "UnitInfo", "trie_pattern", "alias_pattern", "DIGITS"]
