"""factx snapshot / factx check: drift against a baseline and consistency across documents."""

import json
import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factx import check as ck
from factx.cli import app
from factx.model import Fact
from factx.rules import default_ruleset

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_VI = "000_68b85130a4bd024d.txt"
SEED_EN = "002_26350e17c78c9bd7.txt"

DOC = """Hội nghị khai mạc ngày 12-11-2024 tại Lima.

Năm 2022, hai nước ký hiệp định thương mại.

The summit closed on November 16, 2024 in Lima.
"""


def run(*args, env=None):
    runner = CliRunner()
    return runner.invoke(app, [str(a) for a in args], env=env or {"CI": ""}, catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A document set with its snapshot in a sub-directory; the cwd is elsewhere."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC, encoding="utf-8")
    (docs / "b.md").write_text("Năm 2016, quan hệ hai nước phát triển.\n", encoding="utf-8")
    lock = tmp_path / "ci" / "facts.lock"
    monkeypatch.chdir(tmp_path)
    r = run("snapshot", "docs", "-o", lock, "--types", "date")
    assert r.exit_code == 0, r.stderr
    assert "wrote" in r.stderr
    return tmp_path, docs, lock


def lock_records(lock: Path):
    lines = lock.read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(x) for x in lines[1:]]


# --- snapshot --------------------------------------------------------------------------------


def test_snapshot_is_sorted_relative_and_one_fact_a_line(corpus):
    root, docs, lock = corpus
    meta, recs = lock_records(lock)
    assert meta["factx-lock"] == 1 and meta["types"] == ["date"]
    assert meta["files"] == ["../docs/a.txt", "../docs/b.md"]
    assert {r["doc"] for r in recs} == {"../docs/a.txt", "../docs/b.md"}
    texts = [(r["doc"], r["text"], r["value"]) for r in recs]
    assert ("../docs/a.txt", "Năm 2022", "2022") in texts
    assert ("../docs/a.txt", "ngày 12-11-2024", "2024-11-12") in texts
    assert all(set(r) == {"doc", "line", "type", "text", "value", "unit", "qualifier"} for r in recs)
    assert "start" not in lock.read_text(encoding="utf-8")  # offsets are not part of a snapshot
    keys = [(r["doc"], r["line"]) for r in recs]
    assert keys == sorted(keys)
    # deterministic: a second snapshot is byte-identical
    first = lock.read_bytes()
    assert run("snapshot", "docs", "-o", lock, "--types", "date").exit_code == 0
    assert lock.read_bytes() == first


def test_snapshot_to_stdout(corpus):
    root, docs, lock = corpus
    r = run("snapshot", "docs/a.txt", "--types", "date")
    assert r.exit_code == 0
    first = json.loads(r.stdout.splitlines()[0])
    assert first["files"] == ["docs/a.txt"]
    assert any(json.loads(x)["text"] == "Năm 2022" for x in r.stdout.splitlines()[1:])


# --- drift -----------------------------------------------------------------------------------


def test_no_drift(corpus):
    root, docs, lock = corpus
    r = run("check", "docs", "--baseline", lock)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "no drift" in r.stdout
    assert r.stderr == ""


def test_no_drift_from_another_directory_without_paths(corpus, monkeypatch):
    root, docs, lock = corpus
    monkeypatch.chdir(docs)  # anywhere: the lock lists its files relative to itself
    r = run("check", "--baseline", lock)
    assert r.exit_code == 0, r.stdout + r.stderr
    r = run("check", ".", "--baseline", lock)
    assert r.exit_code == 0, r.stdout + r.stderr


def test_moved_paragraph_is_not_drift(corpus):
    root, docs, lock = corpus
    paras = DOC.strip().split("\n\n")
    (docs / "a.txt").write_text("\n\n".join([paras[2], paras[0], "", paras[1]]) + "\n", encoding="utf-8")
    r = run("check", "docs", "--baseline", lock)
    assert r.exit_code == 0, r.stdout
    assert "no drift" in r.stdout


