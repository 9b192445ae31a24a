"""Writing facts: rich table, CSV (spreadsheet-safe), JSON array, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Iterable

from .model import FIELDS, Fact, value_text

FORMATS = ("table", "csv", "json", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = {"doc", "type", "text", "unit", "qualifier", "lang", "rule"}


def format_for_path(path: str) -> str | None:
    low = path.lower()
    for ext, fmt in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json"),
                     (".txt", "table")):
        if low.endswith(ext):
            return fmt
    return None


def safe_cell(s: str) -> str:
    """Neutralize a text cell a spreadsheet would read as a formula (prefix a quote)."""
    if s and s.startswith(_FORMULA_START):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    """A plain number, or a `from..to` range of plain numbers."""
    return bool(s) and all(_num(p) for p in s.split(".."))


def _num(p: str) -> bool:
    try:
        float(p)
        return True
    except ValueError:
        return False


def csv_row(f: Fact) -> list[str]:
    d = f.to_dict()
    row = []
    for k in FIELDS:
        if k == "value":
            v = value_text(f.value)
            row.append(v if _is_number(v) else safe_cell(v))
        elif k in _TEXT_COLUMNS:
            row.append(safe_cell("" if d[k] is None else str(d[k])))
        else:
            row.append("" if d[k] is None else str(d[k]))
    return row


class FactWriter:
    """Streams facts in one format to a text stream; `close()` finishes the document."""

    def __init__(self, fmt: str, stream: IO[str], excel: bool = False, console=None):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.stream = stream
        self.count = 0
        self._rows: list[Fact] = []
        self._console = console
        if fmt == "csv":
            if excel:
                stream.write("\ufeff")
            self._csv = csv.writer(stream, lineterminator="\r\n")
            self._csv.writerow(FIELDS)
        elif fmt == "json":
            stream.write("[")

    def write(self, facts: Iterable[Fact]) -> None:
        for f in facts:
            if self.fmt == "csv":
                self._csv.writerow(csv_row(f))
            elif self.fmt == "jsonl":
                self.stream.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
            elif self.fmt == "json":
                self.stream.write(("\n  " if self.count == 0 else ",\n  ")
                                  + json.dumps(f.to_dict(), ensure_ascii=False))
            else:
                self._rows.append(f)
            self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        elif self.fmt == "table":
            self._table()
        self.stream.flush()

    def _table(self) -> None:
        from rich.console import Console
        from rich.table import Table

        console = self._console or Console(file=self.stream)
        table = Table(show_header=True, header_style="bold", show_lines=False)
        for col, kw in (("doc", {"overflow": "fold"}), ("line", {"justify": "right"}),
                        ("type", {}), ("text", {"overflow": "fold"}), ("value", {"overflow": "fold"}),
                        ("unit", {}), ("qual.", {}), ("lang", {})):
            table.add_column(col, **kw)
        for f in self._rows:
            table.add_row(f.doc, str(f.line), f.type, f.text, value_text(f.value), f.unit,
                          f.qualifier, f.lang)
        console.print(table)
        console.print(f"{self.count} fact{'s' if self.count != 1 else ''}", style="dim")


def facts_to_string(facts: Iterable[Fact], fmt: str) -> str:
    buf = io.StringIO()
    w = FactWriter(fmt, buf)
    w.write(facts)
    w.close()
    return buf.getvalue()
