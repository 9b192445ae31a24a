"""Named entities (person, org, location, misc) with one canonical name per entity.

Mechanics only; the vocabulary is in rules/entities/ (gazetteer/*.tsv, names/*.txt,
patterns.toml, not_entities.txt). One document is processed in three steps:

1. Candidates: verified gazetteer matches (Aho–Corasick, see factx.gazetteer), Vietnamese
   head patterns (Tập đoàn / Bộ / Hội nghị + capitalized name), and pieces of capitalized runs
   that carry an English org/event/location head or tail, or look like a person's name.
   Event spans take a leading ordinal/year and a trailing year / "lần thứ N".
2. Resolution: longest span first (gazetteer before pattern on ties), no overlaps: only the
   outermost name is a fact.
3. Leftovers: capitalized words no fact covers are classified with the document's own
   knowledge (persons' surnames and given names, acronym definitions "... (APEC)", close
   misspellings of a person's name), then with name lists and context (titles, "said").
"""

from __future__ import annotations

import bisect
import gc
from operator import itemgetter
import unicodedata

import regex

from functools import lru_cache

from ..gazetteer import Entry, Gazetteer, fold_fast, fold_key as _fold_key, is_acronym, load_entries
from ..model import Fact

# Words repeat: memoized folds (bounded caches, C-level lookups).
fold = lru_cache(maxsize=200_000)(fold_fast)
fold_key = lru_cache(maxsize=200_000)(_fold_key)

TYPES = ("person", "org", "location", "misc")
_first = itemgetter(0)

_L = r"\p{L}\p{M}"
_W = r"\p{L}\p{M}\p{N}"
CAPTOK = rf"\p{{Lu}}[{_W}]*(?:['’\-.&][{_W}]+)*(?:(?<=s)['’](?=[ \t]))?"
_CONNECT_WORDS = "of the and for de del da di la le van von der du on & y al el bin ben".split()
# RUN (capitalized runs; the connectors as a trie, see _trie) is compiled below _trie.
TOKEN = regex.compile(rf"{CAPTOK}|[\p{{Ll}}{_W}&]+|\d+")
_ORD_BEFORE = regex.compile(r"(?:(\d{4})|(\d{1,3})(?:st|nd|rd|th))[ \t]+$")
_YEAR_AFTER = regex.compile(r"[ \t]+(?:năm[ \t]+)?((?:19|20)\d\d)(?![\p{L}\p{N}])")
_LAN_THU = regex.compile(r"[ \t]+lần[ \t]+thứ[ \t]+(\d{1,3}|[\p{L}]+)(?![\p{L}\p{N}])")
_ACR_DEF = regex.compile(r"[ \t]*\((\p{Lu}[\p{Lu}\p{N}&.\-]{1,11})\)")
_DASH_DEF = regex.compile(r"[ \t]*[-–][ \t]*(\p{Lu}[\p{L}\p{N}]{1,20})(?![\p{L}\p{N}])")
_HAS_DIGIT = regex.compile(r"\d")


def _has_digit(s: str) -> bool:
    """Any decimal digit in `s`? (A word of letters only has none: no regex call.)"""
    return not s.isalpha() and _HAS_DIGIT.search(s) is not None


_POSSESSIVE = regex.compile(r"[ \t]?['’]s(?![\p{L}])")
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*$")  # "Rotherham", "Ciba-Geigy"
# a score after a team: "Derby 1", "Leeds 2-1", and cricket's runs and wickets ("Essex 532-8
# declared", "Surrey 312 all out")
_SCORE_TOK = regex.compile(r"\d{1,3}(?:-\d{1,2}|(?:[.:]\d{1,2})*)$")
_SCORE_AFTER = regex.compile(r"[ \t]+\d{1,3}(?:-\d{1,2}(?![\d\-/]))?(?:[.:]\d{1,2})*(?![\d\-/\p{L}])")
_SCORER_BEFORE = regex.compile(r"[(,][ \t]*$")
_SCORER_AFTER = regex.compile(r"[ \t]+\d{1,3}(?:[ \t]+(?:pen|og))?[ \t]*[,)]")
# cricket scoreboards: "Saeed Anwar c Young b Doull 28", "lbw b Cairns", "Bowling : Doull 17-3-60-1"
_BOWL_AFTER = regex.compile(r"[ \t]+\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}(?![\d\-])")
# a scorer and the minute of the goal: "Ravanelli ( 35th )", "Juninho ( 60th pen )"
_BRACKET_AFTER = regex.compile(r"[ \t]*\([ \t]*(\p{Lu}[\p{L}. ]{0,30}?)[ \t]*\)")


def _newlines(text: str) -> list[int]:
    """Positions of the newlines of `text`."""
    out = []
    find = text.find
    i = find("\n")
    while i != -1:
        out.append(i)
        i = find("\n", i + 1)
    return out
