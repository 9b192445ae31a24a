"""Every example that a rule file carries is a test (the rules' own corpus)."""

import pytest

from factx.examples import run_examples
from factx.rules import RuleSet, iter_examples

RS = RuleSet()
EXAMPLES = list(iter_examples(RS))


def test_rule_files_carry_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path,rule,example", EXAMPLES,
                         ids=[f"{p.parent.name}/{p.name}:{i}" for i, (p, _r, _e) in enumerate(EXAMPLES)])
def test_rule_example(path, rule, example):
    from factx.examples import check_example

    ok, why = check_example(example, RS)
    assert ok, f"{path.name} [{rule}] {example.get('text')!r}: {why}"


def test_run_examples_reports_failures(tmp_path):
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\nid = "bogus"\nexamples = [{ text = "nothing to see here", type = "money", value = 5, unit = "USD" }]\n',
        encoding="utf-8")
    rs = RuleSet((str(tmp_path),))
    results = run_examples(rs, only_dirs=(rs.dirs[-1],))
    assert len(results) == 1 and not results[0].ok
    assert "got nothing" in results[0].why
