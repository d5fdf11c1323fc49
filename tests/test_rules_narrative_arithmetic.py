"""Narrative arithmetic (JS6xx) beyond its cases (tests/rule_cases/JS6*.toml): the interval of a
year-on-year rate, and the template's silence."""

from __future__ import annotations

from decimal import Decimal as D

import rulekit

from juesuan.rules.narrative_arithmetic.js601_yoy_rate_wrong import yoy_interval


def test_yoy_interval_brackets_the_point_rate() -> None:
    intervals = yoy_interval(D("16.25"), D("4"), -1)
    assert intervals is not None
    (low, high), singles = intervals
    assert low < D("19.753") < high and len(singles) == 2


def test_template_has_no_narrative_arithmetic_findings() -> None:
    assert rulekit.run(rulekit.sample("shanghai-template-2024.pdf"), "JS6") == []
