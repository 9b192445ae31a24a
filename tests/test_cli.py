"""The CLI driven in process: stdout, stderr and exit code checked apart."""

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from factx.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def rows(csv_text):
    return list(csv.DictReader(io.StringIO(csv_text)))


def test_extract_csv_on_seeds_offsets_exact(seeds_dir):
    r = run("extract", *sorted(seeds_dir.glob("*.txt")), "--format", "csv")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    got = rows(r.stdout)
    assert got, "facts expected on the seeds"
    texts = {p.as_posix(): p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    for row in got:
        text = texts[row["doc"]] if row["doc"] in texts else next(
            t for k, t in texts.items() if k.endswith(row["doc"]))
        s, e = int(row["start"]), int(row["end"])
        cell = row["text"][1:] if row["text"].startswith("'") and text[s:e][:1] in "=+-@" else row["text"]
        assert text[s:e] == cell
        assert int(row["line"]) == text.count("\n", 0, s) + 1


def test_money_from_vietnamese_seed_is_normalized(seeds_dir):
    r = run("extract", seeds_dir / "000_68b85130a4bd024d.txt", "--types", "money", "--format", "jsonl")
    assert r.exit_code == 0, r.stderr
    facts = [json.loads(line) for line in r.stdout.splitlines()]
    by_text = {f["text"]: f for f in facts}
    f = next(f for t, f in by_text.items() if "1,3 tỷ USD" in t)
    assert f["value"] == 1300000000 and f["unit"] == "USD" and f["qualifier"] == "approx"
    assert all(f["type"] == "money" for f in facts)


def test_stdin_and_json_array():
    r = run("extract", "-", "--format", "json", "--types", "money,percent",
            input="Exports rose 5% to US$353.78 million in 2016.\n")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    money = [f for f in data if f["type"] == "money"]
    assert money and money[0]["value"] == 353780000 and money[0]["unit"] == "USD"
    assert money[0]["doc"] == "-"
    assert any(f["type"] == "percent" and f["value"] == 5 for f in data)


def test_jsonl_input_ids_and_reference_date(tmp_path):
    p = tmp_path / "docs.jsonl"
    p.write_text(json.dumps({"id": "a1", "text": "Doanh thu đạt 5 tỷ đồng.", "lang": "vi"}, ensure_ascii=False)
                 + "\n\n" + json.dumps({"text": "It cost $5."}) + "\n", encoding="utf-8")
    r = run("extract", p, "--format", "jsonl", "--types", "money")
    assert r.exit_code == 0, r.stderr
    facts = [json.loads(line) for line in r.stdout.splitlines()]
    assert {f["doc"] for f in facts} == {"a1", f"{p}:3"}
    vnd = next(f for f in facts if f["doc"] == "a1")
    assert vnd["value"] == 5000000000 and vnd["unit"] == "VND" and vnd["lang"] == "vi"


def test_directory_recursive_sorted_and_glob(tmp_path, seeds_dir):
    (tmp_path / "b").mkdir()
    shutil.copy(seeds_dir / "002_26350e17c78c9bd7.txt", tmp_path / "b" / "z.txt")
    shutil.copy(seeds_dir / "000_68b85130a4bd024d.txt", tmp_path / "a.md")
    (tmp_path / "skip.log").write_text("$5 million", encoding="utf-8")
    r = run("extract", tmp_path, "--format", "jsonl", "--types", "money")
    assert r.exit_code == 0, r.stderr
    docs = [json.loads(line)["doc"] for line in r.stdout.splitlines()]
    assert docs == sorted(docs, key=lambda d: d)  # sorted paths, then offsets
    assert {d.rsplit("/", 1)[-1] for d in docs} == {"a.md", "z.txt"}
    r = run("extract", tmp_path, "--glob", "*.log", "--format", "jsonl", "--types", "money")
    assert r.exit_code == 0
    assert {json.loads(line)["doc"].rsplit("/", 1)[-1] for line in r.stdout.splitlines()} == {"skip.log"}


def test_bad_inputs_each_get_one_line_and_the_rest_still_runs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Revenue was $5 million.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 costs 5 \x80".encode("latin-1"))
    (tmp_path / "emptydir").mkdir()
    r = run("extract", tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "bin.txt",
            tmp_path / "latin1.txt", tmp_path / "emptydir", good, "--format", "jsonl")
    assert r.exit_code == 1
    err = r.stderr.strip().splitlines()
    assert len(err) == 5, err
    assert all(line.startswith("factx: ") for line in err)
    joined = "\n".join(err)
    for name, why in (("missing.txt", "no such file"), ("empty.txt", "empty"), ("bin.txt", "binary"),
                      ("latin1.txt", "UTF-8"), ("emptydir", "no files matching")):
        assert any(name in line and why in line for line in err), (name, joined)
    assert "Traceback" not in r.stderr
    assert any(json.loads(line)["value"] == 5000000 for line in r.stdout.splitlines())


def test_utf16_and_bom_inputs_decode(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Giá 5 triệu đồng".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes("\ufeffGiá 7 triệu đồng".encode("utf-8"))
    r = run("extract", tmp_path, "--format", "jsonl", "--types", "money", "--lang", "vi")
    assert r.exit_code == 0, r.stderr
    vals = sorted(json.loads(line)["value"] for line in r.stdout.splitlines())
    assert vals == [5000000, 7000000]


def test_huge_file_is_refused_by_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000, encoding="utf-8")
    r = run("extract", p, "--max-bytes", "1000")
    assert r.exit_code == 1
    assert "too large" in r.stderr and "big.txt" in r.stderr


@pytest.mark.parametrize("args,msg", [
    (["--types", "money,bogus"], "unknown fact type"),
    (["--lang", "fr"], "--lang"),
    (["--reference-date", "yesterday-ish"], "--reference-date"),
    (["--format", "xml"], "--format"),
    (["--jobs", "0"], "--jobs"),
    (["--rules", "/nonexistent/rules"], "rules directory not found"),
])
def test_usage_errors_exit_2(args, msg, seeds_dir):
    r = run("extract", seeds_dir / "000_68b85130a4bd024d.txt", *args)
    assert r.exit_code == 2
    assert msg in r.stderr
    assert "Traceback" not in r.stderr


def test_output_file_format_from_extension(tmp_path, seeds_dir):
    out = tmp_path / "facts.jsonl"
    r = run("extract", seeds_dir / "002_26350e17c78c9bd7.txt", "-o", out, "--types", "money")
    assert r.exit_code == 0, r.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(x)["type"] == "money" for x in lines)


