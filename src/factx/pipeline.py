"""The extraction pipeline: normalize, split by language, run extractors, resolve overlaps,
map offsets back to the original text."""

from __future__ import annotations

import bisect
import re
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from . import extractors
from .document import Doc
from .langid import langid_for
from .model import ALL_TYPES, ENTITY_TYPES, VALUE_TYPES, Fact
from .refdate import guess_reference_date, parse_reference_date
from .rules import RuleSet, default_ruleset
from .textnorm import NormText

_NL = re.compile("\n")


@dataclass
class Document:
    """An input document: its text and what is known about it."""

    text: str
    id: str = ""
    lang: str | None = None
    reference_date: object = None


def parse_types(spec: str | Iterable[str] | None) -> frozenset[str]:
    """`"money,percent,entity"` -> the fact types; `entity` stands for the four entity types."""
    if spec is None:
        return frozenset(ALL_TYPES)
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: set[str] = set()
    for raw in items:
        t = raw.strip().lower()
        if not t:
            continue
        if t in ("entity", "entities", "ner"):
            out.update(ENTITY_TYPES)
        elif t in ("all", "*"):
            out.update(ALL_TYPES)
        elif t in ("value", "values"):
            out.update(VALUE_TYPES)
        elif t in ALL_TYPES:
            out.add(t)
        elif t + "s" in ALL_TYPES or t.rstrip("s") in ALL_TYPES:
            out.add(t + "s" if t + "s" in ALL_TYPES else t.rstrip("s"))
        else:
            raise ValueError(
                f"unknown fact type {raw.strip()!r} (choose from {', '.join(ALL_TYPES)}, entity)")
    return frozenset(out)


class Pipeline:
    """Compiled extractors for one rule set and one set of types (build once, run many)."""

    def __init__(self, ruleset: RuleSet | None = None, types: frozenset[str] | None = None):
        self.ruleset = ruleset or default_ruleset()
        self.types = types if types is not None else frozenset(ALL_TYPES)
        self.langid = langid_for(self.ruleset)
        self._extractors = []
        for name in extractors.modules_for(self.types):
            mod = extractors.load(name)
            self._extractors.append((name, mod.build(self.ruleset)))

    def run(self, text: str, lang: str | None = None, reference_date=None, doc_id: str = "") -> list[Fact]:
        norm = NormText(text)
        ntext = norm.text
        if lang in (None, "", "auto"):
            segments = self.langid.segments(ntext)
        else:
            segments = [(0, len(ntext), lang)]
        ref = parse_reference_date(reference_date)
        if ref is None:
            ref = guess_reference_date(ntext)
        doc = Doc(norm=norm, segments=segments, reference_date=ref, types=self.types, id=doc_id)
        found: list[Fact] = []
        for _name, fn in self._extractors:
            found.extend(f for f in fn(doc) if f.type in self.types and f.end > f.start)
        facts = _resolve(found)
        nl = _newlines(text)
        identity = norm.text is text
        lang_at = doc.lang_at
        to_orig = norm.to_orig
        bisect_right = bisect.bisect_right
        # The facts are this run's own objects: finish them in place.
        for f in facts:
            if not f.lang:
                f.lang = lang_at(f.start)
            if not identity:
                f.start, f.end = to_orig(f.start, f.end)
            f.text = text[f.start:f.end]
            f.doc = doc_id
            f.line = bisect_right(nl, f.start) + 1
        facts.sort(key=Fact.sort_key)
        return facts


def _newlines(text: str) -> list[int]:
    return [m.start() for m in _NL.finditer(text)]


_PRIORITY = {t: i for i, t in enumerate(ALL_TYPES)}


def _greedy(cands: list[Fact], out: list[Fact]) -> None:
    """Keep a non-overlapping subset: longer spans first, then by type priority, then earlier."""
    cands.sort(key=lambda f: (f.start - f.end, _PRIORITY.get(f.type, 99), f.start))
    # Accepted spans never overlap, so sorted by start they are sorted by end too.
    starts: list[int] = []
    ends: list[int] = []
    for f in cands:
        i = bisect.bisect_right(starts, f.start)
        if (i > 0 and ends[i - 1] > f.start) or (i < len(starts) and starts[i] < f.end):
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        out.append(f)


def _resolve(facts: list[Fact]) -> list[Fact]:
    """Within each layer (values; entities) keep a non-overlapping set: longer spans first,
    then money > percent > date (and person > org > location > misc), then earlier.

    Whether a fact is kept depends only on the facts it overlaps, so the greedy choice runs
    per cluster of overlapping facts; most facts overlap nothing and are kept at once. The
    result is returned sorted by start."""
    out: list[Fact] = []
    for layer in (VALUE_TYPES, ENTITY_TYPES):
        cands = [f for f in facts if f.type in layer]
        cands.sort(key=_start_end)
        cluster: list[Fact] = []
        reach = -1
        for f in cands:
            if f.start >= reach:
                if len(cluster) == 1:
                    out.append(cluster[0])
                elif cluster:
                    _greedy(cluster, out)
                cluster = [f]
                reach = f.end
            else:
                cluster.append(f)
                if f.end > reach:
                    reach = f.end
        if len(cluster) == 1:
            out.append(cluster[0])
        elif cluster:
            _greedy(cluster, out)
    return out


def _start_end(f: Fact) -> tuple[int, int]:
    return f.start, f.end


@lru_cache(maxsize=16)
def get_pipeline(ruleset: RuleSet | None = None, types: frozenset[str] | None = None) -> Pipeline:
    return Pipeline(ruleset, types)


def extract(text: str, lang: str | None = None, reference_date=None, types=None,
            rules: tuple[str, ...] = ()) -> list[Fact]:
    """Facts in `text`, sorted by offset. `lang`: "vi", "en" or None (auto, per paragraph);
    `reference_date`: date/datetime/ISO string for relative and partial dates (else the
    document's own header or dateline, if any); `types`: e.g. "money,percent" or a list."""
    rs = RuleSet(tuple(rules)) if rules else default_ruleset()
    return get_pipeline(rs, parse_types(types)).run(text, lang=lang, reference_date=reference_date)


def extract_documents(docs: Iterable[Document | str | dict], lang: str | None = None,
                      reference_date=None, types=None, rules: tuple[str, ...] = ()
                      ) -> Iterator[tuple[Document, list[Fact]]]:
    """Stream (document, facts) pairs. Items may be `Document`s, plain strings, or dicts with
    `text` and optional `id`, `lang`, `date` (the JSONL input shape)."""
    rs = RuleSet(tuple(rules)) if rules else default_ruleset()
    pipe = get_pipeline(rs, parse_types(types))
    for i, item in enumerate(docs):
        if isinstance(item, str):
            d = Document(text=item, id=str(i))
        elif isinstance(item, dict):
            d = Document(text=item["text"], id=str(item.get("id", i)), lang=item.get("lang"),
                         reference_date=item.get("date", item.get("ref_date")))
        else:
            d = item
        facts = pipe.run(d.text, lang=d.lang or lang, doc_id=d.id,
                         reference_date=d.reference_date if d.reference_date is not None else reference_date)
        yield d, facts
