"""Offsets exact on every seed, and accuracy floors on the seed gold (floors only go up)."""

import json

import pytest

import factx
from factx.evaluate import evaluate, load_gold

from .conftest import SEEDS, shared_eval


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_offsets_exact_on_seed(path):
    text = path.read_text(encoding="utf-8")
    facts = factx.extract(text)
    assert facts
    for f in facts:
        assert text[f.start:f.end] == f.text, f
        assert f.line == text.count("\n", 0, f.start) + 1


def test_seed_files_match_gold_texts():
    gold = [json.loads(line) for line in shared_eval("seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    files = sorted(SEEDS.glob("*.txt"))
    assert [g["text"] for g in gold] == [p.read_text(encoding="utf-8") for p in files]


# Measured figures the project has reached; raise them as the extractors improve.
FLOORS = {
    # type: (F1, value accuracy or strict F1 for entities)
    "money": (1.0, 1.0),
    "percent": (1.0, 1.0),
    "date": (0.97, 0.95),
    "entity": (0.0, 0.0),
}


def test_seed_gold_floors():
    cases = load_gold(shared_eval("seeds.jsonl"))
    rep = dict(evaluate(cases, frozenset(factx.ALL_TYPES)).rows())
    for t, (f1, second) in FLOORS.items():
        assert rep[t]["f1"] >= f1, (t, rep[t])
        assert rep[t]["strict_f1"] >= second, (t, rep[t])
