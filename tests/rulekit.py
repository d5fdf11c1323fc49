"""Helpers for rule tests: small hand-made disclosures and the real samples, checked.

A rule test is a tiny document (text form: plain lines and tab-separated table rows, as in
the shipped .txt samples) plus the findings it must or must not produce, or a real sample
with one printed value changed.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import juesuan
from juesuan.model import Disclosure
from juesuan.model.findings import CheckReport, Finding
from juesuan.rules import check
from juesuan.sources.text import read_text
from juesuan.structure import build

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE_NAMES = (
    "leshan-bigdata-center-2024.txt",
    "sichuan-bigdata-center-2022.txt",
    "sichuan-commerce-infocenter-2020.txt",
    "shanghai-shegong-2024.pdf",
    "shanghai-guihua-2024.pdf",
    "shanghai-template-2024.pdf",
)


def doc_from_text(text: str, name: str = "case.txt") -> Disclosure:
    """A disclosure read from text written like the .txt samples (tabs separate cells)."""
    return build(read_text(Path(name), text.encode("utf-8")))


@cache
def _sample(name: str) -> Disclosure:
    return juesuan.read(SAMPLES / name)


def sample(name: str) -> Disclosure:
    """A fresh copy of a shipped sample's model (safe to modify)."""
    return copy.deepcopy(_sample(name))


def run(doc: Disclosure, code: str) -> list[Finding]:
    """The findings of one rule (by code or prefix) on ``doc``."""
    report: CheckReport = check(doc, select=[code])
    return [f for f in report.findings if f.rule.startswith(code)]
