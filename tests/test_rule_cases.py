"""Every rule's cases (``tests/rule_cases/<code>.toml``): each runs and gives exactly the
findings it expects; every rule has a case where it fires and one where it stays quiet, one
of each documented as its example; every rule lives in its own module named after it."""

from __future__ import annotations

import re

import pytest
import rulekit

from juesuan.rules import all_rules
from juesuan.rules.casebook import Case, cases_dir, load_cases
from juesuan.rules.engine import RULE_MODULE

RULES = all_rules()
CASES = [case for code in RULES for case in load_cases(code)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case: Case) -> None:
    lookup = rulekit.case_corpus(case) if RULES[case.code].needs_corpus else None
    found = rulekit.run(rulekit.case_document(case), case.code, lookup)
    got = [(f.severity.value, f.message) for f in found]
    assert [f.severity for f in found] == [e.severity for e in case.expect], got
    for f, e in zip(found, case.expect, strict=True):
        if e.message is not None:
            if case.example:
                assert f.message == e.message, got
            else:
                assert e.message in f.message, got
        for attr in ("expected", "actual", "where"):
            if getattr(e, attr) is not None:
                assert getattr(f, attr) == getattr(e, attr), (attr, got)
        assert f.evidence, f"{case.id}: a finding without evidence"
        if RULES[case.code].needs_corpus:
            # both documents are cited: this one, and the other with its file
            assert any(e.file is None for e in f.evidence), case.id
            assert any(e.file for e in f.evidence), case.id


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_cases_that_fire_and_stay_quiet(code: str) -> None:
    cases = load_cases(code)
    assert any(c.fires for c in cases), f"{code}: no case where it fires"
    assert any(not c.fires for c in cases), f"{code}: no case where it stays quiet"
    examples = [c for c in cases if c.example]
    assert sorted(c.fires for c in examples) == [False, True], (
        f"{code}: one example that fires and one quiet example"
    )
    bad = next(c for c in examples if c.fires)
    assert all(e.message for e in bad.expect), f"{code}: the example shows its messages"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_module_is_named_after_the_rule(code: str) -> None:
    r = RULES[code]
    package, family, module = r.module.rsplit(".", 2)
    assert package == "juesuan.rules" and re.match(r"^[a-z_]+$", family), r.module
    assert RULE_MODULE.match(module) and module == f"{code.lower()}_{r.name.replace('-', '_')}"


def test_each_rule_module_holds_one_rule() -> None:
    modules = [r.module for r in RULES.values()]
    assert len(set(modules)) == len(modules)


def test_related_documents_only_for_corpus_rules() -> None:
    for case in CASES:
        assert not case.related or RULES[case.code].needs_corpus, case.id


def test_case_files_belong_to_rules() -> None:
    folder = cases_dir()
    assert folder is not None
    files = {p.stem for p in folder.glob("*") if p.name != "README.md"}
    assert files <= set(RULES), files - set(RULES)
    assert all(p.suffix == ".toml" for p in folder.glob("*") if p.name != "README.md")
