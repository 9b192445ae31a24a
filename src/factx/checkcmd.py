"""The `factx snapshot` and `factx check` commands (logic in factx.check)."""

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import check as ck
from .io import DEFAULT_MAX_BYTES, cpu_count, is_tty

CHECK_FORMATS = ("text", "github", "json")
_CONSISTENCY_CONTEXT = frozenset({"date", "location", "org"})


def _ci() -> bool:
    v = os.environ.get("CI", "").strip().lower()
    return v not in ("", "0", "false", "no", "off")


def _extract(docs, types, rule_dirs, lang, ref, jobs, warn, errors):
    """[(InputDoc, facts)] for the documents that extracted without error."""
    from .cli import run_extraction

    out = []
    results = run_extraction(docs, types, rule_dirs, lang, ref, jobs or cpu_count(),
                             progress=is_tty(sys.stderr))
    for d, (doc_id, facts, err) in zip(docs, results):
        if err:
            warn(f"{doc_id}: {err}")
            errors.append(f"{doc_id}: {err}")
            continue
        out.append((d, facts))
    return out


def _records(extracted, base_dir: Path) -> tuple[list[ck.Record], list[str]]:
    records: list[ck.Record] = []
    files: set[str] = set()
    for d, facts in extracted:
        key = ck.doc_key(d.id, d.path, base_dir)
        records.extend(ck.records_for(facts, key, d.id if d.path == d.id else d.path))
        if d.path and d.path != "-":
            files.add(ck.rel_path(d.path, base_dir))
    return records, sorted(files)