def test_changed_added_removed(corpus):
    root, docs, lock = corpus
    text = DOC.replace("Năm 2022", "Năm 2021")  # changed
    text = text.replace("The summit closed on November 16, 2024 in Lima.\n", "")  # removed
    text += "\nThe next meeting is planned for March 3, 2025.\n"  # added
    (docs / "a.txt").write_text(text, encoding="utf-8")
    r = run("check", "docs", "--baseline", lock)
    assert r.exit_code == 1
    out = r.stdout
    assert "drift against" in out
    assert "changed" in out and "'Năm 2022' = 2022 -> 'Năm 2021' = 2021" in out
    assert "docs/a.txt:3" in out
    assert "added" in out and "March 3, 2025" in out and "2025-03-03" in out
    assert "removed" in out and "November 16, 2024" in out
    assert "3 differences (1 changed, 1 added, 1 removed)" in out
    assert r.stderr == ""
    assert "\x1b[" not in out  # no colour when standard output is not a terminal


def test_removed_document_and_value_change_same_text(corpus):
    root, docs, lock = corpus
    (docs / "b.md").unlink()
    r = run("check", "docs", "--baseline", lock, "--format", "json")
    assert r.exit_code == 1
    rep = json.loads(r.stdout)
    assert rep["ok"] is False
    assert [x["text"] for x in rep["drift"]["removed"]] == ["Năm 2016"]
    assert rep["drift"]["added"] == [] and rep["drift"]["changed"] == []


def test_same_text_new_value_is_a_change():
    base = [ck.Record("d.txt", 3, "money", "600 triệu USD", 600000000, "USD")]
    cur = [ck.Record("d.txt", 9, "money", "600 triệu USD", 6000000000, "USD")]
    d = ck.diff(base, cur)
    assert not d.added and not d.removed and len(d.changed) == 1
    assert ck.diff(base, [ck.Record("d.txt", 9, "money", "600 triệu USD", Decimal("6E+8"), "USD")]).count == 0


def test_repeated_facts_count_as_a_multiset():
    def rec(line):
        return ck.Record("d.txt", line, "date", "APEC 2024", "2024", "year")

    assert not ck.diff([rec(1), rec(5)], [rec(2), rec(9)])  # both moved
    d = ck.diff([rec(1), rec(5)], [rec(7)])
    assert len(d.removed) == 1 and not d.added and not d.changed
    d = ck.diff([rec(1)], [rec(1), rec(4)])
    assert [r.line for r in d.added] == [4]


def test_github_annotations(corpus):
    root, docs, lock = corpus
    (docs / "a.txt").write_text(DOC.replace("Năm 2022", "Năm 2021"), encoding="utf-8")
    r = run("check", "docs", "--baseline", lock, "--format", "github")
    assert r.exit_code == 1
    lines = [x for x in r.stdout.splitlines() if x.startswith("::error ")]
    assert len(lines) == 1
    assert lines[0].startswith("::error file=docs/a.txt,line=3,title=factx%3A fact changed::")
    assert "Năm 2021" in lines[0] and "Năm 2022" in lines[0]


def test_update_rewrites_baseline_but_not_silently_under_ci(corpus):
    root, docs, lock = corpus
    (docs / "a.txt").write_text(DOC.replace("Năm 2022", "Năm 2021"), encoding="utf-8")
    before = lock.read_text(encoding="utf-8")
    r = run("check", "docs", "--baseline", lock, "--update", env={"CI": "true"})
    assert r.exit_code == 2
    assert "refusing to --update" in r.stderr and "CI" in r.stderr
    assert lock.read_text(encoding="utf-8") == before
    r = run("check", "docs", "--baseline", lock, "--update")
    assert r.exit_code == 0, r.stderr
    assert "updated" in r.stderr and "changed" in r.stdout  # says what it accepted
    assert run("check", "docs", "--baseline", lock).exit_code == 0
    _, recs = lock_records(lock)
    assert any(x["text"] == "Năm 2021" for x in recs)
    # --force is the explicit way to update under CI
    (docs / "a.txt").write_text(DOC, encoding="utf-8")
    assert run("check", "docs", "-b", lock, "-u", "--force", env={"CI": "1"}).exit_code == 0
    assert run("check", "docs", "--baseline", lock).exit_code == 0


