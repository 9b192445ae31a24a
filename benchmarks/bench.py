"""factx speed benchmark, beside the peers that are installed, in one run on one core.

    python benchmarks/bench.py [--size-mb 1] [--corpus FILES...] [--peers all|none|NAME,...]
                               [--repeat 5] [--peer-seconds 6] [--json | --markdown] [--no-pin]

The text is the seeds (seeds/*.txt, or --corpus FILES) repeated to --size-mb million
characters. factx is measured per configuration (money+percent, dates, entities, all types):
the compiled-rules build time in a fresh interpreter (cold, imports excluded), then, after one
warm-up call, the best of --repeat runs over the whole text as one document, and the peak of
Python heap allocations during one run (tracemalloc; C allocations outside Python's allocator,
such as an Aho-Corasick automaton built earlier, are not in it). Peers run on slices of the
same text (split into paragraphs), sized from a first small slice so each takes about
--peer-seconds; English-only NER peers read the English paragraphs, underthesea the
Vietnamese ones. Speeds are characters (code points) per second; the targets are judged on
characters, which is stricter than UTF-8 bytes for Vietnamese.
"""

from __future__ import annotations

import os

# One core: no BLAS/OpenMP thread pools in the peers (must be set before they import numpy).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS", "TOKENIZERS_PARALLELISM"):
    os.environ.setdefault(_v, "1" if _v != "TOKENIZERS_PARALLELISM" else "false")

import argparse
import datetime as dt
import gc
import json
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers as peer_defs  # noqa: E402

# factx configurations: key -> (types argument, part of the corpus)
CONFIGS = [
    ("overhead", "", "all"),  # no extractor: normalization, language id, reference date
    ("money+percent", "money,percent", "all"),
    ("money", "money", "all"),
    ("percent", "percent", "all"),
    ("dates", "date", "all"),
    ("entities", "entity", "all"),
    ("entities[en]", "entity", "en"),
    ("entities[vi]", "entity", "vi"),
    ("all", None, "all"),
    # The same text as its separate documents (one call each): the usual way factx is run.
    ("money+percent[docs]", "money,percent", "docs"),
    ("dates[docs]", "date", "docs"),
    ("all[docs]", None, "docs"),
]
LABELS = {
    "overhead": "no extractor (normalize + langid)",
    "money+percent": "money+percent",
    "money": "money only",
    "percent": "percent only",
    "dates": "dates only",
    "entities": "entities only",
    "entities[en]": "entities, English paragraphs",
    "entities[vi]": "entities, Vietnamese paragraphs",
    "all": "all types",
    "money+percent[docs]": "money+percent, per document",
    "dates[docs]": "dates only, per document",
    "all[docs]": "all types, per document",
}
TARGET_RATE = 1_000_000  # characters per second ("1 MB/s")
TARGET_DATEPARSER = 50.0


# ---------------------------------------------------------------------------------- corpus
def read_docs(files: list[str] | None) -> list[str]:
    paths = [Path(f) for f in files] if files else sorted((ROOT / "seeds").glob("*.txt"))
    docs = [p.read_text(encoding="utf-8") for p in paths]
    docs = [d for d in docs if d.strip()]
    if not docs:
        raise SystemExit("no text to benchmark (no seeds/*.txt and no --corpus)")
    return docs


def build_corpus(docs: list[str], chars: int) -> list[str]:
    """Whole documents, repeated in order until they add up to at least `chars` characters."""
    out: list[str] = []
    total = 0
    while total < chars:
        for d in docs:
            out.append(d)
            total += len(d) + 2
            if total >= chars:
                break
    return out


def split_by_lang(text: str) -> dict[str, str]:
    """The text's English and Vietnamese paragraphs (factx's own language id)."""
    from factx.langid import langid_for
    from factx.rules import default_ruleset

    segs = langid_for(default_ruleset()).segments(text)
    parts: dict[str, list[str]] = {"en": [], "vi": []}
    for s, e, lg in segs:
        parts.setdefault(lg, []).append(text[s:e].strip("\n"))
    return {lg: "\n".join(p for p in ps if p.strip()) for lg, ps in parts.items()}


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def slice_paras(paras: list[str], chars: int) -> list[str]:
    out, n = [], 0
    for p in paras:
        if n >= chars:
            break
        out.append(p)
        n += len(p) + 1
    return out


