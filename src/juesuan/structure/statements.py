from __future__ import annotations

from juesuan.model import Paragraph, Statement


def extract_statements(paragraphs: list[Paragraph]) -> list[Statement]:
    return []
