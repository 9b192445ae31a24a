"""Money extraction: values, units, qualifiers, ranges, non-facts, gold, hostile input (speed is
benchmarks/bench.py's job)."""

import time
from decimal import Decimal

import pytest

import factx
from factx.document import Doc
from factx.evaluate import evaluate, load_gold
from factx.rules import default_ruleset
from factx.textnorm import NormText

from .conftest import shared_eval


def money(text, lang):
    return [f for f in factx.extract(text, lang=lang, types="money") if f.type == "money"]


def one(text, lang):
    fs = money(text, lang)
    assert len(fs) == 1, fs
    return fs[0]


@pytest.mark.parametrize("text,lang,span,value,unit,qual", [
    ("đạt gần 1,3 tỷ USD (tăng 5%)", "vi", "gần 1,3 tỷ USD", 1300000000, "USD", "approx"),
    ("với số vốn hơn 1 tỷ USD.", "vi", "hơn 1 tỷ USD", 1000000000, "USD", "over"),
    ("giá 12.500 đồng", "vi", "12.500 đồng", 12500, "VND", ""),
    ("1 tỷ 200 triệu đồng", "vi", "1 tỷ 200 triệu đồng", 1200000000, "VND", ""),
    ("gói 120 nghìn tỷ đồng", "vi", "120 nghìn tỷ đồng", 120000000000000, "VND", ""),
    ("from US$353.78 million in 2016", "en", "US$353.78 million", 353780000, "USD", ""),
    ("bonds: $ 75 million of", "en", "$ 75 million", 75000000, "USD", ""),
    ("the item for USD 200.", "en", "USD 200", 200, "USD", ""),
    ("115USD", "en", "115USD", 115, "USD", ""),
    ("a €20m fund", "en", "€20m", 20000000, "EUR", ""),
    ("HK$ 3 bn", "en", "HK$ 3 bn", 3000000000, "HKD", ""),
    ("profit 12.5 mln dlrs", "en", "12.5 mln dlrs", 12500000, "USD", ""),
    ("1.2 billion stg", "en", "1.2 billion stg", 1200000000, "GBP", ""),
    ("it cost 3 dollars 50 cents.", "en", "3 dollars 50 cents", Decimal("3.5"), "USD", ""),
    ("invested over US$1 billion in Peru", "en", "over US$1 billion", 1000000000, "USD", "over"),
    ("A $5 million fine", "en", "$5 million", 5000000, "USD", ""),
    ("ít nhất 200 triệu đồng", "vi", "ít nhất 200 triệu đồng", 200000000, "VND", "at_least"),
    ("tối đa 5 triệu đồng", "vi", "tối đa 5 triệu đồng", 5000000, "VND", "at_most"),
    ("less than $2 million", "en", "less than $2 million", 2000000, "USD", "under"),
])
def test_money_values(text, lang, span, value, unit, qual):
    f = one(text, lang)
    assert (f.text, f.value, f.unit, f.qualifier) == (span, Decimal(value), unit, qual)
    assert isinstance(f.value, Decimal)


def test_exact_decimal_value():
    f = one("US$353.78 million", "en")
    assert f.to_dict()["value"] == 353780000 and isinstance(f.to_dict()["value"], int)


@pytest.mark.parametrize("text,lang,span,lo,hi,unit", [
    ("5-7 triệu USD", "vi", "5-7 triệu USD", 5000000, 7000000, "USD"),
    ("từ 5 đến 7 tỷ đồng", "vi", "từ 5 đến 7 tỷ đồng", 5000000000, 7000000000, "VND"),
    ("between $1 billion and $2 billion", "en", "between $1 billion and $2 billion", 10**9, 2 * 10**9, "USD"),
    ("a $1-2 billion deal", "en", "$1-2 billion", 10**9, 2 * 10**9, "USD"),
    ("giá 15.000-20.000 đồng/kg", "vi", "15.000-20.000 đồng", 15000, 20000, "VND"),
])
def test_ranges_are_one_fact(text, lang, span, lo, hi, unit):
    f = one(text, lang)
    assert f.text == span and f.unit == unit
    assert f.value == {"from": Decimal(lo), "to": Decimal(hi)}


def test_change_is_two_facts_and_unit_is_carried():
    fs = money("tổng kim ngạch tăng từ 354 triệu lên 600 triệu USD", "vi")
    assert [(f.text, f.value, f.unit) for f in fs] == [
        ("354 triệu", Decimal(354000000), "USD"), ("600 triệu USD", Decimal(600000000), "USD")]
    fs = money("from $353.78 million to $600 million", "en")
    assert [f.value for f in fs] == [Decimal(353780000), Decimal(600000000)]
    fs = money("tăng từ 5 đến 7 tỷ đồng", "vi")   # a verb of change: two amounts
    assert [f.value for f in fs] == [Decimal(5 * 10**9), Decimal(7 * 10**9)]


def test_list_carries_unit():
    fs = money("lần lượt 600 triệu, 486 triệu và 290 triệu USD", "vi")
    assert [(f.value, f.unit) for f in fs] == [(Decimal(600000000), "USD"), (Decimal(486000000), "USD"),
                                               (Decimal(290000000), "USD")]


