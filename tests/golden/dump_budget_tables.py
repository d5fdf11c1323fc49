"""Write the table golden of a budget sample: ``python tests/golden/dump_budget_tables.py SAMPLE``.

One line per row, so that each row can be checked against the page and the check recorded
(tests/golden/CHECKED.toml, see tests/golden/README.md).  The output is a proposal until a
person has checked it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import juesuan
from juesuan.model import Disclosure


def budget_digest(doc: Disclosure) -> dict[str, Any]:
    return {
        "tables": [
            {
                "kind": t.kind.value,
                "number": t.number,
                "title": t.title,
                "pages": t.pages,
                "unit": t.unit,
                "columns": t.columns,
                "doubts": t.doubts,
                "empty_statement": t.empty_statement,
                "rows": [
                    [r.code, r.name, r.side, r.ref_code, r.group, dict(r.raw), r.evidence.page]
                    for r in t.rows
                ],
            }
            for t in doc.tables
        ],
    }


def dumps(digest: dict[str, Any]) -> str:
    """JSON with one table row per line."""
    lines = ["{"]
    head = {k: v for k, v in digest.items() if k != "tables"}
    for k, v in head.items():
        lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('"tables": [')
    for i, t in enumerate(digest["tables"]):
        lines.append("{")
        for k, v in t.items():
            if k != "rows":
                lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
        lines.append('"rows": [')
        rows = [json.dumps(r, ensure_ascii=False) for r in t["rows"]]
        lines.append(",\n".join(rows))
        lines.append("]")
        lines.append("}" + ("," if i < len(digest["tables"]) - 1 else ""))
    lines.append("]")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    path = Path(sys.argv[1])
    target = Path(__file__).parent / "tables" / f"{path.stem}.json"
    target.write_text(dumps(budget_digest(juesuan.read(path))), encoding="utf-8")
