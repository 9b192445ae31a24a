"""`factx snapshot` and `factx check`: keep the facts of a document set from drifting, and the
figures stated in several documents and languages consistent with each other.

Two checks:

- Drift: a snapshot ("lock" file) records every fact of a document set, one JSON object a line,
  sorted, keyed by document, type, text and value (offsets are not part of the key, so moving a
  paragraph is not drift). `diff` compares a baseline with a fresh extraction.
- Consistency: every money and percent figure gets the context a reader uses to compare it
  (the measure it states, the entities it concerns, its period); figures with the same context
  and currency form a group, and a group whose figures (read as intervals of their written
  precision, widened by qualifiers and a tolerance) disagree across documents is a conflict.
  Currencies are never converted.

The vocabulary (measure words, "bilateral" words, change words) is data under `rules/check/`.
"""

from __future__ import annotations

import bisect
import json
import os
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Iterable

import regex

from .model import ALL_TYPES, Fact, decimalize, json_value, value_text
from .rules import RuleSet

LOCK_TAG = "factx-lock"
LOCK_VERSION = 1
_TYPE_ORDER = {t: i for i, t in enumerate(ALL_TYPES)}
INF = Decimal("Infinity")


class LockError(Exception):
    """A baseline file that cannot be read or is not a factx snapshot."""


# --- snapshot records ------------------------------------------------------------------------


def value_key(v: Any) -> str:
    """A value as a canonical string (the same for a Decimal and its JSON round trip)."""
    return value_text(decimalize(v))


@dataclass
class Record:
    """One fact as a snapshot stores it. `doc` is relative to the lock file's directory."""

    doc: str
    line: int
    type: str
    text: str
    value: Any = None
    unit: str = ""
    qualifier: str = ""
    path: str = field(default="", compare=False)  # where to show it (relative to the cwd)

    @property
    def vkey(self) -> tuple[str, str, str]:
        return (value_key(self.value), self.unit, self.qualifier)

    def key(self) -> tuple:
        return (self.doc, self.type, self.text, self.vkey)

    def sort_key(self) -> tuple:
        return (self.doc, self.line, _TYPE_ORDER.get(self.type, 99), self.text, self.vkey)

    def shown_value(self) -> str:
        s = value_key(self.value)
        if self.type in ("money", "percent") and self.unit:
            s = s + "%" if self.unit == "%" else f"{s} {self.unit}"
        if self.qualifier:
            s = f"{s} ({self.qualifier})"
        return s

    def to_json(self) -> dict:
        return {"doc": self.doc, "line": self.line, "type": self.type, "text": self.text,
                "value": json_value(decimalize(self.value)), "unit": self.unit,
                "qualifier": self.qualifier}

    @property
    def where(self) -> str:
        return f"{self.path or self.doc}:{self.line}"


def doc_key(doc_id: str, path: str, base_dir: Path) -> str:
    """The document's name in a lock: its file relative to `base_dir` (POSIX separators), plus
    the record part for JSON Lines inputs (`file.jsonl:3` or `file.jsonl#id`)."""
    if not path or path == "-":
        return doc_id
    rel = rel_path(path, base_dir)
    if doc_id == path:
        return rel
    if doc_id.startswith(path + ":"):
        return rel + doc_id[len(path):]
    return f"{rel}#{doc_id}"