def test_csv_excel_bom_and_formula_neutralized(tmp_path):
    p = tmp_path / "f.txt"
    p.write_text("=cmd| costs $5 million\n-5% fall, @x", encoding="utf-8")
    out = tmp_path / "f.csv"
    r = run("extract", p, "-o", out, "--excel", "--types", "money,percent")
    assert r.exit_code == 0, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    data = rows(raw.decode("utf-8-sig"))
    assert data[0]["doc"].endswith("f.txt")
    for row in data:
        for col in ("doc", "text", "unit", "qualifier", "rule", "type", "lang"):
            assert not row[col].startswith(("=", "+", "-", "@"))


def test_jobs_gives_same_output_as_one_process(tmp_path, seeds_dir):
    for i in range(12):
        for p in seeds_dir.glob("*.txt"):
            shutil.copy(p, tmp_path / f"{i:02d}_{p.name}")
    a = run("extract", tmp_path, "--format", "jsonl", "--jobs", "1")
    b = run("extract", tmp_path, "--format", "jsonl", "--jobs", "2")
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout and a.stdout


def test_eval_prints_table_and_json(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "c1", "lang": "en", "text": "It cost $5 million, up 3%.",
                                "complete": True, "facts": [
                                    {"type": "money", "text": "$5 million", "start": 8, "end": 18,
                                     "value": 5000000, "unit": "USD"},
                                    {"type": "percent", "text": "3%", "value": 3, "unit": "%"}]}) + "\n",
                    encoding="utf-8")
    r = run("eval", gold, "--types", "money,percent", "--json")
    assert r.exit_code == 0, r.stderr
    rep = json.loads(r.stdout)
    assert rep["types"]["money"]["strict_f1"] == 1.0
    assert rep["types"]["percent"]["f1"] == 1.0
    r = run("eval", gold, "--types", "money")
    assert r.exit_code == 0 and "money" in r.stdout and "strict F1" in r.stdout


def test_eval_missing_gold_file(tmp_path):
    r = run("eval", tmp_path / "nope.jsonl")
    assert r.exit_code == 1
    assert "nope.jsonl" in r.stderr


def test_rules_test_command_runs_builtin_examples():
    r = run("rules", "test")
    assert "passed" in r.stdout
