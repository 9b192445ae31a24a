"""Hostile input: every extractor, alone and together, finishes on adversarial text and returns
exact offsets.

Each case is ~200k characters built to provoke catastrophic backtracking or quadratic work in a
number, date, currency or name grammar. A SIGALRM limit turns a hang into a failure (a safety
net, not a timing test); `faulthandler` kills the run with a traceback if a C-level loop never
returns to the interpreter. Offsets are checked twice: the extractor's own facts against the
normalized `doc.text` it was given, and the pipeline's facts against the original text.
"""

from __future__ import annotations

import faulthandler
import random
import signal
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import pytest

from factx import extractors
from factx.document import Doc
from factx.model import ALL_TYPES
from factx.pipeline import Pipeline, parse_types
from factx.refdate import parse_reference_date
from factx.rules import default_ruleset
from factx.textnorm import NormText

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
LIMIT_S = 60  # per case; a linear extractor needs well under a second for 200k characters
N = 200_000
M = 50_000

# ------------------------------------------------------------------------------ the inputs


def _fill(unit: str, n: int = N) -> str:
    return (unit * (n // max(1, len(unit)) + 1))[:n]


def _random_text(seed: int, alphabet: str, n: int = N, runs: tuple[int, int] = (1, 4),
                 seps: str = "") -> str:
    """Runs of `alphabet` characters separated by one character of `seps`."""
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        run = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(*runs)))
        out.append(run)
        size += len(run)
        if seps:
            out.append(rnd.choice(seps))
            size += 1
    return "".join(out)[:n]


def _words(seed: int, make, n: int = N) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        w = make(rnd)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]


_UPPER = "ABCDEGHIKLMNOPQRSTUVXYĐÂĂÊÔƠƯÁÀẢÃẠ"
_LOWER = "abcdeghiklmnopqrstuvxyđâăêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ"
_VI_SYLL = ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Hữu "
            "Đức Minh Anh Thành Cường Lương Hùng Dũng Quang Hải Nam Bắc Trung Tây Đông").split()