def rel_path(path: str, base_dir: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def file_part(doc: str, files: Iterable[str]) -> str:
    """The file a lock document name comes from (strip a JSONL `:line` or `#id`)."""
    for f in files:
        if doc == f or doc.startswith(f + ":") or doc.startswith(f + "#"):
            return f
    return doc


def records_for(facts: Iterable[Fact], doc: str, path: str) -> list[Record]:
    return [Record(doc=doc, line=f.line, type=f.type, text=f.text, value=json_value(f.value),
                   unit=f.unit or "", qualifier=f.qualifier or "", path=path) for f in facts]


def write_lock(records: list[Record], stream: IO[str], meta: dict) -> None:
    head = {LOCK_TAG: LOCK_VERSION, **meta}
    stream.write(json.dumps(head, ensure_ascii=False) + "\n")
    for r in sorted(records, key=Record.sort_key):
        stream.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def read_lock(path: Path) -> tuple[dict, list[Record]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LockError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise LockError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    lines = text.splitlines()
    meta: dict = {}
    records: list[Record] = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise LockError(f"{path}:{i}: not a factx snapshot line ({e.msg})") from None
        if not isinstance(obj, dict):
            raise LockError(f"{path}:{i}: not a factx snapshot line (expected a JSON object)")
        if LOCK_TAG in obj:
            if obj[LOCK_TAG] != LOCK_VERSION:
                raise LockError(f"{path}: snapshot version {obj[LOCK_TAG]!r} is not supported "
                                f"(this factx writes version {LOCK_VERSION})")
            meta = obj
            continue
        if not meta:
            raise LockError(f"{path}: not a factx snapshot (no header line; create it with "
                            "`factx snapshot PATHS -o FILE`)")
        try:
            records.append(Record(doc=str(obj["doc"]), line=int(obj.get("line") or 0),
                                  type=str(obj["type"]), text=str(obj.get("text", "")),
                                  value=obj.get("value"), unit=str(obj.get("unit") or ""),
                                  qualifier=str(obj.get("qualifier") or "")))
        except (KeyError, TypeError, ValueError) as e:
            raise LockError(f"{path}:{i}: malformed fact record ({e})") from None
    if not meta:
        raise LockError(f"{path}: not a factx snapshot (empty)")
    return meta, records


# --- drift -----------------------------------------------------------------------------------


@dataclass
class Drift:
    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[tuple[Record, Record]] = field(default_factory=list)  # (before, after)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def diff(baseline: list[Record], current: list[Record]) -> Drift:
    """Compare as multisets keyed by (doc, type, text, value); lines and offsets do not count.
    A removed and an added fact of the same document and type are shown as one change when
    they have the same text (the value changed) or stand on the same line (the figure was
    edited)."""
    bk: dict[tuple, list[Record]] = defaultdict(list)
    ck: dict[tuple, list[Record]] = defaultdict(list)
    for r in baseline:
        bk[r.key()].append(r)
    for r in current:
        ck[r.key()].append(r)
    removed: list[Record] = []
    added: list[Record] = []
    for k in set(bk) | set(ck):
        b = sorted(bk.get(k, []), key=Record.sort_key)
        c = sorted(ck.get(k, []), key=Record.sort_key)
        n = min(len(b), len(c))
        if len(b) > n:
            # keep the ones whose lines match, report the others
            removed.extend(_unmatched(b, c))
        elif len(c) > n:
            added.extend(_unmatched(c, b))
    removed.sort(key=Record.sort_key)
    added.sort(key=Record.sort_key)
    changed: list[tuple[Record, Record]] = []
    for keyf in (lambda r: (r.doc, r.type, r.text), lambda r: (r.doc, r.type, r.line)):
        pool: dict[tuple, list[Record]] = defaultdict(list)
        for r in added:
            pool[keyf(r)].append(r)
        used: set[int] = set()
        rest = []
        for r in removed:
            cands = pool.get(keyf(r))
            if cands:
                a = cands.pop(0)
                used.add(id(a))
                changed.append((r, a))
            else:
                rest.append(r)
        removed = rest
        added = [a for a in added if id(a) not in used]
    changed.sort(key=lambda p: p[1].sort_key())
    return Drift(added=added, removed=removed, changed=changed)


def _unmatched(more: list[Record], fewer: list[Record]) -> list[Record]:
    """The surplus of `more` over `fewer` (records of one key): those on lines that `fewer`
    does not have come first."""
    lines = Counter(r.line for r in fewer)
    out = []
    for r in more:
        if lines[r.line] > 0:
            lines[r.line] -= 1
        else:
            out.append(r)
    return out[:len(more) - len(fewer)]


# --- consistency: vocabulary -----------------------------------------------------------------


class _Matcher:
    """Whole-word matches of many terms at once (Aho-Corasick), leftmost-longest, each
    reported with the term's key. `ignore_case` matches on a lower-cased copy of the text.
    Terms are matched in NFC and NFD."""

    def __init__(self, terms: dict[str, Any], ignore_case: bool):
        import ahocorasick

        self.ignore_case = ignore_case
        self.auto = ahocorasick.Automaton()
        self.empty = True
        for term, key in terms.items():
            for form in ("NFC", "NFD"):
                t = unicodedata.normalize(form, term.strip())
                if ignore_case:
                    t = t.lower()
                if t and t not in self.auto:
                    self.auto.add_word(t, (len(t), key, t[0].isalnum(), t[-1].isalnum()))
                    self.empty = False
        if not self.empty:
            self.auto.make_automaton()

    def finditer(self, text: str) -> list[tuple[int, int, Any]]:
        if self.empty or not text:
            return []
        hay = text
        if self.ignore_case:
            hay = text.lower()
            if len(hay) != len(text):  # a rare letter whose lower case is longer
                hay = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        n = len(hay)
        best: dict[int, tuple[int, Any]] = {}
        for end_idx, (ln, key, left_word, right_word) in self.auto.iter(hay):
            start, end = end_idx - ln + 1, end_idx + 1
            if left_word and start > 0 and _wordch(hay[start - 1]):
                continue
            if right_word and end < n and _wordch(hay[end]):
                continue
            if start not in best or best[start][0] < end:
                best[start] = (end, key)
        out = []
        last = -1
        for start in sorted(best):
            if start < last:
                continue
            end, key = best[start]
            out.append((start, end, key))
            last = end
        return out


def _wordch(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.combining(c) > 0


def _norm_key(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


@dataclass
class Vocab:
    measures: _Matcher  # -> (measure id, language of the term)
    neutral: frozenset[str]  # words next to a measure word that do not narrow it
    narrow_key: dict[str, str]  # a narrowing word -> its key in both languages
    measure_types: dict[str, frozenset[str]]
    directed: frozenset[str]
    org_measures: frozenset[str]  # measures whose entities include the clause's organisations
    changes: _Matcher  # -> 1 (a rise or a change) or -1 (a fall)
    pairs: _Matcher
    respectively: _Matcher
    country_names: _Matcher  # -> canonical name, or "" for a phrase that is not a country
    countries: frozenset[str]
    approx: Decimal
    period_grains: frozenset[str]


@lru_cache(maxsize=8)
def vocab_for(ruleset: RuleSet) -> Vocab:
    measure_of: dict[str, tuple[str, str]] = {}
    mtypes: dict[str, set[str]] = {}
    directed: set[str] = set()
    org_measures: set[str] = set()
    for doc in ruleset.toml("check/measures.toml"):
        for m in doc.get("measure", []):
            mid = str(m["id"])
            mtypes.setdefault(mid, set()).update(m.get("types", ["money", "percent"]))
            if m.get("directed"):
                directed.add(mid)
            if m.get("orgs"):
                org_measures.add(mid)
            for lang in ("vi", "en", "terms"):
                for t in m.get(lang, []):
                    k = _norm_key(t)
                    if k in measure_of and measure_of[k][1] != lang:
                        measure_of[k] = (measure_of[k][0], "")  # in both languages (GDP, FDI)
                    else:
                        measure_of.setdefault(k, (mid, lang))
    changes = ruleset.words("check/change_words.txt")
    neutral = frozenset(_norm_key(w).replace("’", "'") for w in ruleset.words("check/neutral_words.txt"))
    narrow_key: dict[str, str] = {}
    for row in ruleset.tsv("check/narrowing_words.tsv"):
        if len(row) >= 2:
            for w in row[1].split("|"):
                if w.strip():
                    narrow_key.setdefault(_norm_key(w.strip()), row[0].strip())
    pairs = ruleset.words("check/pair_words.txt")
    country_of: dict[str, str | None] = {}
    countries: set[str] = set()
    for row in ruleset.tsv("entities/gazetteer/countries.tsv"):
        if len(row) < 2 or row[0].strip() != "location":
            continue
        canon = row[1].strip()
        countries.add(canon)
        for alias in [canon] + (row[2].split("|") if len(row) > 2 else []):
            alias = alias.strip()
            if alias:
                for form in ("NFC", "NFD"):
                    country_of.setdefault(unicodedata.normalize(form, alias), canon)
    for row in ruleset.tsv("check/demonyms.tsv"):
        if len(row) >= 2 and row[0].strip() in countries:
            for adj in row[1].split("|"):
                if adj.strip():
                    for form in ("NFC", "NFD"):
                        country_of.setdefault(unicodedata.normalize(form, adj.strip()), row[0].strip())
    for phrase in ruleset.words("check/not_countries.txt"):
        for form in ("NFC", "NFD"):
            country_of[unicodedata.normalize(form, phrase)] = None
    approx = Decimal("0.05")
    grains = {"year", "quarter", "month", "week"}
    for doc in ruleset.toml("check/compare.toml"):
        if "approx" in doc:
            approx = Decimal(str(doc["approx"]))
        if "period_grains" in doc:
            grains = set(doc["period_grains"])
    return Vocab(
        measures=_Matcher(measure_of, ignore_case=True),
        neutral=neutral,
        narrow_key=narrow_key,
        measure_types={k: frozenset(v) for k, v in mtypes.items()},
        directed=frozenset(directed),
        org_measures=frozenset(org_measures),
        changes=_Matcher({**{w: 1 for w in changes},
                          **{w: -1 for w in ruleset.words("check/decrease_words.txt")}},
                         ignore_case=True),
        pairs=_Matcher({w: True for w in pairs}, ignore_case=True),
        respectively=_Matcher({w: True for w in ruleset.words("check/respectively_words.txt")},
                              ignore_case=True),
        country_names=_Matcher({k: v or "" for k, v in country_of.items()}, ignore_case=False),
        countries=frozenset(countries),
        approx=approx,
        period_grains=frozenset(grains),
    )


# --- consistency: context of a figure --------------------------------------------------------

# A sentence ends at a blank line, at a line break that does not continue a hard-wrapped line
# (the next line starts with a capital, a list mark...), or at . ! ? … followed by space and a
# non-lowercase letter (or glued to a capitalized word, as in "hiệu lực năm 2014.Chile").
_SENT_END = regex.compile(
    r"\r?\n(?:[ \t]*\r?\n)+|\r?\n(?![ \t]*[\p{Ll}\p{N}$(])"
    r"|[.!?…]+[\"'”’)\]]*(?=\s+[^\p{Ll}\s]|\s*$|\p{Lu}\p{Ll})", regex.V1)
# Clauses inside a sentence: ; : ( ) and ", " (but not the comma of "1,3").
_CLAUSE_END = regex.compile(r"[;()\[\]]|:\s|,\s|\s[–—]\s", regex.V1)
# What may stand between a figure and its own period: "600 triệu USD (năm 2022)",
# "$600 million in 2022", "US$1 billion for the first nine months".
_PERIOD_GAP = regex.compile(
    r"\s*[(\[,]?\s*(?:(?:in|of|for|during|over|the|năm|trong|vào|tính\s+đến|as\s+of|by|cả)\s+)*",
    regex.IGNORECASE | regex.V1)
_FROM_BEFORE = regex.compile(
    r"(?:từ|from|lên|to|và|and)\s+(?:(?:gần|hơn|khoảng|trên|dưới|about|nearly|almost|over|some)\s+)*$",
    regex.IGNORECASE | regex.V1)
_BEFORE_MEASURE = regex.compile(r"\s*(?:of|in|của|the)?\s*", regex.IGNORECASE | regex.V1)
_CHANGE_GAP = regex.compile(r"\s*(?:by|of|thêm|được|khoảng|gần|hơn|nearly|about|over|some)?\s*$",
                            regex.IGNORECASE | regex.V1)


@dataclass
class Figure:
    """A money or percent fact with the context it is compared in."""

    fact: Fact
    doc: str  # shown name (path as given)
    measure: str | None
    entities: tuple[str, ...]
    period: str | None
    lo: Decimal
    hi: Decimal

    @property
    def unit(self) -> str:
        return self.fact.unit

    def key(self) -> tuple:
        return (self.fact.type, self.measure, self.entities, self.period, self.fact.unit)

    def to_json(self) -> dict:
        return {"doc": self.doc, "line": self.fact.line, "type": self.fact.type,
                "text": self.fact.text, "value": json_value(self.fact.value),
                "unit": self.fact.unit, "qualifier": self.fact.qualifier,
                "measure": self.measure, "entities": list(self.entities), "period": self.period,
                "interval": [_num_json(self.lo), _num_json(self.hi)]}


def _num_json(d: Decimal) -> Any:
    if d.is_infinite():
        return None
    return json_value(d)


def _spans(text: str, pattern) -> list[int]:
    """Sorted start offsets of the pieces that `pattern`'s matches cut `text` into."""
    starts = [0]
    for m in pattern.finditer(text):
        if m.end() > starts[-1]:
            starts.append(m.end())
    return starts


def _locate(starts: list[int], pos: int, n: int) -> tuple[int, int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    end = starts[i + 1] if i + 1 < len(starts) else n
    return i, starts[i], end


_NUMBER = regex.compile(r"\d(?:[\d.,]*\d)?")


def half_unit(text: str, value: Decimal) -> Decimal:
    """Half the unit of the last written digit: "354 triệu" -> 0.5 million, "1,3 tỷ" -> 0.05
    billion, "353.78 million" -> 0.005 million; 0 when the written number is not found."""
    m = _NUMBER.search(text)
    if not m or not value:
        return Decimal(0)
    digits = "".join(c for c in m.group() if c.isdigit())
    try:
        written = Decimal(int(digits))
        if not written:
            return Decimal(0)
        ratio = (abs(value) / written).normalize()
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return Decimal(0)
    if ratio.as_tuple().digits != (1,):  # the value is not these digits times a power of ten
        return Decimal(0)
    return ratio / 2


def interval(fact: Fact, approx: Decimal) -> tuple[Decimal, Decimal] | None:
    v = fact.value
    if isinstance(v, dict):
        try:
            lo, hi = Decimal(v["from"]), Decimal(v["to"])
        except (KeyError, InvalidOperation, TypeError):
            return None
        hw = Decimal(0)
        mid = max(abs(lo), abs(hi))
    elif isinstance(v, (Decimal, int, float)):
        lo = hi = mid = Decimal(str(v)) if not isinstance(v, Decimal) else v
        hw = half_unit(fact.text, mid)
        mid = abs(mid)
    else:
        return None
    q = fact.qualifier
    if q == "approx":
        d = mid * approx
        return lo - hw - d, hi + hw + d
    if q == "over":
        return lo, INF
    if q == "at_least":
        return lo - hw, INF
    if q == "under":
        return -INF, hi
    if q == "at_most":
        return -INF, hi + hw
    return lo - hw, hi + hw


def _grain(f: Fact) -> str:
    return f.unit or ""


def _merge(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Sorted, merged spans as (starts, ends) for bisect lookups."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _inside(merged: tuple[list[int], list[int]], s: int, e: int, strict: bool = False) -> bool:
    """Does [s, e) overlap a merged span (strict: does point s lie strictly inside one)?"""
    starts, ends = merged
    i = bisect.bisect_right(starts, s if strict else e - 1) - 1
    if i < 0:
        return False
    if strict:
        return starts[i] < s < ends[i]
    return ends[i] > s


_YEAR = regex.compile(r"(?<![\p{N}\p{L}.,])(?:19|20)\d\d(?![\p{N}\p{L}]|[.,]\d)", regex.V1)
_WORD_AFTER = regex.compile(r"[ \t]+(\p{Ll}[\p{L}\p{M}]*)", regex.V1)
_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}'’])(\p{L}[\p{L}\p{M}'’-]*)[ \t]+$", regex.V1)


def _narrowed(text: str, s: int, e: int, mid: str, lang: str, vocab: "Vocab") -> str:
    """`mid`, or `mid:word` when a word narrows it ("xuất khẩu gạo", "rice exports"): such a
    figure is only compared with figures narrowed by the same word."""
    words = []
    if lang in ("vi", ""):
        m = _WORD_AFTER.match(text, e)
        if m:
            words.append(m.group(1))
    if lang in ("en", ""):
        m = _WORD_BEFORE.search(text, max(0, s - 40), s)
        if m:
            words.append(m.group(1))
    for word in words:
        w = _norm_key(word).replace("’", "'")
        if w in vocab.neutral or w.endswith("'s"):
            continue
        if w in vocab.narrow_key or (lang and word[:1].islower()):
            # capitalized (a name, or the sentence start) or next to a term of both languages
            # (GDP, FDI): only the known narrowing words count
            return f"{mid}:{vocab.narrow_key.get(w, w)}"
    return mid


class _DocContext:
    """Per-document offsets, sorted for bisect: sentences, clauses, measure words, countries."""

    def __init__(self, text: str, facts: list[Fact], vocab: Vocab):
        self.text = text
        self.vocab = vocab
        n = len(text)
        self.n = n
        self.sent_starts = _spans(text, _SENT_END)
        values = _merge([(f.start, f.end) for f in facts if f.type in ("money", "percent", "date")])
        # a clause cut inside a value fact ("Nov 12, 2024") is not a cut
        cuts = sorted(set(self.sent_starts) | set(_spans(text, _CLAUSE_END)))
        self.clause_starts = [c for c in cuts if c == 0 or not _inside(values, c, c, strict=True)]
        self.measures = [(s, e, _narrowed(text, s, e, mid, lang, vocab))
                         for s, e, (mid, lang) in vocab.measures.finditer(text)]
        self.measure_starts = [m[0] for m in self.measures]
        self.changes = vocab.changes.finditer(text)
        self.change_starts = [c[0] for c in self.changes]
        self.pairs = [s for s, _, _ in vocab.pairs.finditer(text)]
        self.respectively = [s for s, _, _ in vocab.respectively.finditer(text)]
        # four-digit years the date extractor left out ("năm 2022 và 2023"): they make the
        # period of a figure near them ambiguous
        covered = _merge([(f.start, f.end) for f in facts])
        self.bare_years = [m.start() for m in _YEAR.finditer(text)
                           if not _inside(covered, m.start(), m.end())]
        self.dates = sorted((f for f in facts if f.type == "date" and isinstance(f.value, str)),
                            key=lambda f: (f.start, f.end))
        self.date_starts = [d.start for d in self.dates]
        # countries: the entity extractor's locations that are countries, plus the names the
        # gazetteer finds outside values ("US$" is a currency) and outside those locations
        mentions = [(f.start, f.end, f.value) for f in facts
                    if f.type == "location" and isinstance(f.value, str) and f.value in vocab.countries]
        located = _merge([(s, e) for s, e, _ in mentions])
        for s, e, canon in vocab.country_names.finditer(text):
            if not canon or _inside(values, s, e) or _inside(located, s, e):
                continue
            mentions.append((s, e, canon))
        mentions.sort()
        self.countries = mentions
        self.country_starts = [c[0] for c in mentions]
        self.others = sorted((f.start, f.value) for f in facts
                             if f.type in ("org", "location") and isinstance(f.value, str)
                             and f.value and f.value not in vocab.countries)
        self.other_starts = [o[0] for o in self.others]
        self.orgs = sorted((f.start, f.value) for f in facts
                           if f.type == "org" and isinstance(f.value, str) and f.value)
        self.org_starts = [o[0] for o in self.orgs]
        self._pair_cache: dict[int, list[str] | None] = {}
        self.figure_ends: list[int] = []

    def sentence(self, pos: int) -> tuple[int, int, int]:
        return _locate(self.sent_starts, pos, self.n)

    def clause(self, pos: int) -> tuple[int, int]:
        _, s, e = _locate(self.clause_starts, pos, self.n)
        return s, e

    def countries_in(self, s: int, e: int) -> list[str]:
        i = bisect.bisect_left(self.country_starts, s)
        j = bisect.bisect_left(self.country_starts, e)
        return list(dict.fromkeys(c for _, _, c in self.countries[i:j]))

    def others_in(self, s: int, e: int) -> list[str]:
        i = bisect.bisect_left(self.other_starts, s)
        j = bisect.bisect_left(self.other_starts, e)
        return list(dict.fromkeys(v for _, v in self.others[i:j]))

    def orgs_in(self, s: int, e: int) -> list[str]:
        i = bisect.bisect_left(self.org_starts, s)
        j = bisect.bisect_left(self.org_starts, e)
        return list(dict.fromkeys(v for _, v in self.orgs[i:j]))

    def measures_in(self, s: int, e: int) -> list[tuple[int, int, str | None]]:
        i = bisect.bisect_left(self.measure_starts, s)
        j = bisect.bisect_left(self.measure_starts, e)
        return self.measures[i:j]

    def changes_in(self, s: int, e: int) -> list[tuple[int, int, int]]:
        i = bisect.bisect_left(self.change_starts, s)
        j = bisect.bisect_left(self.change_starts, e)
        return self.changes[i:j]

    def dates_in(self, s: int, e: int) -> list[Fact]:
        i = bisect.bisect_left(self.date_starts, s)
        j = bisect.bisect_left(self.date_starts, e)
        return self.dates[i:j]

    def has_pair_word(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.pairs, s)
        return i < len(self.pairs) and self.pairs[i] < e

    def sentence_span(self, i: int) -> tuple[int, int]:
        s = self.sent_starts[i]
        return s, (self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else self.n)

    def context_pair(self, idx: int) -> list[str] | None:
        """The nearest sentence (this one, then up to 30 earlier ones, then the next 3) that
        names exactly two countries: the pair "bilateral" / "hai chiều" refers to."""
        if idx in self._pair_cache:
            return self._pair_cache[idx]
        found = None
        order = list(range(idx, max(idx - 31, -1), -1)) + \
            list(range(idx + 1, min(idx + 4, len(self.sent_starts))))
        for i in order:
            cs = self.countries_in(*self.sentence_span(i))
            if len(cs) == 2:
                found = cs
                break
        self._pair_cache[idx] = found
        return found


def figures_of(text: str, facts: list[Fact], doc: str, vocab: Vocab,
               types: frozenset[str] = frozenset({"money", "percent"})) -> list[Figure]:
    """The money/percent facts of one document with their measure, entities, period."""
    ctx = _DocContext(text, facts, vocab)
    figs = [f for f in facts if f.type in types]
    ctx.figure_ends = sorted(f.end for f in facts if f.type in ("money", "percent"))
    # 1. a date written right after a figure is its period ("(năm 2022)", "in 2022")
    own: dict[int, Fact] = {}
    claimed: set[int] = set()
    for f in figs:
        nxt = ctx.dates_in(f.end, f.end + 31)
        if nxt:
            d = nxt[0]
            if _PERIOD_GAP.fullmatch(text, f.end, d.start) and _grain(d) not in ("hour", "minute"):
                own[id(f)] = d
                claimed.add(id(d))
    out = []
    for f in figs:
        iv = interval(f, vocab.approx)
        if iv is None:
            continue
        sidx, ss, se = ctx.sentence(f.start)
        cs, ce = ctx.clause(f.start)
        measure, change = _measure(ctx, f, ss, se, cs, ce)
        entities = _entities(ctx, f, sidx, ss, se, cs, ce, measure)
        period = _period(ctx, f, own, claimed, ss, se, cs)
        lo, hi = iv
        if change < 0 and lo >= 0:  # "giảm 5%": a change of -5%
            lo, hi = -hi, -lo
        out.append(Figure(fact=f, doc=doc, measure=measure, entities=entities, period=period,
                          lo=lo, hi=hi))
    return out


def _measure(ctx: _DocContext, f: Fact, ss: int, se: int, cs: int, ce: int
             ) -> tuple[str | None, int]:
    vocab = ctx.vocab
    usable = [(s, e, m) for s, e, m in ctx.measures_in(ss, se)
              if m and f.type in vocab.measure_types.get(m.split(":")[0], ()) and e <= se
              and not (s < f.end and f.start < e)]
    before_clause = [x for x in usable if x[1] <= f.start and x[0] >= cs]
    before_sent = [x for x in usable if x[1] <= f.start]
    after = [x for x in usable if x[0] >= f.end]
    pick = (before_clause[-1] if before_clause else before_sent[-1] if before_sent
            else after[0] if after else None)
    base = pick[2] if pick else None
    # a change ("tăng 5%", "rose by $2 billion", "GDP growth of 6%") is not a level; a fall
    # ("giảm 5%", "down 5 per cent") is compared as a negative change
    change = 0
    for s, e, sign in ctx.changes_in(cs, min(ce, f.end + 4)):
        if e <= f.start and _CHANGE_GAP.fullmatch(ctx.text, e, f.start):
            change = sign  # right before the figure
        elif f.type == "percent" and s >= f.end:
            change = change or sign  # "a 5% increase", "5 per cent growth"
        elif (f.type == "percent" and pick and pick[1] <= s and e <= f.start
              and not _FROM_BEFORE.search(ctx.text, cs, f.start)):
            change = sign  # between its measure and the figure, in the same clause
    if not change and pick and f.type == "percent":
        # "tăng trưởng GDP ... đạt 6,82%", "growth in exports of 5%"
        for s, e, sign in ctx.changes_in(max(ss, pick[0] - 40), pick[0]):
            if _BEFORE_MEASURE.fullmatch(ctx.text, e, pick[0]):
                change = sign
    if base is None:
        return ("growth" if change and f.type == "percent" else None), change
    return (base + "/change" if change else base), change


def _entities(ctx: _DocContext, f: Fact, sidx: int, ss: int, se: int, cs: int, ce: int,
              measure: str | None) -> tuple[str, ...]:
    if _any_in(ctx.respectively, ss, se):
        # "exports to the US and China were $97 and $61 billion respectively": which figure
        # concerns which entity is a matter of order, not compared
        return ()
    in_clause = ctx.countries_in(cs, ce)
    in_sent = ctx.countries_in(ss, se)
    pair_word = ctx.has_pair_word(ss, se)
    ents: list[str] | None = None
    if len(in_clause) >= 2 or (in_clause and not pair_word):
        ents = in_clause
    elif pair_word:
        pair = in_sent if len(in_sent) == 2 else ctx.context_pair(sidx)
        if pair and all(c in pair for c in in_clause):
            ents = pair
        else:
            ents = in_clause or None
    elif in_sent:
        ents = in_sent
    base = (measure or "").split("/")[0].split(":")[0]
    if ents and base in ctx.vocab.org_measures:
        ents = ctx.orgs_in(cs, ce) + [c for c in ents if c not in ctx.orgs_in(cs, ce)]
    if not ents:
        ents = ctx.others_in(cs, ce) or ctx.others_in(ss, se)
    if base in ctx.vocab.directed:
        return tuple(ents)
    return tuple(sorted(ents))


def _any_in(starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] < e


def _period(ctx: _DocContext, f: Fact, own: dict, claimed: set, ss: int, se: int,
            cs: int) -> str | None:
    d = own.get(id(f))
    if d is not None:
        return d.value
    if _any_in(ctx.respectively, ss, se):
        return None
    grains = ctx.vocab.period_grains
    in_sent = [x for x in ctx.dates_in(ss, se) if "/" in x.value or _grain(x) in grains]
    # the period written before the figure in its clause, after any earlier figure ("năm 2023
    # đạt 486 triệu USD và 9 tháng đầu năm 2024 đạt gần 290 triệu USD"), unless it is another
    # figure's own ("$600 million in 2022 and $486 million": not 2022); several of them
    # ("năm 2022 và 2023 lần lượt đạt 600 và 486 triệu USD") leave the period unknown
    i = bisect.bisect_left(ctx.figure_ends, f.start + 1) - 1
    floor = max(cs, ctx.figure_ends[i] if i >= 0 else 0)
    before = [x for x in in_sent if floor <= x.start and x.end <= f.start and id(x) not in claimed]
    if before:
        vals = {x.value for x in before}
        if len(vals) > 1 or _any_in(ctx.bare_years, floor, f.start):
            return None
        return before[-1].value
    # else the one period the sentence names (outside the figure's clause after it:
    # "up 32.1% from 2022" is a comparison)
    values = {x.value for x in in_sent if not (x.start >= f.end and ctx.clause(x.start)[0] == cs)}
    if len(values) == 1 and not _any_in(ctx.bare_years, ss, se):
        return values.pop()
    return None


# --- consistency: groups and conflicts -------------------------------------------------------


@dataclass
class Conflict:
    figures: list[Figure]

    @property
    def key(self) -> tuple:
        return self.figures[0].key()

    def describe(self) -> str:
        f = self.figures[0]
        what = f.measure or "?"
        ents = ", ".join(f.entities) if f.entities else "?"
        return f"{what} · {ents} · {f.period or 'no period'} · {f.unit}"

    def to_json(self) -> dict:
        f = self.figures[0]
        return {"type": f.fact.type, "measure": f.measure, "entities": list(f.entities),
                "period": f.period, "unit": f.unit, "facts": [x.to_json() for x in self.figures]}


@dataclass
class Consistency:
    figures: list[Figure]
    groups: int
    compared: int
    conflicts: list[Conflict]
    undated: bool = False

    def __bool__(self) -> bool:
        return bool(self.conflicts)


def comparable(f: Figure, undated: bool = False) -> bool:
    return bool(f.measure and f.entities and (f.period or undated))


def find_conflicts(figures: list[Figure], tolerance: Decimal, undated: bool = False) -> Consistency:
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        if comparable(f, undated):
            groups[f.key()].append(f)
    conflicts = []
    compared = 0
    multi = 0
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        g = groups[key]
        if len({x.doc for x in g}) < 2:
            continue
        multi += 1
        compared += len(g)
        widened = [(x, *_widen(x, tolerance)) for x in g]
        bad = False
        for i, (a, alo, ahi) in enumerate(widened):
            for b, blo, bhi in widened[i + 1:]:
                if a.doc != b.doc and (alo > bhi or blo > ahi):
                    bad = True
        if bad:
            conflicts.append(Conflict(sorted(g, key=lambda x: (x.lo if x.lo.is_finite() else x.hi,
                                                               x.doc, x.fact.line))))
    return Consistency(figures=figures, groups=multi, compared=compared, conflicts=conflicts,
                       undated=undated)


def _widen(f: Figure, tol: Decimal) -> tuple[Decimal, Decimal]:
    mags = [abs(x) for x in (f.lo, f.hi) if x.is_finite()]
    d = max(mags) * tol if mags else Decimal(0)
    return f.lo - d, f.hi + d


def parse_tolerance(s: str) -> Decimal:
    """"1%" -> 0.01, "0.01" -> 0.01; ValueError otherwise."""
    t = s.strip()
    try:
        if t.endswith("%"):
            v = Decimal(t[:-1].strip()) / 100
        else:
            v = Decimal(t)
            if v >= 1:
                raise ValueError
    except (InvalidOperation, ValueError):
        raise ValueError(f"--tolerance must be a percentage like 1% or a fraction like 0.01, "
                         f"not {s!r}") from None
    if not v.is_finite() or v < 0 or v >= 1:
        raise ValueError(f"--tolerance must be between 0% and 100%, not {s!r}")
    return v


def fmt_interval(lo: Decimal, hi: Decimal) -> str:
    def one(x: Decimal) -> str:
        if x.is_infinite():
            return "-inf" if x < 0 else "+inf"
        if abs(x) >= 1000:
            return format(x.quantize(Decimal(1)), ",")
        return value_text(x.normalize())
    if lo == hi:
        return one(lo)
    return f"[{one(lo)}, {one(hi)}]"


# --- reports ---------------------------------------------------------------------------------


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def _show_val(r: Record) -> str:
    return f"{r.text!r} = {r.shown_value()}"


def drift_lines(drift: Drift) -> list[tuple[str, str, str]]:
    """(kind, where, message) for each difference, in document order."""
    rows: list[tuple[tuple, str, str, str]] = []
    for r in drift.added:
        rows.append((r.sort_key(), "added", r.where, f"{r.type} {_show_val(r)}"))
    for r in drift.removed:
        rows.append((r.sort_key(), "removed", r.where, f"{r.type} {_show_val(r)}"))
    for b, a in drift.changed:
        if b.text == a.text:
            msg = f"{a.type} {a.text!r}: {b.shown_value()} -> {a.shown_value()}"
        else:
            msg = f"{a.type} {_show_val(b)} -> {_show_val(a)}"
        where = a.where if b.line == a.line else f"{a.where} (was line {b.line})"
        rows.append((a.sort_key(), "changed", where, msg))
    rows.sort(key=lambda x: x[0])
    return [(k, w, m) for _, k, w, m in rows]


def conflict_summary(c: Conflict, f: Figure) -> str:
    others = "; ".join(f"{x.fact.text!r} in {x.doc}:{x.fact.line}" for x in c.figures
                       if x is not f and x.doc != f.doc)
    return f"{f.fact.text!r} disagrees with {others} ({c.describe()})"


def render_text(console, drift: Drift | None, baseline: str | None, cons: Consistency | None,
                verbose: bool = False) -> None:
    from rich.text import Text

    styles = {"added": "green", "removed": "red", "changed": "yellow"}
    if drift is not None:
        if drift:
            console.print(Text(f"drift against {baseline}:", style="bold"))
            for kind, where, msg in drift_lines(drift):
                t = Text("  ")
                t.append(f"{kind:<8}", style=styles[kind])
                t.append(f" {where}  {msg}")
                console.print(t)
            console.print(Text(f"{drift.count} difference{'s' if drift.count != 1 else ''} "
                               f"({len(drift.changed)} changed, {len(drift.added)} added, "
                               f"{len(drift.removed)} removed); run with --update to accept "
                               "them", style="bold red"))
        else:
            console.print(Text(f"no drift against {baseline}", style="green"))
    if cons is not None:
        if verbose:
            console.print(Text("figures and their context:", style="bold"))
            for f in cons.figures:
                mark = "" if comparable(f, cons.undated) else "  (not compared: context incomplete)"
                console.print(Text(f"  {f.doc}:{f.fact.line}  {f.fact.text!r}  "
                                   f"measure={f.measure or '?'} entities="
                                   f"{', '.join(f.entities) or '?'} period={f.period or '?'} "
                                   f"interval={fmt_interval(f.lo, f.hi)}{mark}", style="dim"))
        for c in cons.conflicts:
            console.print(Text(f"conflict: {c.describe()}", style="bold red"))
            for f in c.figures:
                console.print(Text(f"  {f.doc}:{f.fact.line}  {f.fact.text!r} = "
                                   f"{fmt_interval(f.lo, f.hi)} {f.unit}"))
        n = len(cons.conflicts)
        msg = (f"{n} conflict{'s' if n != 1 else ''} in {cons.groups} group"
               f"{'s' if cons.groups != 1 else ''} of figures stated in several documents "
               f"({cons.compared} figures compared, {len(cons.figures)} found)")
        console.print(Text(msg, style="bold red" if n else "green"))


def render_github(out: IO[str], drift: Drift | None, baseline: str | None,
                  cons: Consistency | None) -> None:
    def emit(level: str, path: str, line: int, title: str, msg: str) -> None:
        props = f"file={_gh_escape(path, True)}"
        if line:
            props += f",line={line}"
        props += f",title={_gh_escape(title, True)}"
        out.write(f"::{level} {props}::{_gh_escape(msg)}\n")

    if drift:
        for b_a in drift.changed:
            b, a = b_a
            msg = (f"{a.type} changed: {a.text!r} = {a.shown_value()}, was {b.text!r} = "
                   f"{b.shown_value()} (baseline {baseline})")
            emit("error", a.path or a.doc, a.line, "factx: fact changed", msg)
        for r in drift.added:
            emit("error", r.path or r.doc, r.line, "factx: fact added",
                 f"{r.type} added: {_show_val(r)} (not in baseline {baseline})")
        for r in drift.removed:
            emit("error", r.path or r.doc, r.line, "factx: fact removed",
                 f"{r.type} removed: {_show_val(r)} (in baseline {baseline})")
    if cons:
        for c in cons.conflicts:
            for f in c.figures:
                emit("error", f.doc, f.fact.line, "factx: figures disagree", conflict_summary(c, f))
    total = (drift.count if drift else 0) + (len(cons.conflicts) if cons else 0)
    out.write(f"factx check: {total} problem{'s' if total != 1 else ''}\n")


def report_json(drift: Drift | None, baseline: str | None, cons: Consistency | None,
                errors: list[str]) -> dict:
    out: dict[str, Any] = {"ok": not drift and not cons and not errors}
    if drift is not None:
        def rec(r: Record) -> dict:
            d = r.to_json()
            d["path"] = r.path or r.doc
            return d
        out["baseline"] = baseline
        out["drift"] = {"added": [rec(r) for r in drift.added],
                        "removed": [rec(r) for r in drift.removed],
                        "changed": [{"before": rec(b), "after": rec(a)} for b, a in drift.changed]}
    if cons is not None:
        out["consistency"] = {"groups": cons.groups, "compared": cons.compared,
                              "conflicts": [c.to_json() for c in cons.conflicts],
                              "figures": [f.to_json() for f in cons.figures]}
    out["errors"] = errors
    return out
