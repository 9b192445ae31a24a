"""Percent extraction: values, points, ranges, qualifiers, non-facts, peers."""

from decimal import Decimal

import pytest

import factx
from factx.evaluate import evaluate, load_gold

from .conftest import shared_eval


def pct(text, lang):
    return [f for f in factx.extract(text, lang=lang, types="percent") if f.type == "percent"]


@pytest.mark.parametrize("text,lang,span,value,unit,qual", [
    ("(tăng 5% so với cùng kỳ 2023)", "vi", "5%", "5", "%", ""),
    ("lãi suất 3,5%/năm", "vi", "3,5%", "3.5", "%", ""),
    ("value surging 79.1 per cent from", "en", "79.1 per cent", "79.1", "%", ""),
    ("rose 4.5 percent", "en", "4.5 percent", "4.5", "%", ""),
    ("up 3.2 pct in May", "en", "3.2 pct", "3.2", "%", ""),
    ("năm phần trăm", "vi", "năm phần trăm", "5", "%", ""),
    ("twenty percent", "en", "twenty percent", "20", "%", ""),
    ("giảm 0,5 điểm phần trăm", "vi", "0,5 điểm phần trăm", "0.5", "pp", ""),
    ("fell 2 percentage points", "en", "2 percentage points", "2", "pp", ""),
    ("khoảng 10%", "vi", "khoảng 10%", "10", "%", "approx"),
    ("more than 15 per cent", "en", "more than 15 per cent", "15", "%", "over"),
    ("growth of 5pc", "en", "5pc", "5", "%", ""),
])
def test_percent_values(text, lang, span, value, unit, qual):
    fs = pct(text, lang)
    assert [(f.text, f.value, f.unit, f.qualifier) for f in fs] == [(span, Decimal(value), unit, qual)]


@pytest.mark.parametrize("text,lang,lo,hi", [
    ("5-7%", "en", "5", "7"), ("GDP tăng 6-6,5%", "vi", "6", "6.5"),
    ("từ 5% đến 7%", "vi", "5", "7"), ("between 5 and 7 percent", "en", "5", "7"),
])
def test_percent_ranges(text, lang, lo, hi):
    fs = pct(text, lang)
    assert len(fs) == 1 and fs[0].value == {"from": Decimal(lo), "to": Decimal(hi)}


def test_change_is_two_facts():
    fs = pct("lãi suất giảm từ 7% xuống 6,5%", "vi")
    assert [f.value for f in fs] == [Decimal(7), Decimal("6.5")]


@pytest.mark.parametrize("text,lang", [
    ("tăng gấp hai lần", "vi"), ("https://www.test.com/search?q=30%25%2020%", "en"),
    ("thành viên thứ 21", "vi"), ("35 năm", "vi"), ("the 30th anniversary", "en"),
])
def test_not_percent(text, lang):
    assert pct(text, lang) == []


def test_recognizers_percent():
    cases = load_gold(shared_eval("recognizers-percent-en.jsonl"))
    rep = dict(evaluate(cases, frozenset({"percent"})).rows())["percent"]
    assert rep["f1"] >= 1.0 and rep["strict_f1"] >= 1.0, rep