def hostile_inputs() -> dict[str, str]:
    """The kinds the issues name, at N = 200k characters each, and narrower variants at
    M = 50k (long enough for quadratic work to show as seconds, short enough to keep the
    file fast when every extractor meets its speed target)."""
    vi_marks = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
    return {
        # N = 200k
        "digits": _fill("1234567890"),
        "digits_seps_random": _random_text(1, "0123456789", seps=".,  -/:"),
        "spaces_and_punct": _random_text(2, " .,;:!?-–—…'\"/\\|*&#@", runs=(1, 30)),
        "long_word": _fill("a"),
        "caps_words": _words(3, lambda r: r.choice(_UPPER) + r.choice(_LOWER)),
        "all_caps_words": _words(4, lambda r: "".join(r.choice(_UPPER)
                                                      for _ in range(r.randint(2, 6)))),
        "vi_diacritics_line": _random_text(7, _LOWER + _UPPER, runs=(1, 7), seps=" " + vi_marks),
        "currency_symbols": _random_text(9, "$€£¥₫₩%‰", runs=(1, 8), seps=" 0123456789.,"),
        "nested_brackets": "(" * (N // 2) + ")" * (N // 2),
        # M = 50k
        "digits_seps_pattern": _fill("1.2,3 4-5/6 7.8,9 0-1/2 ", M),
        "dotted_number": "1" + _fill(".234", M - 1),
        "comma_number": "1" + _fill(",234", M - 1),
        "space_grouped_number": "1" + _fill(" 234", M - 1),
        "decimal_chain": _fill("1,5.2,5.3,5.", M),
        "spaces": " " * M,
        "long_word_mixed": _fill("Abc1Đươ2", M),
        "vi_name_syllables": _words(5, lambda r: r.choice(_VI_SYLL), M),
        "title_case_connectors": _words(6, lambda r: r.choice(
            ["Bank", "of", "the", "Ministry", "and", "Group", "Council", "for", "Ngân", "hàng",
             "Bộ", "Tập", "đoàn", "Ủy", "ban", "-", "&", "(APEC)", "Corp."]), M),
        "stray_combining_marks": _random_text(8, vi_marks + "a ", M, runs=(1, 12)),
        "currency_words": _fill("USD VND đồng $ US$ tỷ triệu billion million % phần trăm "
                                "per cent ", M),
        "percent_runs": _fill("5%%% 3,5 % % 7-8-9% ", M),
        "scale_chain_vi": _fill("1 tỷ 200 triệu 300 nghìn 5 trăm ", M),
        "spelled_numbers": _fill("một trăm hai mươi lăm nghìn one hundred and twenty-five "
                                 "thousand ", M),
        "range_chain": _fill("từ 5 đến 7 đến 9 - 11 – 13 to 15 and ", M),
        "date_chain": _fill("12/11/2024-13/11/2024 - 12-11-2024 ngày 12 tháng 11 năm 2024 ", M),
        "month_chain": _fill("November 12 – 16 Nov. 12-16, 2024 tháng 3/2024 quý II/2024 ", M),
        "mixed_brackets": _random_text(10, "([{<>}])", M, runs=(1, 20), seps=" a1"),
        "acronym_definitions": _words(12, lambda r: "{} {} ({})".format(
            r.choice(_VI_SYLL), r.choice(["Group", "Bank", "Corporation", "Hội", "Ủy ban"]),
            "".join(r.choice("ABCDEFGHIKLMNOPQRSTVXY") for _ in range(r.randint(2, 5)))), M),
        "title_chain": _fill("Chủ tịch nước Tổng thống President Mr. Bộ trưởng Minister ông bà "
                             "Ambassador Đại sứ ", M),
        "gazetteer_chain": _fill("Việt Nam Hoa Kỳ Mỹ United States U.S. Peru Lima Chile APEC "
                                 "ASEAN Viettel Ngân hàng Thế giới World Bank Hà Nội ", M),
        "zero_width_and_nbsp": _fill("1\u200b2\u00a03\ufeff4\u200d,5\u00a0%\u2009USD ", M),
    }


HOSTILE = hostile_inputs()
SINGLE = ["money", "percent", "date", "entity"]  # each extractor alone; "all" = the pipeline
REF = "2024-11-15"

# ------------------------------------------------------------------------------ machinery


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int, what: str):
    def on_alarm(signum, frame):
        raise Hang(f"{what} did not finish within {seconds} s (catastrophic backtracking?)")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    # If a C loop never returns to the interpreter, SIGALRM cannot interrupt it: dump the
    # stacks and exit the run instead of hanging CI.
    faulthandler.dump_traceback_later(seconds + 30, exit=True)
    try:
        yield
    finally:
        signal.alarm(0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, old)


_PIPES: dict[str, tuple[Pipeline, list]] = {}


def checked_pipeline(config: str) -> tuple[Pipeline, list]:
    """A pipeline whose extractors are wrapped to check each fact against the `doc.text`
    they were given; the wrapper records problems in the returned list."""
    if config not in _PIPES:
        types = parse_types(None if config == "all" else config)
        pipe = Pipeline(default_ruleset(), types)
        problems: list[str] = []
        wrapped = []
        for name, fn in getattr(pipe, "_extractors", []):
            wrapped.append((name, _checking(name, fn, problems)))
        if hasattr(pipe, "_extractors"):
            pipe._extractors = wrapped
        _PIPES[config] = (pipe, problems)
    return _PIPES[config]


def _checking(name, fn, problems):
    def run(doc):
        facts = fn(doc)
        text = doc.text
        for f in facts:
            if not (0 <= f.start <= f.end <= len(text)):
                problems.append(f"{name}: offsets {f.start}:{f.end} outside 0:{len(text)} "
                                f"({f.text!r})")
            elif text[f.start:f.end] != f.text:
                problems.append(f"{name}: doc.text[{f.start}:{f.end}] = "
                                f"{text[f.start:f.end]!r} but fact text is {f.text!r}")
            if f.type not in extractors.REGISTRY.get(name, ALL_TYPES):
                problems.append(f"{name}: fact type {f.type!r} it does not declare")
        return facts
    return run