def test_update_creates_a_missing_baseline(corpus):
    root, docs, lock = corpus
    new = root / "other" / "new.lock"
    r = run("check", "docs", "--baseline", new, "--update", "--types", "date")
    assert r.exit_code == 0, r.stderr
    # the same directory depth as the first lock: the same content
    assert new.read_text(encoding="utf-8") == lock.read_text(encoding="utf-8")
    assert run("check", "--baseline", new).exit_code == 0


def test_jsonl_input_documents_keep_their_ids(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "set.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Năm 2022, hai nước ký hiệp định."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    assert run("snapshot", "set.jsonl", "-o", "facts.lock", "--types", "date").exit_code == 0
    _, recs = lock_records(tmp_path / "facts.lock")
    assert [r["doc"] for r in recs] == ["set.jsonl#r1"]
    assert run("check", "set.jsonl", "-b", "facts.lock").exit_code == 0


# --- bad inputs and options ------------------------------------------------------------------


def test_usage_errors_exit_2(corpus):
    root, docs, lock = corpus
    for args, needle in [
        (["check", "docs"], "nothing to check"),
        (["check", "docs", "-b", "nope.lock"], "no such baseline"),
        (["check", "docs", "-b", lock, "--format", "xml"], "--format"),
        (["check", "docs", "--consistency", "--tolerance", "lots"], "--tolerance"),
        (["check", "docs", "--consistency", "--tolerance", "150%"], "--tolerance"),
        (["check", "docs", "--consistency", "--types", "date"], "money and percent"),
        (["check", "docs", "--update", "--consistency"], "--update needs --baseline"),
        (["check", "docs", "-b", lock, "--lang", "fr"], "--lang"),
        (["snapshot", "docs", "--types", "bogus"], "unknown fact type"),
    ]:
        r = run(*args)
        assert r.exit_code == 2, (args, r.stdout, r.stderr)
        assert needle in r.stderr, (args, r.stderr)
        assert r.stderr.startswith("factx: error:")
        assert "Traceback" not in r.stderr


def test_unreadable_inputs_exit_1(corpus):
    root, docs, lock = corpus
    (docs / "bad.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    r = run("check", "docs", "missing.txt", "--baseline", lock)
    assert r.exit_code == 1
    err = r.stderr.splitlines()
    assert any(x.startswith("factx: missing.txt:") and "no such file" in x for x in err)
    assert any("bad.txt" in x for x in err)
    assert "Traceback" not in r.stderr
    # a snapshot with an unreadable input is not written
    out = root / "partial.lock"
    r = run("snapshot", "docs", "missing.txt", "-o", out, "--types", "date")
    assert r.exit_code == 1 and not out.exists()
    assert "snapshot not written" in r.stderr


def test_malformed_baseline_exit_1(corpus):
    root, docs, lock = corpus
    bad = root / "bad.lock"
    bad.write_text("this is not json\n", encoding="utf-8")
    r = run("check", "docs", "--baseline", bad)
    assert r.exit_code == 1
    assert r.stderr.startswith("factx: error:") and "bad.lock" in r.stderr


# --- consistency: intervals ------------------------------------------------------------------


def _f(text, value, unit="USD", qualifier="", type_="money"):
    return Fact(type_, 0, len(text), text, Decimal(str(value)), unit, qualifier)


def test_written_precision():
    assert ck.half_unit("354 triệu USD", Decimal(354000000)) == Decimal(500000)
    assert ck.half_unit("1,3 tỷ USD", Decimal(1300000000)) == Decimal(50000000)
    assert ck.half_unit("US$353.78 million", Decimal("353780000")) == Decimal(5000)
    assert ck.half_unit("5%", Decimal(5)) == Decimal("0.5")
    assert ck.half_unit("79.1 per cent", Decimal("79.1")) == Decimal("0.05")
    assert ck.half_unit("nửa tỷ đồng", Decimal(500000000)) == 0


def _agree(a: Fact, b: Fact, tol="1%") -> bool:
    approx = ck.vocab_for(default_ruleset()).approx
    figs = []
    for i, f in enumerate((a, b)):
        lo, hi = ck.interval(f, approx)
        figs.append(ck.Figure(f, f"d{i}", "trade", ("Peru", "Vietnam"), "2016", lo, hi))
    return not ck.find_conflicts(figs, ck.parse_tolerance(tol)).conflicts


def test_intervals_agree_as_a_reader_reads_them():
    assert _agree(_f("354 triệu USD", 354e6, qualifier="approx"), _f("US$353.78 million", "353780000"))
    assert _agree(_f("354 triệu USD", 354e6), _f("US$353.78 million", "353780000"), tol="0%")
    assert _agree(_f("1 tỷ USD", 1e9, qualifier="over"), _f("$1.2 billion", 1.2e9))
    assert _agree(_f("1,3 tỷ USD", 1.3e9), _f("$1.27 billion", 1.27e9), tol="0%")
    assert not _agree(_f("700 triệu USD", 700e6), _f("$600 million", 600e6))
    assert not _agree(_f("1 tỷ USD", 1e9, qualifier="over"), _f("$0.8 billion", 0.8e9))
    assert not _agree(_f("1 tỷ USD", 1e9, qualifier="under"), _f("$1.2 billion", 1.2e9))
    assert _agree(_f("$600 million", 600e6), _f("$605 million", 605e6), tol="1%")
    assert not _agree(_f("$600 million", 600e6), _f("$620 million", 620e6), tol="1%")


def test_tolerance_parsing():
    assert ck.parse_tolerance("1%") == Decimal("0.01")
    assert ck.parse_tolerance("0.02") == Decimal("0.02")
    for bad in ("", "x", "-1%", "1", "100%"):
        with pytest.raises(ValueError):
            ck.parse_tolerance(bad)


# --- consistency: context (hand-built facts, independent of the extractors) -------------------


def _at(text, span, type_, value, unit="", qualifier="", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    v = Decimal(str(value)) if type_ in ("money", "percent") else value
    return Fact(type_, start, start + len(span), span, v, unit, qualifier, line=1)


VI = ("Việt Nam và Peru thiết lập quan hệ ngoại giao ngày 14-11-1994. Hiện Đại sứ Việt Nam tại "
      "Brazil kiêm nhiệm Peru.\nTrong hơn 5 năm (từ 2016-2022), tổng kim ngạch thương mại hai "
      "chiều đã tăng từ gần 354 triệu USD (2016) lên 600 triệu USD (năm 2022); năm 2023 đạt "
      "486 triệu USD.\nViệt Nam xuất khẩu sang Chile đạt 900 triệu USD trong năm 2022.")
EN = ("Besides, Việt Nam and Peru are members of the UN.\nThe bilateral trade relationship has "
      "shown remarkable growth, with value surging 79.1 per cent from US$353.78 million in 2016 "
      "to $600 million in 2022 and reaching $486 million in 2023.")


def _vi_facts(text, figure="600 triệu USD", value=600e6):
    return [
        _at(text, "14-11-1994", "date", "1994-11-14", "day"),
        _at(text, "2016-2022", "date", "2016/2022", "year"),
        _at(text, "354 triệu USD", "money", 354e6, "USD", "approx"),
        _at(text, "2016", "date", "2016", "year", nth=1),
        _at(text, figure, "money", value, "USD"),
        _at(text, "năm 2022", "date", "2022", "year"),
        _at(text, "năm 2023", "date", "2023", "year"),
        _at(text, "486 triệu USD", "money", 486e6, "USD"),
        _at(text, "900 triệu USD", "money", 900e6, "USD"),
        _at(text, "năm 2022", "date", "2022", "year", nth=1),
    ]


def _en_facts(text):
    return [
        _at(text, "79.1 per cent", "percent", "79.1", "%"),
        _at(text, "US$353.78 million", "money", "353780000", "USD"),
        _at(text, "2016", "date", "2016", "year"),
        _at(text, "$600 million", "money", 600e6, "USD"),
        _at(text, "2022", "date", "2022", "year"),
        _at(text, "$486 million", "money", 486e6, "USD"),
        _at(text, "2023", "date", "2023", "year"),
    ]


def test_context_measure_entities_period():
    vocab = ck.vocab_for(default_ruleset())
    vi = {f.fact.text: f for f in ck.figures_of(VI, _vi_facts(VI), "vi.txt", vocab)}
    en = {f.fact.text: f for f in ck.figures_of(EN, _en_facts(EN), "en.txt", vocab)}
    # "hai chiều" / "bilateral": the pair of countries of the nearest sentence naming two
    for fig, period in ((vi["354 triệu USD"], "2016"), (vi["600 triệu USD"], "2022"),
                        (vi["486 triệu USD"], "2023"), (en["US$353.78 million"], "2016"),
                        (en["$600 million"], "2022"), (en["$486 million"], "2023")):
        assert (fig.measure, fig.entities, fig.period) == ("trade", ("Peru", "Vietnam"), period), fig
    # exports are directed: Vietnam's exports to Chile
    assert (vi["900 triệu USD"].measure, vi["900 triệu USD"].entities) == ("exports", ("Vietnam", "Chile"))
    # a growth rate is a change of its measure; no period of its own here
    assert en["79.1 per cent"].measure == "trade/change" and en["79.1 per cent"].period is None
    # "US$" is a currency, not the United States
    assert all("United States" not in f.entities for f in en.values())


def test_consistency_on_hand_built_facts_and_a_planted_conflict():
    vocab = ck.vocab_for(default_ruleset())
    tol = Decimal("0.01")
    en = ck.figures_of(EN, _en_facts(EN), "en.txt", vocab)
    ok = ck.find_conflicts(ck.figures_of(VI, _vi_facts(VI), "vi.txt", vocab) + en, tol)
    assert ok.conflicts == [] and ok.groups == 3 and ok.compared == 6
    vi2 = VI.replace("lên 600 triệu USD", "lên 700 triệu USD")
    facts = _vi_facts(vi2, "700 triệu USD", 700e6)
    bad = ck.find_conflicts(ck.figures_of(vi2, facts, "vi.txt", vocab) + en, tol)
    assert len(bad.conflicts) == 1
    c = bad.conflicts[0]
    assert {f.fact.text for f in c.figures} == {"700 triệu USD", "$600 million"}
    assert c.describe() == "trade · Peru, Vietnam · 2022 · USD"
    # never across currencies
    vnd = [f if f.text != "600 triệu USD" else f.with_(unit="VND") for f in _vi_facts(VI)]
    assert not ck.find_conflicts(ck.figures_of(VI, vnd, "vi.txt", vocab) + en, tol).conflicts


def test_context_is_fast_on_hostile_input():
    vocab = ck.vocab_for(default_ruleset())
    text = ("1,2. 3, 4 Việt Nam, Peru, US$ 5.6, trade, tăng; " * 4000)[:200_000]
    facts = [Fact("money", i, i + 3, text[i:i + 3], Decimal(1), "USD")
             for i in range(0, len(text) - 3, 50)]
    t = time.perf_counter()
    figs = ck.figures_of(text, facts, "x", vocab)
    ck.find_conflicts(figs, Decimal("0.01"))
    assert time.perf_counter() - t < 5
    assert len(figs) == len(facts)


# --- consistency on the seeds (needs the money and date extractors) --------------------------


def _extractors_ready():
    import factx

    try:
        money = factx.extract("Năm 2022 đạt 600 triệu USD.", types="money,date")
    except Exception as e:  # an extractor being rewritten
        pytest.skip(f"extractors not usable yet ({type(e).__name__}: {e})")
    if not any(f.type == "money" for f in money) or not any(f.type == "date" for f in money):
        pytest.skip("money/date extractors not available yet")


def test_seeds_are_consistent():
    _extractors_ready()
    r = run("check", "--consistency", SEEDS, "--format", "json")
    assert r.exit_code == 0, r.stdout
    rep = json.loads(r.stdout)
    assert rep["ok"] is True and rep["consistency"]["conflicts"] == []
    # the 2016/2022/2023 trade figures of seeds 000 and 002 were compared
    assert rep["consistency"]["groups"] >= 2
    r = run("check", "--consistency", SEEDS)
    assert r.exit_code == 0 and "0 conflicts" in r.stdout


def test_planted_cross_language_conflict(tmp_path):
    _extractors_ready()
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    vi = tmp_path / SEED_VI
    text = vi.read_text(encoding="utf-8")
    assert "lên 600 triệu USD" in text
    vi.write_text(text.replace("lên 600 triệu USD", "lên 700 triệu USD"), encoding="utf-8")
    r = run("check", "--consistency", tmp_path)
    assert r.exit_code == 1
    assert "conflict: trade · Peru, Vietnam · 2022 · USD" in r.stdout
    assert "700 triệu USD" in r.stdout and "$600 million" in r.stdout
    assert "1 conflict " in r.stdout
    r = run("check", "--consistency", tmp_path, "--format", "github")
    assert r.exit_code == 1
    errs = [x for x in r.stdout.splitlines() if x.startswith("::error file=")]
    assert len(errs) == 2
    assert any(SEED_VI in x and "line=6" in x for x in errs)
    assert any(SEED_EN in x for x in errs)
    r = run("check", "--consistency", tmp_path, "--format", "json")
    conf = json.loads(r.stdout)["consistency"]["conflicts"]
    assert len(conf) == 1 and conf[0]["measure"] == "trade" and conf[0]["period"] == "2022"
    # a wide enough tolerance accepts it
    assert run("check", "--consistency", tmp_path, "--tolerance", "20%").exit_code == 0


NEWS_VI = """Năm 2023, kim ngạch xuất khẩu của Việt Nam sang Hoa Kỳ đạt 97 tỷ USD, trong khi nhập khẩu từ Hoa Kỳ đạt 13,8 tỷ USD. Kim ngạch thương mại Việt Nam - Trung Quốc năm 2023 đạt 171 tỷ USD.

Theo Tổng cục Thống kê, GDP của Việt Nam năm 2023 tăng 5,05%, lạm phát bình quân ở mức 3,25%. Vốn FDI đăng ký vào Việt Nam trong năm 2023 đạt 36,6 tỷ USD, tăng 32,1% so với năm 2022.
Kim ngạch xuất khẩu rau quả của Việt Nam sang Trung Quốc năm 2023 đạt 3,5 tỷ USD.
"""
NEWS_EN = """In 2023, Vietnam's exports to the US reached $97 billion, while imports from the US were $13.8 billion. Trade between Vietnam and China hit $171.2 billion in 2023, and China's exports to Vietnam were $111.6 billion in 2023.

Vietnam's GDP grew 5.05% in 2023, and inflation averaged 3.25 per cent. Registered FDI into Vietnam totalled $36.6 billion in 2023, up 32.1 per cent from 2022.
Vietnam's exports to China in 2023 reached $61 billion, and rice exports to China were $0.6 billion in 2023.
"""


def test_news_pair_agrees_and_narrower_measures_are_not_compared(tmp_path):
    """Exports of one product, exports in the other direction, another pair of countries: not
    the same measure, so not a conflict; the figures that are the same do get compared."""
    _extractors_ready()
    (tmp_path / "vi.txt").write_text(NEWS_VI, encoding="utf-8")
    (tmp_path / "en.txt").write_text(NEWS_EN, encoding="utf-8")
    r = run("check", "--consistency", tmp_path, "--format", "json")
    rep = json.loads(r.stdout)
    assert r.exit_code == 0, rep["consistency"]["conflicts"]
    assert rep["consistency"]["groups"] >= 4
    by_text = {f["text"]: f for f in rep["consistency"]["figures"]}
    fruit = next(f for t, f in by_text.items() if "3,5" in t)
    assert fruit["measure"] == "exports:fruit"
    usd97 = next(f for t, f in by_text.items() if "$97" in t)
    assert (usd97["measure"], usd97["entities"], usd97["period"]) == ("exports", ["Vietnam", "United States"], "2023")
    (tmp_path / "en.txt").write_text(NEWS_EN.replace("$97 billion", "$79 billion"), encoding="utf-8")
    r = run("check", "--consistency", tmp_path)
    assert r.exit_code == 1
    assert "conflict: exports · Vietnam, United States · 2023 · USD" in r.stdout


def test_undated_figures_are_compared_only_on_request():
    approx = ck.vocab_for(default_ruleset()).approx
    figs = []
    for doc, f in (("a", _f("hơn 1 tỷ USD", 1e9, qualifier="over")), ("b", _f("$0.7 billion", 0.7e9))):
        lo, hi = ck.interval(f, approx)
        figs.append(ck.Figure(f, doc, "investment", ("Vietnam", "Peru"), None, lo, hi))
    assert ck.find_conflicts(figs, Decimal("0.01")).groups == 0
    res = ck.find_conflicts(figs, Decimal("0.01"), undated=True)
    assert res.groups == 1 and len(res.conflicts) == 1
    assert res.conflicts[0].describe() == "investment · Vietnam, Peru · no period · USD"


@pytest.mark.parametrize("with_2023", [True, False])
def test_figures_paired_with_periods_respectively_get_no_guessed_period(with_2023):
    """"năm 2022 và 2023 lần lượt đạt 600 và 486 triệu USD": neither figure takes 2022 (nor
    2023), whether or not the date extractor found the bare "2023"."""
    vocab = ck.vocab_for(default_ruleset())
    for text in ("Kim ngạch thương mại Việt Nam - Peru năm 2022 và 2023 lần lượt đạt 600 triệu USD "
                 "và 486 triệu USD.",
                 "Kim ngạch thương mại Việt Nam - Peru năm 2022 và 2023 đạt 600 triệu USD "
                 "và 486 triệu USD."):
        facts = [_at(text, "năm 2022", "date", "2022", "year"),
                 _at(text, "600 triệu USD", "money", 600e6, "USD"),
                 _at(text, "486 triệu USD", "money", 486e6, "USD")]
        if with_2023:
            facts.append(_at(text, "2023", "date", "2023", "year"))
        figs = ck.figures_of(text, facts, "x", vocab)
        assert [f.period for f in figs] == [None, None], text
        assert all(f.measure == "trade" for f in figs)
        if "lần lượt" in text:  # which figure goes with what is a matter of order
            assert all(f.entities == () for f in figs)
        else:
            assert all(f.entities == ("Peru", "Vietnam") for f in figs)


def test_phrasings_of_the_same_figures_group_together(tmp_path):
    _extractors_ready()
    (tmp_path / "a.txt").write_text(
        "Two-way trade between Vietnam and Peru reached US$600 million in 2022, according to "
        "the ministry.\nVietnam-Peru trade turnover hit 486 million USD in 2023.\n"
        "In the first nine months of 2024, Vietnam's GDP expanded by 6.82 percent.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Thương mại song phương Việt Nam - Peru đạt 600 triệu USD năm 2022.\n"
        "Năm 2023, kim ngạch thương mại giữa hai nước đạt 486 triệu USD.\n"
        "Tăng trưởng GDP 9 tháng năm 2024 của Việt Nam đạt 6,82%.\n", encoding="utf-8")
    r = run("check", "--consistency", tmp_path, "--format", "json")
    assert r.exit_code == 0
    cons = json.loads(r.stdout)["consistency"]
    assert cons["groups"] == 3 and cons["compared"] == 6
    keys = {(f["measure"], tuple(f["entities"]), f["period"]) for f in cons["figures"]}
    assert ("gdp/change", ("Vietnam",), "2024-01/2024-09") in keys
    assert ("trade", ("Peru", "Vietnam"), "2023") in keys


def test_company_measures_concern_the_organisations_named():
    vocab = ck.vocab_for(default_ruleset())
    text = "Viettel's revenue in Peru reached $500 million in 2023. FPT's profit was $300 million in 2023."
    facts = [_at(text, "Viettel", "org", "Viettel"), _at(text, "Peru", "location", "Peru"),
             _at(text, "$500 million", "money", 500e6, "USD"), _at(text, "2023", "date", "2023", "year"),
             _at(text, "FPT", "org", "FPT"), _at(text, "$300 million", "money", 300e6, "USD"),
             _at(text, "2023", "date", "2023", "year", nth=1)]
    a, b = ck.figures_of(text, facts, "x", vocab)
    assert (a.measure, a.entities, a.period) == ("revenue", ("Peru", "Viettel"), "2023")
    assert (b.measure, b.entities, b.period) == ("profit", ("FPT",), "2023")


def test_hard_wrapped_markdown_keeps_its_sentences(tmp_path):
    _extractors_ready()
    (tmp_path / "a.md").write_text(
        "# Vietnam and Peru\n\nThe bilateral trade relationship has shown remarkable growth, with value\n"
        "surging 79.1 per cent from US$353.78 million in 2016 to $600 million in 2022\n"
        "and reaching $486 million in 2023.\n", encoding="utf-8")
    shutil.copy(SEEDS / SEED_VI, tmp_path / SEED_VI)
    r = run("check", "--consistency", tmp_path, "--format", "json")
    assert r.exit_code == 0
    figs = {f["text"]: f for f in json.loads(r.stdout)["consistency"]["figures"] if f["doc"].endswith("a.md")}
    assert (figs["$486 million"]["measure"], figs["$486 million"]["entities"],
            figs["$486 million"]["period"]) == ("trade", ["Peru", "Vietnam"], "2023")
    assert json.loads(r.stdout)["consistency"]["groups"] == 3


def test_a_fall_disagrees_with_a_rise(tmp_path):
    _extractors_ready()
    (tmp_path / "vi.txt").write_text(
        "Năm 2023, kim ngạch thương mại Việt Nam - Peru giảm 19% so với năm 2022.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("In 2023, Vietnam-Peru trade fell 19 per cent from 2022.\n",
                                     encoding="utf-8")
    assert run("check", "--consistency", tmp_path).exit_code == 0
    (tmp_path / "en.txt").write_text("In 2023, Vietnam-Peru trade rose 19 per cent from 2022.\n",
                                     encoding="utf-8")
    r = run("check", "--consistency", tmp_path)
    assert r.exit_code == 1
    assert "conflict: trade/change · Peru, Vietnam · 2023 · %" in r.stdout


def test_seed_investment_figures_compare_with_undated():
    """"hơn 1 tỷ USD" (seed 000) and "Vietnamese enterprises have invested over US$1 billion in
    Peru" (seed 002) state no period: compared only with --undated, and they agree."""
    _extractors_ready()
    r = run("check", "--consistency", "--undated", SEEDS, "--format", "json")
    assert r.exit_code == 0
    figs = [f for f in json.loads(r.stdout)["consistency"]["figures"] if f["measure"] == "investment"]
    assert len(figs) == 2 and all(f["entities"] == ["Vietnam", "Peru"] and f["period"] is None for f in figs)


def test_drift_and_consistency_together(tmp_path, monkeypatch):
    _extractors_ready()
    monkeypatch.chdir(tmp_path)
    for name in (SEED_VI, SEED_EN):
        shutil.copy(SEEDS / name, tmp_path / name)
    assert run("snapshot", ".", "-o", "facts.lock").exit_code == 0
    r = run("check", ".", "--baseline", "facts.lock", "--consistency", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["ok"] is True
    vi = tmp_path / SEED_VI
    vi.write_text(vi.read_text(encoding="utf-8").replace("lên 600 triệu USD", "lên 700 triệu USD"),
                  encoding="utf-8")
    r = run("check", ".", "--baseline", "facts.lock", "--consistency", "--format", "github")
    assert r.exit_code == 1
    titles = [x.split("title=")[1].split("::")[0] for x in r.stdout.splitlines() if x.startswith("::error")]
    assert titles.count("factx%3A fact changed") == 1
    assert titles.count("factx%3A figures disagree") == 2
    assert r.stdout.splitlines()[-1] == "factx check: 2 problems"
