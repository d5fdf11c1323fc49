"""JS703: no instruction to the filler of the template is left in the text, the 目录 and the
headings included: the catalog's instructions (an error) and any parenthetical that tells the
author what to fill in, list, keep or delete (a warning)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from juesuan.model import Disclosure
from juesuan.model.findings import Category, Severity
from juesuan.rules.engine import BOTH_KINDS, Hit, rule
from juesuan.rules.residue._shared import (
    TextPiece,
    evidence_for,
    residue_hits,
    residue_patterns,
    squash,
    texts,
    toc_texts,
)

#: A parenthetical (at most one level of brackets inside) and its leading label (注：/说明：).
_PARENTHETICAL = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)]){4,200})[）)]")
_LABEL = re.compile(r"^(?:注|说明|备注|提示)[：:]")
#: What a note to the author asks: fill in, list, state, keep, delete, leave out.
_IMPERATIVE = re.compile(
    r"填写|填列|填报|列示|列明|列出|罗列|说明|删除|删去|保留|不列|不写|不填|省略|注明|标明"
)
#: How it addresses the author rather than the reader.
_ADDRESS = re.compile(
    r"请|应|须|需|可以|可不|如有|如无|若|仅|本部分|此处|该处|以下同|下同|的部门|的单位|不涉及|涉及的"
)


@rule(
    "JS703",
    applies_to=BOTH_KINDS,
    name="template-instruction",
    title="模板填写说明未删除",
    category=Category.RESIDUE,
    severity=Severity.ERROR,
    rationale=(
        "模板中写给填报人的说明（如“（如持平作持平表述）”“无…的，仍保留该表格式，并在本表"
        "下方作下述说明”“（注：仅罗列本部门实际支出涉及的经济分类科目）”“由主管部门根据…"
        "填写”）不属于公开内容，留在正式文件中说明文件未经认真校对。正文、标题和目录都"
        "检查。目录中的模板说明按其文字报告；其他括号中写给填报人的话（要求填写、列示、"
        "说明、保留、删除，并以“请”“应”“仅”“如”“…的部门”等口吻对填报人说）报告为警告；"
        "表格下方解释本表内容的“注：本表反映…”不是填写说明。"
    ),
    suggestion="删除模板填写说明，只保留按说明写出的正式内容。",
)
def instruction(doc: Disclosure) -> Iterator[Hit]:
    pieces = list(chain(texts(doc), toc_texts(doc)))
    hits = list(residue_hits(doc, "instruction", "留有模板填写说明", "删除填写说明", pieces))
    yield from _merged(hits)
    yield from _parentheticals(doc, pieces)


def _merged(hits: list[Hit]) -> Iterator[Hit]:
    """A heading's instruction printed again in the 目录: one finding, both places."""
    by_text: dict[str, Hit] = {}
    for hit in hits:
        key = hit.actual or hit.message
        first = by_text.get(key)
        if first is not None and "目录" in (first.where, hit.where):
            first.evidence += [e for e in hit.evidence if e not in first.evidence]
            continue
        by_text.setdefault(key, hit)
        if by_text[key] is not hit:
            yield hit
    yield from by_text.values()


def _parentheticals(doc: Disclosure, pieces: list[TextPiece]) -> Iterator[Hit]:
    """Parentheticals that tell the author what to do (one finding per wording, every place
    it is printed — a heading and its 目录 entry — as evidence)."""
    catalog = residue_patterns()["instruction"]
    found: dict[str, Hit] = {}
    for piece in pieces:
        flat = squash(piece.text)
        for m in _PARENTHETICAL.finditer(flat):
            inner = _LABEL.sub("", m.group(1))
            if not (_IMPERATIVE.search(inner) and _ADDRESS.search(inner)):
                continue
            if any(p.regex.search(m.group()) for p in catalog):
                continue  # reported above as the catalog's instruction
            evidence = evidence_for(piece, m.group()[:12])
            hit = found.get(m.group())
            if hit is not None:
                hit.evidence += [e for e in evidence if e not in hit.evidence]
                continue
            found[m.group()] = Hit(
                message=f"括号中的文字像是写给填报人的说明：“{m.group()}”。",
                evidence=evidence,
                expected="删除填写说明",
                actual=m.group(),
                severity=Severity.WARNING,
                where=piece.where,
            )
    yield from found.values()
