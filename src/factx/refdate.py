"""Finding a document's own reference date (header, dateline or byline) and parsing dates given by users."""

from __future__ import annotations

import datetime as dt

import regex

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_M = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Ordered by trust: an explicit header, ISO dates, written-out dates, numeric day-first dates.
_PATTERNS = [
    regex.compile(r"(?i)\b(?:date|published|updated|ngày đăng|cập nhật)\s*:?\s*(\d{4})-(\d{1,2})-(\d{1,2})\b"),
    regex.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),
    regex.compile(rf"(?i)(?<!\d)(\d{{1,2}})\s+({_M})\.?,?\s+(\d{{4}})(?!\d)"),
    regex.compile(rf"(?i)\b({_M})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"),
    regex.compile(r"(?i)\bngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)"),
    regex.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])"),
]
# An explicit header with a day-first date anywhere near the top ("Cập nhật: 11/11/2024").
_HEADER_WORDS = ("date", "published", "updated", "posted", "ngày đăng", "đăng lúc", "cập nhật", "xuất bản")
_HEADER_DMY = regex.compile(
    r"(?i)\b(?:" + "|".join(w.replace(" ", "\\ ") for w in _HEADER_WORDS) + r")\s*:?\s*"
    r"(?:\d{1,2}[:h]\d{2}\s*(?:[ap]m)?\s*,?\s*)?(?:\p{L}+,?\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
HEAD = 600  # a header or byline sits at the top
_YEAR4 = regex.compile(r"\d{4}")


def guess_reference_date(text: str) -> dt.datetime | None:
    """The date a document speaks from, if its top carries one (" date 2024-11-11",
    "by VNA17 November 2024", "Thứ Hai, ngày 11/11/2024")."""
    # An explicit header ("date 2024-11-11", "Published: ...") anywhere near the top; other
    # dates only on short lines at the very top (a byline or dateline): a date in the first
    # sentence of the body is an event date, not the moment of writing.
    top = text[:HEAD]
    if _YEAR4.search(top) is None:
        return None   # every pattern below has a four-digit year
    lines = [ln for ln in top.split("\n") if ln.strip()][:5]
    low = top.lower()
    # (the case-insensitive alternations are slow: look for their words first)
    m = _HEADER_DMY.search(top) if any(w in low for w in _HEADER_WORDS) else None
    if m and not _PATTERNS[0].search(text[:HEAD]):
        try:
            return dt.datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    short = "\n".join(ln for ln in lines if len(ln) <= 100)
    has_year = _YEAR4.search(short) is not None
    low_short = short.lower()
    has_month = any(k in low_short for k in _MONTHS)
    for i, pat in enumerate(_PATTERNS):
        if i and not has_year:
            break
        if i in (2, 3) and not has_month:
            continue
        m = pat.search(text[:HEAD] if i == 0 else short)
        if not m:
            continue
        a, b, c = m.groups()
        try:
            if i in (0, 1):
                return dt.datetime(int(a), int(b), int(c))
            if i == 2:
                return dt.datetime(int(c), _MONTHS[b.lower()], int(a))
            if i == 3:
                return dt.datetime(int(c), _MONTHS[a.lower()], int(b))
            return dt.datetime(int(c), int(b), int(a))
        except ValueError:
            continue
    return None


def parse_reference_date(v) -> dt.datetime | None:
    """A user-given reference date: datetime, date, or ISO text (date or date-time)."""
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    s = str(v).strip()
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        raise ValueError(f"not an ISO date: {s!r} (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None
