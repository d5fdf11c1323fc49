"""The generator writes exactly what it wrote when the golden texts were recorded.

The golden files under ``tests/golden/generate/`` were captured from the generator before
its wording moved into the per-layout templates (see the README.md there); any change to a
sentence, a table cell or a chart shows up here as a diff.  ``python
tests/generate_snapshot.py`` rewrites them after an intended change.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from juesuan.generate import data as gd
from juesuan.generate.compose import compose
from tests.generate_snapshot import (
    FORMATS,
    GOLDEN,
    LAYOUTS,
    check_summary,
    document_text,
    file_text,
    variants,
    write_files,
)

VARIANTS = tuple(variants())


def _same(got: str, golden: Path) -> None:
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            list(
                difflib.unified_diff(
                    want.splitlines(keepends=True),
                    got.splitlines(keepends=True),
                    str(golden),
                    "generated",
                )
            )[:60]
        )
        pytest.fail(f"{golden.name} differs from the golden text:\n{diff}")


@pytest.fixture(scope="module")
def all_variants() -> dict[str, gd.GenerationData]:
    return variants()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_composed_document_is_unchanged(
    all_variants: dict[str, gd.GenerationData], variant: str, layout: str
) -> None:
    text = document_text(compose(all_variants[variant], layout))
    _same(text, GOLDEN / "documents" / f"{variant}-{layout}.txt")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_written_files_are_unchanged(layout: str, tmp_path: Path) -> None:
    paths = write_files(gd.load_example(), layout, tmp_path)
    for fmt in FORMATS:
        golden = GOLDEN / "files" / f"{layout}.{fmt}"
        _same(file_text(paths[fmt]), Path(f"{golden}.txt"))
        want = json.loads(Path(f"{golden}.check.json").read_text(encoding="utf-8"))
        assert check_summary(paths[fmt]) == want, f"check of {layout}.{fmt} changed"
