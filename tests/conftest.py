from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def shared_eval(name: str) -> Path:
    """A gold file from ../shared/eval; the test is skipped when ../shared is absent."""
    p = SHARED / "eval" / name
    if not p.is_file():
        pytest.skip(f"{p} not present (tests that use ../shared skip without it)")
    return p
