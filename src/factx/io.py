"""Reading inputs: files, directories, globs, standard input and JSON Lines, with one clear
error per bad input (and never a traceback)."""

from __future__ import annotations

import codecs
import glob as globmod
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

DEFAULT_GLOBS = ("*.txt", "*.md")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class InputDoc:
    """A document to extract from. `id` names it in the output (the path as given, the JSONL
    record's `id`, else `path:line`); `path` is the file it came from ("-" for stdin)."""

    id: str
    text: str
    path: str = ""
    lang: str | None = None
    date: str | None = None


@dataclass
class InputError:
    """An input that could not be read; `source` names it, `message` says why."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class DecodeError(Exception):
    pass


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is a DecodeError."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise DecodeError(f"invalid UTF-16 at byte {e.start}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "convert it to UTF-8 first, e.g. with iconv") from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"file too large ({size:,} bytes; the limit is {max_bytes:,}, "
                          "raise it with --max-bytes)")
    with open(path, "rb") as f:
        return f.read(max_bytes + 1)


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(Path(name).match(g) for g in globs)


def expand_paths(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS
                 ) -> Iterator[tuple[str, Path | None] | InputError]:
    """Resolve arguments into (display name, path) pairs, sorted and without duplicates;
    "-" yields ("-", None). Errors come out in argument order, files in sorted order."""
    files: dict[str, Path] = {}
    errors: list[InputError] = []
    stdin = False
    for arg in paths:
        if arg == "-":
            stdin = True
            continue
        p = Path(arg)
        if p.is_dir():
            found = [q for q in p.rglob("*") if q.is_file() and _matches(q.name, globs)]
            if not found:
                errors.append(InputError(arg, f"directory has no files matching {', '.join(globs)}"))
            for q in found:
                files.setdefault(str(q), q)
        elif p.exists():
            files.setdefault(arg, p)
        elif any(c in arg for c in "*?["):
            found = [Path(q) for q in globmod.glob(arg, recursive=True) if Path(q).is_file()]
            if not found:
                errors.append(InputError(arg, "no files match this pattern"))
            for q in found:
                files.setdefault(str(q), q)
        else:
            errors.append(InputError(arg, "no such file or directory"))
    yield from errors
    if stdin:
        yield ("-", None)
    for name in sorted(files):
        yield (name, files[name])


def iter_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS,
                input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: BinaryIO | None = None) -> Iterator[InputDoc | InputError]:
    """Every document named by `paths`, or an InputError for each one that cannot be read.
    `input_format`: auto (JSONL for *.jsonl, text otherwise), text, or jsonl."""
    for item in expand_paths(paths, globs):
        if isinstance(item, InputError):
            yield item
            continue
        name, path = item
        try:
            if path is None:
                src = stdin if stdin is not None else sys.stdin.buffer
                data = src.read(max_bytes + 1)
                if len(data) > max_bytes:
                    raise DecodeError(f"input too large (over {max_bytes:,} bytes; raise --max-bytes)")
            else:
                data = _read_bytes(path, max_bytes)
            text = decode(data)
        except DecodeError as e:
            yield InputError(name, str(e))
            continue
        except IsADirectoryError:
            yield InputError(name, "is a directory")
            continue
        except PermissionError:
            yield InputError(name, "permission denied")
            continue
        except OSError as e:
            yield InputError(name, e.strerror or str(e))
            continue
        fmt = input_format
        if fmt == "auto":
            fmt = "jsonl" if name.lower().endswith((".jsonl", ".ndjson")) else "text"
        if not text.strip():
            yield InputError(name, "empty input (no text)")
            continue
        if fmt == "jsonl":
            yield from parse_jsonl(text, name)
        else:
            yield InputDoc(id=name, text=text, path=name)


def parse_jsonl(text: str, name: str) -> Iterator[InputDoc | InputError]:
    """One document a line: {"text": ..., "id"?, "lang"?, "date"?}."""
    seen_any = False
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{name}:{i}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            yield InputError(where, 'each line must be a JSON object with a "text" string')
            continue
        lang = rec.get("lang")
        if lang not in (None, "", "vi", "en", "auto"):
            yield InputError(where, f'unsupported "lang" {lang!r} (use vi, en or auto)')
            continue
        date = rec.get("date", rec.get("ref_date"))
        yield InputDoc(id=str(rec["id"]) if rec.get("id") not in (None, "") else where,
                       text=rec["text"], path=name, lang=lang or None,
                       date=str(date) if date not in (None, "") else None)
    if not seen_any:
        yield InputError(name, "empty input (no JSON lines)")


def is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