# ---------------------------------------------------------------------------------- factx
def cold_build_seconds(types: str | None) -> dict:
    """Import time and compiled-rules build time of one configuration, in a fresh process."""
    code = (
        "import time, json; t0 = time.perf_counter()\n"
        "import factx.pipeline as p\n"
        "from factx.rules import default_ruleset\n"
        "t1 = time.perf_counter()\n"
        f"p.Pipeline(default_ruleset(), p.parse_types({types!r}))\n"
        "t2 = time.perf_counter()\n"
        "print(json.dumps({'import_s': t1 - t0, 'build_s': t2 - t1}))\n"
    )
    try:
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=600, cwd=str(ROOT))
        if r.returncode != 0:
            return {"error": (r.stderr.strip().splitlines() or ["failed"])[-1]}
        return json.loads(r.stdout.strip().splitlines()[-1])
    except Exception as e:  # noqa: BLE001 (reported, the benchmark goes on)
        return {"error": f"{type(e).__name__}: {e}"}


def measure_factx(configs: list[tuple[str, str | None, str]], warm: str, repeat: int,
                  log) -> list[dict]:
    """Each configuration: cold build time, then `repeat` timed runs taken round-robin across
    the configurations (so a passing slowdown of the machine hits them all alike; the best run
    counts), then one run under tracemalloc for the heap peak."""
    from factx.pipeline import get_pipeline, parse_types
    from factx.rules import default_ruleset

    rows: list[dict] = []
    pipes: dict[str, object] = {}
    for key, types, text in configs:
        docs = text if isinstance(text, list) else [text]
        res: dict = {"key": key, "label": LABELS[key],
                     "types": types if types is not None else "all",
                     "documents": len(docs), "chars": sum(len(d) for d in docs),
                     "bytes": sum(len(d.encode("utf-8")) for d in docs)}
        res.update(cold_build_seconds(types))
        try:
            pipe = get_pipeline(default_ruleset(), parse_types(types))
            pipe.run(warm)  # warm-up: lazy imports, first-call caches
            pipes[key] = pipe
        except Exception as e:  # noqa: BLE001 (reported, the benchmark goes on)
            res["error"] = f"{type(e).__name__}: {e}"
        rows.append(res)
    texts = {key: (text if isinstance(text, list) else [text]) for key, _t, text in configs}

    def run_all(pipe, docs: list[str]) -> list:
        out: list = []
        for d in docs:
            out.extend(pipe.run(d))
        return out

    for rnd in range(max(1, repeat)):
        for res in rows:
            key = res["key"]
            if key not in pipes or "error" in res:
                continue
            gc.collect()
            try:
                t = time.perf_counter()
                facts = run_all(pipes[key], texts[key])
                el = time.perf_counter() - t
            except Exception as e:  # noqa: BLE001
                res["error"] = f"{type(e).__name__}: {e}"
                continue
            if el < res.get("seconds", float("inf")):
                res["seconds"] = el
            if rnd == 0:
                counts: dict[str, int] = {}
                for f in facts:
                    counts[f.type] = counts.get(f.type, 0) + 1
                res["facts"] = len(facts)
                res["facts_by_type"] = counts
            del facts
        log(f"factx round {rnd + 1}/{repeat} done")
    for res in rows:
        key = res["key"]
        if "seconds" not in res:
            continue
        best = res["seconds"]
        res["chars_per_s"] = res["chars"] / best if best else float("inf")
        res["bytes_per_s"] = res["bytes"] / best if best else float("inf")
        gc.collect()
        tracemalloc.start()
        try:
            run_all(pipes[key], texts[key])
            res["peak_heap_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        except Exception as e:  # noqa: BLE001
            res["error"] = f"{type(e).__name__}: {e}"
        finally:
            tracemalloc.stop()
    return rows


# ---------------------------------------------------------------------------------- peers
def measure_peer(peer: peer_defs.Peer, parts: dict[str, str], budget: float) -> dict:
    res: dict = {"tool": peer.tool, "task": peer.task, "compare": peer.compare,
                 "part": peer.part, "packages": peer.packages}
    try:
        t = time.perf_counter()
        fn = peer.load()
        res["load_s"] = time.perf_counter() - t
    except peer_defs.NotInstalled as e:
        res["skipped"] = f"not installed ({e})"
        return res
    except Exception as e:  # noqa: BLE001 (installed but broken: say why)
        res["skipped"] = f"fails to load: {type(e).__name__}: {e}"
        return res
    paras = paragraphs(parts[peer.part])
    total = sum(len(p) + 1 for p in paras)
    try:
        size = min(peer.start_chars, total)
        while True:
            sl = slice_paras(paras, size)
            n = sum(len(p) + 1 for p in sl)
            t = time.perf_counter()
            found = fn(sl)
            el = time.perf_counter() - t
            rate = n / el if el > 0 else float("inf")
            if el >= budget / 3 or n >= total:
                break
            size = min(total, int(rate * budget))
            if size <= n:
                break
        res.update(chars=n, seconds=el, chars_per_s=rate, found=found,
                   sliced=n < total)
    except Exception as e:  # noqa: BLE001
        res["skipped"] = f"fails to run: {type(e).__name__}: {e}"
    return res


# ---------------------------------------------------------------------------------- report
def git_state() -> str:
    try:
        h = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src",
                                "rules"], capture_output=True, text=True, timeout=10).stdout
        return h + ("+dirty" if dirty.strip() else "")
    except Exception:  # noqa: BLE001
        return "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt_rate(r: float | None) -> str:
    if r is None:
        return "-"
    if r >= 1e6:
        return f"{r / 1e6:.2f} M"
    if r >= 1e3:
        return f"{r / 1e3:.1f} k"
    return f"{r:.0f}"