def check(config: str, text: str, label: str, lang=None, reference_date=None) -> list:
    pipe, problems = checked_pipeline(config)
    problems.clear()
    with time_limit(LIMIT_S, f"{config} on {label}"):
        facts = pipe.run(text, lang=lang, reference_date=reference_date)
    bad = list(problems)
    for f in facts:
        if not (0 <= f.start < f.end <= len(text)):
            bad.append(f"pipeline: offsets {f.start}:{f.end} outside 0:{len(text)}")
        elif text[f.start:f.end] != f.text:
            bad.append(f"pipeline: text[{f.start}:{f.end}] = {text[f.start:f.end]!r} "
                       f"but fact text is {f.text!r}")
        if not f.text.strip():
            bad.append(f"pipeline: blank fact {f.type} at {f.start}:{f.end}")
        if config != "all" and f.type not in pipe.types:
            bad.append(f"pipeline: {f.type} fact from types={config}")
    assert not bad, f"{config} on {label}: " + "; ".join(bad[:5]) + (
        f" (+{len(bad) - 5} more)" if len(bad) > 5 else "")
    return facts


# ------------------------------------------------------------------------------ the tests


_DOCS: dict[str, tuple] = {}
_BUILT: dict[str, object] = {}


def hostile_doc(name: str):
    """The input normalized once, as two paragraphs: the first half labelled Vietnamese and
    the second English, so each extractor meets it under both number and name grammars
    (1.234,5 vs 1,234.5)."""
    if name not in _DOCS:
        text = HOSTILE[name]
        with time_limit(LIMIT_S, f"normalization of {name}"):
            norm = NormText(text)
        n = len(norm.text)
        half = n // 2
        _DOCS[name] = (norm, [(0, half, "vi"), (half, n, "en")])
    return _DOCS[name]


def extractor_for(config: str):
    """(module name, compiled callable) of the one extractor module that yields `config`."""
    (module,) = extractors.modules_for(parse_types(config))
    if module not in _BUILT:
        mod = extractors.load(module)
        _BUILT[module] = (module, mod.build(default_ruleset()))
    return _BUILT[module]


@pytest.mark.parametrize("config", SINGLE)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_extractor_alone_finishes_with_exact_offsets(name, config):
    norm, segments = hostile_doc(name)
    module, fn = extractor_for(config)
    doc = Doc(norm=norm, segments=segments, reference_date=parse_reference_date(REF),
              types=parse_types(config))
    problems: list[str] = []
    with time_limit(LIMIT_S, f"extractor {module} on {name}"):
        _checking(module, fn, problems)(doc)
    assert not problems, f"{module} on {name}: " + "; ".join(problems[:5])


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_all_types_together_finish_with_exact_offsets(name):
    text = HOSTILE[name]
    # Two paragraphs (the language is identified per paragraph), cut on a space if any.
    half = len(text) // 2
    cut = text.find(" ", half)
    cut = cut if 0 < cut < half + 1000 else half
    check("all", text[:cut] + "\n" + text[cut + 1:], name, reference_date=REF)


def test_long_runs_of_combining_marks_normalize_in_linear_time():
    """One run of combining marks of mixed classes (U+0300, U+0301, U+0323), 25k then 100k
    long. Four times the text may take at most eight times as long (plus half a second):
    linear work gives about four; canonical reordering of the whole run at once is quadratic
    (sixteen: ~0.6 s then ~9 s here, minutes for a megabyte)."""
    times = []
    for n in (25_000, 100_000):
        text = _fill("\u0300\u0301\u0323", n)
        t = time.perf_counter()
        facts = check("all", text, f"{n} combining marks")
        times.append(time.perf_counter() - t)
        assert all(f.type in ALL_TYPES for f in facts)
    assert times[1] < 8 * times[0] + 0.5, (
        f"100k combining marks took {times[1]:.2f} s vs {times[0]:.2f} s for 25k: superlinear")


def test_megabyte_of_number_noise_is_linear():
    """Issue 3: a megabyte of digits, dots, commas and spaces finishes in linear time in the
    number grammar (money and percent; the matrix above runs every type on 200k of the same).
    Four times the text may take at most eight times as long (plus a second of slack):
    linear work gives about four, quadratic sixteen."""
    big = _random_text(11, "0123456789", n=1_000_000, seps=".,  ")
    small = big[:250_000]
    t = time.perf_counter()
    check("money,percent", small, "250k number noise")
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    check("money,percent", big, "1M number noise")
    t_big = time.perf_counter() - t
    assert t_big < 8 * t_small + 1.0, (
        f"1M chars took {t_big:.2f} s vs {t_small:.2f} s for 250k: superlinear")


