"""The `factx` command line: a thin layer over the library."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .io import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, InputDoc, InputError, cpu_count, is_tty, iter_inputs
from .output import FORMATS, FactWriter, format_for_path

app = typer.Typer(
    name="factx",
    help="Extract money, percentages, dates and named entities from Vietnamese and English text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="Inspect and test rule files.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


def fail(msg: str, code: int = 2) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    print(f"factx: error: {msg}", file=sys.stderr)
    return typer.Exit(code)


def warn(msg: str) -> None:
    print(f"factx: {msg}", file=sys.stderr)


# Shared option types (every command that extracts takes the same ones).
TypesOpt = Annotated[Optional[str], typer.Option(
    "--types", "-t", help="Comma-separated fact types: money, percent, date, person, org, "
    "location, misc, or entity (all four entity types). Default: all.")]
LangOpt = Annotated[str, typer.Option("--lang", "-l", help="auto (per paragraph), vi or en.")]
RefOpt = Annotated[Optional[str], typer.Option(
    "--reference-date", "-r", help="Reference date (YYYY-MM-DD) for relative and partial "
    "dates; default: the JSONL `date`, else a date header or byline in the document.")]
RulesOpt = Annotated[Optional[list[Path]], typer.Option(
    "--rules", help="A directory of extra rule files (repeatable); they extend the built-in rules.")]
PathsArg = Annotated[list[str], typer.Argument(
    help="Files, directories (searched recursively), globs, or - for standard input.")]
GlobOpt = Annotated[Optional[str], typer.Option(
    "--glob", help="File patterns searched in directories, comma-separated (default *.txt,*.md).")]
InFmtOpt = Annotated[str, typer.Option(
    "--input-format", help="auto (JSON Lines for *.jsonl), text or jsonl.")]
JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", help="Processes for many files (default: the number of cores).")]
MaxOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this.")]


def check_common(types: str | None, lang: str, reference_date: str | None, rules: list[Path] | None):
    """Validate the shared options; returns (types frozenset, rules tuple, lang or None, ref)."""
    from .pipeline import parse_types
    from .refdate import parse_reference_date
    from .rules import RuleSet, RulesError

    try:
        ts = parse_types(types)
    except ValueError as e:
        raise fail(str(e))
    if not ts:
        raise fail("--types selects no fact type")
    if lang not in ("auto", "vi", "en"):
        raise fail(f"--lang must be auto, vi or en, not {lang!r}")
    try:
        ref = parse_reference_date(reference_date)
    except ValueError as e:
        raise fail(f"--reference-date: {e}")
    rule_dirs = tuple(str(p) for p in (rules or []))
    try:
        RuleSet(rule_dirs)
    except RulesError as e:
        raise fail(str(e))
    return ts, rule_dirs, (None if lang == "auto" else lang), ref


def check_input_options(glob: str | None, input_format: str, jobs: int | None,
                        max_bytes: int) -> tuple[str, ...]:
    """Validate the input options every reading command shares; returns the glob patterns."""
    if input_format not in ("auto", "text", "jsonl"):
        raise fail(f"--input-format must be auto, text or jsonl, not {input_format!r}")
    if jobs is not None and jobs < 1:
        raise fail("--jobs must be at least 1")
    if max_bytes < 1:
        raise fail("--max-bytes must be positive")
    return tuple(g.strip() for g in glob.split(",") if g.strip()) if glob else DEFAULT_GLOBS


def read_inputs(paths: list[str], globs, input_format: str, max_bytes: int,
                say=warn) -> tuple[list[InputDoc], list[str]]:
    """Read every input; each one that fails is reported on stderr (one line) and listed."""
    docs: list[InputDoc] = []
    errors: list[str] = []
    for item in iter_inputs(paths, globs, input_format, max_bytes):
        if isinstance(item, InputError):
            say(str(item))
            errors.append(str(item))
        else:
            docs.append(item)
    return docs, errors


# --- extraction, possibly over several processes ----------------------------------------

_W: dict = {}


def _worker_init(types, rule_dirs, lang, ref) -> None:
    from .pipeline import get_pipeline
    from .rules import RuleSet, default_ruleset

    rs = RuleSet(rule_dirs) if rule_dirs else default_ruleset()
    _W["pipe"] = get_pipeline(rs, types)
    _W["lang"] = lang
    _W["ref"] = ref


def _worker_run(doc: InputDoc):
    try:
        facts = _W["pipe"].run(doc.text, lang=doc.lang or _W["lang"],
                               reference_date=doc.date or _W["ref"], doc_id=doc.id)
        return doc.id, facts, None
    except Exception as e:  # an extractor bug must not kill the run: report it for this input
        if os.environ.get("FACTX_DEBUG"):
            raise
        return doc.id, [], f"internal error while extracting ({type(e).__name__}: {e}); " \
                           "set FACTX_DEBUG=1 for a traceback"


def run_extraction(docs: list[InputDoc], types, rule_dirs, lang, ref, jobs: int, progress: bool):
    """Yield (doc_id, facts, error) in input order."""
    total = sum(len(d.text) for d in docs)
    use_pool = jobs > 1 and len(docs) > 1 and total > 200_000
    bar = None
    if progress and (total > 2_000_000 or len(docs) > 50):
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(console=Console(file=sys.stderr), transient=True)
        bar.start()
        task = bar.add_task("extracting", total=len(docs))
    try:
        if use_pool:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=min(jobs, len(docs)), initializer=_worker_init,
                                     initargs=(types, rule_dirs, lang, ref)) as ex:
                for res in ex.map(_worker_run, docs, chunksize=max(1, len(docs) // (jobs * 8))):
                    if bar:
                        bar.advance(task)
                    yield res
        else:
            _worker_init(types, rule_dirs, lang, ref)
            for d in docs:
                res = _worker_run(d)
                if bar:
                    bar.advance(task)
                yield res
    finally:
        if bar:
            bar.stop()


@app.command()
def extract(
    paths: PathsArg,
    types: TypesOpt = None,
    lang: LangOpt = "auto",
    reference_date: RefOpt = None,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", "-f", help="table, csv, json or jsonl. Default: a table when standard output "
        "is a terminal, CSV when it is piped or redirected (or the format of -o's extension).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV with a BOM so Excel shows diacritics.")] = False,
    glob: GlobOpt = None,
    input_format: InFmtOpt = "auto",
    jobs: JobsOpt = None,
    rules: RulesOpt = None,
    max_bytes: MaxOpt = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Extract facts from text files, directories, JSON Lines or standard input."""
    ts, rule_dirs, lg, ref = check_common(types, lang, reference_date, rules)
    if fmt is None:
        fmt = (format_for_path(str(output)) or "csv") if output else ("table" if is_tty(sys.stdout) else "csv")
    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    globs = check_input_options(glob, input_format, jobs, max_bytes)
    docs, errors = read_inputs(paths, globs, input_format, max_bytes)
    failed = len(errors)

    try:
        stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as e:
        raise fail(f"{output}: cannot write ({e.strerror or e})")
    try:
        writer = FactWriter(fmt, stream, excel=excel)
        for doc_id, facts, err in run_extraction(docs, ts, rule_dirs, lg, ref, jobs or cpu_count(),
                                                 progress=not quiet and is_tty(sys.stderr)):
            if err:
                warn(f"{doc_id}: {err}")
                failed += 1
            writer.write(facts)
        writer.close()
    except BrokenPipeError:
        # `factx extract ... | head`: the reader went away; that is not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        raise typer.Exit(1 if failed else 0)
    finally:
        if output:
            stream.close()
    if not docs and not failed:
        raise fail("no input")
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL files (see docs/FORMAT).")],
    types: TypesOpt = None,
    errors: Annotated[bool, typer.Option("--errors", "-e", help="List misses, extras and wrong values.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    rules: RulesOpt = None,
) -> None:
    """Score the extractor on gold cases: per type precision, recall, F1, value accuracy."""
    from . import evaluate

    ts, rule_dirs, _lg, _ref = check_common(types, "auto", None, rules)
    cases = []
    bad = 0
    for g in gold:
        try:
            cases.extend(evaluate.load_gold(g))
        except evaluate.GoldError as e:
            warn(str(e))
            bad += 1
    if not cases:
        raise fail("no gold cases to evaluate", 1 if bad else 2)
    report = evaluate.evaluate(cases, ts, rule_dirs)
    if as_json:
        import json

        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        evaluate.print_report(report, errors=errors)
    if bad:
        raise typer.Exit(1)


@rules_app.command("test")
def rules_test(
    directory: Annotated[Optional[Path], typer.Argument(
        help="A user rules directory (its examples run with the built-in rules plus it). "
        "Default: the built-in rules.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every example.")] = False,
) -> None:
    """Run the examples that rule files carry; exit 1 if any fails."""
    from .examples import run_examples
    from .rules import RuleSet, RulesError

    try:
        rs = RuleSet((str(directory),)) if directory else RuleSet()
    except RulesError as e:
        raise fail(str(e))
    only = (rs.dirs[-1],) if directory else None
    try:
        results = run_examples(rs, only_dirs=only)
    except RulesError as e:
        raise fail(str(e))
    failures = [r for r in results if not r.ok]
    for r in results:
        if verbose or not r.ok:
            print(("ok   " if r.ok else "FAIL ") + r.describe())
    print(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    if failures:
        raise typer.Exit(1)


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """Show the rule directories and files in use."""
    from .rules import RuleSet, RulesError

    try:
        rs = RuleSet(tuple(str(p) for p in (rules or [])))
    except RulesError as e:
        raise fail(str(e))
    for d in rs.dirs:
        print(d)
        for p in sorted(d.rglob("*")):
            if p.is_file():
                print(f"  {p.relative_to(d)}")


def _register_plugins() -> None:
    """Commands defined in their own modules (snapshot, check) join the app here."""
    import importlib
    import importlib.util

    if importlib.util.find_spec("factx.checkcmd") is not None:
        importlib.import_module("factx.checkcmd").register(app)


_register_plugins()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
