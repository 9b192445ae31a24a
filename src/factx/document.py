"""What an extractor sees: the normalized text of one document and its context."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from .textnorm import NormText


@dataclass
class Doc:
    """One document prepared for extraction.

    Extractors read `text` (NFC, repaired; see textnorm) and return facts whose offsets
    index `text`; the pipeline maps them back to the original. `segments` labels every
    character range with its language ("vi" or "en"). `reference_date` anchors relative
    and partial dates (None when unknown). `types` is the set of fact types requested.
    """

    norm: NormText
    segments: list[tuple[int, int, str]]
    reference_date: dt.datetime | None = None
    types: frozenset[str] = frozenset()
    id: str = ""
    _seg_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._seg_starts = [s for s, _, _ in self.segments]

    @property
    def text(self) -> str:
        return self.norm.text

    def lang_at(self, pos: int) -> str:
        if not self.segments:
            return "en"
        i = bisect.bisect_right(self._seg_starts, pos) - 1
        return self.segments[max(i, 0)][2]

    def spans_of(self, lang: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e, lg in self.segments if lg == lang]

    @property
    def main_lang(self) -> str:
        tot: dict[str, int] = {}
        for s, e, lg in self.segments:
            tot[lg] = tot.get(lg, 0) + (e - s)
        return max(tot, key=tot.get) if tot else "en"