def test_long_title_case_run_is_linear_for_entities():
    """One unbroken run of capitalized words (a name-like sequence with no end) read by the
    entity extractor, 50k then 400k characters: eight times the text may take at most
    sixteen times as long (plus half a second). Per-word work that rescans the rest of the
    run is quadratic and shows here (64x), not at 200k, where the linear part still hides it."""
    module, fn = extractor_for("entity")
    big = _words(3, lambda r: r.choice(_UPPER) + r.choice(_LOWER), 400_000)
    times = []
    for n in (50_000, 400_000):
        norm = NormText(big[:n])
        size = len(norm.text)
        doc = Doc(norm=norm, segments=[(0, size // 2, "vi"), (size // 2, size, "en")],
                  types=parse_types("entity"))
        problems: list[str] = []
        t = time.perf_counter()
        with time_limit(LIMIT_S, f"{module} on {n} capitalized words"):
            _checking(module, fn, problems)(doc)
        times.append(time.perf_counter() - t)
        assert not problems, "; ".join(problems[:5])
    assert times[1] < 16 * times[0] + 0.5, (
        f"400k capitalized words took {times[1]:.2f} s vs {times[0]:.2f} s for 50k: superlinear")


def _seed_fragments() -> list[str]:
    frags: list[str] = []
    for p in sorted(SEEDS.glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        for i in range(0, len(t), 180):
            frags.append(t[i:i + 240])
    return frags or ["Chủ tịch nước Lương Cường, 1,3 tỷ USD, 5%, ngày 12-11-2024."]


_NOISE = ["\u0300", "\u0301", "\u0323", "\u0309", "\u0303", "\u0300\u0300", "\u200b", "\u200c",
          "\u200d", "\u00a0", "\ufeff", "\u00ad", "\u2009", "\u202f", "\n", "\n\n", " ", "-", "%",
          "$", "(", ")", ",", ".", "1", "\u0110", "\u0111"]


def _random_doc(rnd: random.Random, frags: list[str]) -> str:
    parts = [rnd.choice(frags) for _ in range(rnd.randint(1, 6))]
    # Cut fragments anywhere, even inside a word or a number.
    parts = [p[rnd.randint(0, len(p) // 3):] for p in parts]
    text = rnd.choice(["", "\ufeff", " date 2024-11-11 "]) + rnd.choice(["\n", " ", ""]).join(parts)
    chars = list(text)
    for _ in range(rnd.randint(0, max(1, len(chars) // rnd.choice([4, 15, 40])))):
        chars.insert(rnd.randint(0, len(chars)), rnd.choice(_NOISE))
    return "".join(chars)


def test_random_mixtures_keep_offsets_exact():
    """Seed-text fragments with combining marks, zero-width characters, no-break spaces and
    BOMs at random positions: every fact's offsets still slice out its text exactly."""
    frags = _seed_fragments()
    rnd = random.Random(20241111)
    found = 0
    for i in range(150):
        text = _random_doc(rnd, frags)
        lang = rnd.choice([None, None, "vi", "en"])
        ref = rnd.choice([None, "2024-11-11"])
        facts = check("all", text, f"random mixture #{i} ({text[:60]!r}...)", lang=lang,
                      reference_date=ref)
        found += len(facts)
        for f in facts:
            # A span never starts inside a character cluster (on a combining mark that
            # belongs to the character before it).
            if f.start > 0 and unicodedata.combining(text[f.start]) and \
                    not text[f.start - 1].isspace():
                pytest.fail(f"fact {f.type} {f.text!r} starts inside a cluster in mixture #{i}")


def test_random_single_extractors_keep_offsets_exact():
    frags = _seed_fragments()
    rnd = random.Random(7)
    for i in range(40):
        text = _random_doc(rnd, frags)
        for config in ("money", "percent", "date", "entity"):
            check(config, text, f"random mixture #{i}")
