"""Budget performance-target rules (JS815–JS820) beyond their cases
(tests/rule_cases/JS815.toml … JS820.toml): the hand-made forms of the cases are read as
target forms, findings name the form, a finding's evidence names the printed lines, a form
without its title is recognised by header words only, and the Wanli sample's real defects
are pinned by page and line (read on its pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

import juesuan
from juesuan.model import Disclosure
from juesuan.model.findings import Finding, Severity
from juesuan.rules.casebook import load_cases
from tests.rulekit import doc_from_text, run

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CODES = ("JS815", "JS816", "JS817", "JS818", "JS819", "JS820")


def one(doc: Disclosure, code: str) -> Finding:
    found = run(doc, code)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def _case_text(code: str, name: str) -> str:
    [case] = [c for c in load_cases(code) if c.name == name]
    assert case.text is not None
    return case.text


@pytest.mark.parametrize("code", CODES)
def test_the_cases_forms_are_read_as_target_forms(code: str) -> None:
    """Each text case is read as the forms it is written with (one, or two for JS820)."""
    for case in load_cases(code):
        if case.text is None:
            continue
        doc = doc_from_text(case.text)
        expected = 2 if "第二项目" in case.text else 1
        assert len(doc.targets) == expected, (case.id, [t.name for t in doc.targets])


@pytest.mark.parametrize("code", CODES)
def test_findings_name_the_form(code: str) -> None:
    for case in load_cases(code):
        if case.text is None or not case.fires:
            continue
        for f in run(doc_from_text(case.text), code):
            assert f.where == ("绩效目标" if code == "JS820" else "绩效目标：测试项目"), case.id


def test_part_larger_than_whole_names_both_lines() -> None:
    doc = doc_from_text(_case_text("JS815", "part-larger-than-whole"))
    f = one(doc, "JS815")
    assert [e.text for e in f.evidence] == [
        "年度资金申请总额\t100.00",
        "其中：当年财政拨款\t110.00",
    ]


def test_a_form_without_its_title_is_recognised_by_header_words() -> None:
    doc = doc_from_text(_case_text("JS815", "form-recognised-by-header-words-only"))
    assert doc.targets[0].recognised_by == "header"
    assert one(doc, "JS815").severity is Severity.INFO


# --- the Wanli sample ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def wanli() -> Disclosure:
    return juesuan.read(SAMPLES / "shanghai-putuo-wanli-street-2023-dept-budget.pdf")


def test_wanli_real_findings(wanli: Disclosure) -> None:
    found = sorted(
        (f.rule, f.severity.value, f.evidence[-1].page, f.evidence[-1].line, f.actual)
        for f in run(wanli, "JS8")
    )
    assert found == [
        # page 35: 年度资金申请总额 10,903,043.00, 其中：当年财政拨款 11,419,043.00
        ("JS815", "error", 35, 7, "11,419,043.00"),
        # page 31: 完工及时率 “及时率”, 完善社区基础设施建设 “完善率”, 居民满意度 “满意度”
        ("JS819", "warning", 31, 24, "及时率"),
        ("JS819", "warning", 31, 26, "完善率"),
        ("JS819", "warning", 31, 27, "满意度"),
        # page 34: two indicators whose 指标值 repeats the 三级指标 word for word
        ("JS819", "warning", 34, 53, "做好禁毒示范城区标准化建设"),
        ("JS819", "warning", 34, 68, "宣传工作覆盖面不断扩大"),
        # page 29 line 18: “编报绩效目标的项目5个，涉及项目预算资金3328.13万元”; the five forms'
        # 年度资金申请总额 (pages 31-35: 4,100,000.00 + 6,351,000.00 + 4,563,800.00 +
        # 7595500.00 + 10,903,043.00 元) make 3351.3343 万元: mentioned only (the statement's
        # amount is read since the budget statements of branch bnarr)
        ("JS820", "info", 35, 6, "3328.13"),
    ]