def targets(fx: dict[str, dict], pr: list[dict]) -> list[dict]:
    out = []
    for key, name in (("money+percent", "money+percent >= 1 MB/s (1e6 chars/s)"),
                      ("all", "all types >= 1 MB/s (1e6 chars/s)"),
                      ("all[docs]", "all types, per document >= 1 MB/s (1e6 chars/s)")):
        r = fx.get(key, {}).get("chars_per_s")
        out.append({"target": name, "measured": r, "met": None if r is None else r >= TARGET_RATE})
    dp = next((p for p in pr if p["tool"] == "dateparser" and "chars_per_s" in p), None)
    for key, name in (("dates", "dates"), ("dates[docs]", "dates, per document,")):
        d = fx.get(key, {}).get("chars_per_s")
        ratio = d / dp["chars_per_s"] if dp and d else None
        out.append({"target": f"{name} >= {TARGET_DATEPARSER:.0f}x dateparser", "measured": ratio,
                    "met": None if ratio is None else ratio >= TARGET_DATEPARSER})
    return out


def print_report(meta: dict, fx: list[dict], pr: list[dict], tg: list[dict]) -> None:
    p = print
    p(f"factx benchmark  {meta['date']}  factx {meta['factx_commit']}  Python {meta['python']}")
    p(f"CPU: {meta['cpu']}; pinned to one core: {meta['pinned']}")
    p(f"text: {meta['chars']:,} characters ({meta['bytes']:,} UTF-8 bytes), "
      f"{meta['docs']} documents from {meta['source']}; "
      f"English part {meta['en_chars']:,}, Vietnamese part {meta['vi_chars']:,} characters")
    p("")
    p("factx (the whole text as one document, or each document in turn where marked; best of "
      "%d runs; build = cold compile of the rules in a fresh process; heap = tracemalloc peak "
      "during one run)" % meta["repeat"])
    p(f"{'configuration':34} {'chars/s':>10} {'MB/s utf8':>10} {'run s':>8} {'build s':>8} "
      f"{'heap MB':>8} {'facts':>7}")
    for r in fx:
        if "seconds" not in r:
            p(f"{r['label']:34} error: {r['error']}")
            continue
        p(f"{r['label']:34} {fmt_rate(r['chars_per_s']):>10} {r['bytes_per_s'] / 1e6:>10.2f} "
          f"{r['seconds']:>8.3f} {r.get('build_s', float('nan')):>8.3f} "
          f"{r.get('peak_heap_mb', float('nan')):>8.1f} {r['facts']:>7}")
    p("")
    by_key = {r["key"]: r for r in fx}
    p("peers (same text, split into paragraphs; sliced where slow, speed scaled from the slice)")
    p(f"{'tool':22} {'task':34} {'chars/s':>10} {'chars run':>10} {'factx/peer':>11}")
    for r in pr:
        if "skipped" in r:
            p(f"{r['tool']:22} {r['task']:34} skipped: {r['skipped']}")
            continue
        f = by_key.get(r["compare"], {}).get("chars_per_s")
        ratio = f"{f / r['chars_per_s']:.0f}x" if f and r["chars_per_s"] else "-"
        p(f"{r['tool']:22} {r['task']:34} {fmt_rate(r['chars_per_s']):>10} {r['chars']:>10,} "
          f"{ratio:>11}   (vs factx {LABELS[r['compare']]})")
    p("")
    p("targets")
    for t in tg:
        m = t["measured"]
        if m is None:
            p(f"  {t['target']:52} not measured")
            continue
        shown = f"{m:.0f}x" if "dateparser" in t["target"] else f"{fmt_rate(m)} chars/s"
        p(f"  {t['target']:52} {shown:>16}  {'met' if t['met'] else 'NOT met'}")
    p(f"\nprocess max RSS at the end: {meta['maxrss_mb']:.0f} MB")


