"""A corpus made with ``generate``: several units over three years, built from the shipped
example by changing the unit's name and year and scaling its amounts.

Amounts are multiplied by a whole factor (year 1 ×1, year 2 ×2, …) so every sum still adds
up and the rules stay quiet; last year's figures (``prior_year``) are set from the previous
year's generated tables, so a cross-year comparison agrees unless an inconsistency is planted
(``plant_prior_total``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.generate.data import GenerationData, from_json_dict
from juesuan.model import Disclosure

EXAMPLE = Path(__file__).resolve().parents[1] / "src/juesuan/generate/examples/leshan-2024.json"
BASE_NAME = "乐山市大数据中心"
BASE_YEAR = 2024


def _scale(values: dict[str, Any], factor: int) -> None:
    for key, value in values.items():
        if isinstance(value, str):
            try:
                amount = Decimal(value)
            except ArithmeticError:
                continue
            values[key] = f"{amount * factor:.2f}"


def variant_json(
    name: str, year: int, factor: int = 1, plant_prior_total: Decimal | None = None
) -> dict[str, Any]:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(BASE_NAME, name).replace("乐山市", name[:3])
    text = text.replace(str(BASE_YEAR + 1), str(year + 1)).replace(str(BASE_YEAR), str(year))
    data = json.loads(text)
    data["unit"]["short_name"] = ""
    for table in data["tables"].values():
        for row in table.get("rows", []):
            _scale(row.get("values", {}), factor)
    for budget in data.get("budgets", []):
        _scale(budget, factor)
    _scale(data.get("procurement") or {}, factor)
    if factor > 1:
        base = variant_json(name, year - 1, factor - 1)
        data["prior_year"] = _prior_from(base)
    if plant_prior_total is not None:
        data["prior_year"]["total"] = str(plant_prior_total)
    return data


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
    name: str, year: int, factor: int = 1, plant_prior_total: Decimal | None = None
) -> GenerationData:
    return from_json_dict(variant_json(name, year, factor, plant_prior_total))


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
