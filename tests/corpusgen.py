"""A corpus made with ``generate``: several units over three years, built from the shipped
example by changing the unit's name and year and scaling its amounts.

Amounts are multiplied by a whole factor (year 1 ×1, year 2 ×2, …) so every sum still adds
up and the rules stay quiet; last year's figures (``prior_year``) are set from the previous
year's generated tables, so a cross-year comparison agrees unless an inconsistency is planted
(``plant_prior_total``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.generate.data import GenerationData, from_json_dict
from juesuan.model import Disclosure

EXAMPLE = Path(__file__).resolve().parents[1] / "src/juesuan/generate/examples/leshan-2024.json"
BASE_NAME = "乐山市大数据中心"
BASE_YEAR = 2024


def _scale(values: dict[str, Any], factor: int, into: dict[str, Any] | None = None) -> None:
    """Amounts (decimal strings) × ``factor``, written back into ``into`` (default: the same
    dict); other strings are left alone."""
    target = values if into is None else into
    for key, value in values.items():
        if isinstance(value, str):
            try:
                amount = Decimal(value)
            except ArithmeticError:
                continue
            target[key] = f"{amount * factor:.2f}"


def variant_json(
    name: str,
    year: int,
    factor: int = 1,
    plant_prior_total: Decimal | None = None,
    *,
    initial: bool = False,
    plant: Plant | None = None,
) -> dict[str, Any]:
    """The example as ``name``'s final account of ``year``, amounts × ``factor``.

    ``initial``: the 项 state their 年初预算 (the published budget: the amounts of
    :func:`budget_text`) instead of the example's 全年预算; ``plant`` plants
    inconsistencies with the other documents of the corpus."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(BASE_NAME, name).replace("乐山市", name[:3])
    text = text.replace(str(BASE_YEAR + 1), str(year + 1)).replace(str(BASE_YEAR), str(year))
    data = json.loads(text)
    data["unit"]["short_name"] = ""
    for table in data["tables"].values():
        for row in table.get("rows", []):
            _scale(row.get("values", {}), factor)
    for budget in data.get("budgets", []):
        _scale({k: v for k, v in budget.items() if k in ("initial", "adjusted")}, factor, budget)
    _scale(data.get("procurement") or {}, factor)
    if factor > 1:
        base = variant_json(name, year - 1, factor - 1)
        data["prior_year"] = _prior_from(base)
    if plant_prior_total is not None:
        data["prior_year"]["total"] = str(plant_prior_total)
    if initial:
        actual = {
            r["code"]: r["values"]["total"] for r in data["tables"]["T06"]["rows"] if r.get("code")
        }
        for budget in data["budgets"]:  # 政府性基金 items: their 全年预算 as 年初预算
            budget["initial"] = actual.get(budget["code"], budget["adjusted"])
            budget["adjusted"] = None
    if plant is not None:
        plant.apply(data)
    return data


@dataclass(frozen=True)
class Plant:
    """Inconsistencies planted in a generated final account (each a defect a corpus rule
    must find, and only that rule)."""

    prior_total: Decimal | None = None  # states this as last year's 收入支出总计
    prior_general: Decimal | None = None  # … as last year's 一般公共预算财政拨款支出
    initial: dict[str, Decimal] = field(default_factory=dict)  # 项 → a wrong 年初预算
    names: dict[str, str] = field(default_factory=dict)  # code → another name, in every table

    def apply(self, data: dict[str, Any]) -> None:
        if self.prior_total is not None:
            data["prior_year"]["total"] = str(self.prior_total)
        if self.prior_general is not None:
            data["prior_year"]["general_expense"] = str(self.prior_general)
        for budget in data["budgets"]:
            if budget["code"] in self.initial:
                budget["initial"] = str(self.initial[budget["code"]])
        for table in data["tables"].values():
            for row in table.get("rows", []):
                if row.get("code") in self.names:
                    row["name"] = self.names[row["code"]]


def _prior_from(previous: dict[str, Any]) -> dict[str, Any]:
    """Last year's totals, as the previous year's tables state them."""

    def row(kind: str, key: str, side: str | None = None) -> dict[str, Any] | None:
        for r in previous["tables"][kind]["rows"]:
            if r.get("key") == key and (side is None or r.get("side") == side):
                return dict(r["values"])
        return None

    t01 = row("T01", "grand_total", "income") or {}
    t04 = row("T04", "grand_total", "income") or {}
    prior: dict[str, Any] = {
        "total": t01.get("amount"),
        "fiscal_total": t04.get("amount"),
        "general_expense": None,
        "admin_cost": None,
        "sangong": {},
    }
    for r in previous["tables"]["T06"]["rows"]:
        if r.get("key") == "total" or r.get("name") == "合计":
            prior["general_expense"] = r["values"].get("total")
    for r in previous["tables"].get("T13", {}).get("rows", []):
        if r.get("key") and "actual" in r.get("values", {}):
            prior["sangong"][r["key"]] = r["values"]["actual"]
    return prior


