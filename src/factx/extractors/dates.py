"""Dates, periods and ranges (Vietnamese and English), resolved to ISO 8601 at their grain.

How it works:
1. Candidates come from our own compiled `regex` patterns, built once from the vocabulary in
   `rules/dates/lexicon.toml` (month and weekday names, relative words, period words).
   Each pattern has a resolver that turns its named groups into one or two `P` points
   (year, month, day, hour, minute, quarter, week), some of them still partial (no year) or
   relative (a shift from the reference date).
2. Overlaps among candidates: the longest span wins.
3. Adjacent atoms combine: weekday + date ("thứ Hai (11/11)"), time + date ("15h30 ngày
   12/11", "3 p.m. on November 13"), date + time, part of day + date ("chiều 12/11",
   "November 13 afternoon"), date + range word + date ("từ 25/3 đến 2/4/2024").
4. Values: a partial date takes its year from the other end of its range, else the
   reference date (the nearest year that keeps the date plausible), else a year mentioned
   earlier in the same paragraph, else ISO's year-less form (`--11-12`). Relative
   expressions without a reference date get value None.

dateparser is never used as a finder; the resolvers here cover what the patterns find.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, field

import regex

from ..model import Fact

TYPES = ("date",)

GRAINS = ("year", "quarter", "month", "week", "day", "hour", "minute")


from functools import lru_cache


@lru_cache(maxsize=None)
def _rx(p: str, f: int = 0):
    return regex.compile(p, f)


@lru_cache(maxsize=None)
def _rxr(p: str, f: int = 0):
    return regex.compile(p, f | regex.REVERSE)


def _rs(p, s, f=0):
    # a pattern anchored at the end ("...$") is searched from the end (REVERSE): a forward
    # search would try every start position of the window before failing
    return (_rxr if p[-1] == "$" else _rx)(p, f).search(s)


def _rm(p, s, f=0):
    return _rx(p, f).match(s)


def _rf(p, s, f=0):
    return _rx(p, f).findall(s)


def _rsub(p, r, s, f=0):
    return _rx(p, f).sub(r, s)


# --- points and candidates -------------------------------------------------------------

@dataclass(slots=True)
class P:
    """A point in time at some grain; `y` may be missing (partial) or given as `yrel`
    (a shift in years from the reference date)."""
    y: int | None = None
    m: int | None = None
    d: int | None = None
    H: int | None = None
    M: int | None = None
    q: int | None = None
    w: int | None = None
    yrel: int | None = None

    def grain(self) -> str:
        if self.M is not None:
            return "minute"
        if self.H is not None:
            return "hour"
        if self.d is not None:
            return "day"
        if self.w is not None:
            return "week"
        if self.m is not None:
            return "month"
        if self.q is not None:
            return "quarter"
        return "year"

    def iso(self) -> str | None:
        if self.y is None:
            if self.m is None:
                return None
            s = f"--{self.m:02d}"
            if self.d is not None:
                s += f"-{self.d:02d}"
            return s
        if self.w is not None and self.d is None:
            return f"{self.y:04d}-W{self.w:02d}"
        if self.q is not None and self.m is None:
            return f"{self.y:04d}-Q{self.q}"
        s = f"{self.y:04d}"
        if self.m is None:
            return s
        s += f"-{self.m:02d}"
        if self.d is None:
            return s
        s += f"-{self.d:02d}"
        if self.H is None:
            return s
        return s + f"T{self.H:02d}:{(self.M or 0):02d}"


@dataclass(slots=True)
class C:
    start: int
    end: int
    a: P | None
    b: P | None = None
    rule: str = ""
    kind: str = "date"       # date | time | wd | pod
    strong: bool = True      # a fact on its own (weak atoms only combine)
    rel: tuple | None = None  # relative: resolved from the reference date
    needs_ref: bool = False
    pri: int = 0
    extra: dict = field(default_factory=dict)


# --- vocabulary --------------------------------------------------------------------------

def _merged(ruleset, name: str) -> dict:
    out: dict = {}
    for doc in ruleset.toml(name):
        for k, v in doc.items():
            if isinstance(v, dict) and isinstance(out.get(k), dict):
                for k2, v2 in v.items():
                    if isinstance(v2, dict) and isinstance(out[k].get(k2), dict):
                        out[k][k2] = {**out[k][k2], **v2}
                    elif isinstance(v2, list) and isinstance(out[k].get(k2), list):
                        out[k][k2] = out[k][k2] + v2
                    else:
                        out[k][k2] = v2
            else:
                out[k] = v
    return out


def _alt(words) -> str:
    ws = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+").replace(" ", r"\s+") for w in ws) + ")"


def _key(s: str) -> str:
    return " ".join(s.lower().split())


# --- calendar helpers ----------------------------------------------------------------------

def _valid(y, m, d) -> bool:
    if m is None or not 1 <= m <= 12:
        return False
    if d is None:
        return True
    if not 1 <= d <= 31:
        return False
    if y is None:
        return d <= (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return d <= calendar.monthrange(y, m)[1]


def _last_day(y, m) -> int:
    return calendar.monthrange(y if y else 2001, m)[1]


def _nearest_year(ref: dt.datetime, m: int, d: int | None) -> int:
    """The year that puts month/day nearest the reference date, preferring the reference
    year unless the date would then be over 270 days (nine months) away."""
    best, bestd = ref.year, None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        dd = d if d is not None else 15
        try:
            when = dt.datetime(y, m, min(dd, _last_day(y, m)))
        except ValueError:
            continue
        dist = abs((when - ref).days)
        if y == ref.year:
            if dist <= 270:
                return y
            best, bestd = y, dist
        elif bestd is None or dist < bestd:
            best, bestd = y, dist
    return best


def _easter(y: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    mo = (h + l - 7 * m + 114) // 31
    return dt.date(y, mo, (h + l - 7 * m + 114) % 31 + 1)


def _year2(s: str) -> int:
    v = int(s)
    if len(s) == 2:
        return 2000 + v if v < 30 else 1900 + v
    return v


# --- the extractor ---------------------------------------------------------------------------

class DateExtractor:
    def __init__(self, ruleset):
        lx = _merged(ruleset, "dates/lexicon.toml")
        self.lx = lx
        low = lambda d: {_key(k): v for k, v in d.items()}
        self.mon_en = low(lx["months"]["en"])
        self.mon_vi = low(lx["months"]["vi"])
        self.wd_en = low(lx["weekdays"]["en"])
        self.wd_vi = low(lx["weekdays"]["vi"])
        self.num_vi = low(lx["numbers"]["vi"])
        self.num_en = low(lx["numbers"]["en"])
        self.ord_en = {_key(k).replace(" ", "-"): v for k, v in lx.get("ordinals", {}).get("en", {}).items()}
        self.roman = {k.upper(): v for k, v in lx["roman"].items()}
        self.rd_vi = low(lx["relative_days"]["vi"])
        self.rd_en = low(lx["relative_days"]["en"])
        self.sh_vi = low(lx["shift_after"]["vi"])
        self.sh_en = low(lx["shift_before"]["en"])
        self.unit_vi = low(lx["units"]["vi"])
        self.unit_en = low(lx["units"]["en"])
        self.parts = {**low(lx["parts"]["vi"]), **low(lx["parts"]["en"])}
        self.halves = {**low(lx["halves"]["vi"]), **low(lx["halves"]["en"])}
        self.holidays = {_key(k).replace("’", "'"): v for k, v in lx.get("holidays", {}).items()}
        self.lunar = {int(k): v for k, v in lx.get("lunar_new_year", {}).items()}
        self.seasons = low(lx.get("seasons", {}))
        self.tz = list(lx.get("time_zones", {}).get("words", []))
        self.hol_not_before = {_key(w) for w in lx.get("holiday_not_before", {}).get("words", [])}
        self.precious_before = {_key(w) for w in lx.get("precious_before", {}).get("words", [])}
        ytd = [_key(w) for w in lx.get("ytd_before", {}).get("words", [])]
        self._YTD_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ytd) + r")\s+$", regex.REVERSE) if ytd else regex.compile(r"(?!)")
        self.period_nouns = [_key(w) for w in lx.get("period_nouns", {}).get("words", [])]
        games = [_key(w) for w in lx.get("game_nouns", {}).get("words", [])]
        self._GAME_AFTER = regex.compile(r"\s+of\s+(?:the|a|this|that|their|his|her|its)\s+(?:" + "|".join(map(regex.escape, games)) + r")(?![\p{L}])", regex.I) if games else regex.compile(r"(?!)")
        self.tet_before = {_key(w) for w in lx.get("tet_before", {}).get("words", [])}
        self.dayparts = {**low(lx["day_parts"]["vi"]), **low(lx["day_parts"]["en"])}
        ctx = lx["context"]
        self.ctx_dm = {_key(w) for w in ctx["vi_before_daymonth"]}
        self.year_preps = {_key(w) for w in ctx["en_year_preps"] + ctx["vi_year_preps"]}
        old = [_key(w) for w in ctx.get("old_year_preps", [])]
        self._OLD_YEAR_BEFORE = regex.compile(r"(?<![\p{L}])(?:" + "|".join(regex.escape(w) for w in old) + r")\s+$",
                                              regex.I) if old else regex.compile(r"(?!)")
        self.not_edition = {_key(w) for w in ctx["not_edition"]}
        self.not_edition_doc = {_key(w) for w in ctx.get("document_words", [])}
        self.vague_before = {_key(w) for w in ctx["vague_before"]}
        self._load_cues(lx.get("cues", {}), lx.get("tense", {}))
        self.count_after = {_key(w) for w in lx.get("not_year_after", {}).get("words", [])}
        self._compile()

    # ---- patterns ----
    def _compile(self):
        F = regex.IGNORECASE
        en_full = [k for k in self.mon_en if len(k) > 3 and k != "sept"]
        en_abbr = [k for k in self.mon_en if len(k) <= 4 and k not in en_full]
        # English month names: Title or UPPER; lower case only for the full names that are
        # not also common words ("may", "march" need a number after them).
        lower_full = [w for w in en_full if w not in ("may", "march")]
        MON = ("(?:(?-i:" + _alt([w.title() for w in en_full] + [w.upper() for w in en_full]) + "|"
               + _alt([w.title() for w in en_abbr] + [w.upper() for w in en_abbr]) + r"\.?|"
               + _alt(lower_full) + r"|(?:march|may|" + _alt(en_abbr)[3:-1] + r")\.?(?=\s*\d)))")
        self.MON = MON
        VMW = _alt(self.mon_vi)                 # Vietnamese month words
        ORDW = _alt(self.ord_en).replace("\\-", "[\\s\\-]?")
        VNUM = _alt(self.num_vi)
        ENUM = _alt(self.num_en)
        WDE = ("(?:" + _alt([w for w in self.wd_en if len(w) > 4]) + "|(?-i:"
               + _alt([w.title() for w in self.wd_en if len(w) <= 4]) + r"\.))")
        WDS = _alt([w for w in self.wd_en if len(w) <= 4])
        WDV = _alt(self.wd_vi)
        RDV = _alt(self.rd_vi)
        HOL = _alt(self.holidays).replace("'", "['’]?")
        SEA = _alt(k for k in self.seasons if not k.startswith("mùa"))
        SEAV = _alt(k for k in self.seasons if k.startswith("mùa"))
        TZ = "(?-i:" + _alt(self.tz) + ")" if self.tz else "(?!)"
        CANCHI = (r"(?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)\s+"
                  r"(?:Tý|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)")
        RDE = _alt(self.rd_en)
        SHV = _alt(self.sh_vi)
        SHE = _alt(self.sh_en)
        UE = _alt(self.unit_en)
        HALF_V = _alt(k for k in self.halves if k.startswith("nửa"))
        HNOUN = _alt(self.period_nouns) if self.period_nouns else "(?!)"   # "H1 revenue"
        D = r"(?:0?[1-9]|[12]\d|3[01])"
        TZG = "|".join(self._TZ_GMT)
        FYP = "|".join(regex.escape(f) for f in self.fy_forms) or "(?!)"
        ORD = r"(?:st|nd|rd|th)?"
        Y4 = r"(?:1\d{3}|20\d{2})"
        YRV = r"(?:nay|ngoái|trước|tới|sau|qua|vừa\s+qua|tiếp\s+theo)"
        YRE = r"(?:this|last|next|previous|coming|the\s+coming|the\s+current|current|the\s+previous|the\s+next|the\s+following|following|the\s+past|past)"
        # a year expression after a period word (vi / en)
        YEXV = rf"(?:(?:của\s+)?năm\s+(?:(?P<y>{Y4})(?!\d)|(?P<yrel>{YRV}))|(?:của\s+)?năm(?!\s*\d)|[/\-]\s*(?P<y>{Y4})(?!\d)|\s(?P<y>{Y4})(?!\d))"
        YEXE = rf"(?:(?:of\s+)?(?:(?P<y>{Y4})(?!\d)|(?P<yrel>{YRE})\s+year|the\s+year|year))"
        E = r"(?![\p{L}\p{N}])"
        B = r"(?<![\p{L}\p{N}])"
        NUMEND = r"(?![\d]|[.,]\d|[/\-][\dA-ZĐ])"
        pats = [
            # ISO dates and date-times: 2024-11-11, 2024-11-11T15:30, 2024/11/11, 2014-10
            ("iso", rf"(?<![\d/.\-])(?P<y>{Y4})(?P<s>[-/])(?P<m>[01]\d)(?P=s)(?P<d>[0-3]\d)(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::\d\d)?)?(?![\d/])"),
            ("iso_month", rf"(?<![\d/.\-])(?P<y>{Y4})(?P<s>[-/])(?P<m>0[1-9]|1[0-2])(?![\d/\-])"),
            # numeric day-month(-year), Vietnamese day-first: (ngày) 25-3-1971, 25/3, 25.3.1971
            ("num_dmy", rf"(?:(?P<head>ngày|hôm|mồng|mùng)\s+)?(?<![\d/.,\-])(?P<a>\d{{1,2}})(?P<s>[/.\-])(?P<b>\d{{1,2}})(?!\d)(?:(?P=s)(?P<y>\d{{4}}|\d{{2}})(?!\d))?(?:\s*[-–—]\s*(?P<y2>{Y4}))?{NUMEND}"),
            # numeric range with a bare first day: (từ) (ngày) 9 đến (ngày) 12-11(-2024), 12-16/11
            ("num_range", rf"(?:(?P<tu>từ)\s+)?(?:(?P<head>ngày)\s+)?(?<![\d/.,\-])(?P<d1>{D})(?:(?P<s1>[/.\-])(?P<m1>\d{{1,2}})(?!\d)(?:(?P=s1)(?P<y1>\d{{4}}))?)?(?!\d)\s*(?:[-–—]|đến|tới|to|until|(?P<va>và|,))\s*(?:hết\s+)?(?:ngày\s+)?(?P<d2>{D})(?P<s2>[/.\-])(?P<m2>\d{{1,2}})(?!\d)(?:(?P=s2)(?P<y2>\d{{4}}))?{NUMEND}"),
            # ngày 25 tháng 3 năm 1971, mồng 3 tháng 3, 12 tháng 10 năm 2017
            ("vi_dmy_words", rf"(?:(?P<head>ngày|hôm)\s+)?(?:(?P<mong>mồng|mùng)\s+)?{B}(?P<d>{D})\s+tháng\s+(?P<m>1[0-2]|0?[1-9]|{VMW}){E}(?:\s*(?:,\s*)?năm\s+(?P<y>{Y4})(?!\d)|\s*[/\-,]\s*(?P<y>{Y4})(?!\d)|\s+năm\s+(?P<yrel>{YRV}){E})?"),
            # (đầu|giữa|cuối) tháng 3 (năm 2024 | /2024 | năm nay); tháng 3-5/2024; từ tháng 3 đến tháng 5 năm 2024
            ("vi_month", rf"(?:(?P<tu>từ)\s+)?(?:(?P<part>đầu|giữa|cuối)\s+)?{B}tháng\s+(?P<m>1[0-2]|0?[1-9]|{VMW})(?!\d|\p{{L}})(?:\s*(?:[-–—]|đến|tới)\s*(?:tháng\s+)?(?P<m2>1[0-2]|0?[1-9])(?!\d))?(?:\s*(?:[/.\-]|năm|,)\s*(?P<y>{Y4})(?!\d)|\s+năm\s+(?P<yrel>{YRV}){E})?{NUMEND}"),
            # (đầu|giữa|cuối) tháng (này|trước|tới)
            ("vi_month_rel", rf"(?:(?P<part>đầu|giữa|cuối)\s+)?{B}tháng\s+(?P<sh>{SHV}){E}"),
            ("vi_first_day", rf"{B}ngày\s+(?P<fl>đầu\s+tiên|cuối\s+cùng)\s+của\s+tháng\s+(?P<m>1[0-2]|0?[1-9]|{VMW}){E}(?:\s*(?:[/\-]|năm)\s*(?P<y>{Y4})(?!\d))?"),
            ("vi_part_week", rf"{B}(?P<part>đầu|giữa|cuối)\s+tuần\s+(?P<sh>{SHV}){E}"),
            ("vi_part_month", rf"{B}(?P<part>đầu|giữa|cuối)\s+tháng(?!\s+\d)(?!\s+\p{{L}}+\s+(?:năm|tháng))"),
            # năm 2007, (từ) (năm) 2016-2022 / đến năm 2022, bare years in context, APEC 2027
            ("year", rf"(?:(?P<tu>từ|from|between|giữa)\s+)?(?:(?P<head>năm)\s+)?(?<![\d/.,\-–\p{{L}}])(?P<y>{Y4})(?!\d)(?:\s*(?P<rs>[-–—~]|đến|tới|to|until|through|and|và)\s*(?:(?:năm)\s+)?(?P<y2>{Y4})(?!\d)|(?P<rs>[-–/])(?P<yy>\d\d)(?![\d/]))?(?![\d/]|[.,]\d|-[\dA-ZĐ]|\s*%)"),
            # quý II/2024, quý 2 năm 2024, quý ba, quý I năm nay
            ("vi_quarter", rf"{B}quý\s+(?P<q>IV|I{{1,3}}|[1-4]|một|hai|ba|bốn|tư)(?:\s*[-–]\s*(?:quý\s+)?(?P<q2>IV|I{{1,3}}|[1-4])(?![\d]))?{E}(?:\s*(?:[/\-]|năm|,)\s*(?P<y>{Y4})(?!\d)|\s+năm\s+(?P<yrel>{YRV}){E})?"),
            # quý cuối năm, quý đầu tiên của năm 2025
            ("vi_quarter_pos", rf"{B}quý\s+(?P<pos>đầu|cuối)(?:\s+(?:tiên|cùng))?\s+{YEXV}"),
            ("vi_quarter_rel", rf"{B}quý\s+(?P<sh>{SHV}){E}"),
            # Q2 2024, Q2/2024, 2018Q4, 2Q 2024, second quarter of 2024, the third quarter
            ("en_q", rf"{B}(?:(?-i:Q)(?P<q>[1-4])(?:\s*[/\-,]?\s*(?P<y>{Y4})(?!\d)|\s*'(?P<yy>\d\d))?|(?-i:q)(?P<q>[1-4])\s*[/\-,]?\s*(?P<y>{Y4})(?!\d)|(?-i:(?P<q>[1-4])Q)\s*(?:(?P<y>{Y4})|(?P<yy>\d\d))(?!\d)){E}"),
            ("en_q2", rf"{B}(?P<y>{Y4})\s*[-\s]?\s*Q(?P<q>[1-4]){E}"),
            ("en_q3", rf"{B}(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)(?:\s+|-(?=\p{{L}}))(?:quarter|qtr\.?)(?!\p{{L}})(?:\s+(?:of\s+)?(?:(?P<y>{Y4})(?!\d)|(?P<yrel>{YRE})\s+year|the\s+year))?"),
            ("en_q_rel", rf"{B}(?P<sh>{SHE})\s+quarter{E}"),
            # 9 tháng đầu năm 2024, 6 tháng cuối năm, nửa đầu năm 2024
            ("vi_nmonths", rf"{B}(?P<n>1[0-2]|[1-9]|{VNUM})\s+(?P<u>tháng|quý)\s+(?:(?P<pos>đầu|cuối)\s+{YEXV}|(?=năm\s+(?:{Y4}|nay|ngoái|trước){E}){YEXV})"),
            # headline style "Xuất khẩu 10 tháng đạt ...": the year's first N months after a business noun
            ("vi_ytd", rf"{B}(?P<n>1[01]|[2-9])\s+tháng{E}(?=\s*(?:[,:]|đạt|tăng|giảm|ước|vượt|chỉ|là|qua|\d))"),
            ("vi_half", rf"{B}(?P<half>{HALF_V})\s+{YEXV}"),
            # đầu năm 2024, cuối năm nay, giữa năm
            ("vi_part_year", rf"{B}(?P<part>đầu|giữa|cuối)\s+{YEXV}"),
            # first nine months of this year, first half of 2024, H1 2024
            ("en_nmonths", rf"{B}(?P<pos>first|last)\s+(?P<n>1[0-2]|[1-9]|{ENUM})\s+(?P<u>months|quarters)(?:\s+{YEXE})?"),
            ("en_fy", rf"(?<=(?<![\p{{L}}\p{{N}}])(?-i:{FYP})\s?)(?P<y>{Y4}|\d\d)(?!\d){E}"),
            # "first half of 2024"; "the first half" / "first-half profit" alone: the reference year's
            ("en_half", rf"{B}(?P<half>first|second)(?:\s+|-)half(?:\s+{YEXE}|(?![\s\-]+of{E})(?!\p{{L}}))"),
            # H1 2024, 1H25, 2H 2024
            ("en_h", rf"{B}(?:(?-i:H)(?P<h>[12])\s*[/\-]?\s*(?P<y>{Y4})|(?-i:(?P<h>[12])H)\s*(?:(?P<y>{Y4})|(?P<yy>\d\d))(?!\d)){E}"
                     rf"|{B}(?-i:H)(?P<h>[12])(?:(?=\s+(?:{HNOUN}|fiscal|fy\s?(?:\d\d){{1,2}}){E})|(?<=(?:in|for|during)\s+H[12])(?=\s*[,.;)]|\s+(?:of\s+)?(?:this|last|next)\s+year{E}))"),
            # fiscal and crop years: "năm tài chính 2024", "niên độ 2023-2024"
            ("vi_fiscal", rf"{B}(?:năm\s+tài\s+chính|tài\s+khóa|niên\s+độ|niên\s+vụ|niên\s+khóa)\s+(?:năm\s+)?(?P<y>{Y4})(?:\s*[-–/]\s*(?P<yy>{Y4}|\d\d))?(?!\d){E}"),
            # mid-2023, early November, late 2024, end of 2024, beginning of next month
            ("en_part", rf"{B}(?P<part>early|mid|late|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+end\s+of|end\s+of)[\s\-]+(?:the\s+)?(?:(?P<dec>(?:1[89]|20)\d0)['’]?(?-i:s){E}|(?P<y>{Y4})(?!\d)|(?P<mon>{MON})(?:\s+(?P<y>{Y4})(?!\d))?|(?P<yrel>{YRE})\s+(?P<u>year|month|week)|(?P<u>year|month|week){E})"),
            # decades and centuries
            ("decade", rf"{B}(?:(?P<w>thập\s+niên|thập\s+kỷ|những\s+năm|các\s+năm)\s+(?P<dec>(?:1[89]|20)\d0|\d0)(?!\d)|(?P<dec>(?:1[89]|20)\d0)(?-i:s){E}|(?<=')(?P<dec>\d0)(?-i:s){E})"),
            ("century", rf"{B}(?:thế\s+kỷ\s+(?P<c>XXI|XX|XIX|XVIII|2[01]|1\d)|(?P<c>2[01]|1\d)(?:st|nd|rd|th)\s+century){E}"),
            # English month-name dates and ranges
            ("en_md_range", rf"(?:(?P<from>from|between)\s+)?{B}(?P<mon>{MON})\s+(?P<d1>{D}){ORD}(?!\d)\s*(?:[-–—]|to|until|through|thru|till|and)\s*(?:(?P<mon2>{MON})\s+)?(?P<d2>{D}){ORD}(?!\d)(?:,?\s+(?P<y>{Y4}))?(?!\d)"),
            ("en_dm_range", rf"(?:(?P<from>from|between)\s+)?{B}(?:the\s+)?(?P<d1>{D}){ORD}(?!\d)(?:\s+(?:of\s+)?(?P<mon1>{MON}))?\s*(?:[-–—]|to|until|through|thru|till|and)\s*(?:the\s+)?(?P<d2>{D}){ORD}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<y>{Y4}))?(?!\d)"),
            ("en_mdy", rf"{B}(?P<mon>{MON}),?\s*(?:the\s+(?=\d\d?(?:st|nd|rd|th)))?(?P<d>{D}){ORD}(?!\d)(?:(?:,\s*|\s+of\s+|\s+)(?P<y>{Y4})(?!\d)(?:\s*[-–—]\s*(?P<y2>{Y4})(?!\d))?)?(?!\s*[:.]\d|\d)"),
            ("en_dmy", rf"(?<![\d/.,])(?P<d>{D}){ORD}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?:of\s+)?(?P<y>{Y4})(?!\d))?"),
            ("en_m_ordw", rf"{B}(?P<mon>{MON})\s+(?:the\s+)?(?P<dw>{ORDW}){E}(?:,?\s+(?P<y>{Y4})(?!\d))?"),
            ("en_ordw_m", rf"{B}(?P<dw>{ORDW})\s+(?:day\s+)?of\s+(?P<mon>{MON})(?:,?\s+(?P<y>{Y4})(?!\d))?"),
            ("en_nth_wd", rf"{B}(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?:(?P<wd>{WDE})|(?P<day>day))\s+(?:of|in)\s+(?:(?P<mon>{MON})(?:,?\s+(?P<y>{Y4})(?!\d))?|(?P<sh>this|next|last|the\s+current|the\s+next|the\s+previous|previous)\s+month)"),
            # "the week of October 7", "first week of March", "last week of 2016"
            ("en_week_of", rf"{B}(?:(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+)?week\s+(?:of|in)\s+(?:the\s+)?(?:(?P<mon>{MON})\s+(?P<d>{D}){ORD}(?!\d)(?:,?\s+(?P<y>{Y4})(?!\d))?|(?P<d>{D}){ORD}\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<y>{Y4})(?!\d))?|(?P<mon>{MON})(?:,?\s+(?P<y>{Y4})(?!\d))?|(?P<y>{Y4})(?!\d))"),
            ("en_my", rf"{B}(?P<mon>{MON})(?:\s+of)?,?\s+(?P<y>{Y4})(?!\d)"),
            ("en_month", rf"{B}(?P<mon>{MON}){E}"),
            # relative
            ("vi_relday", rf"{B}(?P<rd>{RDV}){E}"),
            ("en_relday", rf"{B}(?P<rd>{RDE}){E}"),
            ("vi_relunit", rf"{B}(?P<u>tuần|tháng|năm)\s+(?P<sh>{SHV}){E}"),
            ("en_relunit", rf"{B}(?:(?P<el>earlier|later)\s+)?(?P<sh>{SHE})\s+(?P<u>{UE}){E}"),
            # fiscal 2025, financial year 2023-24, calendar 2024
            ("en_fiscal", rf"{B}(?:fiscal|financial|calendar)\s+(?:year\s+)?(?P<y>{Y4})(?:\s*[/\-–]\s*(?P<yy>{Y4}|\d\d))?(?!\d){E}"),
            # a period that ends with a month: "the three months to September", "the year to March 2025"
            ("en_months_to", rf"{B}(?:(?P<n>\d{{1,2}}|{ENUM})\s+months|(?P<yr>year)|(?P<qt>quarter))\s+(?:to|through|(?P<ending>ending|ended))\s+(?:the\s+end\s+of\s+|end[\s\-])?(?P<mon>{MON})(?:\s+(?P<d>{D})(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?P<y>{Y4})(?!\d))?{E}"),
            ("en_in", rf"{B}in\s+(?P<n>\d{{1,2}}|{ENUM}|a|an)\s+(?P<u>day|week|fortnight)s?{E}(?!\s+of{E})"),
            # from the date told just before: "three days later", "a week earlier", "the next day"
            ("en_later", rf"{B}(?P<dir>next|following|previous)\s+(?P<u>day){E}"),
            ("en_ago", rf"{B}(?P<n>\d{{1,2}}|{ENUM}|a|an)\s+(?P<u>day|week|month|year|fortnight|decade)s?\s+(?:(?:ago|(?P<dir>later|earlier)|(?P<hence>hence|from\s+now)){E}|(?P<odir>before|after|from)\s+(?=\S))"),
            ("vi_ago", rf"{B}(?P<n>\d{{1,2}}|{VNUM})\s+(?P<u>ngày|tuần|tháng|năm)\s+(?:trước\s+đây|(?P<dir>sau)(?:\s+đó)?(?!\s+(?:khi|ngày|kể|tính|so){E})){E}"),
            # "cách đây 3 năm": three years before the reference date
            ("vi_cach_day", rf"{B}cách\s+đây\s+(?P<n>\d{{1,2}}|{VNUM})\s+(?P<u>ngày|tuần|tháng|năm){E}"),
            # business shorthand: EOM, BOM, EOY, BOY (end / beginning of month / year)
            ("en_eom", rf"{B}(?-i:(?P<w>EOM|BOM|EOY|BOY)){E}"),
            # "by year-end", "month-end": the late part of the current year / month
            # "year-end"; "up 15% year-to-date", "year to date": from the start of the year to the reference date
            ("en_yearend", rf"{B}(?:(?P<sh>this|last|next)\s+)?(?P<u>year|month)[\s\-](?:end|(?P<ytd>to[\s\-]date)){E}"),
            ("en_ytd", rf"{B}(?-i:YTD){E}"),
            ("vi_nextday", rf"{B}(?:ngày\s+)?hôm\s+(?P<dir>sau){E}"),
            ("vi_next_n", rf"{B}(?P<n>\d{{1,2}}|{VNUM})\s+(?P<u>ngày|tuần|tháng|năm|quý)\s+(?P<sh>tới|tiếp\s+theo|sắp\s+tới|vừa\s+qua|vừa\s+rồi){E}"),
            ("en_next_n", rf"{B}(?P<sh>next|last|past|previous|coming|following)\s+(?P<n>\d{{1,2}}|{ENUM})\s+(?P<u>day|week|month|year|quarter)s{E}"),
            ("en_cungky", rf"{B}(?P<ck>same\s+(?:period|month|quarter|week|time))\s+(?:of\s+|in\s+)?(?:(?P<y>{Y4})(?!\d)|(?P<yrel>last)\s+year|a\s+year\s+(?P<yrel>earlier|ago|before))"),
            ("vi_cungky", rf"{B}(?:(?P<ck>cùng\s+(?:tháng|quý|thời\s+điểm|kỳ))(?=\s+(?:của\s+)?năm\s+(?:trước|ngoái|\d))\s+(?:của\s+)?(?:năm\s+(?P<y>{Y4})(?!\d)|năm\s+(?P<yrel>ngoái|trước)){E}|(?P<ck>cùng\s+kỳ)(?:\s+(?:(?:năm\s+)?(?P<y>{Y4})(?!\d)|năm\s+(?P<yrel>ngoái|trước))|(?!\s+(?:năm|tháng|quý)){E}))"),
            # weekdays
            ("vi_wd", rf"{B}(?P<wd>{WDV}){E}(?:\s+(?P<sh>tuần\s+(?:này|trước|sau|tới|qua)|này|tới|trước|sau|vừa\s+qua|qua){E})?"),
            ("en_wd", rf"(?:(?P<sh>this|last|next|coming|previous|following)\s+|(?P<sh4>this|last|next|coming|previous|following)\s+week\s*(?:on\s+|-\s*|,\s*)?)?{B}(?P<wd>{WDE}){E}(?:\s+(?P<sh2>next|last|this)\s+week|\s+(?:of|from)\s+(?:the\s+)?(?P<sh3>this|next|last|following|previous|coming)\s+week|,?\s+(?:the\s+)?(?P<dom>{D})(?:st|nd|rd|th){E})?"),
            # lunar dates: "mùng 5 tháng Giêng năm Ất Tỵ", "rằm tháng Giêng", "ngày 15/8 âm lịch", "mùng 3 Tết"
            ("vi_lunar", rf"{B}(?:(?P<head>ngày)\s+)?(?:(?:(?:mùng|mồng)\s+)?(?P<d>{D})|(?P<ram>rằm))\s+tháng\s+(?P<m>giêng|chạp|1[0-2]|0?[1-9]|{VMW}){E}(?P<al>\s*\(?\s*{self.LUNAR}(?:\s*\))?)?(?:,?\s+(?:năm\s+)?(?:(?P<cc>{CANCHI}){E}|(?P<y>{Y4})(?!\d))|\s+năm\s+(?P<yrel>nay|ngoái|trước|sau|tới){E})?"
                         rf"|{B}(?:(?P<head>ngày)\s+)?(?:mùng|mồng)\s+(?P<td>[1-9]|10)\s+Tết{E}(?:\s+(?:Nguyên\s+đán\s+)?(?:năm\s+)?(?:(?P<cc>{CANCHI}){E}|(?P<y>{Y4})(?!\d)))?"),
            ("holiday", rf"(?:(?P<sh>this|last|next|coming|previous|following)\s+)?{B}(?P<hol>{HOL}){E}(?:\s+(?P<cc>{CANCHI}){E})?(?:,?\s+(?:of\s+|năm\s+)?(?P<y>{Y4})(?!\d)|\s+(?:of\s+)?(?P<ysh>năm\s+nay|năm\s+ngoái|năm\s+trước|năm\s+tới|năm\s+sau|this\s+year|last\s+year|next\s+year){E})?"),
            # seasons with a year or a shift word: "summer 2024", "last winter", "mùa hè năm nay"
            ("en_season", rf"{B}(?:(?P<sh>this|last|next|past|coming|previous)\s+(?P<s>{SEA}){E}(?:\s+(?:of\s+)?(?P<y>{Y4})(?!\d))?|(?P<s>{SEA})\s+(?:of\s+)?(?P<y>{Y4})(?!\d)(?:[-–/](?:\d\d|{Y4})(?!\d))?"
                           # "over the summer, inflation fell", "in the autumn." (not "in the fall in prices")
                           rf"|(?<=(?:in|over|during|through|throughout|since|until|by)\s+the\s+)(?P<s>{SEA})"
                           rf"(?=\s*[,.;:!?)]|\s+(?:and|when|as|after|before|amid|with)(?![\p{{L}}])))"),
            ("vi_season", rf"{B}(?P<s>{SEAV})\s+(?:năm\s+)?(?:(?P<y>{Y4})(?!\d)|(?P<vsh>nay|ngoái|trước|tới|sau|năm\s+nay|năm\s+ngoái|năm\s+trước|năm\s+tới|năm\s+sau){E})"),
            # a day of the current month: "on the 15th", "by the 1st"
            ("en_the_nth", rf"{B}(?P<prep>on|by|until|till|from|since|before|after)\s+the\s+(?P<d>{D})(?:st|nd|rd|th)(?=\s*(?:[.,;:!?)\]]|$|at\s+\d|when\s)|\s+of\s+(?:the\s+|this\s+)?(?:month|(?P<sh>next|last|previous|the\s+next|the\s+previous|the\s+following)\s+month){E})(?:\s+of\s+(?:the\s+|this\s+)?(?:month|(?P<sh>next|last|previous|the\s+next|the\s+previous|the\s+following)\s+month){E})?"),
            # "the 15th day of next month", "20th of the previous month"
            ("en_nth_of_month", rf"{B}(?:the\s+)?(?P<d>{D})(?:st|nd|rd|th)(?:\s+day)?\s+of\s+(?:the\s+)?(?:(?P<sh>next|last|previous|following|this|current|coming)\s+)?month{E}"),
            # a short weekday before its day: "Mon 13th", "tues the 4th"
            ("en_wd_dom", rf"{B}(?P<wd>{WDS})\.?,?\s+(?:the\s+)?(?P<dom>{D})(?:st|nd|rd|th){E}"),
            # ISO week numbers with their year: "week 3 of 2027", "week 45, 2024"
            ("en_week_n", rf"{B}week\s+(?P<w>0?[1-9]|[1-4]\d|5[0-3])(?:\s+of|,)\s+(?P<y>{Y4})(?!\d)"),
            # "over the weekend": the weekend nearest the reference day
            ("en_weekend", rf"{B}(?:over|during)\s+the\s+(?P<w>weekend){E}"),
            # "the past week", "the past fortnight"
            ("en_past", rf"{B}(?P<sh>past|last|next)\s+(?P<u>fortnight){E}|{B}(?P<sh>past)\s+(?P<u>week){E}"),
            # clock times
            # wire copy clock times: "by 0815 GMT", "at 1430 ET"
            ("en_time_gmt", rf"{B}(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)\s*(?-i:{TZG})(?![\p{{L}}\d])"),
            ("vi_time", rf"(?:(?P<luc>(?:vào\s+)?(?:lúc|khoảng))\s+)?(?<![\p{{L}}\p{{N}}/.,:\-])(?P<H>[01]?\d|2[0-3])\s*(?:(?P<hm>[hH]|(?-i:g)(?=\s*[0-5]\d))(?:\s*(?P<M>[0-5]\d))?(?:\s*phút)?|(?P<gio>giờ)(?:\s+(?:(?P<M>[0-5]?\d)(?:\s*phút)?|(?P<ruoi>rưỡi)|kém\s+(?P<kem>[0-5]?\d)(?:\s*phút)?))?|:(?P<M>[0-5]\d)(?!\d|[:.,]\d))(?![\p{{L}}\d])(?:\s+(?P<pod>sáng|trưa|chiều|tối|đêm){E}(?!\s+(?:nay|qua|mai){E}))?"),
            ("en_time", rf"{B}(?<!\d[:.])(?P<H>1[0-2]|0?\d)(?:[:.](?P<M>[0-5]\d))?(?::[0-5]\d)?(?:\s*o['’]?\s*clock)?(?:\s+in\s+the\s+(?P<ipod>morning|afternoon|evening|night){E}|\s*(?P<ap>(?-i:[ap]\.m\.|[AP]\.M\.|am|pm|AM|PM|a\.m|p\.m)){E}\.?)"),
            # "a quarter past 8pm", "20 minutes past 3pm", "half past three pm", "15 past noon", "ten to six p.m."
            ("en_time_past", rf"{B}(?<![:.,]\d?)(?:(?P<qu>(?:a\s+)?quarter)|(?P<half>half)|(?P<mm>[1-5]?\d|{ENUM})(?:\s+min(?:ute)?s?)?)\s+(?P<dir>past|after|to|before)\s+(?P<H>1[0-2]|0?\d|{ENUM}|noon|midnight)(?!\d)(?:\s*(?P<ap>(?-i:[ap]\.m\.|[AP]\.M\.|am|pm|AM|PM|a\.m|p\.m)))?{E}"),
            ("en_time_noon", rf"{B}(?P<nn>noon|midnight|midday){E}"),
            # a bare clock time after "at"/"around" (combine only): "tonight at 8", "Monday at 2.30"
            ("en_time_bare", rf"{B}(?:at|around)\s+(?P<H>1\d|2[0-3]|0?\d)(?:[:.](?P<M>[0-5]\d))?(?:\s*o['’]?\s*clock)?(?=\s*(?:[,;!?)\]]|\.(?!\d)|$)|\s+(?:local\s+time|in\s+the\s+(?:morning|afternoon|evening)|(?-i:[A-Z]{{2,4}})(?![\p{{L}}\d])|(?:and|to|until|till|or)\s|(?:tonight|tomorrow){E})|(?<=clock))"),
            # part of day words (combine only)
            ("pod_vi", rf"{B}(?P<pw>sáng|trưa|chiều|tối|đêm|rạng\s+sáng){E}"),
            ("pod_en", rf"{B}(?P<pw>morning|afternoon|evening|night){E}"),
        ]
        self.patterns = [(name, regex.compile(p, F)) for name, p in pats]
        # a relative day right before a bare day-month names it: "Giá vàng hôm nay 14/11"
        self._RD_BEFORE = regex.compile(rf"{B}(?:{RDV}|{RDE})[ \t]*,?[ \t]*$", F | regex.REVERSE)
        self.pri = {name: i for i, (name, _) in enumerate(pats)}
        # Where each pattern can start: "#" = at a digit, else its possible first words.
        # Candidates are then only tried at those places (an Aho-Corasick scan finds the
        # words, a regex the digit runs), which keeps the whole extractor well above 1 MB/s.
        first = lambda keys: {_key(k).split()[0] for k in keys}
        months = set(self.mon_en)
        wds = set(self.wd_en)
        shifts = set(self.sh_en)
        pods_vi = {"sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng"}
        vnum = first(self.num_vi)
        enum = first(self.num_en)
        starts = {
            "iso": {"#"}, "iso_month": {"#"},
            "num_dmy": {"#", "ngày", "hôm", "mồng", "mùng"} | pods_vi,
            "num_range": {"#", "từ", "ngày"},
            "vi_dmy_words": {"#", "ngày", "hôm", "mồng", "mùng"},
            "vi_month": {"từ", "đầu", "giữa", "cuối", "tháng"},
            "vi_month_rel": {"đầu", "giữa", "cuối", "tháng"},
            "vi_part_month": {"đầu", "giữa", "cuối"}, "vi_part_week": {"đầu", "giữa", "cuối"}, "vi_first_day": {"ngày"},
            "year": {"#", "từ", "from", "between", "giữa", "năm"},
            "vi_quarter": {"quý"}, "vi_quarter_rel": {"quý"}, "vi_quarter_pos": {"quý"},
            "en_q": {"q1", "q2", "q3", "q4", "#"}, "en_q2": {"#"},
            "en_q3": {"#", "first", "second", "third", "fourth", "final"},
            "en_q_rel": shifts,
            "vi_nmonths": {"#"} | vnum, "vi_half": {"nửa"}, "vi_ytd": {"#"}, "vi_part_year": {"đầu", "giữa", "cuối"},
            "en_nmonths": {"first", "last"}, "en_fy": {"#"}, "en_half": {"first", "second"}, "en_h": {"h1", "h2", "#"}, "vi_fiscal": {"năm", "tài", "niên"},
            "en_part": {"early", "mid", "late", "beginning", "start", "middle", "end"},
            "decade": {"#", "thập", "những", "các"}, "century": {"#", "thế"},
            "en_md_range": {"from", "between"} | months,
            "en_dm_range": {"#", "from", "between"},
            "en_mdy": months, "en_dmy": {"#"}, "en_m_ordw": months,
            "en_ordw_m": first(self.ord_en) | {w.split("-")[0] for w in self.ord_en},
            "en_nth_wd": {"#", "first", "second", "third", "fourth", "fifth", "last"}, "en_my": months,
            "en_month": months, "en_week_of": {"first", "second", "third", "fourth", "last", "1st", "2nd", "3rd", "4th", "week"},
            "vi_relday": first(self.rd_vi), "en_relday": first(self.rd_en) - {"the"},
            "vi_relunit": {"tuần", "tháng", "năm"}, "en_relunit": shifts | {"earlier", "later"}, "en_fiscal": {"fiscal", "financial", "calendar"},
            "en_months_to": {"#", "year", "quarter"} | enum,
            "en_ago": {"#", "a", "an"} | enum, "en_later": {"next", "following", "previous"}, "en_in": {"in"}, "vi_ago": {"#"} | vnum,
            "vi_nextday": {"ngày", "hôm"}, "vi_cach_day": {"cách"}, "en_yearend": {"this", "last", "next", "year", "month"}, "en_eom": {"eom", "bom", "eoy", "boy"}, "en_ytd": {"ytd"}, "vi_cungky": {"cùng"}, "en_cungky": {"same"}, "vi_next_n": {"#"} | vnum, "en_next_n": {"next", "last", "past", "previous", "coming", "following"}, "vi_wd": {"thứ", "chủ"},
            "en_wd": wds | {"this", "last", "next", "coming", "previous", "following"},
            "holiday": set(),   # triggered by whole holiday names (below), not by their first word
            "en_season": {"this", "last", "next", "past", "coming", "previous"} | first(self.seasons),
            "vi_season": {"mùa"}, "vi_lunar": {"#", "ngày", "mùng", "mồng", "rằm"}, "en_the_nth": {"on", "by", "until", "till", "from", "since", "before", "after"},
            "en_nth_of_month": {"#"}, "en_wd_dom": {w for w in self.wd_en if len(w) <= 4}, "en_week_n": {"week"},
            "en_past": {"past", "last", "next"}, "en_weekend": {"over", "during"},
            "vi_time": {"#", "lúc", "vào", "khoảng"}, "en_time": {"#"}, "en_time_gmt": {"#"},
            "en_time_noon": {"noon", "midnight", "midday"}, "en_time_past": {"#", "a", "quarter", "half"} | enum,
            "en_time_bare": {"at", "around"},
            "pod_vi": pods_vi, "pod_en": {"morning", "afternoon", "evening", "night"},
        }
        # the digit-run lengths a pattern can start with (4: a year; 1-2: a day, month, hour)
        four = {"iso", "iso_month", "year", "en_q2", "decade", "en_fy", "en_time_gmt"}
        short = {"vi_ytd", "en_h", "en_q", "vi_lunar", "en_months_to", "num_dmy", "num_range", "vi_dmy_words", "vi_nmonths", "en_q3", "en_dmy",
                 "en_dm_range", "en_ago", "vi_ago", "vi_next_n", "vi_time", "en_time", "century",
                 "decade", "en_fy"}
        self.at_digit_len: dict[int, list[int]] = {1: [], 2: [], 4: []}
        self.at_word: dict[str, list[int]] = {}
        for i, (name, _) in enumerate(self.patterns):
            for w in starts[name]:
                if w == "#":
                    if name in four:
                        self.at_digit_len[4].append(i)
                    if name in short or name not in four:
                        self.at_digit_len[1].append(i)
                        self.at_digit_len[2].append(i)
                elif w == "'":
                    self.at_word.setdefault("'", []).append(i)
                else:
                    self.at_word.setdefault(w.lower(), []).append(i)
        import ahocorasick
        self.trigger = ahocorasick.Automaton()
        keyed: dict[str, list[int]] = {}
        for w, v in self.at_word.items():
            keyed.setdefault(" " + self._NONWORD.sub(" ", w) + " ", []).extend(v)
        # Holidays: the automaton finds whole names ("christmas day", "new year s day", also
        # without the apostrophe), so the long holiday alternation runs only where one is.
        hol = self.pri["holiday"]
        self.hol_keys = set()
        for name in self.holidays:
            for v in {name, name.replace("'", "").replace("’", "")}:
                k = " " + self._NONWORD.sub(" ", v) + " "
                keyed.setdefault(k, []).append(hol)
                self.hol_keys.add(k)
        self.hol_idx = [hol]
        self.hol_noapos = {k.replace("'", ""): v for k, v in self.holidays.items()}
        self.at_word = {k: sorted(set(v)) for k, v in keyed.items()}
        # Digit runs where a pattern may start: every 4-digit run (a year), and a 1-2 digit run
        # only when what follows it can continue a date or a clock time (a separator, an
        # ordinal suffix, a unit, a month, a range word, a.m./p.m., "giờ", "h") or after "FY".
        # Most numbers in news (amounts, counts) then try no pattern at all. This gate is a
        # superset of how the short-run patterns continue; keep it so when adding one.
        mon3 = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
        gate = (r"(?:st|nd|rd|th|s(?![\p{L}])|[/.\-–—,:~hgq'’]"
                r"|\s*(?:[-–—~,/:]|[ap]\.?\s?m|o['’]?\s*clock|giờ|[hg](?![\p{L}]))"
                r"|\s+(?:tháng|quý|ngày|tuần|năm|tết|đến|tới|và|to|until|through|thru|till|and|of|in\s+the"
                rf"|day|week|month|year|fortnight|quarter|decade|past|after|before|min|{mon3}))")
        self.digit_runs = regex.compile(
            rf"(?<!\d)(?:\d\d?(?!\d)(?={gate})|(?<=(?-i:{FYP})\s?)\d\d(?!\d)|\d{{4}}(?!\d))", regex.I)
        self.handlers = [getattr(self, "_r_" + name) for name, _ in self.patterns]
        self.matchers = [rx.match for _, rx in self.patterns]
        self._digit_dispatch()
        # patterns that need a unit word right after their first word (a number word)
        unit_first = {i for i, (name, _) in enumerate(self.patterns)
                      if name in ("vi_nmonths", "vi_ago", "vi_next_n", "en_ago", "en_months_to")}
        # Which word must follow a trigger word for a pattern to be worth trying there
        # ("in" + a number for "in 3 days", "on" + "the" for "on the 15th", "đầu" + "tháng" ...);
        # "#" stands for a digit. Only these (trigger, pattern) pairs are guarded.
        numw = {_key(k) for k in self.num_en} | {"a", "an", "#"}
        mons = set(self.mon_en)
        # "#" allows any digit run after the word, "#2" only one of one or two digits (a day, an
        # hour, a count: not a year)
        numw2 = (numw - {"#"}) | {"#2"}

        def seconds(entries, w):
            """The words that follow `w` in the multi-word entries starting with it; None
            when `w` is an entry by itself (then nothing needs to follow)."""
            out = set()
            for k in entries:
                ws = _key(k).replace("-", " - ").split()
                if ws[0] != w:
                    continue
                if len(ws) == 1:
                    return None
                out.add(ws[1])
            return out

        def word_guards(name, entries, extra=frozenset()):
            """Guards for a pattern that starts with one of `entries`: each first word is
            tried only before the words that continue an entry (or `extra`)."""
            out = []
            for w in {_key(k).split()[0] for k in entries}:
                nxt = seconds(entries, w)
                if nxt is not None:
                    out.append(({w}, name, nxt | set(extra)))
            return out

        units_en = {_key(k).split()[0] for k in self.unit_en}
        shift_words = {"this", "last", "next", "coming", "previous", "following", "past"}
        guards = word_guards("vi_relday", self.rd_vi) + word_guards("en_relday", self.rd_en)
        guards += [(shift_words, "en_relunit", units_en | {w for k in self.sh_en for w in _key(k).split()[1:2]}),
                   ({"earlier", "later"}, "en_relunit", {_key(k).split()[0] for k in self.sh_en}),
                   (shift_words, "en_q_rel", {"quarter"} | {w for k in self.sh_en for w in _key(k).split()[1:2]}),
                   ({"this", "last", "next"}, "en_yearend", {"year", "month"}),
                   ({"year", "month"}, "en_yearend", {"end", "-", "to"}),   # "year-end", "year to date"
                   (shift_words, "en_wd", set(self.wd_en) | {"week"}),
                   (shift_words, "en_season", {_key(k).split()[0] for k in self.seasons}),
                   ({"tuần", "tháng", "năm"}, "vi_relunit", {_key(k).split()[0] for k in self.sh_vi}),
                   ({"first", "second", "third", "fourth", "last", "1st", "2nd", "3rd", "4th"}, "en_week_of", {"week"}),
                   ({"week"}, "en_week_of", {"of", "in"}),
                   ({"week"}, "en_week_n", {"#2"}),
                   ({"over", "during"}, "en_weekend", {"the"}),
                   ({"past", "last", "next"}, "en_past", {"fortnight", "week"}),
                   ({"next", "following", "previous"}, "en_later", {"day"}),
                   (shift_words, "en_next_n", numw2),
                   ({"at", "around"}, "en_time_bare", {"#2"})]
        guards += word_guards("vi_wd", self.wd_vi, {"#2"})
        guards += [
            ({"in"}, "en_in", numw2),
            ({"on", "by", "until", "till", "from", "since", "before", "after"}, "en_the_nth", {"the"}),
            ({"from", "between", "từ", "giữa"}, "year", {"#", "năm"}),
            ({"năm"}, "year", {"#"}),
            ({"from", "between"}, "en_md_range", mons),
            ({"from", "between"}, "en_dm_range", {"#2", "the"}),
            ({"đầu", "giữa", "cuối", "từ"}, "vi_month", {"tháng", "đầu", "giữa", "cuối"}),
            ({"đầu", "giữa", "cuối"}, "vi_month_rel", {"tháng"}),
            ({"đầu", "giữa", "cuối"}, "vi_part_week", {"tuần"}),
            ({"đầu", "giữa", "cuối"}, "vi_part_month", {"tháng"}),
            ({"đầu", "giữa", "cuối"}, "vi_part_year", {"năm", "#", "/", "-", "của"}),
            ({"các", "những"}, "decade", {"năm"}),
            ({"năm"}, "vi_fiscal", {"tài"}),
            ({"ngày"}, "num_dmy", {"#2"}),
            ({"ngày", "từ"}, "num_range", {"#2", "ngày"}),
            ({"ngày"}, "vi_dmy_words", {"#2", "mồng", "mùng"}),
            ({"ngày"}, "vi_first_day", {"đầu", "cuối"}),
            ({"ngày"}, "vi_nextday", {"hôm"}),
            ({"ngày"}, "vi_lunar", {"#2", "mồng", "mùng", "rằm"}),
        ]
        self.next_guard: dict[str, list[tuple[int, set]]] = {}
        self._guard_cache: dict[tuple[str, str], list[int]] = {}
        for words, name, allowed in guards:
            for w in words:
                k = " " + w + " "
                if k in self.at_word and self.pri[name] in self.at_word[k]:
                    self.next_guard.setdefault(k, []).append((self.pri[name], allowed))
        # ... and "a quarter past", "ten to six": the clock-time pattern only before those words
        past_first = {self.pri["en_time_past"]}
        self.at_word_unit = {}
        numwords = {_key(k) for k in self.num_vi} | {_key(k) for k in self.num_en} | {"a", "an"}
        for w, idxs in self.at_word.items():
            guard = {i for i in idxs if (i in unit_first and w.strip() in numwords) or i in past_first}
            if guard:
                # (patterns always tried, patterns tried before a unit, before past/to)
                self.at_word_unit[w] = (tuple(i for i in idxs if i not in guard),
                                        tuple(i for i in idxs if i in guard and i in unit_first),
                                        tuple(i for i in idxs if i in guard and i in past_first))
        self._build_trigger()
        # glue between combinable atoms
        self.g_wd_date = regex.compile(r"\s*,?\s*(?:ngày\s+|on\s+|the\s+)?(?P<br>\()?\s*$", F)
        self.g_time_date = regex.compile(rf"\s*,?\s*(?:\(?(?:local\s+time|giờ\s+địa\s+phương|{TZ})\)?,?\s*)?(?:\((?:[01]?\d|2[0-3])[:.h]?[0-5]\d\s*(?-i:GMT|UTC|ET)\),?\s*)?(?:(?:ngày|on|of)\s+)?$", F)
        self.g_date_time = regex.compile(r"\s*(?:,|[ \t][-–|][ \t])?\s*(?:(?:at|around|lúc|vào\s+lúc|vào)\s+|@\s*)?$", F)
        self.g_pod_date = regex.compile(r"\s*,?\s*(?:(?:ngày|hôm|on)\s+)?$", F)
        self.g_date_pod = regex.compile(r"\s+(?:in\s+the\s+)?$", F)
        self.g_range_the = regex.compile(r"\s*(?:to|until|till|through|and)\s+the\s+$", F)
        self.g_range = regex.compile(r"\s*(?:[-–—~]|đến|tới|to|until|till|through|thru|cho\s+đến|and|và)\s*(?:hết\s+)?(?:ngày\s+)?$", F)
        self.cap_before = regex.compile(r"(?:^|[\s(“\"'])(?P<w>(?:\p{Lu}[\p{L}\p{N}&.'’\-]*)|\))\s+$", regex.REVERSE)

    def _load_cues(self, cues: dict, tense: dict) -> None:
        """The cue words around candidates (lexicon [cues], [tense]) and the context patterns
        built from them."""
        w = lambda k: [_key(x) for x in cues.get(k, [])]
        I, R = regex.I, regex.I | regex.REVERSE
        self._SHIFT_BEFORE = regex.compile(_alt(w("shift_before_holiday")) + r"\s+$", R)
        self._COMPARED = regex.compile(_alt(w("compared_before")) + r"\s+(?:the\s+)?$", R)
        self._FROM_BEFORE = regex.compile(r"(?:^|[^\p{L}])(" + _alt(w("from_before")) + r")\s+$", R)
        self._SINCE_BEFORE = regex.compile(r"(?:^|[^\p{L}])(" + _alt(w("since_before")) + r")\s+(?:the\s+)?$", R)
        self._TO_NOW = regex.compile(r"\s*" + _alt(w("to_words")) + r"\s+" + _alt(w("now_words"))
                                     + r"(?![\p{L}\p{N}])", I)
        self._FROM_NOW_BEFORE = regex.compile(r"(?:^|[^\p{L}])(" + _alt(w("from_now")) + r")\s+"
                                              + _alt(w("from_now_to")) + r"\s+(?:hết\s+)?(?:the\s+)?$", R)
        self._LIST_BEFORE = regex.compile(_alt(w("list_head")) + r"\s+(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*"
                                          + _alt(w("list_joiners")) + r"\s*)+$", R)
        self._EN_DM_BEFORE = set(w("en_before_monthday"))
        self.LUNAR = _alt(w("lunar_after"))
        self._LUNAR_AFTER = regex.compile(r"\s*(?:\(\s*)?" + self.LUNAR + r"(?:\s*\))?", I)
        self.fy_forms = tuple(f for x in cues.get("fiscal_prefixes", []) for f in (x.upper(), x.lower()))
        self._fy_last = frozenset(f[-1] for f in self.fy_forms) | {" "}
        self.year_this, self.year_last = set(w("year_this")), set(w("year_last"))
        self._UNITS, self._PAST_WORDS = set(w("unit_words")), set(w("clock_words"))
        self._TZ_GMT = tuple(cues.get("gmt_zones", []))
        self._MON3 = {k[:3] for k in self.mon_en if len(k) >= 3 and k[:3].isalpha()}
        # The tense of the sentence around a bare weekday decides which one it is: news tells
        # what happened on Tuesday ("shares rose on Tuesday") and what will on Thursday ("is
        # due on Thursday"); with neither, the nearest one.
        fut = _alt(_key(x) for x in tense.get("future", []))
        past = _alt(_key(x) for x in tense.get("past", []))
        self._TENSE = regex.compile(
            r"(?<![\p{L}'’])(?:(?P<f>(?:will|would|shall|to|(?<=['’])ll)\s+(?:not\s+)?be\s+\p{L}+"
            r"|wo\s*n['’]t|(?<=['’])ll|(?<!than[\s\-])(?:expected|scheduled|slated)"
            r"|due(?!\s+to\s+(?!be\b))|" + fut + ")"
            r"|(?P<p>(?<!(?:is|are|be|been|being|remains?|stay|stays)\s+)\p{L}{3,}ed|" + past + r"))(?![\p{L}])", I)

        # "the week ended Nov. 9", "the 13 weeks to 2 November": the weeks that end on that day
        self._WEEK_ENDED = regex.compile(r"(?<![\p{L}\p{N}])(?:(?P<n>\d{1,2}|" + _alt(self.num_en)
                                         + r")\s+weeks|week)\s+(?:ended|ending|to|through)\s+(?:on\s+)?$", R)

    # ---- helpers ----
    def _prev_words(self, text: str, s: int, n: int = 2) -> list[str]:
        """The up to n words right before position s (lower-cased), nearest last."""
        out = []
        for m in self._WORD_BACK.finditer(text, max(0, s - 40), s):
            out.append(m.group().lower())
            if len(out) == n:
                break
        out.reverse()
        return out

    _WORD_BACK = regex.compile(r"[\p{L}\p{N}]+", regex.REVERSE)

    def _prev_phrase_in(self, text: str, s: int, vocab: set[str]) -> bool:
        ws = self._prev_words(text, s, 3)
        if not ws:
            return False
        # the text right before s must end with that word (only spaces between)
        if not _rm(r"\s*$", text[s - 1:s] if s else "") and s and text[s - 1].isalnum():
            return False
        for k in range(1, len(ws) + 1):
            if " ".join(ws[-k:]) in vocab:
                tail = text[max(0, s - 40):s].rstrip()
                if tail.lower().endswith(ws[-1]):
                    return True
        return False

    def _month_word(self, w: str, original: str) -> int | None:
        k = _key(w)
        if k.isdigit():
            return int(k)
        return self.mon_vi.get(k)

    def _qnum(self, s: str) -> int | None:
        if s.upper() in self.roman:
            return self.roman[s.upper()]
        if s.isdigit():
            return int(s)
        return self.num_vi.get(_key(s)) or self.num_en.get(_key(s))

    def _num(self, s: str) -> int | None:
        if s.isdigit():
            return int(s)
        if s.lower() in ("a", "an"):
            return 1
        return self.num_vi.get(_key(s)) or self.num_en.get(_key(s))

    def _mon(self, s: str | None) -> int | None:
        if not s:
            return None
        return self.mon_en.get(s.rstrip(".").lower())

    # ---- candidate builders ----
    def _digit_dispatch(self):
        """Which patterns to try at a digit run, from what follows it (see _after_digits)."""
        ix = {name: i for i, (name, _) in enumerate(self.patterns)}
        g = lambda *names: tuple(sorted(ix[n] for n in names))
        self.d_year, self.d_iso, self.d_q2 = g("year"), g("iso", "iso_month"), g("en_q2")
        self.d_dec, self.d_fy, self.d_tz = g("decade"), g("en_fy"), g("en_time_gmt")
        # "12/11", "12-16/11", "12-16 November", "3.30 pm": the patterns tried at a one- or
        # two-digit run followed by a separator, from the separator and what follows it
        self.d_sep_num = g("num_dmy", "num_range")
        self.d_dash_num = g("num_dmy", "num_range", "en_dm_range")
        self.d_dot_num = g("num_dmy", "num_range", "en_time")
        self.d_dash_sp = g("num_range", "en_dm_range")
        self.d_dash = g("num_range", "en_dm_range")
        self.d_colon = g("vi_time", "en_time")
        # "3rd quarter", "21st century", "14th of November", "2nd Monday of", "1st-3rd": by the
        # word after the ordinal suffix
        q3, cent, nwd, nof = g("en_q3"), g("century"), g("en_nth_wd"), g("en_nth_of_month")
        dmy_r = g("en_dmy", "en_dm_range")
        self.d_ord_word = {"quarter": q3, "qtr": q3, "century": cent, "day": nwd + nof,
                           "of": dmy_r + nof, "-": q3 + g("en_dm_range")}
        for w in ("to", "until", "through", "thru", "till", "and", "–", "—"):
            self.d_ord_word[w] = g("en_dm_range")
        for w in self.wd_en:
            self.d_ord_word[w.lower()] = nwd
        self.d_ord_mon = dmy_r
        self.d_vt, self.d_et = g("vi_time"), g("en_time")
        self.d_vth, self.d_q = g("vi_time", "en_h"), g("en_q")
        vi_thang = g("vi_dmy_words", "vi_lunar", "vi_nmonths", "vi_ago", "vi_next_n", "vi_ytd")
        en_mon = g("en_dmy", "en_dm_range")
        self.d_word = {"tháng": vi_thang, "quý": g("vi_nmonths", "vi_next_n"),
                       "ngày": g("vi_ago", "vi_next_n"), "tuần": g("vi_ago", "vi_next_n"),
                       "năm": g("vi_ago", "vi_next_n"),
                       "đến": self.d_dash, "tới": self.d_dash, "và": self.d_dash, "to": self.d_dash,
                       "until": self.d_dash, "through": self.d_dash, "thru": self.d_dash, "till": self.d_dash,
                       "and": self.d_dash, "of": en_mon, "-": self.d_dash, "–": self.d_dash, "—": self.d_dash,
                       "~": self.d_dash, ",": g("num_range"), ":": self.d_vt, "h": self.d_vt, "g": self.d_vt,
                       "giờ": self.d_vt, "am": self.d_et, "pm": self.d_et, "a": self.d_et, "p": self.d_et,
                       "in": self.d_et, "o": self.d_et, "oclock": self.d_et}
        for w in ("day", "days", "week", "weeks", "year", "years", "fortnight", "fortnights", "decade", "decades"):
            self.d_word[w] = g("en_ago")
        for w in ("past", "after", "before", "minute", "minutes", "min", "mins"):
            self.d_word[w] = g("en_time_past")
        self.d_word["to"] = self.d_word["to"] + g("en_time_past")
        for w in ("month", "months"):
            self.d_word[w] = g("en_ago", "en_months_to")
        for w in self.mon_en:
            self.d_word[w] = en_mon
        self._after_word = regex.compile(r"[^\S\n]*\n?[^\S\n]*(\p{L}+|\S)")
        self._letters = regex.compile(r"\p{L}+")

    _SPACE_DASH = frozenset(" \t\r\n\f\v\xa0-")

    def _after_digits(self, text: str, s: int, e: int, n: int):
        """The patterns that may match at the digit run text[s:e] of length n, from the
        characters after it (a superset of each pattern's own continuation)."""
        c0 = text[e:e + 1]
        fy = s >= 2 and text[s - 1] in self._fy_last and \
            "".join(text[max(0, s - 3):s].split()).endswith(self.fy_forms)
        if n == 4:
            out = self.d_year
            if c0 in ("-", "/"):
                # "2024-11-11", "2014-10": two digits after the separator
                if text[e + 1:e + 3].isdigit() and len(text[e + 1:e + 3]) == 2 and not text[e + 3:e + 4].isdigit():
                    out = out + self.d_iso
            elif c0 in ("s", "'", "’"):
                out = out + self.d_dec
            t = c0
            if c0 in self._SPACE_DASH:
                # "2024 Q3", "2024-Q3", "1430 GMT": the first letter after spaces and dashes
                t = text[e:e + 12].lstrip(" \t\r\n\f\v\xa0-")
            if t[:1] in ("Q", "q"):
                out = out + self.d_q2
            elif t[:1].isupper():
                tz = self._letters.match(t)
                if tz is not None and tz.group() in self._TZ_GMT:
                    out = out + self.d_tz
            return out + self.d_fy if fy else out
        if not c0:
            out = ()
        elif c0 in "/.-":
            # every pattern here starts with a day, hour or month of one or two digits
            c1 = text[e + 1:e + 2]
            if n > 2:
                out = ()
            elif c0 == "-":
                out = self.d_dash_num if c1.isdigit() else self.d_dash_sp if c1.isspace() else ()
            elif not c1.isdigit():
                out = ()
            elif c0 == ".":
                out = self.d_dot_num
            else:
                out = self.d_sep_num
        elif c0 == ":":
            out = self.d_colon
        elif c0.isalpha():
            w = self._letters.match(text, e).group().lower()
            if w in ("st", "nd", "rd", "th"):
                nx = self._after_word.match(text, e + 2)
                nw = nx.group(1).lower() if nx is not None else ""
                out = self.d_ord_word.get(nw, ())
                if not out and nw[:3] in self._MON3:
                    out = self.d_ord_mon
            elif w == "s":
                out = self.d_dec
            elif w[0] in "hg":
                out = self.d_vth if c0 == "H" else self.d_vt
            elif c0 == "Q":
                out = self.d_q
            elif w in ("am", "pm", "a", "p") or w[0] == "o":
                out = self.d_et
            else:
                out = ()
        elif c0.isspace():
            m = self._after_word.match(text, e)
            if m is None:
                out = ()
            else:
                w = m.group(1).lower()
                out = self.d_word.get(w, ())
                if not out and w[:3] in self._MON3:
                    out = self.d_word["jan"]   # a month name glued to more letters

        else:
            out = self.d_word.get(c0, ())
        return out + self.d_fy if fy else out

    def _guarded_idxs(self, w: str, nw: str) -> list[int]:
        """The patterns to try at trigger key `w` when the word after it is `nw` ("#2", "#4",
        "#n" for a digit run of one or two, four, other lengths)."""
        idxs = self._guard_cache.get((w, nw))
        if idxs is not None:
            return idxs
        g, ng = self.at_word_unit.get(w), self.next_guard.get(w)
        if g is not None:
            # "hai bên", "a new era": a number word tries the "N units" patterns only before a unit
            idxs = list(g[0])
            if nw in self._UNITS:
                idxs += g[1]
            if nw in self._PAST_WORDS:
                idxs += g[2]
        else:
            idxs = list(self.at_word[w])
        if ng is not None:
            # (a prefix is enough: the patterns do not all end their words with a boundary)
            drop = {i for i, allowed in ng if nw not in allowed and not nw.startswith(tuple(allowed))}
            if drop:
                idxs = [i for i in idxs if i not in drop]
        if len(self._guard_cache) < 20_000:
            self._guard_cache[(w, nw)] = idxs
        return idxs

    def _build_trigger(self):
        """The automaton of trigger words. A guarded word (one whose patterns depend on the
        word after it) gets its base key " w " for the patterns tried before any word, and one
        key " w next" per next word that adds patterns, so that the common case needs no look
        at the text in Python; only a word followed by punctuation, a line break or a digit
        is looked at (in the spaced text those show as a second space or a digit)."""
        import ahocorasick
        self.trigger = ahocorasick.Automaton()
        self.g_base: dict[str, list[int]] = {}
        self.g_extra: dict[str, list[int]] = {}
        for w in self.at_word:
            self.trigger.add_word(w, w)
            if w not in self.at_word_unit and w not in self.next_guard:
                continue
            base = self._guarded_idxs(w, "\x00")
            self.g_base[w] = base
            nexts = {a for _, allowed in self.next_guard.get(w, ()) for a in allowed}
            if w in self.at_word_unit:
                nexts |= self._UNITS | self._PAST_WORDS
            for a in nexts:
                if not a.isalpha():
                    continue   # digits and punctuation: looked at in Python
                extra = [i for i in self._guarded_idxs(w, a) if i not in base]
                if extra:
                    k = w + a
                    if k in self.g_extra:
                        extra = sorted(set(self.g_extra[k]) | set(extra))
                    self.g_extra[k] = extra
        for k in self.g_extra:
            if k not in self.at_word:
                self.trigger.add_word(k, k)
        self.trigger.make_automaton()

    def _triggers(self, text: str, years: list | None = None):
        """(position, pattern indexes) for every place a pattern may start. `years`, when
        given, receives (position, year) of every year-like digit run (see _NOT_BEFORE_YEAR)."""
        after = self._after_digits
        for m in self.digit_runs.finditer(text):
            s, e = m.span()
            if years is not None and e - s == 4 and 1800 <= int(m.group()) <= 2099 \
                    and text[s - 1:s] not in self._NOT_BEFORE_YEAR and text[e:e + 1] != "/":
                years.append((s, int(m.group())))
            idxs = after(text, s, e, e - s)
            if idxs:
                yield s, idxs
        low = text.lower()
        if len(low) != len(text):
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        # Every non-word character becomes a space and the keys are " word ", so the
        # automaton only reports whole words.
        low = " " + self._spaced(low) + " "
        at_word, g_base, g_extra = self.at_word, self.g_base, self.g_extra
        nxt, guarded_idxs, digits = self._after_word, self._guarded_idxs, self._DIGITS
        hol_keys = self.hol_keys
        for end, w in self.trigger.iter(low):
            s = end - len(w) + 1
            ex = g_extra.get(w)
            if ex is not None:
                # " w next": the patterns that this next word adds
                yield s, ex
                if w not in at_word:
                    continue
            if w in hol_keys:
                # "last Christmas": the pattern starts at the shift word before the name
                sh = self._SHIFT_BEFORE.search(text, max(0, s - 12), s)
                if sh is not None:
                    yield sh.start(), self.hol_idx
            base = g_base.get(w)
            if base is None:
                yield s, at_word[w]
                continue
            c = low[end + 1:end + 2]
            if c == " " or c.isdigit():
                # punctuation, a line break or a digit after the word: look at the text
                m = nxt.match(text, s + len(w) - 2)
                nw = m.group(1).lower() if m is not None else ""
                if nw[:1].isdigit():
                    d = digits.match(text, m.start(1)).end() - m.start(1)
                    nw = "#2" if d <= 2 else "#4" if d == 4 else "#n"
                idxs = guarded_idxs(w, nw)
            else:
                idxs = base
            if idxs:
                yield s, idxs

    _NONWORD = regex.compile(r"[^\w]|_")
    _char_nonword: dict[str, bool] = {}   # (a cache shared by all runs: characters are few)
    _DIGITS = regex.compile(r"\d+")

    def _spaced(self, low: str) -> str:
        """`low` with every non-word character as a space (same length). One str.replace per
        distinct non-word character (a few dozen in news) is 3x faster than a regex sub."""
        kind = self._char_nonword
        bad = []
        for ch in set(low):
            nw = kind.get(ch)
            if nw is None:
                nw = kind[ch] = self._NONWORD.match(ch) is not None
            if nw:
                bad.append(ch)
        if len(bad) > 60:
            return self._NONWORD.sub(" ", low)
        for ch in bad:
            if ch != " ":
                low = low.replace(ch, " ")
        return low

    def candidates(self, text: str, doc, years: list | None = None) -> list[C]:
        out: list[C] = []
        seen: set[tuple[int, int, int]] = set()
        pats, handlers, matchers = self.patterns, self.handlers, self.matchers
        for pos, idxs in self._triggers(text, years):
            for i in idxs:
                m = matchers[i](text, pos, pos + 160)
                if m is None:
                    continue
                key = (i, m.start(), m.end())
                if key in seen:
                    continue
                seen.add(key)
                try:
                    c = handlers[i](m, text, doc)
                except (ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError):
                    c = None
                if c is None:
                    continue
                c.rule = c.rule or pats[i][0]
                c.pri = i
                out.append(c)
        return out

    def _yr_from(self, m, key="y", relkey="yrel"):
        y = m.groupdict().get(key)
        if y:
            return int(y), None
        yr = m.groupdict().get(relkey)
        if yr:
            return None, self._yshift(yr)
        return None, None

    def _yshift(self, w: str) -> int:
        w = _key(w)
        if w.startswith("the "):
            w = w[4:]
        if w in self.year_this:
            return 0
        if w in self.year_last:
            return -1
        return 1

    def _r_iso(self, m, text, doc):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not _valid(y, mo, d):
            return None
        p = P(y, mo, d)
        if m["H"]:
            p.H, p.M = int(m["H"]), int(m["M"])
        return C(m.start(), m.end(), p)

    def _r_iso_month(self, m, text, doc):
        # "2014-10": only when it cannot be a year range or a code
        return C(m.start(), m.end(), P(int(m["y"]), int(m["m"])))

    # "kỳ hạn 6-9 tháng", "3-5 năm": a range of counts before a unit, not a day-month
    _UNIT_AFTER = regex.compile(r"\s*(?:tháng|năm|ngày|tuần|quý|tuổi|giờ|tiếng|phút|lần|months?|years?|days?|weeks?)(?![\p{L}])"
                                r"(?!\s+(?:nay|ngoái|trước|sau|tới|qua|này)(?![\p{L}]))", regex.I)
    _UNIT_FIRST = frozenset("tnqgplmydw")

    def _dm_before_unit(self, m, text, a, b):
        mt = self._THANG_AFTER.match(text, m.end())
        if mt and m["s"] == "-" and m["head"] and 1 <= a < b <= 31:
            y = int(mt.group(2)) if mt.group(2) else None
            mo = int(mt.group(1))
            if _valid(y, mo, a) and _valid(y, mo, b):
                return C(m.start(), mt.end(), P(y, mo, a), P(y, mo, b))
        return None
    # "ngày 5-6 tháng 12": two days of a month told in words
    _THANG_AFTER = regex.compile(r"\s+tháng\s+(1[0-2]|0?[1-9])(?![\d\p{L}])(?:\s*(?:[/\-]|năm)\s*((?:1\d|20)\d\d)(?!\d))?", regex.I)

    def _r_num_dmy(self, m, text, doc):
        a, b, sep = int(m["a"]), int(m["b"]), m["s"]
        ys = m["y"]
        if not ys and sep != "/":
            e = m.end()
            if text[e:e + 2][1:].lower() in self._UNIT_FIRST and text[e:e + 1] == " " and not m["y2"] \
                    and self._UNIT_AFTER.match(text, e):
                return self._dm_before_unit(m, text, a, b)
        lang = doc.lang_at(m.start("a"))
        if ys and len(ys) == 2 and sep != "/":
            return None
        y = _year2(ys) if ys else None
        d, mo = a, b
        if not _valid(y, mo, d):
            if lang == "en" and _valid(y, a, b):
                d, mo = b, a
            else:
                return None
        head = m["head"]
        s0 = m.start("a")
        if y is None:
            # a bare day-month: only with a head word, a context word or a bracket before
            if sep == ".":
                if not m["head"]:
                    return None
            elif not head and not (sep == "/" and len(m["a"]) == 2 and len(m["b"]) == 2
                                   and "0" in (m["a"][0], m["b"][0])):
                before = text[max(0, s0 - 2):s0]
                if not (before.endswith("(") or self._prev_phrase_in(text, s0, self.ctx_dm)
                        or (lang == "en" and d == b and d > 12 and sep == "/"
                            and self._prev_phrase_in(text, s0, self._EN_DM_BEFORE))
                        or self._ends_with_weekday(text, s0)
                        or self._RD_BEFORE.search(text, max(0, s0 - 24), s0)
                        or self._LIST_BEFORE.search(text, max(0, s0 - 80), s0)):
                    return None
            if sep == "-" and not head and not text[max(0, s0 - 2):s0].endswith("("):
                if not self._prev_phrase_in(text, s0, self.ctx_dm):
                    return None
        elif len(ys) == 4 and not (1000 <= y <= 2100):
            return None
        start = m.start() if m["head"] else s0
        al = self._LUNAR_AFTER.match(text, m.end())
        if al and not m["y2"]:
            # "ngày 15/8 âm lịch": a lunar date (only the first lunar month has a Gregorian value)
            return C(start, al.end(), None, rel=("lunar", d, mo, y), needs_ref=False)
        p = P(y, mo, d)
        c = C(start, m.end(), p)
        if m["y2"]:
            y2 = int(m["y2"])
            if y is None or y2 <= y:
                return C(start, m.end("y") if m["y"] else m.end("b"), p)
            c.b = P(y2)
        return c

    # English words before a month-first "2/15" (day over 12, so it cannot be a fraction of days)

    def _ends_with_weekday(self, text, s):
        chunk = text[max(0, s - 20):s]
        return bool(_rs(r"(?i)(?:thứ\s+(?:\p{L}+|\d)|chủ\s+nhật|day)\s*,?\s*\(?\s*$", chunk))

    def _r_num_range(self, m, text, doc):
        d1, d2 = int(m["d1"]), int(m["d2"])
        m2 = int(m["m2"])
        m1 = int(m["m1"]) if m["m1"] else m2
        y2 = int(m["y2"]) if m["y2"] else None
        y1 = int(m["y1"]) if m["y1"] else y2
        if (m["s2"] == "." and not m["y2"]) or not _valid(y1, m1, d1) or not _valid(y2, m2, d2):
            return None
        if m["m1"] is None and d1 >= d2:
            return None
        if m["va"] and (m["m1"] is not None or d2 != d1 + 1 or not m["head"]):
            return None  # "ngày 9 và 10/11": two consecutive days
        a, b = P(y1, m1, d1), P(y2, m2, d2)
        has_head = bool(m["tu"] or m["head"])
        if not has_head and not m["y2"]:
            # "12-16/11": needs a context word (a score "3-1/..." does not)
            if not (self._prev_phrase_in(text, m.start(), self.ctx_dm) or text[max(0, m.start() - 1):m.start()] == "("):
                if m["m1"] is None and m["s2"] != "/":
                    return None
        return C(m.start(), m.end(), a, b)

    def _r_vi_dmy_words(self, m, text, doc):
        d = int(m["d"])
        mo = self._month_word(m["m"], m["m"])
        y, yrel = self._yr_from(m)
        if not _valid(y, mo, d):
            return None
        if not (m["head"] or m["mong"] or y or yrel):
            if not self._prev_phrase_in(text, m.start(), self.ctx_dm | {"thứ"}) and not self._ends_with_weekday(text, m.start()):
                return None
        if not m["m"][0].isdigit() and m["m"][0].islower() and not (m["head"] or m["mong"] or y):
            return None
        if _key(m["m"]) in ("giêng", "chạp"):
            return None   # "23 tháng Chạp": a lunar date (vi_lunar)
        return C(m.start(), m.end(), P(y, mo, d, yrel=yrel), needs_ref=yrel is not None)

    def _r_vi_month(self, m, text, doc):
        mw = m["m"]
        mo = self._month_word(mw, mw)
        if mo is None or not 1 <= mo <= 12:
            return None
        if mw[0] in "gGcC" and _key(mw) in ("giêng", "chạp") and _rs(r"(?i)(?:rằm|\d)\s+$", text[max(0, m.start() - 6):m.start()]):
            return None   # "rằm tháng Giêng", "23 tháng Chạp": a lunar date (vi_lunar)
        y, yrel = self._yr_from(m)
        if not mw[0].isdigit():
            k = _key(mw)
            if mw[0].islower() and k in ("một", "năm") and not (y or yrel):
                return None  # "mỗi tháng một lần", "ngày tháng năm"
            if mw[0].islower() and k in ("hai", "ba", "bốn", "tư") and not (y or yrel) and \
                    _rm(r"\s+(?:lần|người|đợt|kỳ|buổi|cuộc|ngày|tuần|tháng|năm)\b", text[m.end():m.end() + 10]):
                return None
        before = self._prev_word_adj(text, m.start())
        if before and not m["part"] and not m["tu"]:
            w = before[-1]
            if (w.isdigit() or w in self.vague_before or w in self.num_vi) and not (y or yrel):
                return None
        after = text[m.end():m.end() + 12]
        if not (y or yrel) and _rm(r"\s*(?:lần|người|lượt|triệu|tỷ|tỉ|nghìn|ngàn|%)", after):
            return None
        part = m["part"]
        if m["m2"]:
            mo2 = int(m["m2"])
            if mo2 <= mo:
                return None
            return C(m.start(), m.end(), P(y, mo, yrel=yrel), P(y, mo2, yrel=yrel), needs_ref=yrel is not None)
        if m["tu"]:
            return self._month_part(m.start("part") if part else self._skip_word(text, m.start()), m.end(), y, mo, part, yrel)
        return self._month_part(m.start(), m.end(), y, mo, part, yrel)

    def _skip_word(self, text, s):
        mm = _rm(r"\S+\s+", text[s:s + 20])
        return s + (mm.end() if mm else 0)

    def _month_part(self, s, e, y, mo, part, yrel=None):
        a = P(y, mo, yrel=yrel)
        c = C(s, e, a, needs_ref=yrel is not None)
        if part:
            c.extra["part"] = self.parts.get(_key(part), part)
        return c

    _PREV_ADJ = regex.compile(r"([\p{L}\p{N}]+)[ \t]+$", regex.REVERSE)

    def _prev_word_adj(self, text, s) -> list[str]:
        """The word right before s when only spaces separate them ("40 năm nay" but not
        "40%; năm nay"), lower-cased, as a one-item list; else []."""
        m = self._PREV_ADJ.search(text, max(0, s - 30), s)
        if m and m.group(1).isdigit() and text[max(0, m.start() - 1):m.start()] in ("/", "-", "."):
            return []  # "ngày 5/3 năm ngoái": the number ends a date, it counts nothing
        return [m.group(1).lower()] if m else []

    def _vague_before(self, text, s) -> bool:
        ws = self._prev_word_adj(text, s)
        return bool(ws) and (ws[-1].isdigit() or ws[-1] in self.num_vi or ws[-1] in self.vague_before)

    def _r_vi_month_rel(self, m, text, doc):
        sh = self.sh_vi[_key(m["sh"])]
        if not m["part"] and self._vague_before(text, m.start()):
            return None
        c = C(m.start(), m.end(), None, rel=("month", sh), needs_ref=True)
        if m["part"]:
            c.extra["part"] = self.parts[_key(m["part"])]
        elif sh and self._compared(text, m.start()):
            c.extra["anchor"] = True  # "tăng 3% so với tháng trước": the month before the one told
        return c

    def _r_vi_first_day(self, m, text, doc):
        mo = self._month_word(m["m"], m["m"])
        y = int(m["y"]) if m["y"] else None
        if not mo or not 1 <= mo <= 12:
            return None
        c = C(m.start(), m.end(), P(y, mo, 1))
        if _key(m["fl"]).startswith("cuối"):
            c.extra["last_day"] = True
        return c

    def _r_vi_part_week(self, m, text, doc):
        sh = self.sh_vi[_key(m["sh"])]
        if _key(m["part"]) == "cuối":
            # "cuối tuần qua" is last weekend (Saturday and Sunday), not the last days of a week
            return C(m.start(), m.end(), None, rel=("weekend", sh), needs_ref=True)
        c = C(m.start(), m.end(), None, rel=("week", sh), needs_ref=True)
        c.extra["part"] = self.parts[_key(m["part"])]
        return c

    def _r_vi_part_month(self, m, text, doc):
        # "cuối tháng" alone: the reference month
        c = C(m.start(), m.end(), None, rel=("month", 0), needs_ref=True)
        c.extra["part"] = self.parts[_key(m["part"])]
        return c

    def _r_year(self, m, text, doc):
        y = int(m["y"])
        y2 = int(m["y2"]) if m["y2"] else None
        if m["yy"]:
            y2 = y // 100 * 100 + int(m["yy"])
            if y2 != y + 1:
                return None
        tu, head, rs = m["tu"], m["head"], m["rs"]
        s = m.start("y")
        if head:
            s = m.start("head")
        if y2 is not None:
            rsl = rs.lower()
            ok = (1900 <= y <= 2100 or head or (tu and 1800 <= y)) and y < y2 <= y + 200   # "từ 1884 đến 1945"
            if not head:
                nx = _rm(r"\s+([\p{L}/]+)", text[m.end():m.end() + 20])
                if nx and nx.group(1).lower() in self.count_after:
                    return None   # "between 1950 and 1990 people", "from 1850 to 1900 points": counts
            if rsl in ("and", "và") and (tu or "").lower() not in ("between", "giữa"):
                ok = False
            if rsl in ("to", "until", "through", "đến", "tới") and not (tu or head):
                ok = ok and True
            if ok:
                start = m.start() if tu else s
                return C(start, m.end(), P(y), P(y2))
            # fall through: only the first year
        e = m.end("y")
        if head:
            if not 1000 <= y <= 2100:
                return None
            return C(s, e, P(y))
        if not 1900 <= y <= 2100:
            if 1800 <= y < 1900 and self._OLD_YEAR_BEFORE.search(text, max(0, s - 10), s):
                nxt = _rm(r"\s+([\p{L}\d/]+)", text[e:e + 20])
                if not (nxt and nxt.group(1).lower() in self.count_after):
                    return C(s, e, P(y))   # "founded in 1886": an older year after a preposition of time
            return None
        if self._NAM_BEFORE.search(text, max(0, s - 8), s):
            return None   # "năm 2024": the same pattern from the head word "năm" covers it, longer
        nxt = _rm(r"\s+([\p{L}\d/]+)", text[e:e + 20])
        if nxt and nxt.group(1).lower() in self.count_after:
            return None
        if self._year_context(text, s, e):
            return C(s, e, P(y))
        win = text[s - 14 if s > 14 else 0:e + 6]
        if ("and" in win or "và" in win or "or" in win or "hoặc" in win or "&" in win) \
                and self._coordinated_year(text, s, e, text[e:e + 40]):
            return C(s, e, P(y))   # "over 2025 and 2026", "năm 2025 và 2026": a year joined to another close year
        return None

    _NAM_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])năm\s+$", regex.I | regex.REVERSE)

    def _year_context(self, text, s, e) -> bool:
        before = text[max(0, s - 40):s]
        after = text[e:e + 40]
        if before.endswith("(") and after.startswith(")"):
            return True
        if _rm(r"\s*[-–—]?\s*\d", after):
            return False
        ws = self._prev_words(text, s, 2)
        tail = before.rstrip()
        if ws and tail.lower().endswith(ws[-1]) and len(before) - len(tail) <= 2:
            if ws[-1] in self.year_preps or (len(ws) > 1 and " ".join(ws[-2:]) in self.year_preps):
                return True
            # an event edition: a capitalized name (not a document label) right before
            mm = self.cap_before.search(before)
            if mm:
                w = mm["w"]
                lw = w.lower().strip(".")
                if lw in self.not_edition or " ".join(ws[-2:]) in self.not_edition:
                    return False
                # a document name ("Luật Đất đai 2024", "Land Law 2024"): a document word
                # among the few words of the name before the year
                name = _rs(r"((?:\p{L}[\p{L}\-’']*\s+){1,5})$", before)
                if name:
                    nws = name.group(1).lower().split()
                    if any(x in self.not_edition_doc for x in nws) or \
                            any(" ".join(nws[i:i + 2]) in self.not_edition_doc for i in range(len(nws) - 1)):
                        return False
                if w == ")":
                    return True
                # a sentence-initial capital is not a name
                pre = before[:len(before) - len(mm.group(0)) + (1 if mm.group(0)[0] in " (“\"'" else 0)].rstrip()
                if not pre or pre.endswith((".", "!", "?", ":", "\n")):
                    if lw in ("in", "by", "since") or (w.isupper() and len(w) >= 2):
                        return True
                    if lw not in ("the", "its", "this"):
                        return False
                    # "The 2008 financial crisis ...": as "the 2024 budget" below
                else:
                    return True
        if _rs(r"\(\p{Lu}[\p{Lu}\p{N}&]+\)\s*$", before):
            return True
        # "the 2024 APEC Economic Leaders' Week", "Vietnam's 2024 GDP"
        if _rs(r"(?:^|\s)(?:the|its|this|[\p{L}]+['’]s)\s+$", before, regex.I) and \
                _rm(r"\s+\p{L}", after):
            return True
        if _rs(r"(?:^|\n)\s*$", before) and _rm(r"\s+\p{Lu}", after):
            return True
        return False

    _AND_YEAR = regex.compile(r"(?<![\d.,])((?:19|20)\d\d)\s*,?\s*(?:and|or|và|hoặc|&)\s+(?:in\s+|năm\s+)?$", regex.I | regex.REVERSE)
    _YEAR_AND = regex.compile(r"\s*,?\s*(?:and|or|và|hoặc|&)\s+(?:in\s+|năm\s+)?((?:19|20)\d\d)(?!\d|[.,]\d)(?:\s+([\p{L}/]+))?", regex.I)

    def _coordinated_year(self, text, s, e, after) -> bool:
        """"over 2025 and 2026", "in 2019 or 2020": a year joined to another close year."""
        mb = self._AND_YEAR.search(text, max(0, s - 16), s) if text[s - 2:s - 1].isalpha() or text[s - 2:s - 1] == "&" else None
        if mb and abs(int(mb.group(1)) - int(text[s:e])) <= 10:
            nx = _rm(r"\s+([\p{L}/]+)", after)
            if not (nx and nx.group(1).lower() in self.count_after):
                return True   # "trong năm 2025 và 2026": the second of two years
        mm = self._YEAR_AND.match(after) if after[:1] in (" ", ",", "\t") else None
        if not mm or abs(int(mm.group(1)) - int(text[s:e])) > 10:
            return False
        return not (mm.group(2) and mm.group(2).lower() in self.count_after)

    def _r_vi_quarter(self, m, text, doc):
        q = self._qnum(m["q"])
        if not q or not 1 <= q <= 4:
            return None
        y, yrel = self._yr_from(m)
        if m["q2"]:
            # "quý I-III", "quý 2-3/2024": a range of quarters
            q2 = self._qnum(m["q2"])
            if not q2 or not q < q2 <= 4:
                return None
            return C(m.start(), m.end(), P(y, q=q, yrel=yrel), P(y, q=q2, yrel=yrel), needs_ref=yrel is not None)
        return C(m.start(), m.end(), P(y, q=q, yrel=yrel), needs_ref=yrel is not None)

    def _r_vi_quarter_pos(self, m, text, doc):
        y, yrel = self._yr_from(m)
        q = 1 if _key(m["pos"]) == "đầu" else 4
        return C(m.start(), m.end(), P(y, q=q, yrel=yrel), needs_ref=yrel is not None)

    def _r_vi_quarter_rel(self, m, text, doc):
        if self._vague_before(text, m.start()):
            return None
        ws = self._prev_words(text, m.start(), 1)
        if ws and ws[-1] in self.precious_before and text[m.start()].islower():
            return None  # "kim loại quý này", "đá quý": "quý" = precious after these nouns
        c = C(m.start(), m.end(), None, rel=("quarter", self.sh_vi[_key(m["sh"])]), needs_ref=True)
        if c.rel[1] and self._compared(text, m.start()):
            c.extra["anchor"] = True
        return c

    def _r_en_q(self, m, text, doc):
        q = int(m["q"])
        y = int(m["y"]) if m["y"] else (_year2(m["yy"]) if m["yy"] else None)
        return C(m.start(), m.end(), P(y, q=q))

    def _r_en_q2(self, m, text, doc):
        return C(m.start(), m.end(), P(int(m["y"]), q=int(m["q"])))

    def _r_en_q3(self, m, text, doc):
        q = 4 if m["q"].lower() == "final" else self._qnum(m["q"].lower())   # "the final quarter of 2024"
        if not m["y"] and not m["yrel"] and self._GAME_AFTER.match(text, m.end()):
            return None  # "the fourth quarter of the game": a period of play
        y, yrel = self._yr_from(m)
        return C(m.start(), m.end(), P(y, q=q, yrel=yrel), needs_ref=yrel is not None)

    def _r_en_q_rel(self, m, text, doc):
        c = C(m.start(), m.end(), None, rel=("quarter", self.sh_en[_key(m["sh"])]), needs_ref=True)
        if _key(m["sh"]) in ("previous", "prior", "preceding", "following") or (c.rel[1] and self._compared(text, m.start())):
            c.extra["anchor"] = True
        return c

    def _period(self, m, m1, m2):
        y, yrel = self._yr_from(m)
        a, b = P(y, m1, yrel=yrel), P(y, m2, yrel=yrel)
        return C(m.start(), m.end(), a, b, needs_ref=yrel is not None)

    def _r_vi_nmonths(self, m, text, doc):
        n = self._num(m["n"])
        if not n or not 1 <= n <= 12:
            return None
        if _key(m["u"]) == "quý":
            if n > 4:
                return None
            n *= 3
        if not m["pos"] or _key(m["pos"]) == "đầu":
            return self._period(m, 1, n)
        return self._period(m, 13 - n, 12)

    _DURATION_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:sau|trong|mất|kéo\s+dài|gần|hơn|khoảng|chừng|hạn|kỳ|mỗi|hàng|những|các|vòng|thời\s+gian)\s+$", regex.REVERSE)
    _YTD_OPEN = regex.compile(r"(?:^|[.;:!?\n]\s*)trong\s+$", regex.REVERSE)

    def _r_vi_ytd(self, m, text, doc):
        before = text[max(0, m.start() - 24):m.start()].lower()
        ref = doc.reference_date
        n = int(m["n"])
        if not self._YTD_BEFORE.search(before) and not (
                ref is not None and ref.month - 1 <= n <= ref.month and (
                    (self._YTD_OPEN.search(before) and text[m.end():m.end() + 1] == ",")
                    # "Giải ngân vốn đầu tư công 10 tháng đạt 52%" told in November
                    or (_rm(r"\s+(?:đạt|ước\s+đạt|ước|tăng|giảm|vượt)(?![\p{L}])", text[m.end():m.end() + 12])
                        and not self._DURATION_BEFORE.search(before)))):
            # "Trong 10 tháng, thu ngân sách ..." told in November opens a year-to-date report
            return None   # "sau 10 tháng", "kỳ hạn 6 tháng": a duration or a term

        yrel = -1 if ref is not None and n > ref.month else 0
        return C(m.start(), m.end(), P(None, 1, yrel=yrel), P(None, n, yrel=yrel), needs_ref=True)

    def _r_vi_half(self, m, text, doc):
        h = self.halves[_key(m["half"])]
        return self._period(m, 1, 6) if h == 1 else self._period(m, 7, 12)

    _VAGUE_MONTHS_BEFORE = regex.compile(r"(?i)(?:^|[^\p{L}])(?:những|các|mấy|vài)\s+tháng\s+$", regex.REVERSE)

    def _r_vi_part_year(self, m, text, doc):
        st = m.start()
        if st > 6 and text.find("tháng", st - 8, st) >= 0 and self._VAGUE_MONTHS_BEFORE.search(text, st - 16 if st > 16 else 0, st):
            return None  # "những tháng cuối năm": the last months of any year, vague
        y, yrel = self._yr_from(m)
        c = C(m.start(), m.end(), P(y, yrel=yrel), needs_ref=yrel is not None)
        c.extra["part"] = self.parts[_key(m["part"])]
        if y is None and yrel is None:
            c.rel = ("year", 0)
            c.needs_ref = True
        return c

    def _r_en_nmonths(self, m, text, doc):
        n = self._num(m["n"])
        if not n or not 1 <= n <= 12:
            return None
        if m["u"].lower() == "quarters":
            if n > 4:
                return None
            n *= 3
        if m["pos"].lower() == "last" and not (m["y"] or m["yrel"] or _rs(r"(?i)year\s*$", m.group())):
            return None  # "the last 2 months": a span back from the reference date
        c = self._period(m, 1, n) if m["pos"].lower() == "first" else self._period(m, 13 - n, 12)
        if c.a.y is None and c.a.yrel is None:
            c.a.yrel = c.b.yrel = 0
            c.needs_ref = True
        return c

    def _r_en_half(self, m, text, doc):
        c = self._period(m, 1, 6) if m["half"].lower() == "first" else self._period(m, 7, 12)
        if c.a.y is None and c.a.yrel is None:
            # "the second half" told in January to March is last year's
            ref = doc.reference_date
            c.a.yrel = c.b.yrel = -1 if ref is not None and ref.month <= 3 and m["half"].lower() == "second" \
                and not _rs(r"(?i)\byear\s*$", m.group()) \
                and self._tense(text, m.start(), m.end()) != "future" else 0   # "sales should pick up in the second half"
            c.needs_ref = True
        return c

    def _r_en_fy(self, m, text, doc):
        s = max(text.rfind(w, max(0, m.start() - 3), m.start()) for w in self.fy_forms)
        if s < 0:
            return None
        return C(s, m.end(), P(_year2(m["y"]) if len(m["y"]) == 2 else int(m["y"])))

    def _r_vi_fiscal(self, m, text, doc):
        return self._r_en_fiscal(m, text, doc)

    def _r_en_h(self, m, text, doc):
        if not m["y"] and not m["yy"]:
            # a bare "H1 revenue", "in H2": this year's half, "H2" told in January to March last year's
            ref = doc.reference_date
            h = int(m["h"])
            sh = -1 if ref is not None and ref.month <= 3 and h == 2 and self._tense(text, m.start(), m.end()) != "future" else 0
            if _rm(r"\s+(?:of\s+)?(?:this|last|next)\s+year", text[m.end():m.end() + 16]):
                sh = None   # "H1 this year": the year joins the span (see _merge)
            return C(m.start(), m.end(), P(None, 6 * h - 5, yrel=sh), P(None, 6 * h, yrel=sh), needs_ref=True)
        y = int(m["y"]) if m["y"] else 2000 + int(m["yy"])
        return C(m.start(), m.end(), P(y, 1), P(y, 6)) if m["h"] == "1" else C(m.start(), m.end(), P(y, 7), P(y, 12))

    def _r_en_part(self, m, text, doc):
        part = self.parts[_key(_rsub(r"(?i)^the\s+", "", m["part"]))]
        s = m.start()
        if m["part"].lower().startswith("the "):
            s += 4
        if m["dec"]:
            # "the mid-1990s": early 1990-1993, mid 1994-1996, late 1997-1999
            d0 = int(m["dec"])
            lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
            return C(s, m.end(), P(d0 + lo), P(d0 + hi))
        if m["y"] and not m["mon"]:
            c = C(s, m.end(), P(int(m["y"])))
        elif m["mon"]:
            c = C(s, m.end(), P(int(m["y"]) if m["y"] else None, self._mon(m["mon"])))
        else:
            u = m["u"].lower()
            sh = self._yshift(m["yrel"]) if m["yrel"] else 0
            c = C(s, m.end(), None, rel=(u, sh), needs_ref=True)
        c.extra["part"] = part
        return c

    def _r_decade(self, m, text, doc):
        dec = m["dec"]
        if len(dec) == 2:
            v = int(dec)
            y = 1900 + v if v >= 30 else 2000 + v
        else:
            y = int(dec)
        if y % 10:
            return None
        return C(m.start(), m.end(), P(y), P(y + 9))

    def _r_century(self, m, text, doc):
        c = m["c"]
        roman = {"XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21}
        n = roman.get(c.upper()) if not c.isdigit() else int(c)
        return C(m.start(), m.end(), P((n - 1) * 100), P((n - 1) * 100 + 99))

    def _r_en_md_range(self, m, text, doc):
        mo = self._mon(m["mon"])
        mo2 = self._mon(m["mon2"]) if m["mon2"] else mo
        d1, d2 = int(m["d1"]), int(m["d2"])
        y = int(m["y"]) if m["y"] else None
        if m["from"] and m["from"].lower() == "between" and not _rs(r"(?i)and", text[m.end("d1"):m.start("d2")]):
            return None
        if mo2 == mo and d2 <= d1:
            return None
        if not _valid(y, mo, d1) or not _valid(y, mo2, d2):
            return None
        return C(m.start(), m.end(), P(y, mo, d1), P(y, mo2, d2))

    def _r_en_dm_range(self, m, text, doc):
        mo = self._mon(m["mon"])
        mo1 = self._mon(m["mon1"]) if m["mon1"] else mo
        d1, d2 = int(m["d1"]), int(m["d2"])
        y = int(m["y"]) if m["y"] else None
        if mo1 == mo and d2 <= d1:
            return None
        if not _valid(y, mo1, d1) or not _valid(y, mo, d2):
            return None
        s = m.start()
        return C(s, m.end(), P(y, mo1, d1), P(y, mo, d2))

    def _r_en_mdy(self, m, text, doc):
        mo = self._mon(m["mon"])
        d = int(m["d"])
        y = int(m["y"]) if m["y"] else None
        if not _valid(y, mo, d):
            return None
        c = C(m.start(), m.end(), P(y, mo, d))
        if m["y2"]:
            y2 = int(m["y2"])
            if y and y2 > y:
                c.b = P(y2)
            else:
                c.end = m.end("y")
        return c

    def _r_en_dmy(self, m, text, doc):
        mo = self._mon(m["mon"])
        d = int(m["d"])
        y = int(m["y"]) if m["y"] else None
        if not _valid(y, mo, d):
            return None
        return C(m.start(), m.end(), P(y, mo, d))

    def _ordw(self, w: str) -> int | None:
        return self.ord_en.get(_rsub(r"[\s\-]+", "-", w.lower()))

    def _r_en_m_ordw(self, m, text, doc):
        mo, d = self._mon(m["mon"]), self._ordw(m["dw"])
        y = int(m["y"]) if m["y"] else None
        if d is None or not _valid(y, mo, d):
            return None
        if d <= 2 and not m["y"] and _key(m["dw"]) in ("first", "second") and \
                _rm(r"\s+(?:half|quarter|week|time|round|phase|day|of)\b", text[m.end():m.end() + 10]):
            return None
        return C(m.start(), m.end(), P(y, mo, d))

    _r_en_ordw_m = _r_en_m_ordw

    def _r_en_nth_wd(self, m, text, doc):
        nth = m["nth"].lower()
        n = -1 if nth == "last" else (self._num(nth) or int(nth[0]))
        wd = self.wd_en[m["wd"].rstrip(".").lower()] if m["wd"] else None
        if m["mon"]:
            mo = self._mon(m["mon"])
            y = int(m["y"]) if m["y"] else None
            c = C(m.start(), m.end(), None, rel=("nthwd", n, wd, mo, y, 0), needs_ref=y is None)
        else:
            sh = self._yshift(m["sh"]) if m["sh"] else 0
            c = C(m.start(), m.end(), None, rel=("nthwd", n, wd, None, None, sh), needs_ref=True)
        return c

    def _r_en_my(self, m, text, doc):
        return C(m.start(), m.end(), P(int(m["y"]), self._mon(m["mon"])))

    def _r_en_month(self, m, text, doc):
        w = m["mon"]
        k = w.rstrip(".").lower()
        full = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"}
        if k not in full and not w.endswith("."):
            # a bare abbreviation ("Mar", "Jan") alone is too ambiguous; in a month range it is not
            if not (self._MONRANGE_AFTER.match(text, m.end()) or self._MONRANGE_BEFORE.search(text[max(0, m.start() - 12):m.start()])):
                return None
        if k == "may":
            # "May" as a month alone needs a preposition before it
            ws = self._prev_words(text, m.start(), 1)
            if not ws or ws[-1] not in ("in", "since", "to", "and", "between", "until", "by", "of", "early", "late", "mid", "during", "from", "through", "till", "before", "after", "last", "next", "this"):
                return None
        return C(m.start(), m.end(), P(None, self._mon(w)))

    _MONRANGE_AFTER = regex.compile(r"(?:\s*[-–]|\s+(?:to|until|till|through|and))\s*\p{Lu}\p{Ll}{2}")
    _MONRANGE_BEFORE = regex.compile(r"\p{Lu}\p{Ll}{2}\.?(?:\s*[-–]|\s+(?:to|until|till|through|and))\s*$", regex.REVERSE)

    def _ampm(self, phrase: str) -> str | None:
        for w in _key(phrase).split():
            if w in self.dayparts:
                return self.dayparts[w]
        if "tonight" in phrase.lower():
            return "pm"
        return None

    def _r_vi_relday(self, m, text, doc):
        c = C(m.start(), m.end(), None, rel=("day", self.rd_vi[_key(m["rd"])]), needs_ref=True)
        c.extra["ampm"] = self._ampm(m["rd"])
        return c

    def _r_en_relday(self, m, text, doc):
        k = _key(m["rd"])
        s = m.start()
        if k.startswith("the "):
            s += 4
        c = C(s, m.end(), None, rel=("day", self.rd_en[k]), needs_ref=True)
        c.extra["ampm"] = self._ampm(m["rd"])
        return c

    def _r_vi_relunit(self, m, text, doc):
        u = self.unit_vi[_key(m["u"])]
        sh = self.sh_vi[_key(m["sh"])]
        ws = self._prev_word_adj(text, m.start())
        if ws and (ws[-1].isdigit() or ws[-1] in self.num_vi or ws[-1] in self.vague_before):
            return None
        k = _key(m["sh"])
        if k == "ngoái" and u != "year":
            return None
        if u == "year" and k == "sau" and not self._DM_BEFORE.search(text, max(0, m.start() - 8), m.start()) \
                and not (self._NEXT_YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start())
                         and not _rm(r"\s+(?:đó|nữa|đấy|nữa)(?![\p{L}])", text[m.end():m.end() + 8])) \
                or u == "month" and k == "sau" and ws and ws[-1] in ("những", "các"):
            return None  # "hai năm sau" is "two years later"; "30/4 năm sau" is next year's
        return self._vi_relunit_c(m, text, u, sh)

    # "Năm sau, thuế sẽ giảm", "vào năm sau": next year (not "năm sau đó", "the year after")
    _NEXT_YEAR_BEFORE = regex.compile(r"(?:^|[.;:!?\n(]\s*|(?<![\p{L}])(?:vào|trong|đến|tới|sang|cho|từ)\s+)$", regex.I | regex.REVERSE)
    _DM_BEFORE = regex.compile(r"(?<![\d/.])\d{1,2}[/.\-]\d{1,2}\s+$", regex.REVERSE)

    def _vi_relunit_c(self, m, text, u, sh):
        c = C(m.start(), m.end(), None, rel=(u, sh), needs_ref=True)
        if sh and self._compared(text, m.start()):
            c.extra["anchor"] = True  # "tăng 3% so với tháng trước": the month before the one told
        return c


    def _compared(self, text, s) -> bool:
        return self._COMPARED.search(text, max(0, s - 16), s) is not None

    def _anchor_shift(self, text, c: C, facts_before):
        """A shifted unit ("so với tháng trước", "the previous quarter") counted from the period
        of that unit told earlier in the same sentence, if any."""
        u, sh = c.rel[0], c.rel[1]
        lo = max(0, c.start - 300)
        sent = max(text.rfind(". ", lo, c.start), text.rfind("\n", lo, c.start), text.rfind("; ", lo, c.start), lo)
        for f, val in reversed(facts_before[-6:]):
            if f.end <= sent:
                break
            if not isinstance(val, str) or "/" in val or not val[:4].isdigit():
                continue
            y = int(val[:4])
            if u == "year" and len(val) == 4:
                return f"{y + sh:04d}", "year"
            if u == "month" and len(val) == 7 and val[4] == "-" and val[5:].isdigit():
                k = y * 12 + int(val[5:]) - 1 + sh
                return f"{k // 12:04d}-{k % 12 + 1:02d}", "month"
            if u == "quarter" and len(val) == 7 and val[5] == "Q":
                k = y * 4 + int(val[6]) - 1 + sh
                return f"{k // 4:04d}-Q{k % 4 + 1}", "quarter"
            if u == "week" and len(val) == 8 and val[5] == "W":
                d = dt.date.fromisocalendar(y, int(val[6:]), 1) + dt.timedelta(weeks=sh)
                w = d.isocalendar()
                return f"{w[0]:04d}-W{w[1]:02d}", "week"
        return None

    def _r_en_relunit(self, m, text, doc):
        sh = self.sh_en[_key(m["sh"])]
        u = self.unit_en[_key(m["u"])]
        if _key(m["sh"]) == "past":
            return None  # "the past year": the last twelve months, vague
        after = text[m.end():m.end() + 3]
        if after.startswith("s") or after.startswith("'s"):
            return None
        c = C(m.start(), m.end(), None, rel=(u, sh), needs_ref=True)
        if _key(m["sh"]) in ("previous", "prior", "preceding", "following") or (sh and self._compared(text, m.start())):
            c.extra["anchor"] = True  # "2.6% the previous month": the month before the one told
        return c

    def _r_en_fiscal(self, m, text, doc):
        y = int(m["y"])
        if m["yy"]:
            y2 = int(m["yy"]) if len(m["yy"]) == 4 else y // 100 * 100 + int(m["yy"])
            if y2 != y + 1:
                return None
            return C(m.start(), m.end(), P(y), P(y2))
        return C(m.start(), m.end(), P(y))

    def _r_en_months_to(self, m, text, doc):
        n = 12 if m["yr"] else 3 if m["qt"] else self._num(m["n"])
        if m["ending"] and m["qt"]:
            return None  # "the quarter ended Sept. 30": the day is the fact, as news marks it
        if not n or not 1 <= n <= 12:
            return None
        mo = self._mon(m["mon"])
        y = int(m["y"]) if m["y"] else None
        # the end month's year: the one stated, else the nearest (resolved with the range)
        return C(m.start(), m.end(), P(None, (mo - n) % 12 + 1), P(y, mo))

    _NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}

    def _r_en_week_of(self, m, text, doc):
        nth = self._NTH[m["nth"].lower()] if m["nth"] else None
        mo = self._mon(m["mon"]) if m["mon"] else None
        d = int(m["d"]) if m["d"] else None
        if (nth is None) == (d is None):
            return None  # "first week of March 4", "week of March": not one week
        y = int(m["y"]) if m["y"] else None
        return C(m.start(), m.end(), None, rel=("week_of", y, mo, d, nth), needs_ref=False)

    def _resolve_week_of(self, c: C, ref, ctx_year):
        _, y, mo, d, nth = c.rel
        if y is None:
            if ref is not None:
                y = _nearest_year(ref, mo, d) if mo else ref.year
            elif ctx_year is not None:
                y = ctx_year
            else:
                return None, "week"
        if d is not None:
            if not _valid(y, mo, d):
                return None, "week"
            day = dt.date(y, mo, d)
        elif mo is not None:
            # a month's weeks are the ISO weeks whose Thursday is in it (as ISO counts a year's)
            first, last = dt.date(y, mo, 1), dt.date(y, mo, _last_day(y, mo))
            if nth == -1:
                day = last - dt.timedelta(days=(last.weekday() - 3) % 7)
            else:
                day = first + dt.timedelta(days=(3 - first.weekday()) % 7, weeks=nth - 1)
            if day > last:
                return None, "week"
        else:
            day = dt.date(y, 12, 28) if nth == -1 else dt.date(y, 1, 4) + dt.timedelta(weeks=nth - 1)
        w = day.isocalendar()
        return f"{w[0]:04d}-W{w[1]:02d}", "week"

    def _r_en_later(self, m, text, doc):
        d = m["dir"].lower()
        if "n" not in m.re.groupindex or m["n"] is None:
            # "the next day", "the following day": only with the article ("next day delivery")
            if not _rs(r"(?i)(?:^|[^\p{L}])the\s+$", text[max(0, m.start() - 5):m.start()]):
                return None
            n = 1
        else:
            n = self._num(m["n"])
            if not n:
                return None
            ws = self._prev_words(text, m.start(), 1)
            if ws and ws[-1] in ("than", "about", "some", "nearly", "almost", "just", "only"):
                return None  # "no more than two days later": vague
        sign = -1 if d in ("earlier", "previous") else 1
        u, n = self._fortnight(m["u"], n)
        c = C(m.start(), m.end(), None, rule="en_later", rel=("after", u, sign * n), needs_ref=False)
        if "n" in m.re.groupindex and m["n"] is not None and not (m["n"].lower() in ("a", "an") and d == "earlier"):
            # ("from 6.72% a week earlier", "from a year earlier" with no date before: as "a week ago")
            c.extra["need_anchor"] = True
        return c

    def _resolve_after(self, text, c: C, ref, facts_before):
        """Shift the last single date told before (in the 600 characters before), else the
        reference date, by the candidate's offset, at the offset's grain."""
        u, n = c.rel[1], c.rel[2]
        anchor = None
        if u == "year" and facts_before:
            # "third-quarter revenue rose 5% from a year earlier": the same period a year before
            f, val = facts_before[-1]
            if f.end >= c.start - 600 and isinstance(val, str) and val[:4].isdigit() and "W" not in val:
                parts = val.split("/")
                if all(_rm(r"\d{4}(?:-Q[1-4]|-\d\d)?$", x) for x in parts) and (len(parts) == 2 or "Q" in val
                                                                             or (len(val) == 7 and abs(n) == 1)):
                    return "/".join(f"{int(x[:4]) + n:04d}{x[4:]}" for x in parts), \
                        "quarter" if "Q" in val else "month" if len(parts[0]) == 7 else "year"
        for f, val in reversed(facts_before[-6:]):
            if f.end < c.start - 600:
                break
            if isinstance(val, str) and "/" not in val and val[:4].isdigit() and "W" not in val and "Q" not in val:
                anchor = val
                break
        if anchor is None:
            if c.extra.get("need_anchor"):
                return None, "drop"  # "two years later" with no date before it: later than what?
            if ref is None:
                return None, "day" if u in ("day", "week") else u
            anchor = ref.date().isoformat()
        y = int(anchor[:4])
        if u == "year":
            return f"{y + n:04d}", "year"
        if len(anchor) < 7:
            return None, "day" if u in ("day", "week") else "month"
        mo = int(anchor[5:7])
        if u == "month":
            k = y * 12 + mo - 1 + n
            return f"{k // 12:04d}-{k % 12 + 1:02d}", "month"
        if len(anchor) < 10:
            return None, "day"
        d = dt.date(y, mo, int(anchor[8:10])) + dt.timedelta(days=n * (7 if u == "week" else 1))
        return d.isoformat(), "day"

    def _r_en_ago(self, m, text, doc):
        if m["odir"]:
            # "two weeks before Christmas", "3 days after January 12": combines with the day after it
            n = self._num(m["n"])
            if not n:
                return None
            sign = -1 if m["odir"].lower() == "before" else 1
            u, n = self._fortnight(m["u"], n)
            return C(m.start(), m.end(), None, kind="offset", strong=False,
                     rel=("off", u, sign * n))
        if m["dir"]:
            return self._r_en_later(m, text, doc)
        n = self._num(m["n"])
        if not n:
            return None
        u, n = self._fortnight(m["u"], n)
        # "two weeks ago"; "one week hence", "3 days from now" count forward
        return C(m.start(), m.end(), None, rel=("ago", u, -n if m["hence"] else n), needs_ref=True)

    @staticmethod
    def _fortnight(u: str, n: int):
        u = u.lower()
        return ("week", 2 * n) if u == "fortnight" else ("year", 10 * n) if u == "decade" else (u, n)

    def _r_en_in(self, m, text, doc):
        n = self._num(m["n"])
        if not n:
            return None
        u, n = self._fortnight(m["u"], n)
        return C(m.start(), m.end(), None, rel=("ago", u, -n), needs_ref=True)

    def _r_vi_ago(self, m, text, doc):
        n = self._num(m["n"])
        if not n:
            return None
        u = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}[_key(m["u"])]
        if m.start() and text[m.start() - 1] in "/.-":
            return None  # "dịp 30/4 năm sau": the number ends a date, "năm sau" is next year
        if m["dir"]:
            # "3 ngày sau", "hai năm sau đó": from the date told before
            ws = self._prev_words(text, m.start(), 1)
            if ws and ws[-1] in self.vague_before | {"hơn", "gần", "khoảng", "chừng", "sau", "trong", "mất"}:
                return None  # "sau 3 ngày sau" / "khoảng 3 ngày sau": vague or a duration
            return C(m.start(), m.end(), None, rule="vi_later", rel=("after", u, n), needs_ref=False,
                     extra={"need_anchor": True})
        return C(m.start(), m.end(), None, rel=("ago", u, n), needs_ref=True)

    def _r_vi_cach_day(self, m, text, doc):
        n = self._num(m["n"])
        if not n:
            return None
        u = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year"}[_key(m["u"])]
        return C(m.start(), m.end(), None, rel=("ago", u, n), needs_ref=True)

    def _r_en_eom(self, m, text, doc):
        w = m["w"]
        c = C(m.start(), m.end(), None, rel=("month" if w[2] == "M" else "year", 0), needs_ref=True)
        c.extra["part"] = "late" if w[0] == "E" else "early"
        return c

    def _r_en_ytd(self, m, text, doc):
        u = m["u"] if "u" in m.re.groupindex else None
        c = C(m.start(), m.end(), None, rel=("month" if (u or "").lower() == "month" else "year", 0), needs_ref=True)
        c.extra["to_now"] = True
        return c

    def _r_en_yearend(self, m, text, doc):
        if m["ytd"]:
            return self._r_en_ytd(m, text, doc) if not m["sh"] else None
        sh = {"this": 0, "last": -1, "next": 1}.get((m["sh"] or "this").lower(), 0)
        c = C(m.start(), m.end(), None, rel=(m["u"].lower(), sh), needs_ref=True)
        c.extra["part"] = "late"
        return c

    def _r_vi_nextday(self, m, text, doc):
        return C(m.start(), m.end(), None, rule="vi_later", rel=("after", "day", 1), needs_ref=False)

    def _r_vi_next_n(self, m, text, doc):
        n = self._num(m["n"])
        if not n:
            return None
        u = {"ngày": "day", "tuần": "week", "tháng": "month", "năm": "year", "quý": "quarter"}.get(_key(m["u"]), _key(m["u"]))
        k = _key(m["sh"])
        sign = 1 if k in ("tới", "tiếp theo", "sắp tới", "next", "coming", "following") else -1
        ws = self._prev_words(text, m.start(), 1)
        if ws and ws[-1] in ("hơn", "gần", "khoảng", "more", "nearly", "about", "over"):
            return None
        return C(m.start(), m.end(), None, rel=("span", u, n, sign), needs_ref=True)

    _r_en_next_n = _r_vi_next_n

    def _r_en_cungky(self, m, text, doc):
        return self._r_vi_cungky(m, text, doc)

    def _r_vi_cungky(self, m, text, doc):
        y, yrel = self._yr_from(m)
        c = C(m.start(), m.end(), P(y, yrel=yrel), needs_ref=yrel is not None)
        c.extra["cungky"] = True
        if y is None and yrel is None:
            c.extra["cungky_bare"] = True  # "so với cùng kỳ": the same period a year before
        return c

    def _r_vi_wd(self, m, text, doc):
        wdk = _key(m["wd"])
        wd = self.wd_vi[wdk]
        raw = m["wd"]
        sh = m["sh"]
        # "thứ Hai", "Chủ nhật" (capitalized name) stand alone; "thứ hai" (also "second") and
        # "thứ 2" only next to a date or with a relative word.
        nameword = raw.split()[-1]
        strong = bool(sh) or (nameword[0].isupper() and not nameword.isdigit()) or wdk == "chủ nhật"
        shift = None
        if sh:
            k = _key(sh)
            shift = 0 if k in ("này", "tuần này") else (-1 if k in ("trước", "qua", "vừa qua", "tuần trước", "tuần qua") else 1)
        if raw.split()[0][0] == "T" and not nameword[0].isupper() and not sh:
            strong = False  # sentence-initial "Thứ hai," = "Secondly,"
        if not strong and self._prev_phrase_in(text, m.start(), self.ctx_dm - {"tháng", "sau", "trước", "hết"}):
            strong = True  # "sáng thứ 2", "vào thứ hai"
        c = C(m.start(), m.end(), None, kind="wd", strong=strong,
              rel=("wd", wd, shift, bool(sh and "tuần" in _key(sh))), needs_ref=True)
        if shift is None:
            c.extra["tense"] = self._tense(text, m.start(), m.end())
        return c

    def _r_en_wd(self, m, text, doc):
        k = m["wd"].rstrip(".").lower()
        wd = self.wd_en[k]
        ws = self._prev_words(text, m.start(), 2)
        if ws and (ws[-1] in ("every", "each") or ws[-2:] == ["every", "other"]):
            return None
        if m["dom"]:
            c = C(m.start(), m.end(), None, kind="date", strong=True, rel=("wdom", wd, int(m["dom"])), needs_ref=True)
            return c
        sh = m["sh"] or m["sh2"] or m["sh3"] or m["sh4"]
        shift = None
        if sh:
            shift = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}[sh.lower()]
        # English "next Friday" / "last Tuesday": that day of the next / previous week
        c = C(m.start(), m.end(), None, kind="wd", strong=True,
              rel=("wd", wd, shift, bool(sh)), needs_ref=True)
        if shift is None:
            c.extra["tense"] = self._tense(text, m.start(), m.end())
        return c

    def _tense(self, text, s, e) -> str | None:
        """"past", "future" or None: the tense of the verb nearest the date in its sentence."""
        lo, hi = max(0, s - 160), min(len(text), e + 160)
        a = max(text.rfind(". ", lo, s), text.rfind("\n", lo, s), text.rfind("? ", lo, s), text.rfind("! ", lo, s))
        a = lo if a < 0 else a + 1
        b = min([x for x in (text.find(". ", e, hi), text.find("\n", e, hi), text.find("? ", e, hi)) if x >= 0] or [hi])
        best, bestd = None, None
        for m in self._TENSE.finditer(text, a, b):
            if m.end() <= s:
                dist = s - m.end()
            elif m.start() >= e:
                dist = m.start() - e + 15   # the verb before the date governs it more often
            else:
                continue
            if bestd is None or dist < bestd:
                best, bestd = ("future" if m.group("f") else "past"), dist
        return best

    _WD3 = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

    def _hol_date(self, spec: str, y: int) -> dt.date | None:
        """The date of holiday `spec` (see [holidays] in lexicon.toml) in year y."""
        off = 0
        mm = _rm(r"(.*[a-z])([+-]\d+)$", spec)
        if mm:
            spec, off = mm.group(1), int(mm.group(2))
        if spec == "easter":
            base = _easter(y)
        elif spec == "lunar":
            md = self.lunar.get(y)
            if md is None:
                return None
            base = dt.date(y, int(md[:2]), int(md[3:5]))
        else:
            parts = spec.split("-")
            mo = int(parts[0])
            if len(parts) == 2:
                if not _valid(y, mo, int(parts[1])):
                    return None
                base = dt.date(y, mo, int(parts[1]))
            else:
                wd = self._WD3[parts[2]]
                if parts[1] == "L":
                    last = dt.date(y, mo, _last_day(y, mo))
                    base = last - dt.timedelta(days=(last.weekday() - wd) % 7)
                else:
                    first = dt.date(y, mo, 1)
                    base = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(parts[1]) - 1))
        return base + dt.timedelta(days=off)

    def _occurrence(self, when, sh: str | None, ref: dt.datetime):
        """Pick the occurrence of a yearly date that a reader means: when(y) -> date | None.
        "last"/"next": the one before / after the reference day; "this": the reference year's;
        else the reference year's unless it is over nine months away, then the nearest."""
        day = ref.date()
        cands = [(y, when(y)) for y in (ref.year - 1, ref.year, ref.year + 1)]
        cands = [(y, d) for y, d in cands if d is not None]
        if not cands:
            return None
        sh = (sh or "").lower()
        if sh in ("last", "previous"):
            past = [d for y, d in cands if d < day]
            return max(past) if past else None
        if sh in ("next", "coming", "following"):
            fut = [d for y, d in cands if d > day]
            return min(fut) if fut else None
        if sh == "this":
            # "this Christmas": the coming one, or the one just past (within a week)
            fut = [d for y, d in cands if (d - day).days >= -7]
            return min(fut) if fut else None
        this = [d for y, d in cands if y == ref.year]
        if this and abs((this[0] - day).days) <= 270:
            return this[0]
        return min((d for y, d in cands), key=lambda d: abs((d - day).days))

    def _r_holiday(self, m, text, doc):
        nxt = _rm(r"\s+([\p{L}]+)", text[m.end("hol"):m.end("hol") + 20])
        if nxt and _key(nxt.group(1)) in self.hol_not_before:
            return None  # "Christmas Island", "Easter Rising", "Tet Offensive"
        hk = _key(m["hol"]).replace("’", "'")
        spec = self.holidays.get(hk) or self.hol_noapos[hk]   # "mothers day" = "mother's day"
        y = int(m["y"]) if m["y"] else None
        if hk == "tết" and not (y or m["ysh"] or m["cc"]):
            ws = self._prev_words(text, m.start("hol"), 1)
            if not ws or ws[-1] not in self.tet_before or not m["hol"][0].isupper():
                return None  # "thưởng Tết" (a bonus), "Tết" as a name: only "dịp Tết", "sau Tết" ...
        ref = doc.reference_date
        start = m.start() if m["sh"] else m.start("hol")
        if m["ysh"]:
            if ref is None:
                return None
            ws = _key(m["ysh"]).split()
            w = ws[-1] if ws[0] == "năm" else ws[0]
            y = ref.year + (0 if w in ("nay", "this") else -1 if w in ("ngoái", "trước", "last") else 1)
        if y is None and m["cc"]:
            y = self._canchi_year(m["cc"], ref)   # "Tết Nguyên đán Ất Tỵ" = 2025
        if y is not None:
            d = self._hol_date(spec, y)
        elif ref is not None:
            sh = m["sh"]
            if not sh:
                # no "last"/"next": the sentence's tense picks the one before or after, when
                # the nearest is over 45 days away ("shops prepare for Christmas" told in February)
                d0 = self._occurrence(lambda yy: self._hol_date(spec, yy), None, ref)
                if d0 is not None and abs((d0 - ref.date()).days) > 45:
                    tense = self._tense(text, m.start("hol"), m.end())
                    if tense == "future" and d0 < ref.date():
                        sh = "next"
                    elif tense == "past" and d0 > ref.date():
                        sh = "last"
            d = self._occurrence(lambda yy: self._hol_date(spec, yy), sh, ref)
        elif _rm(r"\d\d-\d\d$", spec) and not m["sh"]:
            mo, dd = (int(x) for x in spec.split("-"))
            return C(start, m.end(), P(None, mo, dd))   # the year from context, else "--MM-DD"
        else:
            return None
        if d is None:
            return None
        return C(start, m.end(), P(d.year, d.month, d.day))

    _STEMS = ["giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý"]
    _BRANCHES = {"tý": 0, "sửu": 1, "dần": 2, "mão": 3, "mẹo": 3, "thìn": 4, "tỵ": 5, "tị": 5, "ngọ": 6,
                 "mùi": 7, "thân": 8, "dậu": 9, "tuất": 10, "hợi": 11}

    def _canchi_year(self, cc: str, ref) -> int | None:
        """The Gregorian year whose Lunar New Year starts the sexagenary year `cc` ("Ất Tỵ"
        = 2025), the one nearest the reference year (else nearest 2025)."""
        ws = _key(cc).split()
        if len(ws) != 2 or ws[0] not in self._STEMS or ws[1] not in self._BRANCHES:
            return None
        st, br = self._STEMS.index(ws[0]), self._BRANCHES[ws[1]]
        base = ref.year if ref is not None else 2025
        for k in range(0, 31):
            for y in (base - k, base + k):
                if (y - 4) % 10 == st and (y - 4) % 12 == br:
                    return y
        return None

    def _r_vi_lunar(self, m, text, doc):
        """Lunar dates: "mùng 5 tháng Giêng (năm Ất Tỵ)", "rằm tháng Giêng", "15/8 âm lịch",
        "mùng 3 Tết". Days of the first lunar month count from the Lunar New Year; other
        lunar dates are found but get no Gregorian value (no month-length table)."""
        if m["td"]:
            d, mo = int(m["td"]), 1
        else:
            d = 15 if m["ram"] else int(m["d"])
            mw = _key(m["m"])
            mo = 1 if mw in ("giêng", "một") else 12 if mw == "chạp" else self._month_word(mw, mw)
            if not (mw in ("giêng", "chạp") or m["al"] or m["cc"] or m["ram"]):
                return None  # a solar date: vi_dmy_words
            if not mo or not 1 <= mo <= 12 or not 1 <= d <= 30:
                return None
        y = int(m["y"]) if m["y"] else None
        if y is None and m["cc"]:
            y = self._canchi_year(m["cc"], doc.reference_date)
        if "yrel" in m.re.groupindex and m["yrel"] and doc.reference_date is not None:
            # "rằm tháng Giêng năm nay": the lunar year that begins in that calendar year
            y = doc.reference_date.year + self.sh_vi.get(_key(m["yrel"]), 0)
        return C(m.start(), m.end(), None, rel=("lunar", d, mo, y), needs_ref=False)

    def _resolve_lunar(self, c: C, ref):
        _, d, mo, y = c.rel
        if mo != 1:
            return None, "day"
        when = lambda yy: (self._hol_date("lunar", yy) or None) and self._hol_date("lunar", yy) + dt.timedelta(days=d - 1)
        if y is not None:
            day = when(y)
        elif ref is not None:
            day = self._occurrence(when, None, ref)
        else:
            return None, "day"
        return (day.isoformat(), "day") if day else (None, "day")

    def _season(self, name: str, y: int):
        """(start, end) dates of the season that starts in year y."""
        a, b = self.seasons[_key(name)].split("/")
        ma, da, mb, db = int(a[:2]), int(a[3:]), int(b[:2]), int(b[3:])
        return dt.date(y, ma, da), dt.date(y + (1 if mb < ma else 0), mb, db)

    def _season_fact(self, m, name, y, sh, ref):
        if y is not None:
            a, b = self._season(name, y)
        elif ref is None:
            return None
        else:
            day = ref.date()
            cands = [self._season(name, yy) for yy in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
            if sh in ("last", "previous", "past"):
                cs = [c for c in cands if c[1] < day]
                a, b = cs[-1]
            elif sh in ("next", "coming"):
                cs = [c for c in cands if c[0] > day]
                a, b = cs[0]
            else:
                cs = [c for c in cands if c[0] <= day <= c[1]] or [c for c in cands if c[0].year == ref.year]
                a, b = cs[0]
        return C(m.start(), m.end(), P(a.year, a.month, a.day), P(b.year, b.month, b.day))

    def _r_en_season(self, m, text, doc):
        sh = m["sh"].lower() if m["sh"] else None
        if sh is None:
            ws = self._prev_words(text, m.start(), 1)
            # "prices fall 2024 ...": the verb; "fall" + year needs a preposition or article before
            if m["s"].lower() == "fall" and not (ws and ws[-1] in ("the", "in", "of", "during", "since", "by",
                                                                  "until", "till", "from", "through")):
                return None
            # "Arab Spring 2011": a name, the year is a date on its own
            if m["s"][0].isupper() and ws and text[m.start() - 1:m.start()].isspace():
                pw = _rs(r"(\p{L}+)\s+$", text[max(0, m.start() - 30):m.start()])
                if pw and pw.group(1)[0].isupper():
                    return None
        return self._season_fact(m, m["s"], int(m["y"]) if m["y"] else None, sh, doc.reference_date)

    def _r_vi_season(self, m, text, doc):
        y = int(m["y"]) if m["y"] else None
        sh = None
        if m["vsh"]:
            k = _key(m["vsh"]).replace("năm ", "")
            sh = {"nay": "this", "ngoái": "last", "trước": "last", "tới": "next", "sau": "next"}[k]
            if doc.reference_date is None:
                return None
            ry = doc.reference_date.year + {"this": 0, "last": -1, "next": 1}[sh]
            # "mùa đông năm ngoái": the winter that began in that year
            return self._season_fact(m, m["s"], ry, None, doc.reference_date)
        # "mùa Xuân 1975" names the 1975 offensive far more often than a season: the year stands alone
        return None

    def _r_en_the_nth(self, m, text, doc):
        ref = doc.reference_date
        d = int(m["d"])
        # the preposition and article stay outside the span, except the range word "from"
        s = m.start() if m["prep"].lower() == "from" else m.start("d")
        if ref is None:
            return None
        k = ref.year * 12 + ref.month - 1
        if m["sh"]:
            k += -1 if m["sh"].lower().split()[-1] in ("last", "previous") else 1
        y, mo = k // 12, k % 12 + 1
        if not _valid(y, mo, d):
            return None
        return C(s, m.end(), P(y, mo, d))

    def _r_en_nth_of_month(self, m, text, doc):
        ref = doc.reference_date
        if ref is None:
            return None
        k = ref.year * 12 + ref.month - 1
        sh = (m["sh"] or "this").lower()
        k += -1 if sh in ("last", "previous") else 0 if sh in ("this", "current") else 1
        y, mo, d = k // 12, k % 12 + 1, int(m["d"])
        if not _valid(y, mo, d):
            return None
        return C(m.start("d"), m.end(), P(y, mo, d))

    def _r_en_wd_dom(self, m, text, doc):
        wd = self.wd_en[m["wd"].lower()]
        return C(m.start(), m.end(), None, kind="date", strong=True, rel=("wdom", wd, int(m["dom"])), needs_ref=True)

    def _r_en_week_n(self, m, text, doc):
        y, w = int(m["y"]), int(m["w"])
        try:
            dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        return C(m.start(), m.end(), None, rel=("week_of", None, None, None, None), needs_ref=False,
                 extra={"isoweek": f"{y:04d}-W{w:02d}"})

    def _r_en_weekend(self, m, text, doc):
        ref = doc.reference_date
        # told Monday to Wednesday, "the weekend" is the one just past; later in the week, the coming one
        sh = -1 if ref is not None and ref.weekday() <= 2 else 0
        return C(m.start("w"), m.end(), None, rel=("weekend", sh), needs_ref=True)

    def _r_en_past(self, m, text, doc):
        sign = 1 if m["sh"].lower() == "next" else -1
        n = 2 if m["u"].lower() == "fortnight" else 1
        return C(m.start(), m.end(), None, rel=("span", "week", n, sign), needs_ref=True)

    def _r_vi_time(self, m, text, doc):
        H = int(m["H"])
        M = int(m["M"]) if m["M"] else None
        if m["ruoi"]:
            M = 30
        if m["kem"]:
            H, M = H - 1, 60 - int(m["kem"])
        pod = m["pod"]
        if pod:
            ap = self.dayparts[_key(pod)]
            if ap == "pm" and H < 12:
                H += 12
            elif ap == "noon" and H < 11:
                H += 12
        if H > 23:
            return None
        strong = bool(m["hm"] or (M is not None and not m["gio"]) or m["luc"] or pod or (m["gio"] and M is not None))
        if m["gio"] and not (m["luc"] or pod or m["ruoi"] or m["kem"]):
            strong = False
        if ":" in m.group() and not m["hm"] and not m["gio"]:
            # a bare "10:45": a time only with an hour below 24 and not a ratio or score
            strong = True
        s = m.start() if not m["luc"] else m.start("H")
        return C(s, m.end(), P(H=H, M=M), kind="time", strong=strong, extra={"ap": bool(pod)})

    def _r_en_time(self, m, text, doc):
        H = int(m["H"])
        if H > 12:
            return None
        M = int(m["M"]) if m["M"] else None
        if m["ipod"]:
            ws = self._prev_words(text, m.start(), 1)
            if not m["M"] and "clock" not in m.group().lower() and not (
                    ws and ws[-1] in ("at", "around", "about", "by", "until", "till", "from", "before", "after", "since")):
                return None  # "3 in the morning session": a count
            pod = m["ipod"].lower()
            # "12 at night" is midnight; "3 in the morning" is a.m.; afternoon/evening p.m.
            ap = "am" if pod == "morning" or (pod == "night" and (H == 12 or H < 5)) else "pm"
        else:
            ap = m["ap"].lower().replace(".", "")
        if ap == "pm" and H < 12:
            H += 12
        if ap == "am" and H == 12:
            H = 0
        return C(m.start(), m.end(), P(H=H, M=M), kind="time", strong=True, extra={"ap": True})

    def _r_en_time_gmt(self, m, text, doc):
        if text[max(0, m.start() - 2):m.start()].rstrip().endswith("("):
            return None  # "2:30 a.m. local time (1930 GMT)": the conversion of the time before it
        return C(m.start(), m.end(), P(H=int(m["H"]), M=int(m["M"])), kind="time", strong=True, extra={"ap": True})

    def _r_en_time_past(self, m, text, doc):
        M = 15 if m["qu"] else 30 if m["half"] else self._num(m["mm"])
        hw = m["H"].lower()
        H = 12 if hw == "noon" else 0 if hw == "midnight" else self._num(hw)
        if M is None or H is None or not 1 <= M <= 59 or not 0 <= H <= 12:
            return None
        if m["dir"].lower() in ("to", "before"):
            H, M = (H - 1) % 24, 60 - M
        ap = (m["ap"] or "").lower().replace(".", "")
        if ap == "pm" and H < 12:
            H += 12
        elif ap == "am" and H == 12:
            H = 0
        # a clock time only with a.m./p.m., noon or midnight ("10 to 12 people" is a count)
        strong = bool(ap) or hw in ("noon", "midnight")
        return C(m.start(), m.end(), P(H=H, M=M), kind="time", strong=strong, extra={"ap": bool(ap)})

    def _r_en_time_noon(self, m, text, doc):
        H = 0 if m["nn"].lower() == "midnight" else 12
        # "at noon", "by midnight": a clock time like "at 3 p.m."; a bare "noon" only joins a day
        ws = self._prev_words(text, m.start(), 1)
        # (a lone "midnight" is left out: which day's end it is, is the reader's guess)
        strong = H == 12 and bool(ws) and ws[-1] in ("at", "by", "until", "till", "before", "after", "since", "from")
        return C(m.start(), m.end(), P(H=H, M=0), kind="time", strong=strong)

    def _r_en_time_bare(self, m, text, doc):
        # only combines with a day before it ("tonight at 8"), never a fact of its own
        return C(m.start("H"), m.end(), P(H=int(m["H"]), M=int(m["M"]) if m["M"] else None),
                 kind="time", strong=False, extra={"bare": True})

    def _r_pod_vi(self, m, text, doc):
        return C(m.start(), m.end(), None, kind="pod", strong=False)

    _r_pod_en = _r_pod_vi

    # ---- combination ----
    def combine(self, text: str, cs: list[C]) -> list[C]:
        cs.sort(key=lambda c: c.start)
        out: list[C] = []
        for c in cs:
            if out:
                p = out[-1]
                glue = text[p.end:c.start]
                merged = self._merge(text, p, c, glue)
                if merged is not None:
                    out[-1] = merged
                    continue
            out.append(c)
        return out

    def _is_day(self, c: C) -> bool:
        if c.kind == "wd":
            return True
        if c.kind != "date" or c.b is not None:
            return False
        if c.rel is not None:
            return c.rel[0] in ("day", "wdom")
        return c.a is not None and c.a.d is not None and c.a.H is None and "part" not in c.extra

    def _merge(self, text, p: C, c: C, glue: str) -> C | None:
        if len(glue) > 32:
            return None
        # a quarter or half without a year + a fiscal year: "Q3 FY25", "H1 FY2024",
        # "the third quarter of fiscal 2025" (the fiscal year's label, as "fiscal 2025" is 2025)
        if c.rule in ("en_fy", "en_fiscal") and c.a is not None and c.a.y is not None and c.b is None \
                and p.kind == "date" and p.rel is None and p.a is not None and p.a.y is None and p.a.d is None \
                and (p.a.q is not None or p.a.m is not None) and _rm(r"[ \t]*(?:of[ \t]+)?$", glue):
            a = P(c.a.y, p.a.m, q=p.a.q)
            b = P(c.a.y, p.b.m, q=p.b.q) if p.b is not None else None
            return C(p.start, c.end, a, b, rule=p.rule, pri=p.pri)
        # a day or month without a year + "last year" / "năm ngoái": "Nov. 30-Dec. 2 last year",
        # "ngày 5/3 năm ngoái", "in March this year"
        if c.kind == "date" and c.rel is not None and len(c.rel) == 2 and c.rel[0] == "year" and "part" not in c.extra \
                and p.kind == "date" and p.rel is None and p.a is not None and p.a.y is None and p.a.yrel is None \
                and p.a.m is not None and (p.b is None or (p.b.y is None and p.b.yrel is None)) \
                and "pair" not in p.extra and "cungky" not in p.extra and _rm(r"[ \t]*,?[ \t]*$", glue) \
                and not c.extra.get("anchor"):
            a = P(None, p.a.m, p.a.d, p.a.H, p.a.M, yrel=c.rel[1])
            b = P(None, p.b.m, p.b.d, p.b.H, p.b.M, yrel=c.rel[1]) if p.b is not None else None
            return C(p.start, c.end, a, b, rule=p.rule, pri=p.pri, needs_ref=True, extra=dict(p.extra))
        # offset + day: "two weeks before Christmas", "three weeks from tomorrow"
        if p.kind == "offset" and not glue and c.kind in ("date", "wd") and self._is_day(c) and "offset" not in c.extra:
            n = C(p.start, c.end, c.a, c.b, rule=c.rule, pri=c.pri, rel=c.rel, needs_ref=c.needs_ref,
                  kind="date", strong=True, extra=dict(c.extra))
            n.extra["offset"] = p.rel[1:]
            return n
        # time range: "9:30 - 11:00", "từ 8h đến 11h30", "from 9 a.m. to 5 p.m."
        if p.kind == "time" and c.kind == "time" and p.b is None and c.b is None and "time" not in p.extra \
                and self.g_range.match(glue) and (not glue.strip().lower().startswith(("and", "và"))
                                                  or _rs(r"(?i)(?:between|giữa)\s+$", text[max(0, p.start - 10):p.start])):
            a, b = P(H=p.a.H, M=p.a.M), P(H=c.a.H, M=c.a.M)
            if b.H is not None and a.H is not None and a.H < 12 <= b.H and a.H + 12 <= b.H \
                    and not p.extra.get("ap"):
                a.H += 12  # "3:30-6 p.m."
            before = text[max(0, p.start - 12):p.start]
            pre = _rs(r"(?i)(?:^|[^\p{L}])(từ|from|between|giữa)\s+$", before)
            s = p.start - (len(before) - pre.start(1)) if pre else p.start
            return C(s, c.end, a, b, rule=p.rule, pri=p.pri, kind="time", strong=True)
        # weekday + date: "thứ Hai (11/11)", "Monday, November 11"
        if p.kind == "wd" and c.kind == "date" and self._is_day(c) and c.rel is None:
            mm = self.g_wd_date.match(glue)
            if mm:
                end = c.end
                if mm["br"] and text[end:end + 1] == ")":
                    end += 1
                extra = dict(c.extra)
                if "time" in p.extra:
                    extra["time"] = p.extra["time"]
                return C(p.start, end, c.a, None, rule=c.rule, pri=c.pri, extra=extra)
        # relative day + its date in brackets: "hôm nay (11/11)", "sáng qua (10/11)", "today (Nov 11)"
        if p.kind == "date" and p.rel is not None and p.rel[0] == "day" and c.kind == "date" and \
                self._is_day(c) and c.rel is None and "time" not in c.extra and \
                ((_rm(r"\s*\(\s*$", glue) and text[c.end:c.end + 1] == ")") or _rm(r"[ \t]*,?[ \t]*$", glue)) \
                and (c.a is None or c.a.y is None or c.a.d is not None):
            # also without brackets, as in headlines: "Giá vàng hôm nay 14/11"
            extra = dict(c.extra)
            for k in ("time", "time2", "ampm"):
                if k in p.extra:
                    extra[k] = p.extra[k]
            end = c.end + 1 if text[c.end:c.end + 1] == ")" and "(" in glue else c.end
            return C(p.start, end, c.a, None, rule=c.rule, pri=c.pri, extra=extra)
        # time + date: "15h30 ngày 12/11", "3 p.m. on November 13"
        if p.kind == "time" and self._is_day(c) and self.g_time_date.match(glue):
            n = C(p.start, c.end, c.a, None, rule=c.rule, pri=c.pri, rel=c.rel, needs_ref=c.needs_ref,
                  kind=c.kind, strong=True, extra=dict(c.extra))
            n.extra["time"] = p.a
            if c.extra.get("ampm") == "pm" and p.extra.get("bare") and p.a.H is not None and p.a.H < 12:
                n.extra["time"] = P(H=p.a.H + 12, M=p.a.M)  # "at 8 tonight"
            if p.extra.get("bare"):
                n.extra["time_bare"] = True
            if p.b is not None:
                n.extra["time2"] = p.b
            return n
        # date + time: "tomorrow 8:00am", "Monday at 3 p.m."
        if c.kind == "time" and self._is_day(p) and (c.strong or p.kind != "wd" or c.extra.get("bare")) \
                and self.g_date_time.match(glue) \
                and "time" not in p.extra:
            n = C(p.start, c.end, p.a, None, rule=p.rule, pri=p.pri, rel=p.rel, needs_ref=p.needs_ref,
                  kind="date" if p.kind != "wd" else "wd", strong=True, extra=dict(p.extra))
            t = P(H=c.a.H, M=c.a.M)
            if p.extra.get("ampm") == "pm" and t.H is not None and t.H < 12 and not c.extra.get("ap"):
                t.H += 12  # "this afternoon at 3:20", "chiều nay lúc 3 giờ"
            n.extra["time"] = t
            if c.b is not None:
                t2 = P(H=c.b.H, M=c.b.M)
                if p.extra.get("ampm") == "pm" and t2.H < 12 and not c.extra.get("ap"):
                    t2.H += 12
                n.extra["time2"] = t2
            return n
        # part of day + date: "chiều 12/11", "sáng ngày 12/11"
        if p.kind == "pod" and self._is_day(c) and self.g_pod_date.match(glue):
            extra = dict(c.extra)
            extra["ampm"] = self._ampm(text[p.start:p.end])
            return C(p.start, c.end, c.a, None, rule=c.rule, pri=c.pri, rel=c.rel, needs_ref=c.needs_ref,
                     kind=c.kind, strong=True, extra=extra)
        # date + part of day: "November 13 afternoon"
        if c.kind == "pod" and self._is_day(p) and self.g_date_pod.match(glue) and p.kind != "time":
            extra = dict(p.extra)
            extra["ampm"] = self._ampm(text[c.start:c.end])
            t = extra.get("time")
            if extra.get("time_bare") and extra["ampm"] == "pm" and t is not None and t.H is not None and t.H < 12:
                extra["time"] = P(H=t.H + 12, M=t.M)  # "at 5 tomorrow afternoon"
            return C(p.start, c.end, p.a, p.b, rule=p.rule, pri=p.pri, rel=p.rel, needs_ref=p.needs_ref,
                     kind=p.kind, strong=True, extra=extra)
        # date range word date: "25/3/1971-25/3/2021", "from November 12 to December 3",
        # "between 2007 and the end of 2008", "from March to date"
        if p.kind in ("date", "wd") and c.kind in ("date", "wd") and (p.kind == "date" or p.strong) \
                and not c.extra.get("cungky") and not p.extra.get("cungky") and "pair" not in p.extra:
            mm = self.g_range.match(glue) or self.g_range_the.match(glue)
            if not mm:
                return None
            conn = glue.strip().lower()
            before = text[max(0, p.start - 12):p.start]
            pre = _rs(r"(?i)(?:^|[^\p{L}])(từ|from|between|giữa)\s+(?:the\s+)?$", before)
            if conn.startswith(("and", "và")) and not (pre and pre.group(1).lower() in ("between", "giữa")):
                return None
            if not conn[:1] in "-–—~" and not pre and not (p.b is None and c.b is None):
                return None
            s = p.start - (len(before) - pre.start(1)) if pre else p.start
            simple = (p.b is None and c.b is None and p.rel is None and c.rel is None and p.a is not None
                      and c.a is not None and "part" not in p.extra and "part" not in c.extra
                      and "time" not in p.extra and "time" not in c.extra)
            if simple and p.a.grain() == c.a.grain() and p.a.grain() in ("day", "month", "quarter"):
                a, b = P(**{k: getattr(p.a, k) for k in P.__slots__}), P(**{k: getattr(c.a, k) for k in P.__slots__})
                return C(s, c.end, a, b, rule="range", pri=p.pri)
            if conn[:1] in "-–—~" and not pre and (p.b is not None or c.b is not None):
                return None
            if (p.kind == "wd") != (c.kind == "wd") and not pre:
                return None
            if c.kind == "wd" and p.kind == "wd" and c.rel[2] is None and p.rel[2] is not None:
                # "from next Monday to Friday": the end is in the start's week
                c = C(c.start, c.end, None, kind="wd", strong=True,
                      rel=("wd", c.rel[1], p.rel[2], True), needs_ref=True)
            n = C(s, c.end, p.a, None, rule="range", pri=p.pri)
            n.extra["pair"] = (p, c)
            return n
        return None

    # ---- values ----
    def resolve(self, text: str, c: C, ref: dt.datetime | None, ctx_year: int | None,
                facts_before: list[C]) -> tuple[str | None, str]:
        v, u = self._resolve(text, c, ref, ctx_year, facts_before)
        if "offset" in c.extra:
            if not (isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[:4].isdigit()):
                return None, "day"
            ou, on = c.extra["offset"]
            d = dt.date(int(v[:4]), int(v[5:7]), int(v[8:10]))
            if ou in ("day", "week"):
                d += dt.timedelta(days=on * (7 if ou == "week" else 1))
            else:
                k = d.year * 12 + d.month - 1 + on * (12 if ou == "year" else 1)
                y, mo = k // 12, k % 12 + 1
                d = dt.date(y, mo, min(d.day, _last_day(y, mo)))
            return d.isoformat(), "day"
        if c.extra.get("to_now"):
            if ref is None or not isinstance(v, str):
                return None, u
            start = v.split("/")[0]
            if len(start) == 4:
                start += "-01-01"
            elif len(start) == 7 and "Q" not in start:
                start += "-01"
            elif "-Q" in start:
                start = f"{start[:4]}-{3 * int(start[-1]) - 2:02d}-01"
            return f"{start}/{ref.date().isoformat()}", "day"
        if c.extra.get("from_now"):
            # "từ nay đến cuối năm", "from now until March": the reference date to the end
            if ref is None or not isinstance(v, str):
                return None, u
            end = self._last_day_of(v.split("/")[-1])
            if end is not None and end < ref.date().isoformat() and not _rs(r"\d{4}", text[c.start:c.end]):
                end = self._last_day_of(f"{int(end[:4]) + 1:04d}{end[4:7]}")   # "from now until March": the coming March
            if end is None or end < ref.date().isoformat():
                return None, "day"
            return f"{ref.date().isoformat()}/{end}", "day"
        if c.extra.get("week_end") and isinstance(v, str) and len(v) == 10:
            # "the week ended Nov. 9": the seven days that end on that day ("13 weeks to": 91 days)
            days = 7 * c.extra["week_end"] - 1
            return f"{(dt.date.fromisoformat(v) - dt.timedelta(days=days)).isoformat()}/{v}", "day"
        t2 = c.extra.get("time2") or (c.b if c.kind == "time" else None)
        if t2 is not None and isinstance(v, str) and len(v) >= 16 and v[10] == "T" and "/" not in v:
            v = f"{v}/{v[:11]}{t2.H:02d}:{(t2.M or 0):02d}"
        return v, u

    def _resolve(self, text: str, c: C, ref: dt.datetime | None, ctx_year: int | None,
                 facts_before: list[C]) -> tuple[str | None, str]:
        if "pair" in c.extra:
            p, q = c.extra["pair"]
            va, ua = self._resolve(text, p, ref, ctx_year, facts_before)
            vb, ub = self._resolve(text, q, ref, ctx_year, facts_before)
            if va is None or vb is None:
                return None, ua
            a0, b1 = va.split('/')[0], vb.split('/')[-1]
            return self._same_grain(a0, b1, ua, ub)
        if c.rel is not None and c.rel[0] == "lunar":
            return self._resolve_lunar(c, ref)
        if "isoweek" in c.extra:
            return c.extra["isoweek"], "week"
        if c.rel is not None and c.rel[0] == "week_of":
            return self._resolve_week_of(c, ref, ctx_year)
        if c.rel is not None and c.rel[0] == "after":
            return self._resolve_after(text, c, ref, facts_before)
        if c.rel is not None and c.rel[0] == "nthwd" and c.rel[4] is not None:
            return self._nthwd(c.rel, ref)
        if c.rel is not None and c.extra.get("anchor"):
            r = self._anchor_shift(text, c, facts_before)
            if r is not None:
                return r
        if c.rel is not None:
            if ref is None:
                return None, self._rel_unit(c)
            return self._resolve_rel(c, ref)
        if c.kind == "time":
            return self._resolve_time(text, c, ref, facts_before)
        a, b = c.a, c.b
        if c.extra.get("cungky") and a is not None and a.yrel is not None and a.y is None:
            # "cùng kỳ năm trước": a year before the period compared in its sentence
            # ("Quý IV ... so với cùng kỳ năm trước" = the fourth quarter of the year before);
            # the reference year only when the sentence names no period
            c.extra["cungky_bare"] = True
            v, u = self._resolve_cungky(text, c, facts_before)
            del c.extra["cungky_bare"]
            if u != "drop":
                return v, u
            if ref is None:
                return None, "year"
        if (a is not None and a.yrel is not None) or (b is not None and b.yrel is not None):
            if ref is None:
                return None, (a.grain() if a else "year")
            for p in (a, b):
                if p is not None and p.yrel is not None and p.y is None:
                    p.y = ref.year + p.yrel
        if c.extra.get("cungky"):
            return self._resolve_cungky(text, c, facts_before)
        if b is not None:
            if a.y is None and b.y is not None:
                a.y = b.y
                if (a.m or 0, a.d or 0) > (b.m or 0, b.d or 0):
                    a.y = b.y - 1
            if b.y is None and a.y is not None and b.m is not None:
                b.y = a.y
        if b is not None and a.y is None and b.y is None and a.m is not None and b.m is not None:
            # the year that puts the range's end nearest the reference date
            wrap = 1 if (b.m, b.d or 0) < (a.m, a.d or 0) else 0
            if ref is not None:
                b.y = self._reader_year(text, c, ref, b.m, b.d)
                if wrap and (b.y, a.m) <= (ref.year, ref.month) and self._tense(text, c.start, c.end) != "past":
                    b.y += 1   # "the season runs from November to March" told in November: the one under way
            elif ctx_year is not None:
                b.y = ctx_year + wrap
            if b.y is not None:
                a.y = b.y - wrap
        for p in (a, b):
            if p is not None and p.y is None and p.m is not None:
                if ref is not None and c.extra.get("ref_year"):
                    p.y = ref.year
                elif ref is not None:
                    p.y = self._reader_year(text, c, ref, p.m, p.d)
                elif ctx_year is not None:
                    p.y = ctx_year
            if p is not None and p.y is None and p.q is not None:
                if ref is not None:
                    # "the fourth quarter" told in January is the one just ended
                    p.y = ref.year - 1 if p.q == 4 and ref.month <= 3 and b is None else ref.year
                    # "GDP grew 0.6% in the third quarter" told in March: a quarter that has
                    # not begun yet, told in the past tense, is last year's
                    if p.y == ref.year and 3 * p.q - 2 > ref.month and b is None \
                            and self._tense(text, c.start, c.end) == "past":
                        p.y -= 1
                elif ctx_year is not None:
                    p.y = ctx_year
        if b is not None and a.y is not None and b.y is not None and b.m is not None and a.m is not None \
                and (b.y, b.m, b.d or 0) < (a.y, a.m, a.d or 0) and c.rule != "range":
            b.y = a.y + 1
        if c.extra.get("last_day") and a is not None and a.y is not None and a.m is not None:
            a.d = _last_day(a.y, a.m)
        if "time" in c.extra and a is not None and a.d is not None:
            t = c.extra["time"]
            a.H, a.M = t.H, t.M
        if "part" in c.extra:
            return self._part(a, c.extra["part"])
        if a is None:
            return None, "day"
        av = a.iso()
        unit = a.grain()
        if b is not None:
            bv = b.iso()
            if av is None or bv is None:
                return None, unit
            if a.q is not None and b.q is not None and a.m is None:
                return f"{av}/{bv}", "quarter"
            return f"{av}/{bv}", unit
        return av, unit

    _ISO_PART = regex.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?$")

    @classmethod
    def _same_grain(cls, a: str, b: str, ua: str, ub: str):
        """The two ends of a range at the finer grain of the two: "between 2007 and the end
        of 2008" -> 2007-01/2008-12, "from 2014 through May 2nd 2018" -> 2014-01-01/2018-05-02."""
        if len(a) != len(b) and cls._ISO_PART.match(a) and cls._ISO_PART.match(b):
            if len(a) < len(b):
                a += "-01-01" if len(a) == 4 and len(b) == 10 else "-01"
                return f"{a}/{b}", ub
            y = int(b[:4])
            if len(b) == 4:
                b = f"{y:04d}-12" if len(a) == 7 else f"{y:04d}-12-31"
            else:
                b = f"{b}-{_last_day(y, int(b[5:7])):02d}"
            return f"{a}/{b}", ua
        return f"{a}/{b}", ua

    def _reader_year(self, text, c: C, ref, m: int, d: int | None) -> int:
        """The year a reader gives a month or day told without one: the nearest to the
        reference date, unless the sentence's tense puts it on the other side ("will announce
        ... in April" told in November is next April; "sales rose in December" told in
        November, last December). Dates within 45 days of the reference keep the nearest year."""
        y = _nearest_year(ref, m, d)
        when = dt.date(y, m, min(d or 15, _last_day(y, m)))
        gap = (when - ref.date()).days
        fixed = self._fixed_direction(text, c)
        if fixed == "past" and (gap > 0 if d is not None else when.month > ref.month and when.year >= ref.year):
            return y - 1   # "since September" told in February, "tháng 12 vừa qua" told in January
        if fixed == "future" and (gap < 0 if d is not None else when.month < ref.month and when.year <= ref.year):
            return y + 1   # "ngày 5/1 tới" told in December
        if abs(gap) > 45:
            tense = self._tense(text, c.start, c.end)
            if tense == "future" and gap < 0:
                return y + 1
            if tense == "past" and gap > 0:
                return y - 1
        return y

    # English "since" only: Vietnamese "kể từ ngày 15/11" also tells when a rule takes effect
    _SINCE_ONLY = regex.compile(r"(?:^|[^\p{L}])since\s+(?:the\s+)?$", regex.I | regex.REVERSE)

    def _fixed_direction(self, text, c: C) -> str | None:
        """"past" or "future" when the words around a date without a year fix its side of the
        reference date: "since September", "tháng 10 vừa qua" (past), "ngày 20/11 tới" (future)."""
        if "dir" in c.extra:
            return c.extra["dir"]
        if "ince" in text[max(0, c.start - 12):c.start] and self._SINCE_ONLY.search(text, max(0, c.start - 12), c.start):
            return "past"
        return None

    # "tháng 10 vừa qua", "ngày 20/11 tới", "thứ Hai tới đây": the words join the span and fix
    # the side of the reference date (not when a date follows: "từ 1/7 tới 10/7", "tới nay")
    _VI_SIDE_AFTER = regex.compile(
        r"[ \t]+(?:(?P<p>vừa\s+qua|vừa\s+rồi)|(?P<f>sắp\s+tới|tới\s+đây|tới)|(?P<n>này))(?![\p{L}\p{N}])"
        r"(?!\s*(?:nay|ngày|hôm|tháng|năm|hết|cuối|đầu|giữa|mùng|mồng|\d))", regex.I)


    def _vi_side_after(self, text, kept, doc):
        for c in kept:
            st = c.start
            if text.rfind("eek", st - 24 if st > 24 else 0, st) >= 0 and self._is_day(c) \
                    and "time" not in c.extra and "offset" not in c.extra:
                wk = self._WEEK_ENDED.search(text, st - 24 if st > 24 else 0, st)
                if wk:
                    n = wk["n"]
                    c.start = wk.start()
                    c.extra["week_end"] = (int(n) if n.isdigit() else self.num_en[_key(n)]) if n else 1
                    continue
            a = c.a
            if a is None or a.m is None or a.y is not None or a.yrel is not None or c.b is not None \
                    or c.rel is not None or c.kind != "date" or a.q is not None or "pair" in c.extra:
                continue
            if text[c.end + 1:c.end + 2].lower() not in ("v", "t", "s", "n"):
                continue
            mm = self._VI_SIDE_AFTER.match(text, c.end)
            if mm and doc.lang_at(c.start) == "vi":
                c.end = mm.end()
                if not mm["n"]:
                    c.extra["dir"] = "past" if mm["p"] else "future"

    def _nthwd(self, r, ref):
        _, n, wd, mo, y, sh = r
        if mo is None:
            mi = ref.year * 12 + ref.month - 1 + sh
            y, mo = mi // 12, mi % 12 + 1
        elif y is None:
            y = _nearest_year(ref, mo, 15) if ref is not None else None
            if y is None:
                return None, "day"
        last = _last_day(y, mo)
        if wd is None:  # "first / last day of October"
            d = 1 if n == 1 else last if n == -1 else n
            return dt.date(y, mo, d).isoformat(), "day"
        if n > 0:
            first = dt.date(y, mo, 1)
            d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
            if d.month != mo:
                return None, "day"
        else:
            end = dt.date(y, mo, last)
            d = end - dt.timedelta(days=(end.weekday() - wd) % 7)
        return d.isoformat(), "day"

    def _rel_unit(self, c: C) -> str:
        r = c.rel
        if r[0] in ("day", "wd", "nthwd"):
            return "minute" if "time" in c.extra else "day"
        if r[0] == "span":
            return r[1]
        if r[0] == "weekend":
            return "day"
        if r[0] == "ago":
            return "day" if r[1] in ("day", "week") else r[1]
        return r[0]

    def _part(self, a: P, part: str):
        y = a.y
        if y is None:
            return None, "month" if a.m is None else "day"
        if a.m is None:
            rng = {"early": (1, 3), "mid": (4, 8), "late": (9, 12)}[part]
            return f"{y:04d}-{rng[0]:02d}/{y:04d}-{rng[1]:02d}", "month"
        last = _last_day(y, a.m)
        rng = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
        return f"{y:04d}-{a.m:02d}-{rng[0]:02d}/{y:04d}-{a.m:02d}-{rng[1]:02d}", "day"

    def _resolve_rel(self, c: C, ref: dt.datetime):
        r = c.rel
        kind = r[0]
        day = ref.date()
        if kind == "day":
            d = day + dt.timedelta(days=r[1])
            p = P(d.year, d.month, d.day)
            if "time" in c.extra:
                p.H, p.M = c.extra["time"].H, c.extra["time"].M
            return p.iso(), p.grain()
        if kind == "wd":
            wd, shift, weekword = r[1], r[2], r[3]
            monday = day - dt.timedelta(days=day.weekday())
            tense = c.extra.get("tense")
            if shift is None and tense == "past":
                d = day - dt.timedelta(days=(day.weekday() - wd) % 7)
            elif shift is None and tense == "future":
                d = day + dt.timedelta(days=(wd - day.weekday()) % 7)
            elif shift is None:
                # nearest such weekday to the reference date (news: this week's, past or next)
                delta = (wd - day.weekday() + 7) % 7
                d = day + dt.timedelta(days=delta if delta <= 3 else delta - 7)
            elif weekword or shift == 0:
                d = monday + dt.timedelta(days=7 * shift + wd)
            elif shift == 1:
                delta = (wd - day.weekday() + 7) % 7 or 7
                d = day + dt.timedelta(days=delta)
            else:
                delta = (day.weekday() - wd + 7) % 7 or 7
                d = day - dt.timedelta(days=delta)
            p = P(d.year, d.month, d.day)
            if "time" in c.extra:
                p.H, p.M = c.extra["time"].H, c.extra["time"].M
            return p.iso(), p.grain()
        if kind == "nthwd":
            return self._nthwd(r, ref)
        if kind == "span":
            u, n, sign = r[1], r[2], r[3]
            lo, hi = (1, n) if sign > 0 else (-n, -1)
            if u == "week" and n == 1:
                w = (day + dt.timedelta(weeks=lo)).isocalendar()
                return f"{w[0]:04d}-W{w[1]:02d}", "week"
            if u == "day":
                return f"{(day + dt.timedelta(days=lo)).isoformat()}/{(day + dt.timedelta(days=hi)).isoformat()}", "day"
            if u == "week":
                a, b = day + dt.timedelta(weeks=lo), day + dt.timedelta(weeks=hi)
                ia, ib = a.isocalendar(), b.isocalendar()
                return f"{ia[0]:04d}-W{ia[1]:02d}/{ib[0]:04d}-W{ib[1]:02d}", "week"
            if u == "month":
                base = ref.year * 12 + ref.month - 1
                a, b = base + lo, base + hi
                return f"{a // 12:04d}-{a % 12 + 1:02d}/{b // 12:04d}-{b % 12 + 1:02d}", "month"
            if u == "quarter":
                base = ref.year * 4 + (ref.month - 1) // 3
                a, b = base + lo, base + hi
                return f"{a // 4:04d}-Q{a % 4 + 1}/{b // 4:04d}-Q{b % 4 + 1}", "quarter"
            return f"{ref.year + lo:04d}/{ref.year + hi:04d}", "year"
        if kind == "wdom":
            wd, dom = r[1], r[2]
            best = None
            for k in (0, -1, 1, -2, 2):
                mi = ref.year * 12 + ref.month - 1 + k
                y, mo = mi // 12, mi % 12 + 1
                if _valid(y, mo, dom) and dt.date(y, mo, dom).weekday() == wd:
                    best = dt.date(y, mo, dom)
                    break
            if best is None:
                mo = ref.month
                if not _valid(ref.year, mo, dom):
                    return None, "day"
                best = dt.date(ref.year, mo, dom)
            if "time" in c.extra:
                p = P(best.year, best.month, best.day, c.extra["time"].H, c.extra["time"].M)
                return p.iso(), p.grain()
            return best.isoformat(), "day"
        if kind == "ago":
            u, n = r[1], r[2]
            if u == "day":
                d = day - dt.timedelta(days=n)
            elif u == "week":
                d = day - dt.timedelta(weeks=n)
            elif u == "month":
                mi = ref.year * 12 + ref.month - 1 - n
                y, mo = mi // 12, mi % 12 + 1
                return dt.date(y, mo, min(day.day, _last_day(y, mo))).isoformat(), "day"
            else:
                return f"{ref.year - n:04d}", "year"
            return d.isoformat(), "day"
        sh = r[1]
        part = c.extra.get("part")
        if kind == "year":
            p = P(ref.year + sh)
            if part:
                return self._part(p, part)
            return p.iso(), "year"
        if kind == "month":
            mi = ref.year * 12 + ref.month - 1 + sh
            p = P(mi // 12, mi % 12 + 1)
            if part:
                return self._part(p, part)
            return p.iso(), "month"
        if kind == "quarter":
            qi = ref.year * 4 + (ref.month - 1) // 3 + sh
            return f"{qi // 4:04d}-Q{qi % 4 + 1}", "quarter"
        if kind == "weekend":
            d = day + dt.timedelta(weeks=sh)
            sat = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
            return f"{sat.isoformat()}/{(sat + dt.timedelta(days=1)).isoformat()}", "day"
        if kind == "week":
            d = day + dt.timedelta(weeks=sh)
            if part:
                mon = d - dt.timedelta(days=d.weekday())
                a, b = {"early": (0, 2), "mid": (2, 4), "late": (4, 6)}[part]
                return f"{(mon + dt.timedelta(days=a)).isoformat()}/{(mon + dt.timedelta(days=b)).isoformat()}", "day"
            iy, iw, _ = d.isocalendar()
            return f"{iy:04d}-W{iw:02d}", "week"
        return None, "day"

    def _resolve_time(self, text, c: C, ref, facts_before):
        t = c.a
        # the day: the nearest day-grain date earlier on the same line, else the reference date
        line_start = max(text.rfind("\n", max(0, c.start - 300), c.start) + 1, c.start - 300)
        for f, val in reversed(facts_before[-8:]):
            if f.end <= line_start:
                break
            if isinstance(val, str) and len(val) == 10 and val[4] == "-" and "/" not in val:
                return f"{val}T{t.H:02d}:{(t.M or 0):02d}", "minute" if t.M is not None else "hour"
        if ref is None:
            return None, "minute" if t.M is not None else "hour"
        return f"{ref.date().isoformat()}T{t.H:02d}:{(t.M or 0):02d}", "minute" if t.M is not None else "hour"

    def _resolve_cungky(self, text, c: C, facts_before):
        """"cùng kỳ 2023": the same period as the one compared with in its sentence."""
        y = c.a.y
        bare = c.extra.get("cungky_bare")
        lo = max(0, c.start - 400)
        sent_start = max(text.rfind(". ", lo, c.start), text.rfind("\n", lo, c.start), lo)
        for f, val in reversed(facts_before[-8:]):
            if f.end <= sent_start:
                break
            if f.extra.get("anchor") or f.extra.get("cungky"):
                continue  # "so với quý trước và so với cùng kỳ": compare with the period told, not "quý trước"
            if bare and isinstance(val, str) and val[:4].isdigit():
                y = int(val[:4]) - 1
            if isinstance(val, str) and "/" in val and val[:4].isdigit():
                a, b = val.split("/")
                if len(a) >= 7 and a[:4] == b[:4] and y is not None:
                    return f"{y:04d}{a[4:]}/{y:04d}{b[4:]}", "month" if len(a) == 7 else "day"
            if isinstance(val, str) and "-Q" in val and y is not None:
                return f"{y:04d}{val[4:]}", "quarter"
            if isinstance(val, str) and len(val) == 7 and val[4] == "-" and y is not None:
                return f"{y:04d}{val[4:]}", "month"
        if bare:
            return None, "drop"
        if y is None:
            return None, "year"
        return f"{y:04d}", "year"

    # ---- the run ----
    def __call__(self, doc) -> list[Fact]:
        text = doc.text
        if not text:
            return []
        years: list[tuple[int, int]] = []   # the years in the text, for _year_in_paragraph
        cands = self.candidates(text, doc, years)
        # overlaps: longest first, then the earlier pattern
        cands.sort(key=lambda c: (not c.strong, -(c.end - c.start), c.pri, c.start))
        kept: list[C] = []
        occupied = bytearray(len(text) + 1)
        for c in cands:
            if any(occupied[c.start:c.end]):
                continue
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
            kept.append(c)
        kept = self.combine(text, kept)
        for c in kept:
            # "từ năm 2020 đến nay", "from March to date": from a date to the reference date
            if c.kind == "date" and c.b is None and "pair" not in c.extra:
                mm = self._TO_NOW.match(text, c.end)
                pre = self._FROM_BEFORE.search(text, max(0, c.start - 12), c.start)
                fn = self._FROM_NOW_BEFORE.search(text, max(0, c.start - 30), c.start)
                if fn is not None:
                    c.extra["from_now"] = True
                    c.start = fn.start(1)
                elif mm and pre:
                    c.extra["to_now"] = True
                    c.start, c.end = pre.start(1), mm.end()
                elif not mm and c.extra.get("part") == "early" and (
                        self._is_current(c, doc.reference_date)
                        # "since the start of April": a past month's start to the reference date
                        or (c.a is not None and c.a.m is not None and c.a.d is None and c.rel is None
                            and self._SINCE_START.search(text, max(0, c.start - 24), c.end))):
                    # "Từ đầu năm, khối ngoại bán ròng ...", "since the start of the year":
                    # from the start of the current year or month to the reference date
                    pre = self._SINCE_BEFORE.search(text, max(0, c.start - 16), c.start)
                    if pre:
                        c.extra["to_now"] = True
                        c.start = pre.start(1)
        kept = [c for c in kept if c.strong and c.kind in ("date", "time", "wd")]
        self._vi_side_after(text, kept, doc)
        kept.sort(key=lambda c: c.start)
        ref = doc.reference_date
        facts: list[Fact] = []
        done: list[tuple[C, str | None]] = []
        pars = [m.start() for m in self._PAR_RX.finditer(text)]
        ypos = [y[0] for y in years]
        last_year_by_par: tuple[int, int | None] = (-1, None)
        for c in kept:
            k = bisect.bisect_right(pars, c.start)
            par = pars[k - 1] if k else -1
            ctx_year = last_year_by_par[1] if last_year_by_par[0] == par else None
            if ctx_year is None and ref is None and c.rel is None:
                ctx_year = self._year_in_paragraph(years, ypos, c, par, pars[k] if k < len(pars) else len(text))
            try:
                value, unit = self.resolve(text, c, ref, ctx_year, done)
            except (ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError):
                value, unit = None, "day"
            if unit == "drop":
                continue
            done.append((c, value))
            if isinstance(value, str) and value[:4].isdigit():
                last_year_by_par = (par, int(value[:4]))
            facts.append(Fact(type="date", start=c.start, end=c.end, text=text[c.start:c.end],
                              value=value, unit=unit, lang=doc.lang_at(c.start), rule=f"dates.{c.rule}"))
        return facts

    _SINCE_START = regex.compile(r"(?i)(?:^|[^\p{L}])since\s+(?:the\s+)?(?:start|beginning)\s+of\s+")

    @staticmethod
    def _is_current(c: C, ref=None) -> bool:
        if c.rel is not None:
            return c.rel in (("year", 0), ("month", 0))
        if c.a is None or c.a.m is not None or c.a.q is not None:
            return False
        # "đầu năm nay", or the reference year named ("kể từ đầu năm 2023" told in 2023)
        return c.a.yrel == 0 or (ref is not None and c.a.y == ref.year)

    @staticmethod
    def _last_day_of(v: str) -> str | None:
        """The last day of an ISO date, month, quarter, week or year."""
        try:
            if regex.fullmatch(r"\d{4}-\d\d-\d\d", v):
                return v
            y = int(v[:4])
            if len(v) == 4:
                return f"{y:04d}-12-31"
            if len(v) == 7 and v[5] == "Q":
                mo = 3 * int(v[6])
                return f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}"
            if len(v) == 7:
                mo = int(v[5:7])
                return f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}"
            if len(v) == 8 and v[5] == "W":
                return dt.date.fromisocalendar(y, int(v[6:]), 7).isoformat()
        except (ValueError, IndexError):
            return None
        return None

    # a year for _year_in_paragraph: a 4-digit run 1800-2099 not after "/.,-" nor before "/"
    # (_triggers collects them from its digit runs)
    _NOT_BEFORE_YEAR = frozenset("/.,-")
    _PAR_RX = regex.compile(r"\n\s*\n")

    @staticmethod
    def _year_in_paragraph(years, ypos, c: C, par: int, par_end: int) -> int | None:
        """A year mentioned in the same paragraph (before, else after), for a partial date
        when there is no reference date ("APEC 2024 ... từ ngày 12 đến 16-11")."""
        i = bisect.bisect_left(ypos, c.start)
        if i > 0 and years[i - 1][0] > par:
            return years[i - 1][1]
        j = bisect.bisect_left(ypos, c.end)
        if j < len(years) and years[j][0] < par_end:
            return years[j][1]
        return None


def build(ruleset):
    return DateExtractor(ruleset)