def markdown_report(meta: dict, fx: list[dict], pr: list[dict], tg: list[dict]) -> str:
    """The figures as Markdown tables (for benchmarks/README.md)."""
    out = [f"Measured {meta['date']} on factx {meta['factx_commit']}, Python {meta['python']}, "
           f"{meta['cpu']}, pinned to one core: {meta['pinned']}; {meta['chars']:,} characters "
           f"({meta['docs']} documents; English {meta['en_chars']:,}, Vietnamese "
           f"{meta['vi_chars']:,}). Command: `python benchmarks/bench.py "
           f"--size-mb {meta['size_mb']:g} --repeat {meta['repeat']}`.", "",
           "| factx configuration | chars/s | UTF-8 MB/s | run s | build s | heap MB | facts |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in fx:
        if "seconds" not in r:
            out.append(f"| {r['label']} | error: {r.get('error', '?')} | | | | | |")
            continue
        out.append(f"| {r['label']} | {r['chars_per_s']:,.0f} | {r['bytes_per_s'] / 1e6:.2f} | "
                   f"{r['seconds']:.3f} | {r.get('build_s', float('nan')):.3f} | "
                   f"{r.get('peak_heap_mb', float('nan')):.1f} | {r['facts']:,} |")
    out += ["", "| peer | task | chars/s | chars run | factx/peer (vs) |",
            "| --- | --- | ---: | ---: | --- |"]
    for r in pr:
        if "skipped" in r:
            out.append(f"| {r['tool']} | {r['task']} | skipped: {r['skipped']} | | |")
            continue
        ratio = r.get("ratio_factx_over_peer")
        vs = f"{ratio:,.0f}x ({LABELS[r['compare']]})" if ratio else "-"
        out.append(f"| {r['tool']} | {r['task']} | {r['chars_per_s']:,.0f} | {r['chars']:,} | "
                   f"{vs} |")
    out += ["", "| target | measured | met |", "| --- | ---: | --- |"]
    for t in tg:
        m = t["measured"]
        shown = "not measured" if m is None else (
            f"{m:.0f}x" if "dateparser" in t["target"] else f"{m:,.0f} chars/s")
        out.append(f"| {t['target']} | {shown} | "
                   f"{'-' if t['met'] is None else ('yes' if t['met'] else 'NO')} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=1.0,
                    help="text size in millions of characters (default 1)")
    ap.add_argument("--corpus", nargs="+", metavar="FILE", help="text files instead of the seeds")
    ap.add_argument("--peers", default="all",
                    help="all, none, or a comma list of: recognizers, dateparser, spacy, "
                         "underthesea")
    ap.add_argument("--repeat", type=int, default=5, help="factx runs per configuration (best)")
    ap.add_argument("--peer-seconds", type=float, default=6.0,
                    help="about how long each peer measurement runs (default 6)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--markdown", action="store_true", help="print the figures as Markdown")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    args = ap.parse_args(argv)

    pinned = "no"
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})  # children (the cold-build processes) inherit it
            pinned = f"yes (CPU {cpu})"
        except OSError:
            pass

    docs = read_docs(args.corpus)
    corpus = build_corpus(docs, int(args.size_mb * 1_000_000))
    text = "\n\n".join(corpus)
    parts = {"all": text}
    parts.update(split_by_lang(text))
    parts.setdefault("en", "")
    parts.setdefault("vi", "")
    warm = docs[0]

    # One untimed pass over the whole text first, so that the first configuration does not
    # pay for growing the process's memory arenas.
    from factx.pipeline import get_pipeline, parse_types
    from factx.rules import default_ruleset

    get_pipeline(default_ruleset(), parse_types("")).run(text)

    def log(msg: str) -> None:
        if not (args.json or args.markdown):
            print(f"  {msg}", file=sys.stderr)

    parts_or_docs: dict[str, str | list[str]] = dict(parts)
    parts_or_docs["docs"] = corpus
    configs = [(key, types, parts_or_docs[part]) for key, types, part in CONFIGS
               if part == "docs" or parts[part].strip()]
    fx = measure_factx(configs, warm, args.repeat, log)

    wanted = args.peers.strip().lower()
    pr: list[dict] = []
    if wanted != "none":
        names = None
        if wanted != "all":
            names = {peer_defs.ALIASES.get(w.strip(), w.strip()) for w in wanted.split(",")}
        for peer in peer_defs.PEERS:
            if names is not None and peer.tool not in names:
                continue
            if not parts[peer.part].strip():
                pr.append({"tool": peer.tool, "task": peer.task, "compare": peer.compare,
                           "part": peer.part, "packages": peer.packages,
                           "skipped": f"no {peer.part} paragraphs in the text"})
                continue
            pr.append(measure_peer(peer, parts, args.peer_seconds))
            log(f"measured {peer.tool}: {peer.task}")

    by_key = {r["key"]: r for r in fx}
    for r in pr:
        f = by_key.get(r["compare"], {}).get("chars_per_s")
        if "chars_per_s" in r and f:
            r["factx_chars_per_s"] = f
            r["ratio_factx_over_peer"] = f / r["chars_per_s"]
    tg = targets(by_key, pr)
    meta = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "factx_commit": git_state(),
        "python": platform.python_version(),
        "cpu": cpu_model(),
        "pinned": pinned,
        "source": ", ".join(args.corpus) if args.corpus else "seeds/*.txt",
        "size_mb": args.size_mb,
        "docs": len(corpus),
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
        "en_chars": len(parts["en"]),
        "vi_chars": len(parts["vi"]),
        "repeat": args.repeat,
        "memory_measure": "tracemalloc peak of Python heap allocations during one run",
        "speed_unit": "characters (code points) per second",
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if args.markdown:
        print(markdown_report(meta, fx, pr, tg))
    elif args.json:
        print(json.dumps({"meta": meta, "factx": fx, "peers": pr, "targets": tg}, indent=2,
                         ensure_ascii=False))
    else:
        print_report(meta, fx, pr, tg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
