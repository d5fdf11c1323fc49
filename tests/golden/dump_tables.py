"""Write the table golden file of a sample: ``python tests/golden/dump_tables.py SAMPLE``.

The output is a proposal: check every row against the document by hand before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import juesuan
from juesuan.model import Disclosure


def tables_digest(doc: Disclosure) -> list[dict[str, Any]]:
    out = []
    for t in doc.tables:
        out.append(
            {
                "kind": t.kind.value,
                "title": t.title,
                "pages": t.pages,
                "unit": t.unit,
                "columns": t.columns,
                "empty_statement": t.empty_statement,
                "rows": [
                    [
                        r.code,
                        r.name,
                        r.side,
                        r.ref_code,
                        {k: v for k, v in r.raw.items()},
                        r.evidence.page,
                        r.evidence.line,
                    ]
                    for r in t.rows
                ],
            }
        )
    return out


if __name__ == "__main__":
    path = Path(sys.argv[1])
    doc = juesuan.read(path)
    target = Path(__file__).parent / "tables" / f"{path.stem}.json"
    text = json.dumps(tables_digest(doc), ensure_ascii=False, indent=0)
    target.write_text(text + "\n", encoding="utf-8")
    print(target)
