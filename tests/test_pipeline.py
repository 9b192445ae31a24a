import datetime as dt

import pytest

import factx
from factx.model import Fact
from factx.pipeline import _resolve, parse_types


def test_parse_types():
    assert parse_types("money, entity") == {"money", "person", "org", "location", "misc"}
    assert parse_types(None) == set(factx.ALL_TYPES)
    assert parse_types(["dates"]) == {"date"}
    with pytest.raises(ValueError, match="unknown fact type"):
        parse_types("money,colour")


def test_resolve_keeps_longest_per_layer_and_layers_may_overlap():
    a = Fact("money", 0, 10, "x" * 10)
    b = Fact("date", 5, 9, "2024")
    c = Fact("misc", 0, 12, "y" * 12)
    d = Fact("org", 0, 4, "APEC")
    got = _resolve([a, b, c, d])
    assert {(f.type, f.start) for f in got} == {("money", 0), ("misc", 0)}


def test_extract_documents_streams_mixed_inputs():
    docs = ["Giá 5 triệu đồng.", {"id": "x", "text": "It cost $5.", "lang": "en", "date": "2024-01-02"},
            factx.Document(text="Up 5%.", id="d")]
    out = list(factx.extract_documents(docs, types="money,percent"))
    assert [d.id for d, _ in out] == ["0", "x", "d"]
    assert out[1][0].reference_date == "2024-01-02"
    assert all(f.doc == d.id for d, fs in out for f in fs)


def test_extract_accepts_dates_and_rejects_bad_reference_date():
    factx.extract("Hôm qua", reference_date=dt.date(2024, 11, 11))
    with pytest.raises(ValueError):
        factx.extract("x", reference_date="11/11/2024 maybe")