def variant(
    name: str,
    year: int,
    factor: int = 1,
    plant_prior_total: Decimal | None = None,
    *,
    initial: bool = False,
    plant: Plant | None = None,
) -> GenerationData:
    return from_json_dict(
        variant_json(name, year, factor, plant_prior_total, initial=initial, plant=plant)
    )


def disclosure(name: str, year: int, factor: int = 1) -> Disclosure:
    """The model of a generated disclosure (no file rendered), with a content hash."""
    from juesuan.generate.compose import to_disclosure

    return to_disclosure(variant(name, year, factor))


#: Units × years of the generated corpus; 丙区数据局 was 丙区大数据中心 before its last year.
UNITS = {
    "甲市数据中心": [(2022, 1), (2023, 2), (2024, 3)],
    "乙县大数据中心": [(2022, 1), (2023, 2), (2024, 3)],
    "丙区大数据中心": [(2022, 1), (2023, 2)],
    "丙区数据局": [(2024, 3)],
}


def write_corpus(folder: Path, suffix: str = ".docx") -> list[Path]:
    """Render the corpus of :data:`UNITS` into ``folder`` (one file per document)."""
    from juesuan.generate.run import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, years in UNITS.items():
        for year, factor in years:
            out = folder / f"{name}-{year}{suffix}"
            generate(variant(name, year, factor), out, "sichuan")
            paths.append(out)
    return paths


# --- budgets --------------------------------------------------------------------------------


def budget_text(
    name: str,
    year: int,
    factor: int,
    *,
    previous: int | None = None,
    plant_changes: dict[str, Decimal] | None = None,
) -> str:
    """``name``'s budget of ``year`` in the text form of the .txt samples, written by the
    package's budget writer (:func:`juesuan.generate.budget.compose_budget`, national layout):
    its amounts are the generated final account's (× ``factor``), and — when ``previous``
    (last year's factor) is given — it states the changes against last year's budget;
    ``plant_changes`` (a code, or "total" …) states another change than the true one."""
    from juesuan.generate.budget import compose_budget
    from juesuan.generate.render_text import render_text

    last = variant(name, year - 1, previous) if previous else None
    document = compose_budget(
        variant(name, year, factor), last, "national", change_offsets=plant_changes
    )
    return render_text(document)


# --- the corpus with planted inconsistencies ----------------------------------------------------

#: What is planted where (document file name → plant): cross-year (JS951, one of them in the
#: renamed unit, found only once its two names are one unit), budget against final account
#: (JS952), a budget against last year's budget (JS953), a code's name (JS954).
FINAL_PLANTS = {
    "乙县大数据中心-2024-决算": Plant(prior_total=Decimal("2100.00")),  # 2023: 2139.72
    "丙区数据局-2024-决算": Plant(prior_general=Decimal("1200.00")),  # 2023: 1245.84
    "甲市数据中心-2023-决算": Plant(initial={"2010350": Decimal("117.76")}),  # budget: 107.76
    "甲市数据中心-2022-决算": Plant(names={"2013750": "事业运转"}),  # everyone: 事业运行
}
BUDGET_PLANTS = {"乙县大数据中心-2023-预算": {"201": Decimal("5.00")}}  # 一般公共服务 +5

#: The corpus rules' findings on the planted corpus, and nothing else: (rule, severity, file
#: stem, a phrase of the message).  ``after_merge``: found once 丙区数据局 and 丙区大数据中心 are
#: one unit.
PLANTED = [
    ("JS951", "error", "乙县大数据中心-2024-决算", "“收入支出总计”"),
    ("JS952", "error", "甲市数据中心-2023-决算", "“一般公共预算财政拨款支出”年初预算"),
    ("JS952", "error", "甲市数据中心-2023-决算", "事业运行（项）”年初预算"),
    ("JS953", "error", "乙县大数据中心-2023-预算", "“一般公共服务支出”"),
    ("JS954", "warning", "甲市数据中心-2022-决算", "印为“事业运转”"),
]
PLANTED_AFTER_MERGE = [
    ("JS951", "error", "丙区数据局-2024-决算", "“一般公共预算财政拨款支出”"),
]


def write_planted_corpus(folder: Path) -> list[Path]:
    """Every unit's final account (DOCX, stating its 年初预算) and budget (text form) for
    each year of :data:`UNITS`, with the inconsistencies of :data:`FINAL_PLANTS` and
    :data:`BUDGET_PLANTS`."""
    from juesuan.generate.run import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, years in UNITS.items():
        previous: int | None = None
        for year, factor in years:
            stem = f"{name}-{year}-决算"
            data = variant(name, year, factor, initial=True, plant=FINAL_PLANTS.get(stem))
            out = folder / f"{stem}.docx"
            generate(data, out, "sichuan")
            paths.append(out)
            stem = f"{name}-{year}-预算"
            text = budget_text(
                name, year, factor, previous=previous, plant_changes=BUDGET_PLANTS.get(stem)
            )
            out = folder / f"{stem}.txt"
            out.write_text(text, encoding="utf-8")
            paths.append(out)
            previous = factor
    # 丙区数据局 2024 continues 丙区大数据中心 2023: its budget compares with that one
    return paths
