"""The number grammar shared by money and percent (factx.numbers)."""

import json
import time
from decimal import Decimal

import pytest

from factx.numbers import digits_value, parse_number

from .conftest import shared_eval


@pytest.mark.parametrize("text,lang,value", [
    ("1.234.567,89", "vi", "1234567.89"),
    ("1,234,567.89", "en", "1234567.89"),
    ("12.500", "vi", "12500"),
    ("1,3 tỷ", "vi", "1300000000"),
    ("1 tỷ 200 triệu", "vi", "1200000000"),
    ("5 nghìn tỷ", "vi", "5000000000000"),
    ("1 triệu rưỡi", "vi", "1500000"),
    ("353.78 million", "en", "353780000"),
    ("12.5 mln", "en", "12500000"),
    ("1.2bn", "en", "1200000000"),
    ("20m", "en", "20000000"),
    ("một trăm hai mươi lăm", "vi", "125"),
    ("mười lăm", "vi", "15"),
    ("hai mươi mốt", "vi", "21"),
    ("một trăm linh năm", "vi", "105"),
    ("hai mươi mốt nghìn không trăm mười một", "vi", "21011"),
    ("nửa triệu", "vi", "500000"),
    ("twenty-five", "en", "25"),
    ("one hundred and five", "en", "105"),
    ("a million", "en", "1000000"),
    ("half a billion", "en", "500000000"),
    ("three quarters billion", "en", "750000000"),
    ("1 phẩy 5", "vi", "1.5"),
    ("one point three", "en", "1.3"),
    ("âm 1.200.000", "vi", "-1200000"),
    ("- 1.200.000", "vi", "-1200000"),
])
def test_parse_number(text, lang, value):
    assert parse_number(text, lang) == Decimal(value)


def test_exact_decimal_no_float_noise():
    v = parse_number("353.78 million", "en")
    assert str(v.quantize(Decimal(1))) == "353780000" and v == Decimal("353780000")


@pytest.mark.parametrize("s,comma,scaled,value", [
    ("1,300", False, False, "1300"),      # en grouping
    ("1.300", True, False, "1300"),       # vi grouping
    ("1,300", True, False, "1300"),       # vi, trailing zero, no scale: grouping
    ("1,375", True, False, "1.375"),      # vi decimal comma
    ("1.375", False, True, "1.375"),      # en "1.375 billion"
    ("1.375", True, True, "1375"),        # vi "1.375 tỷ": grouping dot
    ("3,5", False, False, "3.5"),         # never grouping with one digit after
    ("0,77", True, False, "0.77"),
])
def test_digits_by_locale(s, comma, scaled, value):
    assert digits_value(s, comma, scaled) == Decimal(value)


@pytest.mark.parametrize("text", ["1.2.3", "0912.345.678", "and", "", "abc", "triệu"])
def test_not_numbers(text):
    assert parse_number(text, "vi") is None


def test_duckling_number_vi_gold():
    cases = [json.loads(l) for l in shared_eval("duckling-number-vi.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    facts = [(f, c["lang"]) for c in cases for f in c["facts"] if f["type"] == "number"]
    assert facts
    bad = [(f["text"], f["value"], parse_number(f["text"], lang)) for f, lang in facts
           if parse_number(f["text"], lang) != Decimal(str(f["value"]))]
    assert not bad, bad


def test_hostile_number_strings_are_linear():
    from factx.numbers import number_grammar
    ng = number_grammar()
    for s in ("1" * 300_000, "1." * 150_000, "1," * 150_000, "1 " * 150_000):
        t = time.perf_counter()
        ng.parse(s, "vi")
        assert time.perf_counter() - t < 2.0
