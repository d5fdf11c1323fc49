"""Write the statement golden file of a sample: ``python tests/golden/dump_statements.py SAMPLE``.

The output is a proposal: check every statement against the document by hand before
committing it (see docs/statements.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import juesuan
from juesuan.model import Statement

GOLDEN = Path(__file__).parent / "statements"


def statements_digest(statements: list[Statement]) -> list[dict[str, Any]]:
    """The golden form: what was read, without the evidence (page/line may move)."""
    return [
        {
            "section": s.section,
            "subject": s.subject,
            "code": s.code,
            "measure": s.measure,
            "value": str(s.value),
            "unit": s.unit,
        }
        for s in statements
    ]


def format_digest(digest: list[dict[str, Any]]) -> str:
    """One statement per line, so that a review reads like the document."""
    lines = [json.dumps(item, ensure_ascii=False) for item in digest]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def write(sample: Path) -> Path:
    doc = juesuan.read(sample)
    out = GOLDEN / f"{sample.stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(format_digest(statements_digest(doc.statements)), encoding="utf-8")
    return out


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(write(Path(arg)))
