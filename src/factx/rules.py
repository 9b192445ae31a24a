"""Rule data: TOML rule files and plain-text word lists under `rules/`.

The built-in rules ship inside the wheel as `factx/rules`; in a source checkout they are read
from the repository's top-level `rules/`. Users add directories with `--rules DIR`: a file
of the same relative name in a user directory is read *after* the built-in one and the
extractor merges both (user rules extend, they do not replace).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path


class RulesError(Exception):
    """A rule file that cannot be read or is malformed (reported as a usage error)."""


def builtin_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    checkout = here.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RulesError(f"built-in rules not found (looked in {packaged} and {checkout})")


class RuleSet:
    """An ordered list of rule directories: the built-in one first, then the user's."""

    def __init__(self, user_dirs: tuple[str | Path, ...] = ()):
        dirs = [builtin_rules_dir()]
        for d in user_dirs:
            p = Path(d)
            if not p.is_dir():
                raise RulesError(f"{d}: rules directory not found")
            dirs.append(p.resolve())
        self.dirs: tuple[Path, ...] = tuple(dirs)

    def __hash__(self) -> int:
        return hash(self.dirs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.dirs == self.dirs

    def files(self, name: str) -> list[Path]:
        """Every existing `name` (relative path) across the directories, built-in first."""
        return [d / name for d in self.dirs if (d / name).is_file()]

    def glob(self, pattern: str) -> list[Path]:
        out: list[Path] = []
        for d in self.dirs:
            out.extend(sorted(d.glob(pattern)))
        return out

    def toml(self, name: str) -> list[dict]:
        """Parsed TOML documents for `name`, built-in first."""
        return [_read_toml(p) for p in self.files(name)]

    def words(self, name: str) -> list[str]:
        """Lines of every `name` word list, without blanks and `#` comments."""
        out: list[str] = []
        for p in self.files(name):
            out.extend(_read_lines(p))
        return out

    def tsv(self, name: str) -> list[list[str]]:
        """Tab-separated rows of every `name` table (comments and blank lines skipped)."""
        return [line.split("\t") for line in self.words(name)]


@lru_cache(maxsize=256)
def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise RulesError(f"{path}: {e}") from None


@lru_cache(maxsize=512)
def _read_lines(path: Path) -> tuple[str, ...]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"{path}: {e}") from None
    out = []
    for line in text.splitlines():
        s = line.rstrip("\r\n")
        if not s.strip() or s.lstrip().startswith("#"):
            continue
        out.append(s.strip(" "))
    return tuple(out)


@lru_cache(maxsize=8)
def default_ruleset() -> RuleSet:
    return RuleSet()


def iter_examples(ruleset: RuleSet):
    """Yield (file, rule_id, example) for every `examples` entry in every TOML rule file.

    An example is a table: ``{text, lang?, ref_date?, type?, value?, unit?, qualifier?,
    span?, none?}``; `none = true` means the text must yield no fact of `type`.
    """
    for d in ruleset.dirs:
        for p in sorted(d.rglob("*.toml")):
            doc = _read_toml(p)
            yield from _walk_examples(p, doc, "")


def _walk_examples(path: Path, node, rule_id: str):
    if isinstance(node, dict):
        rid = node.get("id", rule_id)
        for k, v in node.items():
            if k == "examples" and isinstance(v, list):
                for ex in v:
                    if isinstance(ex, dict):
                        yield path, rid, ex
            else:
                yield from _walk_examples(path, v, rid)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_examples(path, v, rule_id)