def _write_lock(target: Path, records, meta) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".factx-lock-", dir=str(target.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            ck.write_lock(records, f, meta)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _meta(types, lang, reference_date, files) -> dict:
    meta = {"types": sorted(types, key=lambda t: ck._TYPE_ORDER.get(t, 99)), "lang": lang,
            "files": files}
    if reference_date:
        meta["reference_date"] = reference_date
    return meta


def register(app: typer.Typer) -> None:
    from .cli import (GlobOpt, InFmtOpt, JobsOpt, LangOpt, MaxOpt, PathsArg, RefOpt, RulesOpt,
                      TypesOpt, check_common, check_input_options, fail, read_inputs, warn)

    @app.command()
    def snapshot(
        paths: PathsArg,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="The snapshot file to write (e.g. facts.lock); default: "
            "standard output. Document paths in it are relative to its directory.")] = None,
        types: TypesOpt = None,
        lang: LangOpt = "auto",
        reference_date: RefOpt = None,
        rules: RulesOpt = None,
        glob: GlobOpt = None,
        input_format: InFmtOpt = "auto",
        jobs: JobsOpt = None,
        max_bytes: MaxOpt = DEFAULT_MAX_BYTES,
    ) -> None:
        """Record the facts of a document set in a sorted, diff-friendly snapshot (JSON Lines,
        one fact a line) for `factx check --baseline`."""
        ts, rule_dirs, lg, ref = check_common(types, lang, reference_date, rules)
        globs = check_input_options(glob, input_format, jobs, max_bytes)
        docs, errors = read_inputs(paths, globs, input_format, max_bytes)
        if not docs and not errors:
            raise fail("no input")
        extracted = _extract(docs, ts, rule_dirs, lg, ref, jobs, warn, errors)
        if errors:
            raise fail(f"snapshot not written: {len(errors)} input{'s' if len(errors) != 1 else ''} "
                       "could not be read", 1)
        base = output.resolve().parent if output else Path.cwd()
        records, files = _records(extracted, base)
        meta = _meta(ts, lang, reference_date, files)
        if output is None:
            ck.write_lock(records, sys.stdout, meta)
            return
        try:
            _write_lock(output, records, meta)
        except OSError as e:
            raise fail(f"{output}: cannot write ({e.strerror or e})", 1)
        warn(f"wrote {len(records)} fact{'s' if len(records) != 1 else ''} from {len(extracted)} "
             f"document{'s' if len(extracted) != 1 else ''} to {output}")

    @app.command("check")
    def check_cmd(
        paths: Annotated[Optional[list[str]], typer.Argument(
            help="Files, directories, globs, or - for standard input. With --baseline and no "
            "paths: the files the baseline records (found relative to it).")] = None,
        baseline: Annotated[Optional[Path], typer.Option(
            "--baseline", "-b", help="A snapshot written by `factx snapshot`: report facts "
            "added, removed or changed since (drift).")] = None,
        consistency: Annotated[bool, typer.Option(
            "--consistency", "-c", help="Report money and percent figures that state the same "
            "measure for the same entities and period with values that disagree, across "
            "documents and languages.")] = False,
        tolerance: Annotated[str, typer.Option(
            "--tolerance", help="Relative tolerance for --consistency, after reading each "
            "figure at its written precision and qualifier (1% or 0.01).")] = "1%",
        undated: Annotated[bool, typer.Option(
            "--undated", help="With --consistency, also compare figures whose period is not "
            "stated.")] = False,
        update: Annotated[bool, typer.Option(
            "--update", "-u", help="Rewrite the baseline with the current facts (refused when "
            "the CI environment variable is set, unless --force).")] = False,
        force: Annotated[bool, typer.Option("--force", help="Allow --update under CI.")] = False,
        fmt: Annotated[str, typer.Option(
            "--format", "-f", help="text (readable; colour only on a terminal without NO_COLOR), "
            "github (workflow annotations ::error file=...,line=...::) or json.")] = "text",
        verbose: Annotated[bool, typer.Option(
            "--verbose", "-v", help="With --consistency, list every figure with its context.")] = False,
        types: TypesOpt = None,
        lang: LangOpt = "auto",
        reference_date: RefOpt = None,
        rules: RulesOpt = None,
        glob: GlobOpt = None,
        input_format: InFmtOpt = "auto",
        jobs: JobsOpt = None,
        max_bytes: MaxOpt = DEFAULT_MAX_BYTES,
    ) -> None:
        """Fail (exit 1) when facts drifted from a baseline snapshot or when documents
        disagree about a figure; exit 0 when clean, 2 on a usage error."""
        if fmt not in CHECK_FORMATS:
            raise fail(f"--format must be one of {', '.join(CHECK_FORMATS)}, not {fmt!r}")
        if baseline is None and not consistency:
            raise fail("nothing to check: give --baseline FILE (drift) and/or --consistency")
        if update and baseline is None:
            raise fail("--update needs --baseline FILE")
        if update and _ci() and not force:
            raise fail("refusing to --update the baseline under CI (the CI environment variable "
                       "is set): update it locally and commit it, or add --force")
        try:
            tol = ck.parse_tolerance(tolerance)
        except ValueError as e:
            raise fail(str(e))
        ts, rule_dirs, lg, ref = check_common(types, lang, reference_date, rules)
        globs = check_input_options(glob, input_format, jobs, max_bytes)

        meta: dict = {}
        base_records: list[ck.Record] = []
        lock_dir = Path.cwd()
        if baseline is not None:
            if not baseline.exists() and not update:
                raise fail(f"{baseline}: no such baseline (create it with "
                           f"`factx snapshot PATHS -o {baseline}`)")
            lock_dir = baseline.resolve().parent
            if baseline.exists():
                try:
                    meta, base_records = ck.read_lock(baseline)
                except ck.LockError as e:
                    raise fail(str(e), 1)
        if not paths:
            files = meta.get("files")
            if baseline is None or not files or not isinstance(files, list):
                raise fail("no input: give PATHS (or a --baseline that lists its files)")
            paths = [os.path.relpath(lock_dir / str(f)) for f in files]

        # the snapshot's types unless --types says otherwise
        drift_types = ts
        if baseline is not None and types is None and meta.get("types"):
            from .pipeline import parse_types

            try:
                drift_types = parse_types([str(t) for t in meta["types"]])
            except (TypeError, ValueError):
                raise fail(f"{baseline}: unknown fact types {meta['types']!r}", 1)
            if not drift_types:
                raise fail(f"{baseline}: the snapshot names no fact type", 1)
        if baseline is not None and lang == "auto" and meta.get("lang") in ("vi", "en"):
            lg = meta["lang"]
        if baseline is not None and ref is None and meta.get("reference_date"):
            from .refdate import parse_reference_date
            try:
                ref = parse_reference_date(meta["reference_date"])
            except ValueError:
                pass

        say = warn if fmt != "json" else (lambda m: print(f"factx: {m}", file=sys.stderr))
        docs, errors = read_inputs(paths, globs, input_format, max_bytes, say)
        if not docs and not errors:
            raise fail("no input")

        drift = None
        if baseline is not None:
            extracted = _extract(docs, drift_types, rule_dirs, lg, ref, jobs, say, errors)
            current, files = _records(extracted, lock_dir)
            if types is not None:
                base_records = [r for r in base_records if r.type in drift_types]
            _show_paths(base_records, lock_dir, current)
            drift = ck.diff(base_records, current)
            if update:
                if errors:
                    raise fail(f"baseline not updated: {len(errors)} input"
                               f"{'s' if len(errors) != 1 else ''} could not be read", 1)
                try:
                    _write_lock(baseline, current, _meta(drift_types, lang if lang != "auto"
                                                          else meta.get("lang", "auto"),
                                                          reference_date or meta.get("reference_date"),
                                                          files))
                except OSError as e:
                    raise fail(f"{baseline}: cannot write ({e.strerror or e})", 1)

        cons = None
        if consistency:
            fig_types = ts & {"money", "percent"}
            if not fig_types:
                raise fail("--consistency compares money and percent figures: --types selects neither")
            ctx_types = frozenset(fig_types | _CONSISTENCY_CONTEXT)
            if baseline is not None and ctx_types == drift_types:
                ex2 = extracted
            else:
                ex2 = _extract(docs, ctx_types, rule_dirs, lg, ref, jobs, say,
                               errors if baseline is None else [])
            from .rules import RuleSet, default_ruleset

            vocab = ck.vocab_for(RuleSet(rule_dirs) if rule_dirs else default_ruleset())
            figures: list[ck.Figure] = []
            for d, facts in ex2:
                figures.extend(ck.figures_of(d.text, facts, d.id, vocab, frozenset(fig_types)))
            cons = ck.find_conflicts(figures, tol, undated)

        if fmt == "json":
            print(json.dumps(ck.report_json(drift, str(baseline) if baseline else None, cons, errors),
                             ensure_ascii=False, indent=2))
        elif fmt == "github":
            ck.render_github(sys.stdout, drift, str(baseline) if baseline else None, cons)
        else:
            from rich.console import Console

            console = Console(file=sys.stdout, highlight=False, soft_wrap=True,
                              no_color=bool(os.environ.get("NO_COLOR")))
            ck.render_text(console, drift, str(baseline) if baseline else None, cons, verbose)
        if update and drift is not None:
            warn(f"baseline {baseline} updated ({drift.count} difference"
                 f"{'s' if drift.count != 1 else ''} accepted)")
            if errors or cons:
                raise typer.Exit(1)
            return
        if errors or drift or cons:
            raise typer.Exit(1)


def _show_paths(base_records: list[ck.Record], lock_dir: Path, current: list[ck.Record]) -> None:
    """Where to point a reader (and GitHub annotations) for baseline facts: the current input's
    path when the document is still checked, else the file relative to the working directory."""
    shown = {r.doc: r.path for r in current}
    for r in base_records:
        if r.doc in shown:
            r.path = shown[r.doc]
        else:
            p = r.doc.split("#", 1)[0]
            try:
                r.path = os.path.relpath(lock_dir / p)
            except ValueError:
                r.path = str(lock_dir / p)
