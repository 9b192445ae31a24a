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


def _resolve_reference(facts):
    """The plain definition: over all facts of a layer, longest first, then type priority,
    then earlier; keep a fact when it overlaps nothing kept."""
    from factx.model import ALL_TYPES, ENTITY_TYPES, VALUE_TYPES

    kept = []
    for layer in (VALUE_TYPES, ENTITY_TYPES):
        cands = sorted((f for f in facts if f.type in layer),
                       key=lambda f: (-(f.end - f.start), ALL_TYPES.index(f.type), f.start))
        mine = []
        for f in cands:
            if all(f.end <= g.start or g.end <= f.start for g in mine):
                mine.append(f)
        kept.extend(mine)
    return kept


def test_resolve_by_clusters_equals_the_plain_definition():
    import random

    rng = random.Random(7)
    types = ["money", "percent", "date", "person", "org", "location", "misc"]
    for _ in range(400):
        facts = []
        for _ in range(rng.randint(0, 25)):
            s = rng.randint(0, 60)
            facts.append(Fact(type=rng.choice(types), start=s, end=s + rng.randint(1, 12), text=""))
        got = sorted((f.start, f.end, f.type) for f in _resolve(list(facts)))
        want = sorted((f.start, f.end, f.type) for f in _resolve_reference(facts))
        assert got == want
