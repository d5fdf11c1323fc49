"""Rule cases as data: the documents where a rule fires and where it stays quiet.

Each rule has one file, ``tests/rule_cases/JS201.toml`` (shipped in the wheel as
``juesuan/rules/cases/``), holding its cases::

    [[case]]
    name = "total-row-off"          # unique within the file
    example = true                  # the documented example (one that fires, one quiet)
    text = \"\"\"
    支出决算表
    科目编码<TAB>科目名称<TAB>本年支出合计 …
    \"\"\"
    expect = [{ severity = "error", message = "…" }]

A case's document is either ``text`` in the small text form of the .txt samples (plain lines,
tab-separated table rows; ``filename`` names it, default ``case.txt``) or a shipped
``sample`` changed by ``[[case.edit]]`` entries (applied by the tests, see
``tests/rulekit.py``), for what the text form cannot express.  ``expect`` lists the findings
of the rule on that document in report order — its severity, and where useful a substring of
its ``message`` (the whole message for an example) and its ``expected``, ``actual`` and
``where``; an empty list means the rule stays quiet.  The tests run every case; ``juesuan
rules explain`` and docs/rules.md show the two example cases (the text, or the sample and its
edits where the text form cannot express the rule), so every documented example is executed.

A corpus rule compares the document with related ones: a case gives them as
``[[case.related]]`` entries, each a document in the same text form (``text``, and a
``filename`` that the findings name it by); the tests load them into a
:class:`~juesuan.model.corpus.MemoryCorpus` and pass it to the rules as their lookup (unit,
year and kind are read from each text as from any document)::

    [[case.related]]
    filename = "2023年度决算.txt"
    text = \"\"\"…\"\"\"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from juesuan.model.findings import Severity

_CASE_KEYS = frozenset(
    {"name", "example", "text", "filename", "sample", "edit", "expect", "related"}
)
_EXPECT_KEYS = frozenset({"severity", "message", "expected", "actual", "where"})
_RELATED_KEYS = frozenset({"text", "filename"})


class CaseError(ValueError):
    """A case file that does not follow the format (names the file and the case)."""


@dataclass(frozen=True, slots=True)
class Expected:
    """One finding a case must produce."""

    severity: Severity
    message: str | None = None  # a substring of the message (the whole message for examples)
    expected: str | None = None
    actual: str | None = None
    where: str | None = None


@dataclass(frozen=True, slots=True)
class RelatedText:
    """A related document of a corpus rule's case (last year's, the budget …)."""

    text: str
    filename: str


@dataclass(frozen=True, slots=True)
class Case:
    code: str
    name: str
    expect: tuple[Expected, ...]
    text: str | None = None
    filename: str = "case.txt"
    sample: str | None = None
    edits: tuple[dict[str, Any], ...] = ()
    example: bool = False
    related: tuple[RelatedText, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def fires(self) -> bool:
        return bool(self.expect)

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def cases_dir() -> Path | None:
    """The case files: shipped with the package, or in the source checkout's tests."""
    packaged = resources.files("juesuan.rules").joinpath("cases")
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "tests" / "rule_cases"
    return checkout if checkout.is_dir() else None


def case_file(code: str) -> Path | None:
    folder = cases_dir()
    path = folder / f"{code}.toml" if folder is not None else None
    return path if path is not None and path.is_file() else None


@cache
def load_cases(code: str) -> tuple[Case, ...]:
    """The cases of one rule (empty when it has no case file)."""
    path = case_file(code)
    if path is None:
        return ()
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    if set(data) - {"case"}:
        raise CaseError(f"{path}: unknown top-level keys {sorted(set(data) - {'case'})}")
    cases = tuple(_case(code, path, entry) for entry in data.get("case", []))
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        raise CaseError(f"{path}: case names repeat")
    return cases


def _case(code: str, path: Path, entry: dict[str, Any]) -> Case:
    name = entry.get("name")
    where = f"{path}: case {name!r}"
    if not isinstance(name, str) or not name:
        raise CaseError(f"{path}: a case without a name")
    unknown = set(entry) - _CASE_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown keys {sorted(unknown)}")
    text, sample = entry.get("text"), entry.get("sample")
    if (text is None) == (sample is None):
        raise CaseError(f"{where}: give either text or sample")
    if "expect" not in entry:
        raise CaseError(f"{where}: no expect (use expect = [] for a quiet case)")
    expect = []
    for item in entry["expect"]:
        if set(item) - _EXPECT_KEYS or "severity" not in item:
            raise CaseError(f"{where}: an expected finding needs severity, may have {_EXPECT_KEYS}")
        expect.append(
            Expected(
                severity=Severity(item["severity"]),
                message=item.get("message"),
                expected=item.get("expected"),
                actual=item.get("actual"),
                where=item.get("where"),
            )
        )
    example = bool(entry.get("example", False))
    related = []
    for i, item in enumerate(entry.get("related", [])):
        if set(item) - _RELATED_KEYS or not isinstance(item.get("text"), str):
            raise CaseError(f"{where}: related document {i + 1} needs text, may have filename")
        related.append(RelatedText(item["text"], item.get("filename", f"related-{i + 1}.txt")))
    return Case(
        code=code,
        name=name,
        expect=tuple(expect),
        text=text,
        filename=entry.get("filename", "case.txt"),
        sample=sample,
        edits=tuple(entry.get("edit", [])),
        example=example,
        related=tuple(related),
        path=path,
    )


def examples(code: str) -> tuple[Case | None, Case | None]:
    """(the documented case that fires, the documented quiet case)."""
    cases = load_cases(code)
    bad = next((c for c in cases if c.example and c.fires), None)
    good = next((c for c in cases if c.example and not c.fires), None)
    return bad, good
