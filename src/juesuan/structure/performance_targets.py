"""Moved: the target-form reader is :mod:`juesuan.structure.performance.targets`, a stage of
the performance pipeline.  Kept so that references to this module keep working."""

from __future__ import annotations

from juesuan.structure.performance.recognise import has_target_structure
from juesuan.structure.performance.target_indicators import parse_measure
from juesuan.structure.performance.targets import read_target

__all__ = ["has_target_structure", "parse_measure", "read_target"]
