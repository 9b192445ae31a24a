"""The date extractor tries its patterns only where one may start: at digit runs that what
follows can continue (see DateExtractor._after_digits), at number words before a unit, at
whole holiday names. Those shortcuts must find every candidate that trying every pattern at
every digit run would find."""

import random

import regex

import factx
from factx.document import Doc
from factx.pipeline import get_pipeline, parse_types
from factx.textnorm import NormText

TOKENS = (
    "1 2 3 12 15 21 31 9 10 2024 1999 2020s 90s '90s 1st 2nd 3rd 4th 11th 15th 21st st th FY FY24 CY 24 Q3 q1 Q"
    " - – — / . , : ~ ( ) ' ’ h g giờ phút rưỡi kém sáng chiều tối am pm a.m. p.m. AM PM o'clock oclock in the"
    " morning tháng năm ngày tuần quý Giêng Chạp âm lịch Tết mùng mồng rằm đến tới và hết to until through thru"
    " till and of day days week weeks month months year years fortnight quarter quarters ago later earlier hence"
    " from now January Jan Jan. Feb March Mar May Sept Sep. November Nov. Dec December GMT ET UTC century s at"
    " around on by the next last this first second half H1 decade thập niên những các mid early late end hai ba"
    " two a an Christmas Easter Monday past minutes ten six H 1H25 3Q24 2Q đầu cuối giữa từ tài chính hôm mai"
    " kia nay sau trước qua tới in on by from between since the hai ba thángst"
).split()
GLUE = ["", " ", " ", " ", "  ", "\n", ", "]


def _extractor():
    return dict(get_pipeline(types=parse_types("date"))._extractors)["dates"]


def _every_digit_run(ex, text):
    by_len = ex.at_digit_len
    for m in regex.finditer(r"(?<!\d)\d+", text):
        if m.end() - m.start() in by_len:
            yield m.start(), by_len[m.end() - m.start()]
    low = " " + ex._NONWORD.sub(" ", text.lower()) + " "
    for end, w in ex.trigger.iter(low):
        if w in ex.at_word:   # (the " word next" keys only narrow what " word " tries)
            yield end - len(w) + 1, ex.at_word[w]


def test_digit_shortcuts_lose_no_candidate():
    ex = _extractor()
    rnd = random.Random(5)
    for _ in range(60):
        text = "".join(rnd.choice(TOKENS) + rnd.choice(GLUE) for _ in range(300))
        for lang in ("en", "vi"):
            doc = Doc(norm=NormText(text), segments=[(0, len(text), lang)], reference_date=None,
                      types=frozenset({"date"}))
            fast = sorted((c.start, c.end, c.rule) for c in ex.candidates(text, doc))
            ex._triggers = lambda t, years=None, ex=ex: _every_digit_run(ex, t)
            try:
                slow = sorted((c.start, c.end, c.rule) for c in ex.candidates(text, doc))
            finally:
                del ex._triggers
            assert fast == slow, set(fast) ^ set(slow)


def test_holidays_and_number_words_still_found():
    got = [(f.text, f.value) for f in factx.extract(
        "Last Christmas sales rose; two years ago, on Mother's Day and mothers day, hai năm trước.",
        lang="en", reference_date="2024-11-13", types="date")]
    assert ("Last Christmas", "2023-12-25") in got
    assert ("two years ago", "2022") in got
    assert ("Mother's Day", "2024-05-12") in got and ("mothers day", "2024-05-12") in got


def test_calendar_year_span_starts_at_cy():
    got = [(f.text, f.value) for f in factx.extract("Show sales in the cy 2008", lang="en", types="date")]
    assert got == [("cy 2008", "2008")]
