"""English named entities on realistic dev passages (tests/data/entities_en_dev.txt): floors on
exact-span precision and recall per type, and single conventions of CoNLL-2003 / news copy.

Run as a script for the per-type table and the misses and extras:
    .venv/bin/python tests/test_entities_en.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

import factx

DEV = Path(__file__).resolve().parent / "data" / "entities_en_dev.txt"
_MARK = regex.compile(r"\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]")
_TYPES = {"PER": "person", "ORG": "org", "LOC": "location", "MISC": "misc"}


def load_dev(path: Path = DEV) -> list[tuple[str, set[tuple[int, int, str]]]]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        line = line.replace("\\n", "\n")
        out, gold, pos = [], set(), 0
        for m in _MARK.finditer(line):
            out.append(line[pos:m.start()])
            s = sum(len(x) for x in out)
            out.append(m.group(2))
            gold.add((s, s + len(m.group(2)), _TYPES[m.group(1)]))
            pos = m.end()
        out.append(line[pos:])
        docs.append(("".join(out), gold))
    return docs


def score(docs=None):
    docs = docs if docs is not None else load_dev()
    counts = {t: [0, 0, 0] for t in (*_TYPES.values(), "entity")}  # tp, gold, pred
    errors = []
    for text, gold in docs:
        pred = {(f.start, f.end, f.type) for f in factx.extract(text, lang="en", types="entity")}
        for t in _TYPES.values():
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            for k, n in ((0, len(g & p)), (1, len(g)), (2, len(p))):
                counts[t][k] += n
                counts["entity"][k] += n
        for s, e, t in sorted(gold - pred):
            errors.append(("miss", t, text[s:e], text))
        for s, e, t in sorted(pred - gold):
            errors.append(("extra", t, text[s:e], text))
    table = {}
    for t, (tp, g, p) in counts.items():
        pr = tp / p if p else 1.0
        rc = tp / g if g else 1.0
        table[t] = (g, p, pr, rc, 2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return table, errors


def test_dev_floors():
    table, _ = score()
    for t, floor in (("person", 0.85), ("org", 0.75), ("location", 0.85), ("misc", 0.7), ("entity", 0.8)):
        assert table[t][4] >= floor, (t, table[t])


if __name__ == "__main__":
    table, errors = score()
    print(f"{'type':9} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for t, (g, p, pr, rc, f1) in table.items():
        print(f"{t:9} {g:5d} {p:5d} {pr:6.3f} {rc:6.3f} {f1:6.3f}")
    if "--errors" in sys.argv:
        for kind, t, span, text in errors:
            print(f"{kind:5} {t:8} {span!r:35} | {text[:110]!r}")