@pytest.mark.parametrize("text,lang", [
    ("thành viên thứ 21", "vi"), ("35 năm", "vi"), ("30th anniversary", "en"),
    ("over 1,000 top business leaders", "en"), ("Directive 25-CT/TW", "en"),
    ("Gọi 0912.345.678", "vi"), ("version 1.2.3", "en"), ("hai đồng chí", "vi"),
    ("5 đô thị lớn", "vi"), ("xuất khẩu 5 triệu tấn gạo", "vi"), ("hàng trăm triệu USD", "vi"),
    ("the team won 3 games", "en"), ("a 737 MAX jet", "en"), ("COVID-19 cases", "en"),
    ("%203D%20CAD", "en"), ("He lost 20 pounds in three months.", "en"),
    ("The baby weighed 8 pounds.", "en"), ("a 5-pound bag of flour", "en"), ("10 pounds of rice", "en"),
])
def test_not_money(text, lang):
    assert money(text, lang) == []


def test_unit_by_paragraph_language():
    text = "Giá bán lẻ khoảng 1,375 USD cho mỗi chiếc máy.\n\nThe retail price is about $1,375 for each machine."
    fs = money(text, None)
    assert [f.value for f in fs] == [Decimal("1.375"), Decimal(1375)]


def test_seed_gold_money_percent_strict_f1():
    cases = load_gold(shared_eval("seeds.jsonl"))
    rep = dict(evaluate(cases, frozenset({"money", "percent"})).rows())
    for t in ("money", "percent"):
        assert rep[t]["strict_f1"] == 1.0, (t, rep[t])
        assert rep[t]["f1"] == 1.0, (t, rep[t])


# Value accuracy floors on the peer suites (measured; raise as the rules improve).
PEER_FLOORS = {
    "duckling-money-vi.jsonl": 1.0,
    "duckling-money-en.jsonl": 1.0,
    "recognizers-money-en.jsonl": 0.98,
}


@pytest.mark.parametrize("name", sorted(PEER_FLOORS))
def test_peer_suites(name):
    cases = load_gold(shared_eval(name))
    rep = dict(evaluate(cases, frozenset({"money"})).rows())["money"]
    assert rep["recall"] >= 0.98, rep
    assert rep["precision"] >= 0.98, rep
    assert rep["strict_f1"] >= PEER_FLOORS[name], rep


def _doc(text, lang="vi"):
    return Doc(norm=NormText(text), segments=[(0, len(text), lang)])


def test_hostile_input_is_linear():
    from factx.extractors import money as mod
    run = mod.build(default_ruleset())
    for text in ("1234567890" * 30_000, "1.2.3,4,5." * 30_000, "1 2 3 4 5 " * 30_000,
                 ("9,999.999,9 $ " * 20_000), ("1 tỷ 2 triệu USD $5 USD 5 " * 4_000),
                 "ABC DEF 12 " * 25_000):
        t = time.perf_counter()
        run(_doc(text))
        assert time.perf_counter() - t < 3.0, text[:30]


@pytest.mark.parametrize("text,span,value", [
    ("The airline lost 20 million pounds.", "20 million pounds", 20_000_000),
    ("Customers paid 5 pounds for a pint.", "5 pounds", 5),
    ("a ten-pound note", "ten-pound", 10),
    ("The firm lost £20 in fees.", "£20", 20),
])
def test_pound_weight_words_leave_money_alone(text, span, value):
    assert [(f.text, f.value) for f in factx.extract(text, lang="en", types="money")] == [(span, Decimal(value))]


@pytest.mark.parametrize("text,want", [
    ("Sales were 4.5 billion yuan, up from 3.9 billion.", [("4.5 billion yuan", "CNY"), ("3.9 billion", "CNY")]),
    ("Net profit rose to $2.1 billion from 1.8 billion a year earlier.",
     [("$2.1 billion", "USD"), ("1.8 billion", "USD")]),
    ("Revenue was 12.3 billion euros, compared with 11.9 billion.",
     [("12.3 billion euros", "EUR"), ("11.9 billion", "EUR")]),
    ("The $5 billion deal will serve 2 million customers.", [("$5 billion", "USD")]),
    ("The company raised $5 million. It has 3 million users.", [("$5 million", "USD")]),
    ("Output rose to 3 million tonnes from 2.5 million.", []),
])
def test_english_bare_amount_takes_the_sentences_currency(text, want):
    assert [(f.text, f.unit) for f in factx.extract(text, lang="en", types="money")] == want


@pytest.mark.parametrize("text,want", [
    ("Giá bán 1 triệu 2 mỗi chiếc.", [("1 triệu 2", Decimal(1_200_000))]),
    ("Ông bán căn nhà với giá 3 tỷ 5.", [("3 tỷ 5", Decimal(3_500_000_000))]),
    ("Công ty lãi 1 tỷ 2 năm liền.", [("1 tỷ", Decimal(1_000_000_000))]),   # "2 năm": two years
    ("Căn hộ có giá 2 tỷ 500 triệu đồng.", [("2 tỷ 500 triệu đồng", Decimal(2_500_000_000))]),
])
def test_vietnamese_colloquial_tail(text, want):
    assert [(f.text, f.value) for f in factx.extract(text, lang="vi", types="money")] == want


def test_user_rules_extend_the_currency_table(tmp_path):
    (tmp_path / "money").mkdir()
    (tmp_path / "money" / "currencies.toml").write_text(
        '[[currency]]\niso = "XBT"\nsymbols = ["₿"]\nnames = ["bitcoin", "bitcoins"]\n'
        'examples = [{ text = "2,5 bitcoin", lang = "vi", type = "money", value = 2.5, unit = "XBT" }]\n',
        encoding="utf-8")
    fs = factx.extract("Giá 2,5 bitcoin, khoảng 100 triệu USD", lang="vi", types="money", rules=(str(tmp_path),))
    assert [(f.text, f.value, f.unit) for f in fs] == [
        ("2,5 bitcoin", Decimal("2.5"), "XBT"), ("khoảng 100 triệu USD", Decimal(100000000), "USD")]
