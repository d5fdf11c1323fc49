"""juesuan.read pauses the cyclic garbage collector while reading and restores its state."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import juesuan
from juesuan.errors import JuesuanError

SAMPLE = Path(__file__).parent.parent / "samples" / "shanghai-template-2024.pdf"


def test_collector_is_paused_during_the_read_and_on_after(monkeypatch: pytest.MonkeyPatch) -> None:
    import juesuan.structure as structure

    seen: list[bool] = []
    build = structure.build

    def spy(raw):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return build(raw)

    monkeypatch.setattr(structure, "build", spy)
    assert gc.isenabled()
    doc = juesuan.read(SAMPLE)
    assert seen == [False]
    assert gc.isenabled()
    assert doc.tables


def test_collector_state_restored_after_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(JuesuanError):
        juesuan.read(bad)
    assert gc.isenabled()
    gc.disable()
    try:
        juesuan.read(SAMPLE)
        assert not gc.isenabled()  # left off: someone else turned it off
    finally:
        gc.enable()
