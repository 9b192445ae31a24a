"""Unicode normalization of a working copy, with exact offset mapping back to the original.

Extractors see NFC text in which stray or doubled combining marks are repaired, zero-width
characters are dropped and no-break spaces are plain spaces. Every change is recorded as a
segment (norm_start, norm_end, orig_start, orig_end); text between segments is identical in
both, so mapping an offset is a binary search, and a fact's span always maps to whole
original characters (a cluster is never cut in half).
"""

from __future__ import annotations

import bisect
import unicodedata

import regex

# Runs of combining marks, invisible format characters and exotic spaces: the only places
# where the working copy may differ from the original (a mark run is widened to its base).
_SUSPECT = regex.compile(r"[\p{M}\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u2007\u202f\u2009\u200a]+")
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a")


def _fix_chunk(s: str) -> str:
    """Drop invisible characters, map exotic spaces to " ", then recompose each cluster with
    its repeated marks removed (seed 000's "ừ" + U+0300 carries the grave twice)."""
    return unicodedata.normalize("NFC", _dedupe_marks(unicodedata.normalize("NFD", _dedupe_marks(s))))


def _dedupe_marks(s: str) -> str:
    # Deduplicating before decomposing keeps hostile runs of marks short: canonical
    # reordering of one long run is quadratic.
    out = []
    seen: set[str] = set()
    for ch in s:
        if ch in _DROP:
            continue
        if ch in _SPACES:
            out.append(" ")
            seen = set()
        elif unicodedata.combining(ch):
            if ch not in seen:
                seen.add(ch)
                out.append(ch)
        else:
            seen = set()
            out.append(ch)
    return "".join(out)


class NormText:
    """Normalized copy of `original` plus the offset map back into it."""

    __slots__ = ("original", "text", "_nstarts", "_segs")

    def __init__(self, original: str):
        self.original = original
        parts: list[str] = []
        segs: list[tuple[int, int, int, int]] = []
        pos = 0
        npos = 0
        for m in _SUSPECT.finditer(original):
            s, e = m.span()
            if s > pos and unicodedata.category(original[s])[0] == "M" and original[s - 1] not in "\r\n":
                s -= 1  # the base character the marks sit on
            chunk = original[s:e]
            fixed = _fix_chunk(chunk)
            if fixed == chunk:
                continue
            parts.append(original[pos:s])
            npos += s - pos
            parts.append(fixed)
            segs.append((npos, npos + len(fixed), s, e))
            npos += len(fixed)
            pos = e
        parts.append(original[pos:])
        self.text = "".join(parts) if segs else original
        self._segs = segs
        self._nstarts = [sg[0] for sg in segs]

    def to_orig_start(self, n: int) -> int:
        segs = self._segs
        if not segs:
            return n
        i = bisect.bisect_right(self._nstarts, n) - 1
        # Skip zero-length segments sitting exactly at n (deleted characters before n).
        while i >= 0:
            ns, ne, os_, oe = segs[i]
            if ns <= n < ne:
                return os_
            if ne <= n:
                return oe + (n - ne)
            i -= 1
        return n

    def to_orig_end(self, n: int) -> int:
        segs = self._segs
        if not segs:
            return n
        i = bisect.bisect_left(self._nstarts, n) - 1
        while i >= 0:
            ns, ne, os_, oe = segs[i]
            if ns < n <= ne:
                return oe
            if ne < n or (ne == n and ns == ne):
                return oe + (n - ne)
            i -= 1
        return n

    def to_orig(self, start: int, end: int) -> tuple[int, int]:
        return self.to_orig_start(start), self.to_orig_end(end)


def fold(s: str) -> str:
    """Case- and diacritic-insensitive key for matching aliases ("Luong Cuong" ~ "Lương Cường")."""
    s = unicodedata.normalize("NFD", s.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("đ", "d").replace("Đ", "d")
