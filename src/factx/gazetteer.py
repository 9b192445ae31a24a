"""Name lists matched fast: an Aho–Corasick automaton over folded aliases.

The text is mapped, code point for code point (so offsets stay valid), to a "word copy":
letters lower-cased with their diacritics stripped (đ -> d), digits kept, every other
character a space. Aliases are mapped the same way and padded with one space each side, so
every automaton hit is a whole-word match. Each hit is then verified against the original
text:

- acronyms (no lower-case letter: "US", "U.S.", "UN", "PA", "VNA") match case-sensitively,
  so "us" or "Un" never match;
- a single-word alias with diacritics ("Mỹ", "Huế") matches only with its diacritics, except
  in an English passage written without any ("Hue"); multi-word aliases ignore diacritics
  and case ("Luong Cuong" ~ "Lương Cường", "HÀ NỘI" ~ "Hà Nội");
- an alias that starts with a capital needs a capital in the text ("peru" is not Peru).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick
import regex


@dataclass(slots=True)
class Entry:
    type: str
    canonical: str
    alias: str
    ambiguous: bool = False
    source: str = ""
    acro: bool = False


class Match(NamedTuple):
    start: int
    end: int
    entry: Entry


# Matches are made in bulk: tuple.__new__ (C) instead of the generated Python __new__.
_new_match = tuple.__new__


def _fold_char(c: str) -> str:
    cat = unicodedata.category(c)
    if cat[0] == "L":
        d = unicodedata.normalize("NFD", c.lower())
        base = "".join(x for x in d if not unicodedata.combining(x))
        base = base.replace("đ", "d")
        return base if len(base) == 1 else (c.lower() if len(c.lower()) == 1 else c)
    if cat[0] == "N":
        return c if cat == "Nd" else " "
    if cat[0] == "M":
        return c
    return " "


def _make_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0, 0x0250), (0x0300, 0x0370), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x3000, 0x3040),
              (0xFF00, 0xFF10)]
    for a, b in ranges:
        for cp in range(a, b):
            c = chr(cp)
            f = _fold_char(c)
            if f != c:
                table[cp] = f
    return table


TABLE = _make_table()
# Letters only (punctuation and spaces kept): a fast textnorm.fold for Latin/Vietnamese words.
LETTER_TABLE = {cp: f for cp, f in TABLE.items() if f != " "}


def fold_fast(s: str) -> str:
    return s.translate(LETTER_TABLE)
# The first digit glued to an acronym ("VNA17 November") starts a new word in the copy.
_GLUE = regex.compile(r"(?<=\p{Lu}\p{Lu})\d")


_PUNCT_FIRST = "’‘“”–—…"
# ASCII part of the table; NUL is kept, as the mark of a character to fix afterwards.
_ASCII_TABLE = {cp: f for cp, f in TABLE.items() if cp < 128 and cp != 0}


def _fold_error(err):
    """Encoding error handler: non-ASCII characters become their ASCII fold (one code point
    each), or NUL when the fold is not ASCII (kept letters, marks: fixed after)."""
    seg = err.object[err.start:err.end]
    out = _FOLD_CACHE.get(seg)
    if out is None:
        out = seg.translate(TABLE)
        if not out.isascii():
            out = "".join(c if c.isascii() else "\0" for c in out)
        if len(_FOLD_CACHE) < 50_000:
            _FOLD_CACHE[seg] = out
    return out, err.end


_FOLD_CACHE: dict[str, str] = {}


codecs.register_error("factx.word_copy", _fold_error)

# A one-byte code for the word copy: ASCII, the Vietnamese letters with marks (all lower-case
# ones, most capitals) and typographic punctuation, each its own byte (128..255), so that
# codecs.charmap_encode maps nearly all of a Vietnamese or English text at C speed; a
# bytes.translate then folds every byte at once. Any other character goes to `_fold_error`.
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_RARE_CAPS = "ỸỶỴỲẴẲẪỄỖỠỮẼĨŨ"  # (no byte left for these: the error handler folds them)
_BYTE_CHARS = _VI_LOWER + "’‘“”–—…\u00a0" + "".join(
    c for c in _VI_LOWER.upper() if c not in _RARE_CAPS)
assert len(_BYTE_CHARS) == 128 and len(set(_BYTE_CHARS)) == 128
_BYTE_ENCODING = codecs.charmap_build("".join(map(chr, range(128))) + _BYTE_CHARS)
# byte -> folded byte: ASCII as _ASCII_TABLE (NUL stays NUL), the others as TABLE
_BYTE_FOLD = bytes(ord(_ASCII_TABLE.get(i, chr(i))) for i in range(128)) + \
    bytes(ord(c.translate(TABLE)) for c in _BYTE_CHARS)
assert len(_BYTE_FOLD) == 256


def _word_copy_slow(text: str) -> str:
    t = text
    for ch in _PUNCT_FIRST:
        if ch in t:
            t = t.replace(ch, " ")
    return " ".join(line.translate(TABLE) for line in t.split("\n"))


def _patch(s: str, fixes: list[tuple[int, str]]) -> str:
    parts = []
    last = 0
    for i, c in fixes:
        parts.append(s[last:i])
        parts.append(c)
        last = i + 1
    parts.append(s[last:])
    return "".join(parts)


def word_copy(text: str) -> str:
    """Same length as `text`: folded letters, digits, spaces for everything else."""
    # str.translate is slow on non-ASCII strings (a dict lookup per character): the one-byte
    # code above encodes at C speed, calling `_fold_error` once per run of other characters.
    out = codecs.charmap_encode(text, "factx.word_copy", _BYTE_ENCODING)[0] \
        .translate(_BYTE_FOLD).decode("ascii")
    fixes = []
    i = out.find("\0")
    while i != -1:
        fixes.append((i, text[i].translate(TABLE)))
        if len(fixes) > 64:
            return _glue(text, _word_copy_slow(text))
        i = out.find("\0", i + 1)
    if fixes:
        out = _patch(out, fixes)
    return _glue(text, out)


def _glue(text: str, out: str) -> str:
    if _GLUE.search(text):
        out = _patch(out, [(m.start(), " ") for m in _GLUE.finditer(text)])
    return out


def fold_key(s: str) -> str:
    """An alias as the automaton sees it: the word copy with spaces collapsed."""
    return " ".join(word_copy(s).split())


_HAS_LOWER = regex.compile(r"\p{Ll}")
_HAS_LETTER = regex.compile(r"\p{L}")


def is_acronym(alias: str) -> bool:
    return bool(_HAS_LETTER.search(alias)) and not _HAS_LOWER.search(alias) and len(alias) <= 12


def _has_marks(s: str) -> bool:
    return any(ord(c) > 127 and c.isalpha() for c in s)


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@lru_cache(maxsize=50_000)
def mark_sig(s: str) -> tuple:
    """The Vietnamese marks of each word: (tone marks, other marks and đ). Tone placement
    ("Hoà" / "Hòa") does not change it; "Anh" and "Ánh" differ."""
    out = []
    for w in s.casefold().split():
        d = unicodedata.normalize("NFD", w)
        tone = "".join(c for c in d if c in _TONES)
        mods = "".join(c for c in d if c not in _TONES and unicodedata.combining(c))
        out.append((tone, mods + "đ" * w.count("đ")))
    return tuple(out)


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


# Kinds of check of a hit (see Gazetteer.__init__).
_ANY, _CAP, _TITLE, _ACRO, _VERIFY = "any", "cap", "title", "acro", "verify"


class Gazetteer:
    """Aliases -> entries, found as whole words in a text."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.auto = ahocorasick.Automaton()
        keys: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            e.acro = is_acronym(e.alias)
            k = fold_key(e.alias)
            if not k:
                continue
            variants = {k}
            # "Bộ Văn hóa, Thể thao và Du lịch": a comma (or other punctuation) between words is
            # one more space in the copy of the text, so the key keeps the alias's own spacing.
            # Not for places: "San Jose, California" is read as two places, as news is tagged.
            raw = word_copy(e.alias).strip()
            if raw != k and e.type != "location":
                variants.add(raw)
            if "-" in e.alias or "–" in e.alias:
                # "Asia-Pacific" also as "Asia - Pacific" (three positions in the copy)
                variants.add(" ".join(word_copy(regex.sub(r"\s*[-–—]\s*", " - ", e.alias)).split(" ")))
                variants.add(" ".join(word_copy(regex.sub(r"\s*[-–—]\s*", "-", e.alias)).split(" ")))
            for v in variants:
                keys.setdefault(" " + v + " ", []).append(i)
        # Per-entry verification data, computed once.
        self._info = []
        for e in entries:
            a = e.alias
            acro = is_acronym(a)
            single = " " not in a.strip()
            caps = tuple(bool(w[:1].isupper()) for w in a.split())
            inf = (acro, _letters(a) if acro else "", bool(a[:1].isupper()),
                   single and _has_marks(a), a.casefold(), caps)
            # None: nothing to verify (a lower-case alias, or one capitalized word without marks)
            # ("biển Đông" is not simple: its second word must be capitalized, else "biến động")
            simple = not acro and not (single and _has_marks(a)) and (
                sum(caps) == 0 or (sum(caps) == 1 and caps[0]))
            if simple:
                self._info.append("cap" if inf[2] else None)
            elif acro:
                self._info.append(("acro", a) + inf)  # "APEC": accepted at once when "APEC"
            elif not inf[3] and all(caps):
                self._info.append(("title",) + inf)  # "Việt Nam": accepted at once when "Việt Nam"
            else:
                self._info.append(inf)
        # Persons' names of several words: a span with Vietnamese marks matches only an alias
        # with the same marks ("Nguyễn Anh" in "Nguyễn Anh Tuấn" is not "Nguyễn Ánh", nor its
        # unmarked spelling "Nguyen Anh"): `sig`, the alias's marks (None: no marks), in each
        # check; 0 for the other aliases.
        # What a hit checks, per alias: (kind, data, entry, dot, sig). Kinds: _ANY (nothing to
        # verify), _CAP (a capital first), _TITLE ("Việt Nam": Title Case, else verify), _ACRO
        # ("APEC": exactly, else verify), _VERIFY; `dot`: the alias ends with "." ("Corp.").
        checks = []
        for i, inf in enumerate(self._info):
            ent = entries[i]
            dot = ent.alias.endswith(".")
            sig = 0
            if ent.type == "person" and " " in ent.alias.strip():
                sig = None if ent.alias.isascii() else mark_sig(ent.alias)
            if inf is None:
                checks.append((_ANY, None, ent, dot, sig))
            elif inf == "cap":
                checks.append((_CAP, None, ent, dot, sig))
            elif inf[0] == "title":
                checks.append((_TITLE, inf[1:], ent, dot, sig))
            elif inf[0] == "acro":
                checks.append((_ACRO, (inf[1], inf[2:]), ent, dot, sig))
            else:
                checks.append((_VERIFY, inf, ent, dot, sig))
        for k, ids in keys.items():
            # one group per (type, canonical): a hit yields one match if any alias verifies
            groups: dict[tuple, list[int]] = {}
            for i in ids:
                e = entries[i]
                groups.setdefault((e.type, e.canonical, e.ambiguous), []).append(i)
            self.auto.add_word(k, (len(k), tuple(tuple(checks[i] for i in g) for g in groups.values())))
        if keys:
            self.auto.make_automaton()
        self._empty = not keys
        # Persons' names of several words: a span with Vietnamese marks matches only an alias
        # with the same marks ("Nguyễn Anh" in "Nguyễn Anh Tuấn" is not "Nguyễn Ánh", nor its
        # unmarked spelling "Nguyen Anh").

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, english_at=None) -> list[Match]:
        """All verified whole-word matches (overlapping ones included)."""
        if self._empty:
            return []
        copy = " " + word_copy(text) + " "
        out: list[Match] = []
        append = out.append
        verify = self._verify
        for end, (klen, groups) in self.auto.iter(copy):
            # copy[end] is the trailing pad space; the word starts after the leading one.
            s = end - klen + 1  # (+2 for the pads, -1 for the leading pad of `copy`)
            e = end - 1
            span = None
            for group in groups:
                for kind, data, ent, dot, sig in group:
                    if kind is _CAP:
                        if not text[s].isupper():
                            continue
                    elif kind is not _ANY:
                        if span is None:
                            span = text[s:e]
                        if kind is _TITLE:
                            if not (span.istitle() or verify(span, data, s, english_at)):
                                continue
                        elif kind is _ACRO:
                            if not (span == data[0] or verify(span, data[1], s, english_at)):
                                continue
                        elif not verify(span, data, s, english_at):
                            continue
                        if sig != 0 and not span.isascii() and (sig is None or mark_sig(span) != sig):
                            continue
                    append(_new_match(Match, (s, e + 1 if dot and text[e:e + 1] == "." else e, ent)))
                    break
        return out

    @staticmethod
    def _verify(span: str, info, start: int, english_at) -> bool:
        acro, letters, cap0, single_marked, afold, caps = info
        if acro:
            return _letters(span) == letters
        if cap0 and not span[:1].isupper():
            return False
        if single_marked:
            if span.casefold() == afold:
                return True
            if len(afold) >= 4 and not _has_marks(span) and english_at is not None and english_at(start):
                return True
            return False
        # Multi-word: each capitalized word of the alias is capitalized in the text
        # ("Lương Cường" is not "lương cường"; "luống cuống" never matches).
        if len(caps) > 1:
            sw = span.split()
            if len(caps) == len(sw):
                for x, y in zip(caps, sw):
                    if x and not y[:1].isupper():
                        return False
        return True


def load_entries(rows: list[tuple[str, list[list[str]]]]) -> list[Entry]:
    """`rows`: (source name, tsv rows) -> entries, one per alias (canonical included)."""
    out: list[Entry] = []
    for source, table in rows:
        amb = "ambiguous" in source
        for r in table:
            if len(r) < 2:
                continue
            typ = r[0].strip()
            canon = r[1].strip()
            aliases = [canon] + ([a.strip() for a in r[2].split("|")] if len(r) > 2 else [])
            seen = set()
            for a in aliases:
                if a and a not in seen:
                    seen.add(a)
                    out.append(Entry(typ, canon, unicodedata.normalize("NFC", a), amb, source))
    return out