_R1 = regex.compile(r"[-–—][ \t]*$")
_R2 = regex.compile(rf"[{_L}]+")
_R3 = regex.compile(r"[ \t]+\p{Lu}")
_R4 = regex.compile(r"\p{Lu}[\p{L}\p{M}]*$")
_R5 = regex.compile(r"[ \t]?[-–][ \t]?(\p{Lu}[\p{L}\p{N}]+)$")
_R6 = regex.compile(r"^(?:\d{4}|\d{1,3}(?:st|nd|rd|th)) (.+)$")
_R7 = regex.compile(r"(?:[ \t]*[-–,][ \t]*|[ \t]+(?:và|and)[ \t]+)$")
_R8 = regex.compile(r"(?:[ \t]*[-–,][ \t]*|[ \t]+(?:và|and)[ \t]+)")
_R9 = regex.compile(rf"(?:[ \t]+\p{{Lu}}[\p{{Ll}}\p{{M}}]+){{1,2}}(?![{_W}])")
_R10 = regex.compile(rf"([{_L}.]+)[ \t]+$")
_SYLL = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SP_LOWER = regex.compile(r"[ \t]\p{Ll}")
_BRAND_DEF = regex.compile(r"[ \t]?\((\p{Lu}[\p{Ll}\p{Lu}\p{N}]{2,20}(?:[ \t]\p{Lu}[\p{L}\p{N}]{1,20})?)\)")
_LIST_ON = regex.compile(r"[ \t]?(?:,|và[ \t])")
_UNIT_NUM = regex.compile(r"[ \t]+\d{1,2}(?![\d\p{L}]|[.,/:]\d)")
_LOW_WORD = regex.compile(r"[ \t]+(\p{Ll}[\p{L}\p{M}]*)")
_LOW_PAIR = regex.compile(r"[ \t]+(\p{Ll}[\p{L}\p{M}]*)(?:[ \t]+(\p{Ll}[\p{L}\p{M}]*))?")
_ROMAN = regex.compile(r"(?=[IVX]{2,6}$)X{0,3}(?:IX|IV|V?I{0,3})$")
_BODY_TOK = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[\-.&'][\p{L}\p{M}\p{N}]+)*")
_NEXT_CAP = regex.compile(r"[ \t]\p{Lu}\p{Ll}")
_DATELINE_AFTER = regex.compile(r"[ \t]*(?:,|\(|–|—|-[ \t])")
_VI_MARKS = regex.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323]|[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", regex.I)
# English single names (see [single_name] in patterns.toml): a capitalized word, maybe with
# inner capitals, hyphens or an apostrophe ("Bre-X", "McDonald", "O'Leary"); an apposition after
# a name (", the Singapore-based ride-hailing firm ,", ", the leader of ...", ", 34 ,"); the end
# of a sentence; words.
_NAME_SHAPE = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:[\-'’&][\p{L}\p{M}]+)*$")
_APPOS = regex.compile(
    r"[ \t]*,[ \t]+((?:the|a|an|its|their|one)[ \t]+[^,.;:!?()\[\]\n\"“”]{1,80}"
    r"|\p{Lu}[\p{L}\p{M}.]*[ \t]?['’]s[ \t]+[^,.;:!?()\[\]\n\"“”]{1,80})(?=[ \t]*[,.;:)\n]|$)")
_VENUE_AFTER = regex.compile(r"[ \t]*:[ \t]")
_AGE = regex.compile(r"[ \t]*,[ \t]*\d{1,2}[ \t]*,")
_SENT_END = regex.compile(r"[.!?](?=[ \t\n\"”’)]|$)|\n")
_LOW_WORDS = regex.compile(r"[\p{L}\p{M}'’\-]+")


def _words_alt(words, flags: str = "") -> str:
    """An alternation of `words` (longest first; a space matches spaces and tabs)."""
    ws = sorted(set(words), key=len, reverse=True)
    alt = "|".join(r"[ \t]+".join(regex.escape(p) for p in w.split()) for w in ws) or "(?!)"
    return f"(?{flags}:{alt})" if flags else f"(?:{alt})"


def _prev_word(text: str, s: int):
    """The word (letters and dots) right before `s`, separated from it by spaces only."""
    lo = max(0, s - 40)
    p = s
    while p > lo and text[p - 1] in " \t":
        p -= 1
    if p == s:
        return None
    q = p
    while q > lo and (text[q - 1].isalpha() or text[q - 1] == "."):
        q -= 1
    return text[q:p] if q < p else None


def _has_vi_marks(s: str) -> bool:
    return bool(_VI_MARKS.search(s))
# One Vietnamese syllable written without its marks (onset, vowels, coda): "Ngoại" but not
# "Vingroup", "Vietcombank", "Masan".
_VI_SYLLABLE = regex.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$")
_WORDS_BEFORE = regex.compile(r"[\p{L}\p{M}.\-]+")
_BRACKET_YEAR = regex.compile(r"[ \t]*\([^()\n]{1,15}\)[ \t]+((?:19|20)\d\d)(?![\p{L}\p{N}])")


def _code_context(text: str, s: int, e: int) -> bool:
    """An acronym inside a code: "25-CT/TW", "NĐ-CP", "QĐ/BTC"."""
    b = text[max(0, s - 2):s]
    return text[e:e + 1] == "/" or b[-1:] == "/" or (b[-1:] == "-" and b[:1].isdigit()) \
        or (b[-1:] == "-" and b[:1].isupper())
_VI_ORD = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
           "tám": 8, "chín": 9, "mười": 10}


def _ordinal(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def _merge_toml(docs: list[dict]) -> dict:
    out: dict = {}
    for d in docs:
        for k, v in d.items():
            if isinstance(v, dict):
                cur = out.setdefault(k, {})
                for kk, vv in v.items():
                    if isinstance(vv, list):
                        cur.setdefault(kk, []).extend(vv)
                    else:
                        cur[kk] = vv
            elif isinstance(v, list):
                out.setdefault(k, []).extend(v)
            else:
                out[k] = v
    return out


def _alt(words, flags="") -> str:
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", r"[ \t]+") for w in ws) + ")"


def _trie(words) -> str:
    """An alternation of `words` as a trie ("c(?:ho(?:[ \\t]+biết)?|ủa)"): the regex engine
    rejects a position at its first letter instead of trying every word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in " ".join(w.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [(r"[ \t]+" if ch == " " else regex.escape(ch)) + emit(node[ch])
                for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(root) + ")" if root else "(?!)"


# an initial before a capitalized word or another initial ("M. Atherton", "J. K. Rowling")
_INITIAL = r"\p{Lu}\.(?=[ \t]+\p{Lu}(?:\p{Ll}|\.[ \t]+\p{Lu}\p{Ll}))"
RUN = regex.compile(
    # a run may start with an initial before a capitalized word ("M. Atherton", "S. Waugh")
    rf"(?<![{_W}.])(?:{_INITIAL}|{CAPTOK})"
    rf"(?:(?:[ \t]+(?:{_trie(_CONNECT_WORDS)}[ \t]+){{0,2}}|[ \t]*[-–][ \t]*)"
    rf"(?:{_INITIAL}|{CAPTOK}|\d{{4}}(?=[ \t]+\p{{Lu}})))*")
# initials right before a name ("A. Agassi", "J. K. Rowling")
_INITIALS_BEFORE = regex.compile(r"(?<![\p{L}\p{N}.])(?:\p{Lu}\.[ \t]+)+$", regex.REVERSE)


def _non_ascii(s: str) -> int:
    """How many characters of `s` are not ASCII."""
    return 0 if s.isascii() else len(s) - len(s.encode("ascii", "ignore"))


def _edit1(a: str, b: str) -> bool:
    """Levenshtein distance <= 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _lev(a: str, b: str, cap: int = 3) -> int:
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


class _Persons(dict):
    """The persons told in a document: folded name or name part -> (canonical name, the part
    as written, casefolded). Filled with setdefault only; `fuzzy` holds the one-word keys of
    four letters or more by their first letter, in the order they came (the candidates for a
    misspelt mention, "Cườn")."""

    __slots__ = ("fuzzy",)

    def __init__(self):
        super().__init__()
        self.fuzzy: dict[str, list[str]] = {}

    def setdefault(self, k, v):
        if k in self:
            return self[k]
        self[k] = v
        if len(k) >= 4 and " " not in k:
            self.fuzzy.setdefault(k[0], []).append(k)
        return v


class _Engine:
    def __init__(self, ruleset):
        rows = []
        for p in ruleset.glob("entities/gazetteer/*.tsv"):
            table = []
            for line in p.read_text(encoding="utf-8-sig").splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                table.append(line.rstrip("\r\n").split("\t"))
            if p.name.startswith("ambiguous"):
                # Only the listed aliases are ambiguous, not the canonical name.
                table = [[r[0], r[1], r[2] if len(r) > 2 else ""] for r in table]
                entries = []
                for r in table:
                    for a in r[2].split("|"):
                        a = a.strip()
                        if a:
                            entries.append(Entry(r[0], r[1], unicodedata.normalize("NFC", a), True, p.name))
                rows.append(("__amb__", entries))
            else:
                rows.append((p.name, table))
        entries: list[Entry] = []
        for name, table in rows:
            if name == "__amb__":
                entries.extend(table)
            else:
                entries.extend(load_entries([(name, table)]))
        amb_keys = {fold_key(e.alias) for e in entries if e.ambiguous}
        for e in entries:
            if not e.ambiguous and fold_key(e.alias) in amb_keys and not is_acronym(e.alias):
                e.ambiguous = True
        cfg0 = _merge_toml(ruleset.toml("entities/patterns.toml"))
        # Vietnamese titles (they contain lower-case syllables) are found by the same automaton.
        for tt in cfg0.get("titles", {}).get("vi", []):
            entries.append(Entry("title", tt, unicodedata.normalize("NFC", tt)))
        # So are the cue nouns of [cue_vi] ("công ty", "bão"): where they end, a name may start.
        cue0 = cfg0.get("cue_vi", {})
        for t in ("org", "misc"):
            for c in cue0.get(t, []):
                entries.append(Entry("cue", t, unicodedata.normalize("NFC", c)))
        self.gaz = Gazetteer(entries)
        self.gaz_words = {fold_key(e.alias) for e in entries if " " not in e.alias.strip() and e.type != "cue"}
        self.country_canon = {e.canonical for e in entries
                              if e.type == "location" and e.source.startswith("countries")}
        # Demonyms ("German", "Dutch"): never the first word of a person's name.
        self.demonyms = {fold(e.alias) for e in entries
                         if e.type == "misc" and e.source.startswith("countries")}
        self.loc_by_key: dict[str, str] = {}
        for e in entries:
            if e.type == "location" and not e.ambiguous:
                k = fold_key(e.alias)
                if k not in self.loc_by_key or e.alias.startswith(("TP", "Thành phố", "thành phố")):
                    self.loc_by_key.setdefault(k, e.canonical)
        # Persons of the gazetteer, for fuzzy lookup of a misspelt full name.
        self.person_index: dict[str, list[tuple[str, str]]] = {}
        for e in entries:
            if e.type == "person" and " " in e.alias:
                k = fold(e.alias)
                self.person_index.setdefault(k.split()[0], []).append((k, e.canonical))

        cfg = _merge_toml(ruleset.toml("entities/patterns.toml"))
        t = cfg.get("titles", {})
        self.titles = [tuple(x.casefold().split()) for x in t.get("en", []) + t.get("vi", [])]
        self.title_set = set(self.titles)
        self.title_last = {tt[-1] for tt in self.titles}
        self.title_first: dict[str, list[tuple[str, ...]]] = {}
        for tt in sorted(set(self.titles), key=len, reverse=True):
            self.title_first.setdefault(tt[0], []).append(tt)
        self.title_before = regex.compile(
            rf"(?<![{_L}])(?i:{_alt(t.get('en', []) + t.get('vi', []))})\.?[ \t]+$")
        self.common_suffixes = tuple(cfg.get("common_word", {}).get("suffixes", [])) or ("\0",)
        pc = cfg.get("person_context", {})
        self.person_before = {w.casefold() for w in pc.get("before_en", [])}
        self.weak_surnames = {w.casefold() for w in pc.get("weak_surnames_vi", [])}
        self._grammar_words(cfg)
        self.person_after = regex.compile(
            rf"^[ \t]*,?[ \t]*(?:{_alt(pc.get('after_en', []) + pc.get('after_vi', []))})(?![{_L}])")
        org = cfg.get("org", {})
        self.org_tails = {w.casefold().rstrip(".") for w in org.get("tails_en", [])}
        self.org_heads = {tuple(x.casefold().split()) for x in org.get("heads_en", [])}
        self.org_head_first = {h[0] for h in self.org_heads}
        ev = cfg.get("event", {})
        self.event_heads = {w.casefold() for w in ev.get("heads_en", [])}
        self.doc_heads = {w.casefold() for w in ev.get("doc_heads_en", [])}
        loc = cfg.get("location", {})
        self.loc_tails = {w.casefold() for w in loc.get("tails_en", [])}
        # (no "^": matched at a position, where "^" would only match at the text's start)
        self.generic_before = regex.compile(rf"(?:{_alt(loc.get('generic_before', []))})[ \t]+")
        self.generic_caps = tuple({w[:1].upper() + w[1:] + " " for w in loc.get("generic_before", [])})
        self.generic_caps2 = {w[:2] for w in self.generic_caps}
        amb = cfg.get("ambiguous", {})
        self.institutions_vi = set(amb.get("institutions_vi", []))
        self.countries_vi = set(amb.get("countries_vi", []))
        # One-word place names with marks, or countries that are given names, that may open a
        # longer local name ("Mỹ Đình", "Nga Sơn").
        self.local_prefix_locs = {e.alias for e in entries if e.type == "location" and " " not in e.alias
                                  and e.alias[:1].isupper()
                                  and (_has_vi_marks(e.alias) or e.alias in self.countries_vi)}
        self.kin_vi = {w.casefold() for w in amb.get("kin_vi", [])}
        self.institution_not_after = {w.casefold() for w in amb.get("institution_not_after", [])}
        self.amb_trigger = regex.compile(
            rf"(?<![{_L}])(?i:{_alt(amb.get('triggers', []) + loc.get('place_before', []))})[ \t]+$")
        self.place_prep = set(loc.get("place_prep_en", []))
        self.facility_after = regex.compile(
            rf"[ \t]+{_alt(loc.get('facility_after_en', []))}(?![{_L}])")
        self.org_before_prep = regex.compile(
            rf"(?<![{_L}])(?i:{_alt(org.get('before_prep_en', []))})[ \t]+(?:in|at|of)[ \t]+$")
        self.surname_suffixes = tuple(pc.get("surname_suffixes", [])) or ("\0",)
        self.place_named = regex.compile(rf"(?<![{_L}])(?:{_alt(loc.get('place_named_before', []))})[ \t]+$")
        self.place_before = regex.compile(rf"(?<![{_L}])(?:{_alt(loc.get('place_before', []))})[ \t]+$")
        adm = loc.get("admin_before_vi", [])
        self.admin_last = {a.split()[-1] for a in adm}
        self.admin_tail = {(" " + a)[-3:] + " " for a in adm}  # last letters and the space: a cheap first check
        self.admin_caps = set(loc.get("admin_caps_vi", []))
        self.admin_caps_t = tuple(self.admin_caps) or ("\0",)
        self.admin_before = regex.compile(rf"(?<![{_L}])(?:{_alt(adm)})[ \t]+$") if adm else None
        # a list of places after an administrative word, up to a connector before the next one
        _nm = rf"\p{{Lu}}[{_L}]*(?:[ \t]\p{{Lu}}[{_L}]*){{0,3}}"
        self.place_list = regex.compile(
            rf"(?<![{_L}])(?:{_alt(adm + ['các tuyến phố', 'tuyến phố', 'các tuyến đường', 'tuyến đường'])})"
            rf"[ \t]+(?:như[ \t]+)?(?:(?:{_nm}[ \t]?,[ \t]?){{0,5}}{_nm}[ \t]?(,|và)|(như))[ \t]$")
        sp = cfg.get("sports", {})
        hs0 = sp.get("headline_team_sports", [])
        self.team_before = regex.compile(
            rf"(?<![{_L}])(?:{_alt(sp.get('team_before', []))}|\d{{1,2}}-\d{{1,2}}[ \t]+"
            rf"{_alt(sp.get('result_nouns', []))}[ \t]+{_alt(sp.get('result_preps', []))})[ \t]+$")
        self.team_after = regex.compile(rf"[ \t]+{_alt(sp.get('team_after', []))}(?![{_L}])")
        self.results_words = set(sp.get("results_words", []))
        self.team_role_after = regex.compile(rf"[ \t]+{_alt(sp.get('team_roles', []))}(?![{_L}])")
        self.club_heads = set(sp.get("club_heads", []))
        ind = sp.get("headline_individual_sports", [])
        # "TENNIS - ", "SOCCER - " opening an ALL CAPS line: group 1 an individual sport
        self.sport_headline = regex.compile(
            rf"[ \t]*(?:({_alt(ind)})|{_alt(hs0)})[ \t]*[-–][ \t]+") if (ind or hs0) else None
        self.event_heads_first = {w.casefold() for w in ev.get("heads_first_en", [])}
        self.caps_event_mods = set(ev.get("caps_event_modifiers_en", []))
        self.caps_sponsor_heads = set(ev.get("caps_sponsor_heads_en", []))
        nta = sp.get("not_team_after", [])
        self.not_team_after = regex.compile(rf"[ \t]+{_alt(nta)}(?![{_L}])") if nta else None
        hs = sp.get("headline_team_sports", [])
        # "SOCCER - BARCELONA WIN AT SEVILLA .": an ALL CAPS headline opened by a team sport
        self.team_headline = regex.compile(
            rf"[ \t]*{_alt(hs)}[ \t]*[-–][ \t]+[^\n\p{{Ll}}]*$") if hs else None

        # Vietnamese head patterns.
        stop = cfg.get("vi_head_stop", {}).get("words", [])
        heads_org = org.get("heads_vi", [])
        heads_ev = ev.get("heads_vi", [])
        self.company_heads_vi = set(org.get("company_heads_vi", []))
        self.person_named_heads = set(org.get("person_named_heads_vi", []))
        self.vi_head_type = {h: "org" for h in heads_org}
        self.vi_head_type.update({h: "misc" for h in heads_ev})
        self.vi_head_type.update({h: "location" for h in loc.get("heads_vi", [])})
        self.vi_head_first = {h.split()[0] for h in self.vi_head_type if h[:1].isupper()}
        self.head_at = regex.compile(_alt(list(self.vi_head_type)) + rf"(?![{_L}])")
        not_after = org.get("not_after_head_vi", [])
        # (the stop words as a trie: a flat alternation of them, tried at every lower-case word,
        # cost more than the rest of the pattern)
        low = rf"(?!{_trie(stop)}(?![{_L}]))\p{{Ll}}[{_L}]*"
        capw = rf"\p{{Lu}}[{_W}]*(?:[\-.&'][{_W}]+)*"
        self.vi_head = regex.compile(
            rf"(?<![{_W}])(?P<head>{_alt(list(self.vi_head_type))})"
            rf"(?![ \t]+{_alt(not_after)}(?![{_L}]))"
            rf"(?:[ \t]+{low}){{0,3}}[ \t]+{capw}(?:[ \t]+{low}){{0,6}}"
            rf"(?:(?:[ \t]+|[ \t]?[-–][ \t]?|[ \t]+và[ \t]+){capw}(?:[ \t]+{low}){{0,6}})*")
        # Lower-case words inside a Vietnamese name (see _vi_body).
        lah = _alt(org.get("lower_after_head_vi", [])) + rf"(?![{_L}])"
        self.lower_after_head = regex.compile(rf"(?:[ \t]+{lah}){{1,4}}(?=[ \t]+\p{{Lu}})")
        self.locator_at = regex.compile(_alt(org.get("locators_vi", [])) + rf"(?![{_L}])")
        # administrative units and streets before a name: "xã Tiên Phong" is the commune
        self.unit_before = regex.compile(
            rf"(?<![{_L}])(?:{_alt(org.get('locators_vi', []) + ['thôn', 'ấp', 'làng', 'đường', 'phố'])})[ \t]+$")
        self.loc1 = {w for w in org.get("locators_vi", []) if " " not in w}
        self.loc2 = {tuple(w.split()) for w in org.get("locators_vi", []) if " " in w}
        bw = [tuple(w.split()) for w in org.get("body_words_vi", [])]
        self.body_words2 = {w for w in bw if len(w) == 2}
        self.body_words1 = {w for w in bw if len(w) == 1}
        self.compound_pairs = set()
        self.body_phrases = set()
        org_aliases = [e.alias for e in entries if e.type == "org" and _has_vi_marks(e.alias)]
        body_breaks = set(cfg.get("cue_vi", {}).get("body_phrase_breaks", []))
        for a in org_aliases + org.get("compounds_vi", []):
            ws = a.split()
            for i, w in enumerate(ws):
                if not w[:1].isupper():
                    continue
                j = i + 1
                while j < len(ws) and ws[j][:1].islower() and ws[j] not in body_breaks:
                    self.body_phrases.add(tuple(x.casefold() for x in ws[i:j + 1]))
                    j += 1
                if j > i + 1:
                    self.compound_pairs.add((w.casefold(), ws[i + 1].casefold()))
        dn_heads = ev.get("doc_number_heads", [])
        # Head patterns tried only where a capitalized run has a head's first word (all heads
        # capitalized: else the patterns scan the whole text).
        heads_all = list(self.vi_head_type) + list(dn_heads)
        self.head_firsts = {h.split()[0] for h in heads_all}
        # first words that open only heads of several words ("Tổng" of "Tổng công ty", "Trung"
        # of "Trung tâm"): the position is tried only where one of those heads is written
        # ("Tổng thống", "Trung Quốc" are no heads)
        single = {h for h in heads_all if " " not in h}
        multi: dict[str, list[str]] = {}
        for h in heads_all:
            if " " in h:
                multi.setdefault(h.split()[0], []).append(h)
        self.head_multi = {f: tuple(hs) for f, hs in multi.items() if f not in single}
        self.prefilter = all(h[:1].isupper() for h in heads_all)
        self.low_tok = regex.compile(rf"[ \t]+\p{{Ll}}[{_L}]*$")
        # Lower-case nouns before a Vietnamese text's capitalized name that type it ([cue_vi]).
        cue = cfg.get("cue_vi", {})
        self.cue_type = {w: t for t in ("org", "misc") for w in cue.get(t, [])}
        works = cue.get("work_before_quote", [])
        self.work_before = regex.compile(rf"(?<![{_L}])(?i:{_alt(works)})[ \t]+$") if works else None

        self.stop_words = {w.casefold() for w in ruleset.words("entities/stop_words.txt")}
        self.not_entities = {w.casefold() for w in ruleset.words("entities/not_entities.txt")} | self.stop_words
        self.amb_keys = amb_keys
        dn = ev.get("doc_number_heads", [])
        self.doc_number = regex.compile(
            rf"(?<![{_W}])(?:{_alt(dn)})[ \t]+(?:(?:No\.?|số)[ \t]*)?\d+(?:[/\-.][\p{{L}}\p{{N}}]+)*(?![{_W}])") if dn else None
        self.en_given = {fold(w) for w in ruleset.words("entities/names/en_given.txt")}
        self.en_surnames = {fold(w) for w in ruleset.words("entities/names/en_surnames.txt")}
        self.vi_surnames = {fold(w) for w in ruleset.words("entities/names/vi_surnames.txt")}
        self.vi_given = {fold(w) for w in ruleset.words("entities/names/vi_given.txt")}
        # One-word titles that are also given names ("Anh"): part of a name after a surname.
        self.name_titles = {tt[0] for tt in self.titles if len(tt) == 1 and fold(tt[0]) in self.vi_given}
        # Stop words that are also English given names ("Theo", "Jan"): kept before a name in
        # English text ("Theo Waigel", "Jan Age Fjortoft").
        self.stop_given = {w for w in self.stop_words if fold(w) in self.en_given and not _has_vi_marks(w)}

        # English common words (en_common_words.txt): the words that share their first three
        # letters as one string " w1 w2 ... ", found by their first three letters (a set of the
        # 80,000 words would take 9 MB).
        self.en_common: dict[str, str] = {}
        for line in ruleset.words("entities/en_common_words.txt"):
            k = line[:line.find(" ")][:3] if " " in line else line[:3]
            self.en_common[k] = self.en_common.get(k, " ") + line + " "
        sn = cfg.get("single_name", {})
        self.org_after = regex.compile(
            rf"(?:[ \t]?['’]s)?[ \t]+{_alt(sn.get('org_after_en', []))}(?![{_L}])")
        self.which_org = regex.compile(rf"[ \t]*,[ \t]*{_alt(sn.get('which_org_en', []))}(?![{_L}])")
        self.appos_type = {w: "org" for w in sn.get("appos_org_en", [])}
        self.appos_type.update({w: "person" for w in sn.get("appos_person_en", [])})
        self.appos_type.update({w: "location" for w in sn.get("appos_location_en", [])})
        self.appos_cut = set(sn.get("appos_cut_en", []))
        self.org_before_by = regex.compile(
            rf"(?<![{_L}]){_alt(sn.get('org_before_by_en', []))}[ \t]+(?:by|from)[ \t]+$")
        self.pron_type = {w: "person" for w in sn.get("pronouns_person_en", [])}
        self.pron_type.update({w: "org" for w in sn.get("pronouns_org_en", [])})
        self.it_empty = regex.compile(rf"[ \t]*{_alt(sn.get('it_empty_en', []))}(?![{_L}])")
        self.hyphen_prefixes = set(sn.get("hyphen_prefixes_en", []))
        self.not_org_after = set(sn.get("not_org_after_en", []))
        self.misc_after = regex.compile(rf"[ \t]+{_alt(sn.get('misc_after_en', []))}(?![{_L}])")
        self.place_hyphen = set(sn.get("place_hyphen_en", []))
        self.demonym_prefixes = {fold(w) for w in sn.get("demonym_prefixes_en", [])}

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def sentence_start(text: str, pos: int) -> bool:
        i = pos - 1
        while i >= 0 and text[i] in " \t\"“‘'([«*-–—•":
            i -= 1
        if i >= 0 and text[i] in ")]" and _R1.search(text[i + 1:pos]):
            return True  # "LONDON (Reuters) - Shares ..."
        return i < 0 or text[i] in ".!?:\n\r;…|"

    def line_kind(self, text: str, pos: int, cache: dict) -> str:
        """'caps' (ALL CAPS line), 'title' (Title Case headline) or ''."""
        nl = cache.get("nl")
        if nl is None:
            nl = cache["nl"] = _newlines(text)
        i = bisect.bisect_left(nl, pos)
        ls = nl[i - 1] + 1 if i > 0 else 0
        if ls in cache:
            return cache[ls]
        le = nl[i] if i < len(nl) else len(text)
        line = text[ls:min(le, ls + 400)]
        kind = ""
        sp = line.split()
        if sum(map(str.islower, [w[0] for w in sp])) > 0.3 * len(sp):
            words = ()  # mostly lower-case words: neither ALL CAPS nor Title Case
        else:
            words = _R2.findall(line)
        if words:
            up = sum(1 for w in words if w.isupper() and len(w) > 1)
            cap = sum(1 for w in words if w[0].isupper())
            if len(words) >= 2 and up >= 0.7 * len(words):
                kind = "caps"
            elif len(words) >= 4 and cap >= 0.75 * len(words) and len(line) < 200:
                kind = "title"
        cache[ls] = kind
        return kind

    def is_person_name(self, toks: list[str], lang: str) -> bool:
        if not 2 <= len(toks) <= 5:
            return False
        f0 = fold(toks[0])
        if f0 not in self.vi_surnames and f0 not in self.en_given or f0 in self.demonyms:
            return False
        f = [fold(t) for t in toks]
        if len(toks) >= 3 and f[0] in self.vi_surnames and all(x in self.vi_given for x in f[1:]) \
                and not any(t.casefold() in self.not_entities for t in toks[:-1]):
            return True  # "Trần Thị Năm", "Lò Văn Sáng": a given name that is also a common word
        if any(t.casefold() in self.not_entities for t in toks) and not (
                lang == "en" and toks[0].casefold() in self.stop_given
                and not any(t.casefold() in self.not_entities for t in toks[1:])):
            return False
        if f[0] in self.vi_surnames and all(x in self.vi_given or x in self.vi_surnames for x in f[1:]):
            # two words after a surname that is mostly a common word ("Mùa Thu", "Đường Nam"):
            # a name only after a title
            return len(toks) > 2 or toks[0].casefold() not in self.weak_surnames
        if f[0] in self.en_given and f[-1] not in self.org_tails and f[-1] not in self.loc_tails \
                and f[-1] not in self.event_heads:
            return True
        return False

    # ------------------------------------------------------------------ the run

    def __call__(self, doc) -> list[Fact]:
        text = doc.text
        if not text:
            return []
        segs = doc.segments
        if len({lg for _, _, lg in segs}) <= 1:
            only = segs[0][2] if segs else "en"

            def lang_at(p, _l=only):
                return _l
        else:
            seg_starts = [a for a, _, _ in segs]
            seg_langs = [lg for _, _, lg in segs]
            br = bisect.bisect_right

            def lang_at(p):
                i = br(seg_starts, p) - 1
                return seg_langs[i if i > 0 else 0]

        cands: list[tuple] = []   # (start, end, type, canon, rule, prio)

        # 1. gazetteer
        matches = self.gaz.find(text, english_at=lambda p: lang_at(p) == "en")
        # One pass over the matches: titles apart, sure names (in order), gated ones.
        # Titles match with their marks: "anh" (a title) is not "Ánh" or "Ảnh" (names, photo).
        tspans = set()
        cue_at: dict[int, tuple] = {}  # where a name typed by a cue noun may start
        name_titles = self.name_titles
        ok_matches = []  # the sure names, then the gated ones accepted below
        gated = []
        sure_canon = set()
        gz_starts_all = set()
        for m in matches:
            s, e, ent = m
            typ = ent.type
            if typ == "cue":
                if text[e:e + 1] == " ":
                    a = ent.alias
                    c = text[s:e]
                    if a == "bão":
                        n = self._storm_no.match(text, e, e + 12)
                        if n:  # "Bão số 3 (Yagi)"
                            cue_at[n.end()] = (a, 0)
                    if c == a:
                        cue_at[e + 1] = (a, 0)
                    elif " " not in a and c[:1].isupper() and c[1:] == a[1:] and c[:1].lower() == a[:1]:
                        cue_at[s] = (a, e + 1 - s)  # "Bão Kajiki đổ bộ": opening a sentence
                continue
            if typ == "title":
                a = ent.alias.casefold()
                if text[s:e].casefold() == a or " ".join(text[s:e].split()).casefold() == a:
                    if a in name_titles and text[s].isupper() and self._name_syllable_at(text, s):
                        continue  # "Anh" of "Đỗ Anh Dũng", "Nguyễn Văn Anh": a name, no title
                    tspans.add((s, e))
                continue
            gz_starts_all.add(s)
            if ent.ambiguous:
                gated.append(m)
            else:
                sure_canon.add(ent.canonical)
                ok_matches.append(m)
        tmatches = sorted(tspans)
        tocc = bytearray(len(text) + 1)  # 1 inside a title found by the automaton
        for a, b in tmatches:
            tocc[a:b] = b"\x01" * (b - a)
        self._tocc = tocc
        self._tendset = {b for _, b in tmatches}
        sure_starts = sorted([m[0] for m in ok_matches])
        sure_end_set = {m[1] for m in ok_matches}
        sure_end_at: dict[int, int] = {}  # start -> the longest sure name's end
        for a_, b_, _ent in ok_matches:
            if b_ > sure_end_at.get(a_, -1):
                sure_end_at[a_] = b_
        cache: dict = {}  # line kinds (the gated names' checks and the runs below)
        amb_ends = sure_end_set
        for m in gated:
            if sure_end_at.get(m.start, -1) > m.end:
                continue  # "Việt" of "Việt Nam": a longer sure name starts here
            if self._accept_ambiguous(text, m, sure_canon, sure_starts, sure_end_set) or (
                    m.entry.type == "org" and (self._accept_en_org(text, m, cache) if lang_at(m.start) == "en"
                                               else self._accept_vi_foreign_org(text, m))):
                ok_matches.append(m)
                if m.entry.type == "location":
                    amb_ends.add(m.end)  # "sang Nga, Đức và Pháp": the list goes on
        generic_caps, generic_caps2 = self.generic_caps, self.generic_caps2
        local_prefix_locs = self.local_prefix_locs
        for s, e, ent in ok_matches:
            nxt = text[e:e + 1]
            if nxt == "$" or (ent.acro and _code_context(text, s, e)):
                continue  # US$ is a currency; "25-CT/TW" a document code
            typ = ent.type
            if nxt == " " and typ == "location" and ent.alias in local_prefix_locs \
                    and _NEXT_CAP.match(text, e, e + 4) and (e + 1) not in gz_starts_all \
                    and self._vi_word_at(text, e + 1):
                continue  # "Mỹ Đình", "Nga Sơn": a longer local name, not the country
            low0 = not text[s].isupper()
            if low0 or (text[s:s + 2] in generic_caps2 and text.startswith(generic_caps, s)
                        and lang_at(s) == "vi" and self.sentence_start(text, s)):
                # (a generic word capitalized at a sentence start: "Hãng tin Bloomberg", "Cảng
                # hàng không quốc tế Long Thành"; not "Thành phố Hồ Chí Minh", the usual name)
                g = self.generic_before.match(text[s].lower() + text[s + 1:e])
                if g and not low0 and g.group().startswith("thành phố"):
                    g = None
                # "thủ đô Lima" -> "Lima", not "biển Đông" -> "Đông": the rest must be a name
                if g and g.end() < e - s and (" " in text[s + g.end():e]
                                              or fold_key(text[s + g.end():e]) in self.gaz_words):
                    s = s + g.end()
            elif text.startswith("The ", s):
                s += 4
            canon = ent.canonical
            if typ == "misc":
                s, e, canon = self._edition(text, s, e, canon)
                if lang_at(s) == "vi" and not ent.acro:
                    # an edition's year keeps to the event: "AFF Cup 2024", "SEA Games 2025"
                    y = _YEAR_AFTER.match(text, e, e + 12)
                    if y and not text[e:y.end()].strip().startswith("năm") and not _has_digit(canon):
                        e = y.end()
                        canon = y.group(1) + " " + canon
                    elif not y and not _has_digit(canon):
                        # an edition's number: "SEA Games 32" (not "SEA Games 32 môn", a count)
                        n = self._edition_num.match(text, e, e + 12)
                        if n and text[s:e].split()[-1].casefold() in self.event_heads:
                            e = n.end()
                            canon = _ordinal(int(n.group(1))) + " " + canon
            elif typ == "org" and not low0 and not ent.acro and text[s - 1:s] == " " \
                    and lang_at(s) == "vi" and self.unit_before.search(text, max(0, s - 20), s):
                # "xã Tiên Phong", "phường Bến Thành": the place, not the bank or the company
                nm = text[s:e]
                cands.append((s, e, "location", self.loc_by_key.get(fold_key(nm)) or nm, "place", 0))
                continue
            elif typ == "person":
                if self.place_named.search(text, max(0, s - 15), s) or self._place_context(text, s, e):
                    # "TP. Hồ Chí Minh", "tỉnh Quang Trung": the place named after the person
                    nm = text[s:e]
                    canon = self.loc_by_key.get(fold_key(nm)) or self.loc_by_key.get(
                        fold_key("thành phố " + nm)) or nm
                    cands.append((s, e, "location", canon, "place", 0))
                    continue
                e = self._extend_person(text, e)
                ini = _INITIALS_BEFORE.search(text, max(0, s - 12), s)
                if ini is not None and lang_at(s) == "en":
                    s = ini.start()   # "A. Agassi", "J. K. Rowling": the initials belong to the name
            cands.append((s, e, typ, canon, "gazetteer", 0))
            if typ == "org" and ent.acro:
                y = _YEAR_AFTER.match(text, e, e + 12)
                if y and not _R3.match(text[y.end():y.end() + 3]) and "năm" not in text[e:y.start(1)]:
                    # "APEC 2024" (the host year); not "Chủ tịch ASEAN năm 2025" (in the year)
                    cands.append((s, y.end(), "misc", text[s:y.end()], "acronym_year", 0))

        # Capitalized runs, found once: they also give the only places where a head pattern
        # (Vietnamese org/event heads, document numbers: all capitalized) can start.
        run_ms = [(m.start(), m.end(), m.group()) for m in RUN.finditer(text)]
        if self.prefilter:
            heads_at = []
            firsts = self.head_firsts
            head_multi = self.head_multi
            for rs, re_, w in run_ms:
                if " " in w or "\t" in w:
                    pieces = w.split()
                    if not any([p in firsts or ("-" in p and p.split("-")[0] in firsts) for p in pieces]):
                        continue
                    off = 0
                    for piece in pieces:
                        k = w.find(piece, off)
                        off = k + len(piece)
                        if piece in firsts or piece.split("-")[0] in firsts:
                            if piece in head_multi and not text.startswith(head_multi[piece], rs + k):
                                continue
                            heads_at.append(rs + k)
                elif w in firsts or ("-" in w and w.split("-")[0] in firsts):
                    if w in head_multi and not text.startswith(head_multi[w], rs):
                        continue
                    heads_at.append(rs)
            vi_bound = [-1]
            vi_iter = self._matches_at(self.vi_head, text, heads_at, vi_bound)
            dn_iter = self._matches_at(self.doc_number, text, heads_at) if self.doc_number is not None else ()
        else:
            vi_bound = [-1]
            vi_iter = self.vi_head.finditer(text)
            dn_iter = self.doc_number.finditer(text) if self.doc_number is not None else ()
        for m in dn_iter:
            cands.append((m.start(), m.end(), "misc", m.group(), "doc_number", 1))

        gz_spans = self._gz_spans = set()
        gz_ends = set()
        gz_org = {}
        gz_org_ends: dict[int, list[int]] = {}
        for a_, b_, ent in ok_matches:
            sp = (a_, b_)
            gz_spans.add(sp)
            gz_ends.add(b_)
            if ent.type == "org" and not ent.ambiguous:
                gz_org[sp] = ent.canonical
                gz_org_ends.setdefault(a_, []).append(b_)

        # 2. Vietnamese head patterns
        for m in vi_iter:
            s, e = m.span()
            if (s, e) in gz_spans:
                continue  # exactly a known name ("Bộ Ngoại giao"): the gazetteer's candidate wins
            e = self._vi_body(text, s, e, m.group("head"))
            vi_bound[0] = e if e is not None else s + len(m.group("head"))
            if e is None:
                continue
            if s in gz_org_ends:
                # a known org, then the sentence goes on in lower case: "Ngân hàng Thế giới dự
                # báo kinh tế Đông Á" is "Ngân hàng Thế giới"
                for b in sorted(gz_org_ends[s], reverse=True):
                    if b < e and self._lower_after(text, b):
                        e = b
                        break
            e_body = e
            seg = text[s:e]
            # at most one lower-case syllable after the last capitalized word, unless the words
            # after it are a known body ("Cục Quản lý thị trường", "Bệnh viện Nhi Trung ương")
            t = self.low_tok.search(seg)
            known_tail = False
            if t and self.low_tok.search(seg, 0, t.start()):  # two lower-case words or more
                e2 = self._vi_body_tail(text, s, e)
                if e2 is not None:
                    e, known_tail = e2, True
                    seg = text[s:e]
            while not known_tail:
                t = self.low_tok.search(seg)
                if not t:
                    break
                rest = seg[:t.start()]
                if self.low_tok.search(rest) and not _R4.search(rest):
                    seg = rest
                    continue
                break
            t = None if known_tail else self.low_tok.search(seg)
            if t:
                # "Bộ Ngoại giao", "Bộ Công an": a lower-case syllable continues a compound word
                # only after one Vietnamese syllable that starts it; after a brand or acronym
                # ("Vingroup báo", "FPT ký") or a name of several capitalized syllables
                # ("Hòa Phát công bố", "Việt Nam phản đối") it is the verb of the sentence.
                rest = seg[:t.start()]
                lw = _R4.search(rest)
                if lw and not self._compound_start(seg, lw.start(), len(m.group("head"))) \
                        and (lw.group().casefold(), t.group().strip()) not in self.compound_pairs:
                    seg = rest
            e = s + len(seg)
            if not known_tail and e < e_body and self.low_tok.search(seg):
                # "Cục Cảnh sát giao thông", "Cục An toàn thực phẩm": nouns that end a body
                e = self._body_words_after(text, e, e_body)
                seg = text[s:e]
            # apposition "Tập đoàn ... - Viettel": the trailing name is its own mention
            d = _R5.search(seg)
            if d and (d.group(1).isupper() or (s + d.start(1), e) in gz_spans):
                e = s + d.start()
                seg = text[s:e]
            # a person's name after the body: "Bộ Công Thương Nguyễn Hồng Diên"
            ws = [(w.start(), w.end(), w.group()) for w in _SYLL.finditer(text, s + len(m.group("head")), e)]
            # (after a lower-case word too, for a full name of three words: "Ngân hàng Nhà nước
            # Nguyễn Thị Hồng"; but not in the names of schools, hospitals and companies, often
            # named after persons: "Trường Tiểu học Nguyễn Trãi", "Công ty TNHH Thương mại Hoàng
            # Long"; nor where the name may start one word earlier: "THPT Chu Văn An")
            named = m.group("head") in self.person_named_heads or m.group("head") in self.company_heads_vi
            for j in range(1, len(ws) - 1):
                if 2 <= len(ws) - j <= 4 and ws[j][2][:1].isupper() and fold(ws[j][2]) in self.vi_surnames and \
                        (ws[j - 1][2][:1].isupper() or not named and len(ws) - j >= 3
                         and not self.locator_at.match(ws[j - 1][2])
                         or len(ws) - j >= 3 and (s, ws[j - 1][1]) in gz_spans) and not ws[j - 1][2].isupper() and \
                        all(x[2][:1].isupper() and fold(x[2]) in self.vi_given for x in ws[j + 1:]) \
                        and not (ws[j - 1][2][:1].isupper() and fold(ws[j - 1][2]) in self.vi_surnames
                                 and len(ws) - j <= 3 and fold(ws[j][2]) in self.vi_given):
                    e = ws[j - 1][1]
                    ps, pe = ws[j][0], ws[-1][1]
                    cands.append((ps, pe, "person", self._person_canon(text[ps:pe]), "name", 1))
                    break
            # a second body starts after lower-case words: "Bộ Y tế yêu cầu Sở Y tế"
            for j in range(2, len(ws)):
                if ws[j][2] in self.vi_head_first and not ws[j - 1][2][:1].isupper() \
                        and self.head_at.match(text, ws[j][0]):
                    k = j - 1
                    while k > 0 and not ws[k][2][:1].isupper():
                        k -= 1
                    if self._unit_of(ws, k, j):
                        break  # "Phòng Cảnh sát hình sự Công an TP Đà Nẵng": a unit of the body
                    if k >= 0 and ws[k][1] < e:
                        e = min(e, ws[k][1] + (len(ws[k + 1][2]) + 1 if k + 1 < j - 1 else 0))
                    break
            seg = text[s:e]
            head = m.group("head")
            typ = self.vi_head_type.get(head, "org")
            canon = seg
            if head in self.company_heads_vi:
                # "Ngân hàng Vietcombank", "Công ty Hòa Phát": the company of the gazetteer
                ns = s + len(head)
                while ns < e and text[ns] in " \t":
                    ns += 1
                g = gz_org.get((ns, e))
                if g is not None:
                    canon = g
            if typ == "misc":
                s, e, canon = self._edition(text, s, e, canon)
                y = _YEAR_AFTER.match(text, e, e + 12)
                if y and not text[e:y.end()].strip().startswith("năm"):
                    e = y.end()
                    canon = canon + " " + y.group(1)
            cands.append((s, e, typ, canon, "vi_head", 1))

        # 3. English-style capitalized runs
        runs = []
        stop = self.stop_words
        admin_last, admin_tail, rfind = self.admin_last, self.admin_tail, text.rfind
        admin_caps, admin_caps_t = self.admin_caps, self.admin_caps_t
        has_vi = any(lg == "vi" for _, _, lg in segs)
        if has_vi and self.work_before is not None:
            self._quoted_works(text, cands, lang_at)
        if admin_caps and has_vi:
            for kw in ("quận ", "phường "):
                i = text.find(kw)
                while i != -1:
                    num = _UNIT_NUM.match(text, i + len(kw) - 1, i + len(kw) + 5)
                    if num and (i == 0 or not text[i - 1].isalpha()) and lang_at(i) == "vi":
                        nm = text[i:num.end()]
                        cands.append((i, num.end(), "location", self.loc_by_key.get(fold_key(nm)) or nm, "place", 0))
                    i = text.find(kw, i + 1)
        for s, e, w in run_ms:
            if (s, e) in gz_spans:
                continue  # exactly a gazetteer name: nothing to add, nothing left over
            if text[s - 4:s] in admin_tail \
                    and text[rfind(" ", s - 14 if s > 14 else 0, s - 1) + 1:s - 1] in admin_last \
                    and w.count(" ") <= 3 and not w.isupper() and lang_at(s) == "vi" \
                    and self.admin_before.search(text, max(0, s - 20), s):
                # "huyện Mỹ Đức", "khu đô thị Phú Mỹ Hưng": the whole name is the place
                cands.append((s, e, "location", self.loc_by_key.get(fold_key(w)) or w, "place", 0))
            if s in cue_at and lang_at(s) == "vi":
                # a name typed by the lower-case noun before it ("công ty tài chính FE Credit")
                self._cue_candidate(text, s, e, w, cue_at[s], cands)
            fw = w.split(None, 1)[0] if w.startswith(admin_caps_t) else ""
            if fw in admin_caps and lang_at(s) == "vi":
                num = _UNIT_NUM.match(text, s + len(fw), s + len(fw) + 6)
                if num:
                    # "Quận 1", "Phường 12": a numbered unit is named with its word
                    cands.append((s, num.end(), "location", self.loc_by_key.get(fold_key(text[s:num.end()]))
                                  or text[s:num.end()], "place", 0))
                elif " " in w and not w.isupper() and w.count(" ") <= 4:
                    # "Xã Tân Hòa, huyện ...": the unit's word stays out, and no person "Xã Tân Hòa"
                    ns = s + len(fw)
                    while text[ns] in " \t":
                        ns += 1
                    s, w = ns, text[ns:e]
                    cands.append((s, e, "location", self.loc_by_key.get(fold_key(w)) or w, "place", 0))
            if " " not in w and "\t" not in w:
                # one word: no pattern candidate; a leftover only if not a stop word
                if w.casefold() in stop:
                    continue
                h = w.rfind("-")
                if h > 1 and lang_at(s) == "en" and fold(w[h + 1:]) in self.demonyms \
                        and all(fold(x) in self.demonyms or fold(x) in self.demonym_prefixes
                                for x in w[:h].split("-")) and (s, e) not in gz_spans:
                    # "Anglo-Australian", "Franco-German", "Russian-Ukrainian": nationalities
                    cands.append((s, e, "misc", w, "demonym_compound", 1))
                    continue
                if h > 1 and w[h + 1:] in self.place_hyphen and lang_at(s) == "en":
                    # "the Basingstoke-based group": the place before the hyphen (a known name
                    # there has its gazetteer candidate; not "Home-based", "Plant-based")
                    if not self._is_common(w[:h]) and _NAME_WORD.match(w, 0, h) and (s, s + h) not in gz_spans:
                        cands.append((s, s + h, "location", w[:h], "place_hyphen", 1))
                    continue
                if len(w) > 2 and w[-2:] in ("'s", "’s"):
                    runs.append([[s, e - 2, w[:-2], True, w[:-2].casefold().rstrip(".")]])
                else:
                    runs.append([[s, e, w, False, w.casefold().rstrip(".")]])
                continue
            toks = self._tokens(text, s, e, w)
            if toks and w.isupper() and self.line_kind(text, s, cache) == "caps":
                # an ALL CAPS headline ("SOCCER - ITALY BEAT WALES IN WORLD CUP QUALIFIER"):
                # no name grammar in it, only names known (gazetteer) or told in the document;
                # in a sports headline also events ("JAPANESE GRAND PRIX") and players' names
                if self.sport_headline is not None and lang_at(s) == "en" \
                        and self._line_sport(text, e - 1, cache) is not None:
                    self._caps_events(text, toks, cands)
                    runs.extend(self._caps_name_groups(text, toks))
                else:
                    runs.extend([t] for t in toks)
            elif toks:
                runs.append(toks)
                self._run_candidates(text, toks, cands, gz_ends, lang_at)
                if len(toks) <= 4 and _SCORE_AFTER.match(text, e, e + 8) and lang_at(s) == "en" \
                        and all(t[2][:1].isupper() for t in toks) \
                        and not self.is_person_name([t[2] for t in toks], "en") \
                        and not (_SCORER_BEFORE.search(text, max(0, s - 4), s)
                                 and _SCORER_AFTER.match(text, e, e + 20)) \
                        and self._results_line(text, s, cache):
                    cands.append((s, e, "org", text[s:e], "team", 1))  # "Hapoel Haifa 2"

        # resolve
        # longest first, then by priority, then earlier: the tuple (-(e - s), prio, s) packed in
        # one int (0 <= s <= len(text) < k2, 0 <= prio < 16), which sorts three times faster
        k2 = len(text) + 1
        k1 = 16 * k2
        cands.sort(key=lambda c: (c[0] - c[1]) * k1 + c[5] * k2 + c[0])
        occ = bytearray(len(text) + 1)  # 1 where a chosen fact lies
        chosen = []
        for c in cands:
            s, e = c[0], c[1]
            if e <= s:
                continue
            if occ.find(1, s, e) != -1:
                continue
            occ[s:e] = b"\x01" * (e - s)
            chosen.append(list(c))

        # document knowledge: acronym definitions and persons
        aliases: dict[str, tuple[str, str]] = {}
        by_start = {c[0]: c for c in chosen}
        for c in sorted(chosen, key=_first):  # (by start: no two chosen facts start alike)
            nxt = text[c[1]:c[1] + 2]
            # "... (APEC)": a bracket right after the fact or after spaces
            d = _ACR_DEF.match(text, c[1], c[1] + 20) if nxt[:1] == "(" or (
                nxt[:1] in " \t" and nxt[1:] in "( \t" and len(nxt) == 2) else None
            if d:
                acr = d.group(1)
                inner = by_start.get(d.start(1))
                if inner is not None and inner[1] == d.end(1):
                    if c[4] != "gazetteer" and inner[4] == "gazetteer":
                        c[3] = inner[3]
                    elif inner[4] != "gazetteer":
                        inner[2], inner[3] = c[2], (c[3] if c[4] == "gazetteer" else acr)
                        c[3] = inner[3]
                else:
                    aliases[acr] = (c[2], c[3] if c[4] == "gazetteer" else acr)
                    if c[4] != "gazetteer":
                        c[3] = acr
            elif c[2] == "org" and (nxt[:1] == "(" or nxt == " (") and lang_at(c[0]) == "vi":
                # "Tổng công ty Cà phê Việt Nam (Vinacafe)": the short name in brackets
                b = _BRAND_DEF.match(text, c[1], c[1] + 30)
                if b and occ.find(1, b.start(1), b.end(1)) == -1 \
                        and b.group(1).casefold() not in self.not_entities:
                    bs, be = b.span(1)
                    occ[bs:be] = b"\x01" * (be - bs)
                    nc = [bs, be, "org", b.group(1), "definition", 1]
                    chosen.append(nc)
                    by_start[bs] = nc
        persons = _Persons()
        for c in chosen:
            if c[2] == "person":
                self._register_person(text[c[0]:c[1]], c, persons)

        # 4. leftovers
        for toks in runs:
            if len(toks) == 1 and occ[toks[0][0]]:
                continue
            self._leftovers(text, toks, occ, chosen, aliases, persons, cache, lang_at)

        # places in a team's position are the team: "Leeds beat Chelsea", "Derby 1"; a known
        # place or club in a cricket scoreboard is a player ("lbw b Cairns")
        for c in chosen:
            if c[2] in ("location", "org", "misc") and c[4] == "gazetteer" and lang_at(c[0]) == "en" \
                    and text[c[1]:c[1] + 1] == " " and c[3] not in self.country_canon:
                if self._scorecard(text, c[0], c[1]):
                    c[2], c[3], c[4] = "person", text[c[0]:c[1]], "scorecard"
                elif c[2] == "misc" and " " not in text[c[0]:c[1]] and _SCORE_AFTER.match(text, c[1], c[1] + 8) \
                        and self._results_line(text, c[0], cache):
                    c[2], c[4] = "org", "team"  # "... Wimbledon 1 ( Ekoku 55 )": the club
        for c in chosen:
            if c[2] == "location" and c[3] not in self.country_canon and lang_at(c[0]) == "en" \
                    and (self._team_position(text, c[0], c[1], cache)
                         or self._in_team_headline(text, c[0])):
                c[2], c[4] = "org", "team"

        # "Quang Hải" after "Nguyễn Quang Hải": the two given words name the person told before
        for c in chosen:
            if c[2] == "person" and c[4] != "gazetteer" and c[3].count(" ") == 1:
                p = persons.get(fold(text[c[0]:c[1]]))
                if p and len(p[0]) > len(c[3]) and p[0].endswith(text[c[0]:c[1]]):
                    c[3] = p[0]

        # canonical harmonization
        editions = {}
        host_years: dict[str, list] = {}
        for c in chosen:
            if c[2] == "misc":
                c[3] = c[3].replace("’", "'")
                mm = _R6.match(c[3])
                if mm:
                    editions.setdefault(mm.group(1), set()).add(c[3])
                if c[4] == "acronym_year":  # "APEC 2024": the document's edition of APEC events
                    a, _, y = c[3].rpartition(" ")
                    host_years.setdefault(a, []).append((c[0], y))
        for c in chosen:
            if c[2] == "misc" and c[3] not in editions and not _has_digit(c[3]):
                first, _, rest = c[3].partition(" ")
                ys = host_years.get(first)
                if ys and rest and rest.split()[-1].casefold() in self.event_heads:
                    # the edition named last before the mention (else the first after it)
                    before = [y for pos, y in sorted(ys) if pos < c[0]]
                    c[3] = (before[-1] if before else min(ys)[1]) + " " + c[3]
        folded_best: dict[str, str] = {}
        for c in chosen:
            if c[2] == "person" and c[4] != "gazetteer":
                k = fold(c[3])
                b = folded_best.get(k)
                if b is None or _non_ascii(c[3]) > _non_ascii(b):
                    folded_best[k] = c[3]
        out = []
        for s, e, typ, canon, rule, _p in chosen:
            if typ == "misc" and canon in editions and len(editions[canon]) == 1:
                canon = next(iter(editions[canon]))
            if typ == "person" and rule != "gazetteer":
                canon = folded_best.get(fold(canon), canon)
            canon = canon.replace("’", "'").replace("‘", "'")
            out.append(Fact(typ, s, e, text[s:e], canon, "", "", lang_at(s), "entity." + rule))
        return out

    # ------------------------------------------------------------------ pieces

    @staticmethod
    def _matches_at(pattern, text, positions, bound=None):
        """pattern.finditer(text), tried only at `positions` (sorted): non-overlapping matches.
        With `bound` (a one-item list), the caller sets where the next match may start: the
        Vietnamese head pattern runs over verbs that the body check cuts off ("Bộ Y tế vừa có
        văn bản gửi Sở Y tế"), and a head after the cut is tried."""
        last = [-1] if bound is None else bound
        for p in positions:
            if p < last[0]:
                continue
            m = pattern.match(text, p)
            if m and m.end() > p:
                last[0] = m.end()
                yield m

    def _compound_start(self, seg, i, head_len) -> bool:
        """Is the capitalized word at seg[i:] one Vietnamese syllable, right after the head or
        after a lower-case word, so that the next lower-case syllable may complete it?"""
        w = _SYLL.match(seg, i)
        if not w or (w.group().isupper() and len(w.group()) > 1) \
                or not _VI_SYLLABLE.match(fold(w.group()).casefold()):
            return False
        if i <= head_len + 1:
            return True
        p = _R10.search(seg, 0, i)
        return not p or not p.group(1)[:1].isupper()

    def _in_title(self, pos) -> bool:
        return self._tocc[pos] == 1

    def _title_before(self, text, s) -> bool:
        """Does a title end right before `s` (only spaces between)?"""
        p = s
        while p > 0 and text[p - 1] in " \t":
            p -= 1
        if p == s:
            return False
        if p in self._tendset:
            return True
        # the last word of the 40 characters before `s` must end some title
        lo = max(0, s - 40)
        while p > lo and not (text[p - 1].isalpha() or text[p - 1] in ".-"):
            p -= 1
        q = p
        while q > lo and (text[q - 1].isalpha() or text[q - 1] in ".-"):
            q -= 1
        if text[q:p].casefold().rstrip(".") not in self.title_last:
            return False
        ws = _WORDS_BEFORE.findall(text, max(0, s - 40), s)
        if not ws or text[s - 1:s] not in (" ", "\t"):
            return False
        ws = [w.casefold().rstrip(".") for w in ws]
        for k in range(1, min(4, len(ws)) + 1):
            if tuple(ws[-k:]) in self.title_set:
                return True
        return False

    @staticmethod
    def _gaz_at(matches, s, e):
        for m in matches:
            if m.start == s and m.end == e:
                return m
        return None

    def _accept_ambiguous(self, text, m, sure_canon, sure_starts, sure_end_set) -> bool:
        s, e = m.start, m.end
        if m.entry.alias[:1].isupper() and not text[s:s + 1].isupper():
            return False
        if m.entry.type == "person" and self.sport_headline is not None and text[s:e].isupper() \
                and self._line_sport(text, s, {}) is not None:
            return True  # "SOCCER - SHEARER HAT-TRICK ...": a player's name in a sports headline
        if self._tocc[s] and s > 0 and self._tocc[s - 1]:
            return False  # inside a longer title: "Thủ tướng Chính phủ", "Chủ tịch Quốc hội"
        if m.entry.alias in self.institutions_vi:
            # "Quốc hội đã thông qua", "Chính phủ vừa ban hành": the country's own body; not a
            # kind of institution ("hai Quốc hội", "Đảng, Nhà nước, Chính phủ, Quốc hội")
            pw = _prev_word(text, s)
            if pw and pw.casefold() in self.institution_not_after:
                return False
            return not (self._inst_before.search(text, max(0, s - 16), s) or self._inst_after.match(text, e, e + 16))
        if m.entry.alias in self.countries_vi and self._vi_country(text, s, e, sure_canon):
            return True
        if m.entry.canonical in sure_canon and not self.sentence_start(text, s):
            return True
        if self.sentence_start(text, s):
            return False
        if self.amb_trigger.search(text, max(0, s - 25), s):
            return True
        if m.entry.type == "location" and _POSSESSIVE.match(text, e, e + 4):
            return True  # "Turkey 's foreign minister"
            return True
        before = text[max(0, s - 5):s]
        bm = _R7.search(before)
        if bm and (s - len(bm.group(0))) in sure_end_set:
            return True
        am = _R8.match(text[e:e + 6])
        if am:
            p = e + am.end()
            i = bisect.bisect_left(sure_starts, p)
            if i < len(sure_starts) and sure_starts[i] == p:
                return True
        return False

    def _kin_before(self, text, s, lang_at) -> bool:
        """A Vietnamese kin word or pronoun right before `s` ("chị Nga", "anh Đức", "ông Anh"):
        the ambiguous name after it is a person's given name."""
        pw = _prev_word(text, s)
        return bool(pw) and pw.casefold() in self.kin_vi and lang_at(s) == "vi"

    def _vi_country(self, text, s, e, sure_canon) -> bool:
        """A one-word country name that is also a given name ("Nga", "Đức", "Anh") in a passage
        about other countries: "Tổng thống Ukraine cáo buộc Nga ...". Not after a title, kin
        word or another capitalized word ("chị Nga", "Minh Đức"), not before one ("Nga Sơn"),
        not at a sentence start."""
        if not any(c in self.country_canon and c != "Vietnam" for c in sure_canon):
            return False
        if _NEXT_CAP.match(text, e, e + 4) or self.sentence_start(text, s):
            return False
        pw = _prev_word(text, s)
        if not pw or pw[:1].isupper() or pw.casefold() in self.title_last:
            return False
        return True

    def _accept_vi_foreign_org(self, text, m) -> bool:
        """A gated one-word foreign company name in Vietnamese text ("Apple bắt đầu mở bán",
        "thị trường của Grab"): an English word capitalized there is the name. Not a word that
        could be Vietnamese, an acronym, nor a word inside a longer capitalized run."""
        a, s, e = m.entry.alias, m.start, m.end
        if not a.isascii() or " " in a or len(a) < 4 or a.isupper() or text[s:e] != a \
                or _VI_SYLLABLE.match(a.casefold()):
            return False
        if _NEXT_CAP.match(text, e, e + 4):
            return False
        w = _R4.search(text, max(0, s - 20), s - 1) if s > 1 and text[s - 1] == " " else None
        return w is None

    def _accept_en_org(self, text, m, kcache) -> bool:
        """A gated one-word English company or body written as a name: mid-sentence "Apple",
        "Shell", "Labour" (not "the Amazon"); "the Treasury", "the Senate" (an alias that ends the
        canonical name); at the start of a sentence only with an org cue ("Shell will cut 20%
        of jobs in its ...", "Grab, the ... firm")."""
        a, s, e = m.entry.alias, m.start, m.end
        if m.entry.acro or " " in a or text[s:e] != a or self.line_kind(text, s, kcache):
            return False
        canon = m.entry.canonical
        # the short name of "<alias> <org tail> ..." ("Labour" of "Labour Party"; not "Government"
        # of "Government of Vietnam", "Delta" of "Delta Air Lines")
        short = canon.startswith(a + " ") and canon[len(a) + 1:].split()[0].casefold() in self.org_tails
        if self.sentence_start(text, s):
            if canon != a and not short:
                return False
            nw = _LOW_WORD.match(text, e, e + 16)
            if nw and nw.group(1) in self.not_org_after:
                return False  # "Next year the bank will raise its rates"
            cue = self._appos_type(text, e)
            if cue is None and (self.which_org.match(text, e, e + 30) or self.org_after.match(text, e, e + 30)):
                cue = "org"
            return (cue or self._pronoun_type(text, e)) == "org"
        prev = _prev_word(text, s)
        if canon == a or short:
            return prev not in ("the", "The")  # "Apple", "Labour" (Party); not "the Amazon", "the Delta variant"
        return prev in ("the", "The") and canon.endswith(" " + a)

    def _edition(self, text, s, e, canon):
        # (cheap checks first: an ordinal or year ends in a digit or in st/nd/rd/th before the
        # spaces; "lần thứ" and a bracket come after spaces)
        before = text[max(0, s - 12):s]
        if before[-1:] == "\n":
            before = before[:-1]  # ("$" also matches before a final newline)
        c = before.rstrip(" \t")
        b = _ORD_BEFORE.search(text, max(0, s - 12), s) if len(c) < len(before) and c and (
            c[-1] in "tdh" or not c[-1].isalpha()) else None
        if b:
            s = b.start()
            canon = (b.group(1) or _ordinal(int(b.group(2)))) + " " + canon
        else:
            rest = text[e:e + 30].lstrip(" \t")
            a = _LAN_THU.match(text, e, e + 30) if rest.startswith("lần") else None
            if a:
                v = a.group(1)
                n = int(v) if v.isdigit() else _VI_ORD.get(v.casefold())
                if n:
                    e = a.end()
                    canon = _ordinal(n) + " " + canon
            else:
                # "Tuần lễ Cấp cao ... (APEC) 2024": the edition year after a bracket
                y = _BRACKET_YEAR.match(text, e, e + 30) if rest.startswith("(") else None
                if y:
                    canon = y.group(1) + " " + canon
        return s, e, canon

    def _extend_person(self, text, e):
        m = _R9.match(text[e:e + 40])
        if m:
            extra = m.group(0).split()
            for w in extra:
                c = w.casefold()
                if c in self.not_entities or c in self.org_tails or c in self.loc_tails \
                        or c in self.event_heads:
                    return e
            if any(fold_key(w) in self.gaz_words for w in extra):
                return e
            return e + m.end()
        return e

    def _tokens(self, text, s, e, run=None):
        """The tokens [start, end, word, possessive, folded word] of the run text[s:e]."""
        find = text.find
        if run is not None:
            words = run.split()
            if "".join(words).isalpha():
                # words of letters only (most runs): each is one token, as TOKEN would find
                toks = []
                pos = s
                for w in words:
                    ts = find(w, pos)
                    pos = ts + len(w)
                    toks.append([ts, pos, w, False, w.casefold()])
                return toks
        toks = []
        pos = s
        for w in TOKEN.findall(text, s, e):
            # no token can start in the gap between two tokens: the next `w` is the token
            ts = find(w, pos, e)
            te = pos = ts + len(w)
            poss = False
            if len(w) > 2 and w[-2:] in ("'s", "’s"):
                te -= 2
                w = w[:-2]
                poss = True
            toks.append([ts, te, w, poss, w.casefold().rstrip(".")])
        return toks

    def _title_len(self, toks, i) -> int:
        tts = self.title_first.get(toks[i][4])
        if not tts:
            return 0
        for tt in tts:
            n = len(tt)
            if i + n <= len(toks) and all(toks[i + k][4] == tt[k] for k in range(n)):
                return n
        return 0

    def _given_stop(self, p) -> bool:
        """A stop word that is an English given name, first before a capitalized name word."""
        return len(p) > 1 and p[0][4] in self.stop_given and p[1][2][:1].isupper() \
            and p[1][4] not in self.stop_words

    def _cue_candidate(self, text, s, e, w, cue, cands):
        """A capitalized run of Vietnamese text typed by the lower-case noun before it ("công ty
        tài chính FE Credit", "bão Kajiki", "cuộc thi Robocon Việt Nam 2025", "tàu bay A321neo"),
        or by the same noun capitalized at a sentence start ("Bão Kajiki đổ bộ"); `cue`: (the
        noun, the length of the capitalized noun and its space at `s`, else 0)."""
        cue, n = cue
        if n:
            if not self.sentence_start(text, s) or s + n >= e:
                return
            s += n
            w = text[s:e]
        typ = self.cue_type[cue]
        if w.casefold() in self.not_entities or w.split()[0].casefold() in self.stop_words:
            return
        if " " not in w and _VI_SYLLABLE.match(fold(w).casefold()) and _LOW_WORD.match(text, e, e + 12):
            return  # "ngân hàng Trung ương": a compound goes on in lower case
        if typ == "misc":
            mm = self._model_after.match(text, e, e + 20)
            if mm:
                e = mm.end()  # "iPhone 17", "VF 3", "Galaxy S25 Ultra"
            y = _YEAR_AFTER.match(text, e, e + 12)
            if y and not text[e:y.end()].strip().startswith("năm"):
                e = y.end()
        cands.append((s, e, typ, text[s:e], "cue", 1))

    def _quoted_works(self, text, cands, lang_at):
        """A title in quotes after the word for a work ("bộ phim "Mưa đỏ"", "ca khúc "..."")."""
        for q in ('"', "“"):
            i = text.find(q)
            while i != -1:
                close = text.find("”" if q == "“" else '"', i + 1, i + 80)
                if close == -1:
                    break
                if text[i + 1:i + 2].isupper() and "\n" not in text[i:close] \
                        and self.work_before.search(text, max(0, i - 20), i) and lang_at(i) == "vi":
                    cands.append((i + 1, close, "misc", text[i + 1:close], "work", 1))
                i = text.find(q, close + 1)

    def _place_context(self, text, s, e) -> bool:
        """Is the name at text[s:e] a street or a place by its context in Vietnamese text: after
        a house number ("số 120 Nguyễn Huệ", "ngõ 41 Thái Hà"), or in a list of places opened by
        an administrative word ("huyện Con Cuông và Tương Dương", "các tuyến phố như Nguyễn
        Trãi, Láng và Phạm Văn Đồng"; after a comma only where the list goes on)?"""
        c = text[s - 1:s]
        if c != " " or s < 4:
            return False
        b = text[s - 2]
        if b.isdigit() or b.isupper() and b.isascii():
            return bool(self._house_no.search(text, max(0, s - 20), s))
        if b == "," or (b == "à" or b == "ư") and text[s - 4:s - 1] in (" và", "như"):
            m = self.place_list.search(text, max(0, s - 80), s)
            if not m:
                return False
            if m.group(1) == ",":
                return bool(_LIST_ON.match(text, e, e + 5))
            return True
        return False

    def _name_syllable_at(self, text, s) -> bool:
        """Is the capitalized one-word title at `s` ("Anh", also a given name) a syllable of a
        Vietnamese name: right after a surname ("Đỗ Anh Dũng", "Lê Anh") or after a surname and
        middle names ("Nguyễn Văn Anh"), one space between?"""
        if s < 2 or text[s - 1] != " ":
            return False
        w = _R4.search(text, max(0, s - 12), s - 1)
        if not w:
            return False
        f = fold(w.group())
        if f in self.vi_surnames:
            return True
        if f not in self.vi_given:
            return False
        p = w.start()
        if p < 2 or text[p - 1] != " ":
            return False
        w2 = _R4.search(text, max(0, p - 12), p - 1)
        return bool(w2) and fold(w2.group()) in self.vi_surnames

    def _pieces(self, toks, en=False, text=""):
        """Split a run's tokens at titles, possessives and connectors at edges."""
        pieces = []
        cur = []
        i = 0
        n = len(toks)
        tfirst = self.title_first
        tocc = self._tocc
        for t in toks:
            if t[4] in tfirst or tocc[t[0]] or t[3]:
                break
        else:
            i = n  # no title and no possessive: one piece (most runs)
            cur = toks[:]
        while i < n:
            t = toks[i]
            tl = self._title_len(toks, i) if t[4] in tfirst and t[2][:1].isupper() else 0
            if tl == 1 and t[4] in self.name_titles and self._name_syllable_at(text, t[0]):
                tl = 0  # "Đỗ Anh Dũng"
            if not tl and tocc[t[0]]:
                tl = 1
            if tl and i + tl < n and (toks[i + tl][2].casefold() in self.event_heads
                                      or toks[i + tl][2].casefold() in self.org_tails):
                tl = 0  # "CEO Summit", "President Hotel"
            if tl:
                if cur:
                    pieces.append(cur)
                cur = []
                i += tl
                # "President of the Council ..." : drop connectors after a title
                while i < n and not toks[i][2][:1].isupper() and not toks[i][2][:1].isdigit():
                    i += 1
                continue
            cur.append(toks[i])
            if toks[i][3]:  # possessive ends a piece
                pieces.append(cur)
                cur = []
            i += 1
        if cur:
            pieces.append(cur)
        out = []
        for p in pieces:
            while p and (not p[0][2][:1].isupper() or p[0][2].casefold() in self.stop_words):
                if p[0][2][:1].isdigit() and len(p) > 1 and p[1][2][:1].isupper():
                    break
                if en and self._given_stop(p):
                    break
                p = p[1:]
            while p and (not p[-1][2][:1].isupper() or p[-1][2].casefold() in self.stop_words
                         or _has_digit(p[-1][2])):
                if self._vi_name_end(p):
                    break
                p = p[:-1]
            if p:
                out.append(p)
        return out

    def _vi_body(self, text, s, e, head):
        """End of a Vietnamese head pattern's name, None for no name (the pattern stops before
        the function words and verbs of vi_head_stop). Lower-case
        words right after an org head must be listed ones ("Công an huyện ..."); a lower-case
        word after a capitalized one continues the name only after a Vietnamese syllable that
        starts a compound word ("Cục Quản lý thị trường", "Bộ Ngoại giao"), in a known compound
        ("Nhi Trung ương") or as an administrative word ("Sở GD-ĐT tỉnh Nghệ An"); after a brand,
        an acronym or a name of several syllables it is the sentence's verb ("Vingroup mua lại
        ...", "Phạm Thu Hằng khẳng định ...")."""
        hs = s + len(head)
        if not _SP_LOWER.search(text, hs, e):
            return e  # no lower-case word after the head
        words = _BODY_TOK.findall(text, hs, e)
        n = len(words)
        if not n:
            return e
        k = 0
        if not words[0][0].isupper():
            if self.vi_head_type.get(head) == "org":
                a = self.lower_after_head.match(text, hs, e)
                if not a:
                    return None
                k = len(_BODY_TOK.findall(text, hs, a.end()))
            else:
                while k < n and not words[k][0].isupper():
                    k += 1
        upto = n
        for j in range(k + 1, n):
            w = words[j]
            p = words[j - 1]
            if w[0].isupper() or w == "và" or not p[0].isupper():
                continue
            if w in self.loc1 or (j + 1 < n and (w, words[j + 1]) in self.loc2) \
                    or (p.casefold(), w) in self.compound_pairs:
                continue
            if not (p.isupper() and len(p) > 1) and _VI_SYLLABLE.match(fold(p)) and (
                    j - 1 == k or not words[j - 2][0].isupper()
                    or (words[j - 2].isupper() and len(words[j - 2]) > 1)):
                continue
            upto = j
            break
        if upto == n:
            return e
        # the end of word upto-1
        pos = hs
        for w in words[:upto]:
            pos = text.find(w, pos) + len(w)
        return pos

    def _unit_of(self, ws, k, j) -> bool:
        """Are the lower-case words ws[k+1:j], after the capitalized word ws[k], the end of a
        unit's name ("Cảnh sát hình sự", "Cảnh sát điều tra": a compound's second syllable, then
        body nouns of body_words_vi), so that the head at ws[j] names the body it belongs to?"""
        i = k + 1
        if i < j and (ws[k][2].casefold(), ws[i][2]) in self.compound_pairs or (
                i < j and _VI_SYLLABLE.match(fold(ws[k][2])) and not ws[k][2].isupper()):
            i += 1
        if i >= j:
            return False
        while i < j:
            if i + 1 < j and (ws[i][2], ws[i + 1][2]) in self.body_words2:
                i += 2
            elif (ws[i][2],) in self.body_words1:
                i += 1
            else:
                return False
        return True

    def _lower_after(self, text, b) -> bool:
        """Does a lower-case word follow `b` that is neither "và" nor an administrative word?"""
        w = _LOW_WORD.match(text, b, b + 20)
        if not w:
            return False
        w = w.group(1)
        return w != "và" and w not in self.loc1 and not any(w == a for a, _ in self.loc2)

    def _body_words_after(self, text, e, lim):
        """`e` moved over body nouns (body_words_vi) up to `lim`."""
        while e < lim:
            m = _LOW_PAIR.match(text, e, lim)
            if not m:
                break
            if m.group(2) and (m.group(1), m.group(2)) in self.body_words2:
                e = m.end()
            elif (m.group(1),) in self.body_words1:
                e = m.end(1)
            else:
                break
        return e

    def _vi_body_tail(self, text, s, e):
        """Keep lower-case words after the last capitalized one when they complete a known body
        ("Quản lý thị trường": two lower-case words or more); None: the one-syllable rule decides."""
        toks = [(w.start(), w.end(), w.group()) for w in _BODY_TOK.finditer(text, s, e)]
        i = len(toks) - 1
        while i > 0 and not toks[i][2][:1].isupper():
            i -= 1
        f = tuple(t[2].casefold() for t in toks[i:])
        for n in range(len(f), 2, -1):
            if f[:n] in self.body_phrases:
                return toks[i + n - 1][1]
        return None

    @staticmethod
    def _vi_word_at(text, i) -> bool:
        """Is the word at `i` Vietnamese-looking (marks, or one unmarked syllable): "Sơn",
        "Đình", not "Klaus", "Vladimir"?"""
        w = _SYLL.match(text, i, i + 30)
        return bool(w) and (_has_vi_marks(w.group()) or bool(_VI_SYLLABLE.match(fold(w.group()))))

    def _vi_name_end(self, p) -> bool:
        """Is the last token, a stop word, the given name of a Vietnamese name ("Nguyễn Văn
        An", "Lò Văn Sáng", "Trần Thị Năm")?"""
        if len(p) < 2 or not p[-1][2][:1].isupper() or fold(p[-1][2]) not in self.vi_given:
            return False
        if fold(p[0][2]) not in self.vi_surnames or not p[0][2][:1].isupper():
            return False
        return all(t[2][:1].isupper() and fold(t[2]) in self.vi_given for t in p[1:-1])

    def _grammar_words(self, cfg: dict) -> None:
        """Context patterns built from the word lists of patterns.toml ([cue_vi], [sports])."""
        cue, sp = cfg.get("cue_vi", {}), cfg.get("sports", {})
        inst = _words_alt(cue.get("institution_list", []))
        self._inst_before = regex.compile(rf"{inst}[ \t]*(?:,|và|-|–)[ \t]*$")
        self._inst_after = regex.compile(rf"[ \t]*(?:,|và|-|–)[ \t]*{inst}")
        self._edition_num = regex.compile(
            r"[ \t]+(\d{1,2})(?![\d\p{L}%]|[.,/:]\d|[ \t]+(?!"
            + _words_alt(cue.get("edition_number_before", [])) + r"(?![\p{L}]))\p{Ll})")
        self._house_no = regex.compile(r"(?<![\p{L}\p{N}])" + _words_alt(cue.get("house_number_heads", []), "i")
                                       + r"[ \t]+\d{1,4}[A-Z]?(?:/\d{1,4}[A-Z]?)*[ \t]$")
        self._storm_no = regex.compile(r"[ \t]+" + _words_alt(cue.get("storm_number", [])) + r"[ \t]+\d{1,2}[ \t]*\(")
        self._model_after = regex.compile(r"(?:[ \t]+(?:\d[\p{L}\p{N}\-]*|\p{Lu}{1,3}\d[\p{L}\p{N}\-]*|"
                                          + _words_alt(cue.get("model_suffixes", [])) + "))+")
        cb, ca = sp.get("cricket_before", []), sp.get("cricket_after", [])
        self._cric_before = regex.compile(r"(?<![\p{L}\p{N}])" + _words_alt(cb) + r"[ \t]+$")
        self._cric_after = regex.compile(r"[ \t]+" + _words_alt(ca) + r"(?=[ \t])")
        # (the cheap first test of _scorecard: the last letter before, the first letter after)
        self._cric_last = frozenset(w[-1] for w in cb)
        self._cric_first = frozenset(w[0] for w in ca) | frozenset("0123456789")
        self._minute_after = regex.compile(r"[ \t]*\([ \t]*\d{1,3}(?:st|nd|rd|th)?(?:[ \t]*"
                                           + _words_alt(sp.get("goal_tags", [])) + r")?[ \t]*[,)]")

    def _run_candidates(self, text, toks, cands, gz, lang_at):
        for p in self._pieces(toks, lang_at(toks[0][0]) == "en", text):
            words = [t[2] for t in p]
            low = [t[4] for t in p]
            # person split: "Council of Ministers of Peru Gustavo Adriazén"; in Vietnamese, any
            # name after a title and a known place: "Thủ tướng Nhật Bản Ishiba Shigeru"
            vi_title = None
            for j in range(1, len(p) - 1):
                if p[j - 1][1] in gz and vi_title is None:
                    vi_title = lang_at(p[0][0]) == "vi" and self._title_before(text, p[0][0])
                if (fold(words[j]) in self.en_given or (
                        p[j - 1][1] in gz and vi_title and len(p) - j <= 3 and self._namelike(words[j:])))\
                        and words[j + 1][:1].isupper() and \
                        (low[j - 1] in self.org_tails or low[j - 1] in self.loc_tails
                         or p[j - 1][1] in gz):
                    self._piece_candidate(text, p[:j], cands, lang_at)
                    if vi_title and p[j - 1][1] in gz and 2 <= len(p) - j <= 3 and self._namelike(words[j:]):
                        ps, pe = p[j][0], p[-1][1]
                        cands.append((ps, pe, "person", self._person_canon(text[ps:pe]), "title_name", 2))
                    else:
                        self._piece_candidate(text, p[j:], cands, lang_at)
                    break
            else:
                self._piece_candidate(text, p, cands, lang_at)

    def _initial_first(self, text, p) -> bool:
        """Does the piece open with an initial ("M. Atherton", "S. Waugh")?"""
        w = p[0][2]
        return len(p) >= 2 and len(w) == 1 and w.isupper() and text[p[0][1]:p[0][1] + 1] == "."

    def _piece_candidate(self, text, p, cands, lang_at):
        while p and (not p[0][2][:1].isupper() or p[0][2].casefold() in self.stop_words):
            if self._given_stop(p) and lang_at(p[0][0]) == "en":
                break
            if self._initial_first(text, p) and lang_at(p[0][0]) == "en":
                break   # "A. Agassi": an initial, not the article
            p = p[1:]
        if not p:
            return
        words = [t[2] for t in p]
        low = [t[4] for t in p]
        s, e = p[0][0], p[-1][1]
        caps = [w for w in words if w[:1].isupper()]
        typ = None
        if len(caps) >= 2:
            if not self.event_heads.isdisjoint(low[1:]):
                typ = "misc"
            elif low[-1] in self.doc_heads:
                typ = "misc"
            elif len(p) >= 3 and low[0] in self.event_heads_first and low[1] in ("of", "de", "d'"):
                typ = "misc"  # "Tour of Spain", "Battle of the Somme"
            elif low[-1] in self.org_tails:
                typ = "org"
            elif len(p) >= 3 and (tuple(low[:2]) in self.org_heads or tuple(low[:3]) in self.org_heads):
                typ = "org"
            elif words[0] in self.club_heads and lang_at(s) == "en":
                typ = "org"  # "Hapoel Tel Aviv", "Sporting Lisbon"
            elif low[-1] in self.loc_tails:
                typ = "location"
            elif "of" in low[2:-1]:
                # "Reserve Bank of Australia", "Gulf of Mexico": a tail word, then "of" + name
                k = low.index("of", 2)
                if low[k - 1] in self.org_tails:
                    typ = "org"
                elif low[k - 1] in self.loc_tails:
                    typ = "location"
        if typ is None and "and" in low[1:-1]:
            # "Vodafone Group Plc and Three UK": two names
            k = low.index("and", 1)
            self._piece_candidate(text, p[:k], cands, lang_at)
            self._piece_candidate(text, p[k + 1:], cands, lang_at)
            return
        if typ and (fold_key(text[s:e]) in self.amb_keys or text[s:e].casefold() in self.not_entities):
            return
        if typ and "of" in words:
            for k in range(2, len(words) - 1):
                if words[k] == "of" and text[s:p[k - 1][1]].casefold() in self.not_entities:
                    # "Board of Directors of Vinamilk": a generic phrase, then the name
                    return self._piece_candidate(text, p[k + 1:], cands, lang_at)
        if len(p) >= 3 and words[1] == "of" and low[0] not in self.org_head_first \
                and self.sentence_start(text, s):
            # "Shares of Microsoft Corp": a capitalized common word opening the sentence
            return self._piece_candidate(text, p[2:], cands, lang_at)
        if typ:
            k = next((i for i, w in enumerate(words) if w in ("and", "&")), None)
            if k and (low[k - 1] in self.event_heads or low[k - 1] in self.org_tails
                      or low[k - 1] in self.doc_heads or words[k - 1].isupper()
                      or (k + 1 < len(words) and words[k + 1] == "the")
                      or (k + 2 < len(words) and (s, p[k - 1][1]) in self._gz_spans)):
                # (a known name before "and", two words or more after it: "Severn Trent and
                # United Utilities", not "Marks and Spencer")
                self._piece_candidate(text, p[:k], cands, lang_at)
                self._piece_candidate(text, p[k + 1:], cands, lang_at)
                return
            canon = text[s:e]
            if typ == "misc":
                s, e, canon = self._edition(text, s, e, canon)
                y = _YEAR_AFTER.match(text, e, e + 12)
                if y and not text[e:y.end()].strip().startswith("năm"):
                    e = y.end()
                    canon = text[s:e]
            cands.append((s, e, typ, canon, "pattern", 1))
            return
        if 2 <= len(words) <= 5 and self.is_person_name(words, lang_at(s)):
            if self.place_named.search(text, max(0, s - 15), s) or self._place_context(text, s, e):
                cands.append((s, e, "location", text[s:e], "place", 1))
            elif lang_at(s) == "en" and _prev_word(text, s) in ("the", "its", "their") \
                    and self.facility_after.match(text, e, e + 20):
                cands.append((s, e, "location", text[s:e], "facility", 1))  # "the Brent Cross shopping centre"
            else:
                cands.append((s, e, "person", self._person_canon(text[s:e]), "name", 1))
        elif 2 <= len(words) <= 3 and lang_at(s) == "en" and self._initial_first(text, p) \
                and all(w[:1].isupper() and w.casefold() not in self.not_entities for w in words[1:]) \
                and low[-1] not in self.org_tails and low[-1] not in self.loc_tails:
            # an initial and a surname ("M. Atherton", "J. K. Rowling"): a person
            cands.append((s, e, "person", self._person_canon(text[s:e]), "initial_name", 1))
        elif len(words) >= 2 and len(words) <= 4 and self._title_before(text, s) \
                and self._namelike(words):
            cands.append((s, e, "person", self._person_canon(text[s:e]), "title_name", 2))

    def _line_sport(self, text, pos, cache):
        """'ind' or 'team' when the line of `pos` opens with a sport ("TENNIS - ", "SOCCER - ")
        and `pos` is after it, else None."""
        ls = text.rfind("\n", 0, pos) + 1
        key = ("sport", ls)
        r = cache.get(key)
        if r is None:
            m = self.sport_headline.match(text, ls, ls + 40)
            r = cache[key] = (m.end(), "ind" if m.group(1) else "team") if m else (0, None)
        return r[1] if pos >= r[0] else None

    def _caps_unknown(self, w) -> bool:
        """A word of an ALL CAPS sports headline that no list knows: a name."""
        return len(w) >= 3 and w.replace("-", "").replace("'", "").isalpha() and not self._is_common(w) \
            and fold_key(w) not in self.gaz_words and w.casefold() not in self.stop_words \
            and not _ROMAN.match(w)

    def _caps_events(self, text, toks, cands):
        """Events in an ALL CAPS sports headline: an event head and the words before it that
        name it ("GRAND SLAM CUP", "JAPANESE GRAND PRIX", "U.S. OPEN", "NATWEST TROPHY")."""
        for i in range(1, len(toks)):
            t = toks[i]
            if t[4] not in self.event_heads:
                continue
            j = i
            while j > 0 and text[toks[j - 1][1]:toks[j][0]].strip() == "":
                w = toks[j - 1][2]
                if w in self.caps_event_mods or fold(w) in self.demonyms or fold_key(w) in self.loc_by_key \
                        or (t[2] in self.caps_sponsor_heads and j == i
                            and (self._caps_unknown(w) or fold_key(w) in self.gaz_words)):
                    j -= 1
                else:
                    break
            if j < i:
                cands.append((toks[j][0], t[1], "misc", text[toks[j][0]:t[1]], "caps_event", 1))

    def _caps_name_groups(self, text, toks):
        """The tokens of an ALL CAPS sports headline, one by one, but two unknown words
        together ("COLIN MONTGOMERIE", "SANCHEZ VICARIO")."""
        out = []
        i, n = 0, len(toks)
        while i < n:
            t = toks[i]
            if i + 1 < n and self._caps_unknown(t[2]) and self._caps_unknown(toks[i + 1][2]) and not t[3] \
                    and text[t[1]:toks[i + 1][0]].strip() == "":
                out.append([t, toks[i + 1]])  # "COLIN MONTGOMERIE", "SANCHEZ VICARIO"
                i += 2
            else:
                out.append([t])
                i += 1
        return out

    def _headline_name(self, text, s, e, words, cache):
        """An unknown word (or given name and word) of an ALL CAPS sports headline: the player
        in an individual sport or when the name lists know it, else the club."""
        sport = self._line_sport(text, s, cache)
        if sport is None:
            return None
        span = text[s:e]
        if sport == "team" and len(words) == 1 and len(span) >= 3 and span.isalpha() \
                and fold_key(span) not in self.gaz_words and span.casefold() not in self.stop_words and (
                self.team_before.search(text[max(0, s - 40):s].lower())
                or self.team_after.match(text[e:e + 20].lower())):
            return "org", span, "headline_team"  # "CRICKET - SURREY BEAT KENT BY SIX WICKETS"
        if not all(self._caps_unknown(w) for w in words):
            return None
        if sport == "team" and len(words) == 1 and (
                self.team_before.search(text[max(0, s - 40):s].lower())
                or self.team_after.match(text[e:e + 20].lower())):
            return "org", span, "headline_team"  # "CRICKET - SURREY BEAT KENT BY SIX WICKETS"
        if sport == "ind" or len(words) == 2 or any(fold(w) in self.en_surnames or fold(w) in self.en_given
                                                    for w in words) \
                or fold(words[-1]).endswith(self.surname_suffixes):
            return "person", self._person_canon(span.title()), "headline_player"
        return "org", span, "headline_team"

    def _scorecard(self, text, s, e) -> bool:
        """A name in a cricket scoreboard: after "c", "b", "st" ("c Young b Doull"), before
        its mode of dismissal and runs ("Ijaz Ahmed not out 86") or before bowling figures
        ("Doull 17-3-60-1")."""
        p = text[s - 2:s] if s >= 2 else ""
        nxt = text[e + 1:e + 2]
        if not (p[1:] in (" ", "\t") and p[:1] in self._cric_last) and not (nxt and nxt in self._cric_first):
            return False  # (cheap first check: no "c ", "b ", "st " before, no dismissal or figures after)
        if self._cric_before.search(text, max(0, s - 4), s) or _BOWL_AFTER.match(text, e, e + 16):
            return True
        a = self._cric_after.match(text, e, e + 14)
        if a is None:
            return False
        le = text.find("\n", a.end())
        return _HAS_DIGIT.search(text, a.end(), le if le != -1 else len(text)) is not None

    def _results_line(self, text, pos, cache) -> bool:
        """A sports results or standings line: names and scores, hardly a lower-case word
        ("Barnsley 4 3 1 0 8 3 10", "Arsenal 2 Sheffield Wednesday 0")."""
        nl = cache.get("nl")
        if nl is None:
            nl = cache["nl"] = _newlines(text)
        i = bisect.bisect_left(nl, pos)
        ls = nl[i - 1] + 1 if i > 0 else 0
        c = text.rfind(":", ls, pos)
        if c != -1:
            ls = c + 1  # "Group A : Valencia 3 Besiktas 1": the results after a label
        key = ("results", ls)
        r = cache.get(key)
        if r is None:
            le = nl[i] if i < len(nl) else len(text)
            r = False
            if le - ls <= 300:
                toks = text[ls:le].split()
                nums = sum(1 for t in toks if _SCORE_TOK.match(t))
                r = nums >= 2 and not any(t[:1].islower() and t not in self.results_words for t in toks)
            cache[key] = r
        return r

    def _in_team_headline(self, text, s) -> bool:
        """A place (not a country) in an ALL CAPS headline of a team sport is a club."""
        if self.team_headline is None or not text[s:s + 2].isupper():
            return False
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", s)
        le = len(text) if le < 0 else le
        return bool(self.team_headline.match(text[ls:le]))

    def _team_position(self, text, s, e, cache) -> bool:
        # (the patterns after the name start with a space, the one before ends with one, or
        # with one and a final newline, where "$" also matches)
        sp_after = text[e:e + 1] in (" ", "\t")
        if sp_after and self.not_team_after is not None and self.not_team_after.match(text, e, e + 20):
            return False  # "beating Wall Street estimates": the market's forecasts, not a team
        if sp_after and self.team_after.match(text, e, e + 20):
            return True
        if s > 0 and text[s - 1] in " \t\n" and self.team_before.search(text, max(0, s - 40), s):
            return True
        if sp_after and self.team_role_after.match(text, e, e + 20):
            return True
        return sp_after and bool(_SCORE_AFTER.match(text, e, e + 8)) and self._results_line(text, s, cache)

    def _sports_leftover(self, text, s, e, words, cache):
        """Unknown names in sports copy: a player with a country in brackets ("Goran
        Ivanisevic ( Croatia )"), a scorer in a results line ("( Le Tissier 23 , ...)"), a team
        before its score ("Rotherham 12 5 4 3")."""
        if len(words) > 4 or not self._namelike(words):
            return None
        if self._scorecard(text, s, e):
            return "person", self._person_canon(text[s:e]), "scorecard"
        if text[e:e + 3].lstrip(" \t")[:1] == "(" and self._minute_after.match(text, e, e + 20):
            return "person", self._person_canon(text[s:e]), "scorer"
        b = _BRACKET_AFTER.match(text, e, e + 40)
        if b and fold_key(b.group(1)) in self.loc_by_key:
            return "person", self._person_canon(text[s:e]), "player_country"
        if not _SCORE_AFTER.match(text, e, e + 8) or not self._results_line(text, s, cache):
            return None
        if _SCORER_BEFORE.search(text, max(0, s - 4), s) and _SCORER_AFTER.match(text, e, e + 20):
            return "person", self._person_canon(text[s:e]), "scorer"
        return "org", text[s:e], "team"

    def _is_common(self, w: str) -> bool:
        """Is `w` (any case) an English common word ("Officials", "Year-on-year", "Anti-Brexit"),
        by the common-word list?"""
        c = w.lower()
        if c[-2:] in ("'s", "’s"):
            c = c[:-2]
        if "-" in c:
            parts = c.split("-")
            if parts[0] in self.hyphen_prefixes:
                return True  # "Anti-Brexit", "Pre-tax", "Non-EU"
            return all(self._is_common(x) for x in parts if x)
        return (" " + c + " ") in self.en_common.get(c[:3], "")

    def _appos_type(self, text, e):
        """The type told by an apposition after a name (", the oilfield services group ,",
        ", the 14th seed ,", ", the capital of ...", ", 34 ,"), else None."""
        if _AGE.match(text, e, e + 8):
            return "person"
        m = _APPOS.match(text, e, e + 100)
        if not m:
            return None
        words = m.group(1).split()
        head = None
        for i, w in enumerate(words):
            if i and w in self.appos_cut:
                break
            head = w
        if head is None:
            return None
        head = head.casefold()
        return self.appos_type.get(head) or (self.appos_type.get(head[:-1]) if head[-1:] == "s" else None)

    def _pronoun_type(self, text, e):
        """The first personal pronoun in the rest of the sentence after `e` ("said it would",
        "said he would"): 'person', 'org' or None ("it" before "was", "would be"... is no cue)."""
        end = min(len(text), e + 140)
        m = _SENT_END.search(text, e, end)
        stop = m.start() if m else end
        for w in _LOW_WORDS.finditer(text, e, stop):
            pt = self.pron_type.get(w.group().lower())
            if pt:
                if pt == "org" and w.group().lower() == "it" and self.it_empty.match(text, w.end(), w.end() + 24):
                    continue
                return pt
        return None

    def _multi_cue(self, text, s, e, words, prev_word, sos):
        """Type of an unknown name of two or three capitalized words from its context (as for
        one word) or, when no given name opens it and its last word is a common word and no
        family name ("Cornwall Insight", "Retail Consortium"), org; else None."""
        cue = self._appos_type(text, e)
        if cue is None and self.which_org.match(text, e, e + 30):
            cue = "org"
        if cue is None and prev_word and not sos and prev_word.islower():
            pt = self.appos_type.get(prev_word.casefold())
            if pt != "location":
                cue = pt
            if cue is None and prev_word in ("by", "from") and self.org_before_by.search(text, max(0, s - 30), s):
                cue = "org"
        if cue is None and self.org_after.match(text, e, e + 30):
            cue = "org"
        if cue is None and fold(words[0]) not in self.en_given and fold(words[-1]) not in self.en_surnames \
                and self._is_common(words[-1]):
            cue = "org"
        return cue

    def _single_en(self, text, s, e, w, sos, after, prev_word):
        """Type of one unknown capitalized word in English text (no gazetteer entry, no name
        told earlier, no title before it): ('person'|'org'|'location', rule) or None. See
        [single_name] in patterns.toml."""
        if not _NAME_SHAPE.match(w) or len(w) < 2:
            return None
        f = fold(w)
        named = f in self.en_surnames or f in self.en_given or (
            len(w) >= 5 and _NAME_WORD.match(w) is not None and f.endswith(self.surname_suffixes))
        common = self._is_common(w)
        weak = common and not named
        if self._namelike([w]) and sos and not named:
            ta = self.team_after.match(text, e, e + 20)
            if ta and (not weak or _NEXT_CAP.match(text, ta.end(), ta.end() + 3)):
                # "Leicestershire beat Somerset", "Surrey beat Kent" (not "Profits beat forecasts")
                return "org", "team"
        if self._namelike([w]) and not sos:
            tb = self.team_before.search(text, max(0, s - 40), s)
            if tb:
                # a common word in a team's place ("a 1-0 win over Partizan"); a name after a
                # team ("Surrey beat Kent"; not "Moya beat Bjorkman")
                subj = _prev_word(text, tb.start())
                if weak or (subj and subj[:1].isupper() and fold(subj) not in self.en_given
                            and fold(subj) not in self.en_surnames):
                    return "org", "team"
        if self._namelike([w]) and not weak:
            if self.team_role_after.match(text, e, e + 20):
                return "org", "team"  # "Santos striker Giovanni"
            if not sos and self.facility_after.match(text, e, e + 20):
                return "location", "facility"  # "its Solihull plant", "the Campos basin"
            if not sos and not after and prev_word and prev_word in self.place_prep:
                return "location", "place_prep"  # "in Hatfield", "near Tuzla"
        if sos and (s == 0 or text[s - 1] == "\n") and _VENUE_AFTER.match(text, e, e + 4) and not weak:
            return "location", "venue"  # "Leicester : Leicestershire beat Somerset ..."
        # cues that hold for any word: an apposition, a relative clause, a noun before the name
        cue = self._appos_type(text, e)
        if cue is None and self.which_org.match(text, e, e + 30):
            cue = "org"
        if cue is None and prev_word and not sos:
            pt = self.appos_type.get(prev_word.casefold())
            if pt and pt != "location" and prev_word.islower():
                cue = pt  # "retailer Halfords", "striker Ravanelli"
            elif prev_word in ("by", "from") and self.org_before_by.search(text, max(0, s - 30), s):
                cue = "org"  # "a takeover by Advent"
        if self.misc_after.match(text, e, e + 20) and not common:
            return "misc", "single_misc"   # "Sensodyne toothpaste", "Vuse vapes": a brand
        if cue:
            return cue, "single_" + cue
        if common and sos and not named:
            return None  # "Officials said it ...", "Bank shares fell"
        # cues for a name or a capitalized word mid-sentence
        if self.org_after.match(text, e, e + 30):
            return "org", "single_org"
        if after and after.group().strip().lstrip(",").strip() == "who":
            return "person", "single_person"
        if sos or after:
            pt = self._pronoun_type(text, e)
            if pt:
                return pt, "single_" + pt
        if common and (not named or sos and not after):
            return None  # a common word standing alone, no cue
        if named:
            return "person", "said_name" if after else "capitalized_name"
        if not _NAME_WORD.match(w) and not after:
            return None
        if f.endswith(self.common_suffixes):
            return None
        return "org", "capitalized"

    def _namelike(self, words) -> bool:
        for w in words:
            c = w.casefold().rstrip(".")
            if not w[:1].isupper() or (w.isupper() and len(w) > 1) or c in self.event_heads \
                    or c in self.org_tails or c in self.loc_tails or c in self.not_entities \
                    or c in self.doc_heads:
                return False
        return True

    def _person_canon(self, name: str) -> str:
        k = fold(name)
        lst = self.person_index.get(k.split()[0], ()) if k else ()
        for ak, canon in lst:
            if ak == k:
                return canon
        # one misspelt word of five letters or more ("Adriazén" for "Adrianzén")
        kt = k.split()
        for ak, canon in lst:
            at = ak.split()
            if len(at) == len(kt):
                diff = [(x, y) for x, y in zip(at, kt) if x != y]
                if len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 5 \
                        and _edit1(diff[0][0], diff[0][1]):
                    return canon
        return name

    def _register_person(self, name, c, persons):
        toks = name.split()
        if len(toks) < 2:
            return
        if c[4] == "capitalized_name":
            return  # a guess: not a source of back-references
        f = [fold(t) for t in toks]
        canon = c[3]
        persons.setdefault(f[-1], (canon, toks[-1].casefold()))
        if f[0] not in self.vi_surnames:
            persons.setdefault(f[0], (canon, toks[0].casefold()))
        persons.setdefault(fold(name), (canon, name.casefold()))
        if len(toks) >= 3 and f[0] in self.vi_surnames:
            # "Quang Hải" after "Nguyễn Quang Hải": the given name of two words
            persons.setdefault(" ".join(f[-2:]), (canon, " ".join(toks[-2:]).casefold()))

    def _leftovers(self, text, toks, occ, chosen, aliases, persons, cache, lang_at):
        # group tokens not covered by a chosen fact and not titles
        tfirst = self.title_first
        tocc = self._tocc
        if len(toks) == 1:
            # one word (most runs): the cheap rejections of the general path below, first
            t = toks[0]
            w = t[2]
            if occ[t[0]] or tocc[t[0]] or not w[:1].isupper() or t[4] in self.stop_words \
                    or _has_digit(w) or (t[4] in tfirst and self._title_len(toks, 0)) \
                    or w.casefold() in self.not_entities \
                    or (fold_key(w) in self.amb_keys and not self._kin_before(text, t[0], lang_at)):
                return
        free = []
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            covered = occ[t[0]]
            if covered:
                free.append(None)
                i += 1
                continue
            tl = self._title_len(toks, i) if t[4] in tfirst and t[2][:1].isupper() else 0
            if tl == 1 and t[4] in self.name_titles and self._name_syllable_at(text, t[0]):
                tl = 0  # "Đỗ Anh Dũng"
            if not tl and tocc[t[0]]:
                tl = 1
            if tl:
                free.extend([None] * tl)
                i += tl
                continue
            free.append(t)
            i += 1
        groups = []
        cur = []
        for t in free:
            if t is not None and t[2] == "and":
                t = None
            if t is None:
                if cur:
                    groups.append(cur)
                cur = []
            else:
                cur.append(t)
                if t[3]:
                    groups.append(cur)
                    cur = []
        if cur:
            groups.append(cur)
        for g in groups:
            n0 = len(g)
            g0 = g
            while g and (not g[0][2][:1].isupper() or _has_digit(g[0][2])
                         or g[0][2].casefold().rstrip(".") in self.stop_words):
                g = g[1:]
            while g and (not g[-1][2][:1].isupper() or _has_digit(g[-1][2])
                         or g[-1][2].casefold().rstrip(".") in self.stop_words):
                if self._vi_name_end(g):
                    break
                g = g[:-1]
            if not g:
                continue
            # a capitalized word stripped right next to the rest ("Good Friday", "Last Monday"):
            # the rest is part of a phrase, not a name ("Nantes on Friday" is a name)
            stripped = len(g) < n0 and (
                (g[0] is not g0[0] and g0[g0.index(g[0]) - 1][2][:1].isupper())
                or (g[-1] is not g0[-1] and g0[g0.index(g[-1]) + 1][2][:1].isupper()))
            s, e = g[0][0], g[-1][1]
            span = text[s:e]
            if span.casefold() in self.not_entities \
                    or (fold_key(span) in self.amb_keys and not self._kin_before(text, s, lang_at)):
                continue
            words = [t[2] for t in g]
            res = self._classify_leftover(text, s, e, words, aliases, persons, cache, lang_at)
            if res and stripped and len(words) == 1 and res[2] == "capitalized":
                res = None  # "Good Friday", "Last Monday": the rest of a phrase, not a name
            if res:
                typ, canon, rule = res
                occ[s:e] = b"\x01" * (e - s)
                chosen.append([s, e, typ, canon, rule, 3])
                if typ == "person":
                    self._register_person(span, chosen[-1], persons)

    def _classify_leftover(self, text, s, e, words, aliases, persons, cache, lang_at):
        span = text[s:e]
        lang = lang_at(s)
        if span in aliases:
            typ, canon = aliases[span]
            return typ, canon, "definition"
        fs = fold(span)
        if len(words) == 2 and fs in persons and _has_vi_marks(span):
            canon, part = persons[fs]
            if span.casefold() == part:
                return "person", canon, "person_part"
        if len(words) == 1:
            w = words[0]
            if fs in persons:
                canon, part = persons[fs]
                # "Hưng" is not "Hùng": with marks on both sides they must agree
                if not (_has_vi_marks(w) and _has_vi_marks(part) and w.casefold() != part):
                    return "person", canon, "person_part"
            elif len(fs) >= 4 and w[:1].isupper() and not w.isupper():
                for k in persons.fuzzy.get(fs[0], ()):
                    if _edit1(k, fs):
                        return "person", persons[k][0], "person_fuzzy"
        # Outside English text only the checks down to the name lists apply, and the line's kind
        # only to words in capitals (datelines, acronyms): the rest is computed for English.
        en = lang == "en"
        all_upper = all(w.isupper() for w in words)
        kind = self.line_kind(text, s, cache) if en or all_upper else ""
        start_of_sentence = self.sentence_start(text, s) if en else False
        title = self._title_before(text, s)
        prev_word = _prev_word(text, s)
        after = self.person_after.match(text[e:e + 30]) if en else None
        if all_upper and (s == 0 or text[s - 1] == "\n") and kind != "caps" \
                and _DATELINE_AFTER.match(text, e, e + 6) and len(span) >= 3:
            return "location", span.title(), "dateline"
        if kind == "caps" and en and len(words) <= 2 and self.sport_headline is not None:
            res = self._headline_name(text, s, e, words, cache)
            if res:
                return res
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
            if kind == "caps" or len(words[0]) > 6 or _code_context(text, s, e) or text[e:e + 1] == "$" \
                    or _ROMAN.match(words[0]):
                return None  # (a Roman numeral: "quý III", "khóa XV", "Phase II")
            return "org", span, "acronym"
        if title or (prev_word and prev_word.casefold() in self.person_before and not (
                len(words) == 1 and prev_word.casefold() == "by" and lang == "en")):
            # (not "by" before one word: "a takeover by Advent", "polled by Reuters")
            if self._namelike(words) and len(words) <= 4:
                return "person", self._person_canon(span), "title_name"
        if lang == "en" and kind != "caps":
            res = self._sports_leftover(text, s, e, words, cache)
            if res:
                return res
        if lang == "vi" and not words[0].isupper() and (self.place_before.search(text, max(0, s - 15), s)
                                                         or self._place_context(text, s, e)):
            return "location", span, "place"
        if lang == "en" and not start_of_sentence and not kind and 2 <= len(words) <= 3 \
                and self._namelike(words) and self.facility_after.match(text, e, e + 20):
            return "location", span, "facility"  # "the Brent Cross shopping centre"
        if lang == "en" and prev_word == "the" and not kind and 2 <= len(words) <= 3 \
                and self._namelike(words):
            # "at the Nou Camp", "in the Bekaa Valley": a name after "the" is no person's
            p2 = _prev_word(text, text.rfind("the", 0, s))
            if p2 in self.place_prep:
                return "location", span, "place_prep"
        if self.is_person_name(words, lang):
            return "person", self._person_canon(span), "name"
        if not en:
            return None
        if lang == "en" and prev_word in ("in", "at", "of") and not kind and self._namelike(words) \
                and self.org_before_prep.search(text, max(0, s - 30), s):
            return "org", span, "org_prep"  # "shares in Tesco", "an analyst at Numis"
        if lang == "en" and len(words) == 1 and not kind:
            # one unknown word: common-word list, context cues, name lists ([single_name])
            res = self._single_en(text, s, e, words[0], start_of_sentence, after, prev_word)
            if res is None:
                return None
            typ, rule = res
            return typ, self._person_canon(span) if typ == "person" else span, rule
        if lang == "en" and prev_word and prev_word in self.place_prep and not after \
                and not start_of_sentence and not kind and all(not w.isupper() for w in words) \
                and self._namelike(words):
            return "location", span, "place_prep"
        if lang == "en" and not kind and 2 <= len(words) <= 3 and self._namelike(words):
            cue = self._multi_cue(text, s, e, words, prev_word, start_of_sentence)
            if cue:  # "consultancy Cornwall Insight said", "the British Retail Consortium"
                return cue, self._person_canon(span) if cue == "person" else span, "context_" + cue
        if after and len(words) <= 3 and lang == "en" and self._namelike(words) and (
                not start_of_sentence or fold(words[-1]) in self.en_surnames or fold(words[0]) in self.en_given):
            return "person", self._person_canon(span), "said_name"
        if kind:
            return None
        if lang == "en" and len(words) <= 3 and self._namelike(words) \
                and (self.team_role_after.match(text, e, e + 20) or start_of_sentence and len(words) == 1
                     and self.team_after.match(text, e, e + 20)
                     and fold(words[0]) not in self.en_surnames and fold(words[0]) not in self.en_given):
            return "org", span, "team"  # "Santos striker Giovanni", "Leicestershire beat Somerset"
        if len(words) == 1:
            if start_of_sentence:
                return None
            if after and lang == "en":
                return "person", span, "said_name"
            w = words[0]
            if lang == "en" and len(w) >= 5 and _NAME_WORD.match(w) and fold(w).endswith(self.surname_suffixes):
                return "person", w, "surname_form"  # "Ivanisevic", "Shevchenko", "Papadopoulos"
            if lang == "en" and len(w) >= 3 and not w.isupper() and _NAME_WORD.match(w) \
                    and not w.casefold().endswith(self.common_suffixes):
                # an unknown capitalized word mid-sentence: a name (CoNLL: mostly persons and orgs)
                if fold(w) in self.en_surnames or fold(w) in self.en_given:
                    return "person", persons[fold(w)][0] if fold(w) in persons else w, "capitalized_name"
                return "org", w, "capitalized"
            return None
        if start_of_sentence and words[0].casefold() in self.not_entities:
            return None
        if start_of_sentence and lang == "en" and len(words) >= 3 and words[1] in ("of", "for", "and", "the") \
                and self._is_common(words[0]) and fold(words[0]) not in self.en_given:
            return None  # "Cases of the Delta variant", "Sales of ...": a common word opens the sentence
        if lang == "en":
            if 2 <= len(words) <= 3 and all(len(w) >= 2 and not w.isupper() for w in words) \
                    and " of " not in span and "&" not in span and self._namelike(words) \
                    and (fold(words[0]) in self.en_given or fold(words[-1]) in self.en_surnames
                         or not any(w.casefold().endswith(self.common_suffixes) for w in words)):
                return "person", self._person_canon(span), "capitalized_name"
            return "org", span, "capitalized"
        return None


def build(ruleset):
    eng = _Engine(ruleset)

    def run(doc):
        # The run allocates many small tuples and lists that all live until its end: cyclic
        # garbage collection passes in the middle of it find nothing to free (7% of the time).
        was = gc.isenabled()
        gc.disable()
        try:
            return eng(doc)
        finally:
            if was:
                gc.enable()

    return run
