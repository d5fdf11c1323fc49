"""Stage 3, header fields of a self-evaluation form: 项目名称 (and the code printed before
it), 主管部门, 实施单位 (预算单位 in the 2020 form), and the 项目基本情况 block: 项目年度目标,
年度目标完成情况, 项目实施内容及过程概述.

Labels come from catalog ``[fields]``; a label takes the cell after it.

A target form's header (catalog ``[targets.fields]``: 项目名称 or 部门名称, 主管部门, 实施单位,
项目性质, 项目类别, planned dates; goal labels; fund labels and the unit of the fund block) is
cut into :class:`Token` here and read by :mod:`.targets`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from juesuan.catalog.performance import PerformanceLayout, TargetLayout, key
from juesuan.structure.performance.form import Form
from juesuan.structure.performance.rows import Row, RowCell, extend_cell
from juesuan.structure.performance.words import TAG_RE, clean_text
from juesuan.structure.textutil import contains_any, squash

LEADING_NUMBERING = re.compile(r"^\d+[.．、]?")
NAME_LABEL_RE = re.compile(r"^项目名称[:：]?")
SEAL_RE = re.compile(r"（盖章）|盖章")
LIST_NUMBER_RE = re.compile(r"^[\d.．、]+")
SENTENCE_PUNCT_RE = re.compile(r"[，。；,;]")
TWO_CJK_RE = re.compile(r"[\u4e00-\u9fff]{2}")
#: The form's year line under its title: “（2023年度）”.
YEAR_LINE_RE = re.compile(r"（\d{4}年度?）")
BASIC_ENDINGS = ("情况", "概述", "目标", "情")  # of a label of the 项目基本情况 block
#: “项目年度目标 <text>” / “年度目标完成情况 <text>” printed in one cell
INLINE_LABELS = (("results", ("年度目标完成情况",)), ("targets", ("项目年度目标",)))


def parse_name(row: Row, lay: PerformanceLayout) -> tuple[str | None, str]:
    """(code, name) of a 项目名称 row: “51000021R000000019951-工资性支出” gives both."""
    values = row.cells[1:]
    if not values:
        # “项目名称 XXX” in one cell
        text = NAME_LABEL_RE.sub("", row.cells[0].text.strip()).strip()
    else:
        text = " ".join(c.text for c in values)
    text = clean_text(text)
    m = lay.code_pattern.match(squash(text))
    if m:
        return m.group(1), m.group(2)
    return None, text


def read_name(form: Form, row: Row) -> None:
    p = form.p
    p.code, p.name = parse_name(row, form.lay)
    if not form.titled:
        p.evidence = row.evidence  # the form is quoted by its name when it has no title


def is_units_row(row: Row, lay: PerformanceLayout, at_head: bool) -> bool:
    """The row of 主管部门 / 实施单位 (预算单位 as the first cell at the head of the form)."""
    department = lay.fields["department"]
    return (department[0] in row.key and any(c.key in department for c in row.cells)) or (
        at_head and row.first == "预算单位"
    )


def read_units(form: Form, row: Row) -> None:
    cells = row.cells
    lay = form.lay
    for i, c in enumerate(cells):
        k = SEAL_RE.sub("", c.key)
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is None:
            continue
        if k in lay.fields["department"]:
            form.p.department = nxt.cell()
        elif any(k.startswith(a) for a in lay.fields["implementer"]) and len(k) <= 6:
            form.p.implementer = nxt.cell()


def is_basic_header(row: Row, lay: PerformanceLayout) -> bool:
    """The row labelling the 项目年度目标 and 年度目标完成情况 columns."""
    keys = {c.key for c in row.cells}
    return bool(keys & set(lay.fields["results"])) and bool(keys & set(lay.fields["targets"]))


def basic_label(k: str, lay: PerformanceLayout) -> bool:
    """A label cell of the 项目基本情况 block (never content)."""
    k = LIST_NUMBER_RE.sub("", k)
    if not k or k in lay.fields["basic_labels"] or k in ("单位", "（盖章）"):
        return True
    return len(k) <= 16 and k.endswith(BASIC_ENDINGS) and not SENTENCE_PUNCT_RE.search(k)


def inline_text(c: RowCell) -> tuple[str, str] | None:
    """(field, text) of a label printed in one cell with its text."""
    text = TAG_RE.sub("", c.text).strip()
    for f, labels in INLINE_LABELS:
        for label in labels:
            if text.startswith(label) and len(key(text)) > len(label) + 4:
                return f, text[len(label) :].strip()
    return None


def read_basic(form: Form, row: Row) -> None:
    """A row of the 项目基本情况 block: its texts go to targets, results or implementation."""
    lay = form.lay
    p = form.p
    for c in row.cells:
        k = c.key
        if k in lay.fields["targets"]:
            form.basic_cols.setdefault("targets", c.col)
        elif k in lay.fields["results"]:
            form.basic_cols.setdefault("results", c.col)
    impl_words = lay.fields["implementation"]
    impl_row = False
    for c in row.cells:
        # a word in the key without its numbering is in the key: most keys hold none
        k = c.key
        if contains_any(k, impl_words) and contains_any(LEADING_NUMBERING.sub("", k), impl_words):
            impl_row = True
            break
    for c in row.cells:
        k = c.key
        inline = inline_text(c)
        if inline is not None:
            f, text = inline
            setattr(p, f, extend_cell(getattr(p, f), [RowCell(c.col, text, c.line, c.bbox)]))
            continue
        if basic_label(k, lay) or (len(k) <= 2 and not TWO_CJK_RE.search(k)):
            continue
        if YEAR_LINE_RE.fullmatch(k):
            continue  # the form's year line under its title
        result_col = form.basic_cols.get("results")
        if result_col is not None and c.col >= result_col and c.col > 1:
            p.results = extend_cell(p.results, [c])
        elif impl_row:
            p.implementation = extend_cell(p.implementation, [c])
        else:
            p.targets = extend_cell(p.targets, [c])


# ---------------------------------------------------------------------------------------
# target forms

TARGET_FIELDS = (
    *("name", "department_name", "department", "implementer", "nature", "category"),
    *("start", "end", "period"),
)
UNIT_IN_LABEL = re.compile(r"(?:单位[:：]?\s*|[(（])(万元|元)[)）]?")


class TargetLabels(NamedTuple):
    """The header labels of a target layout, arranged for :func:`target_field`."""

    tlay: TargetLayout
    exact: dict[str, str]  # label → the first of TARGET_FIELDS listing it
    glued: tuple[tuple[str, str], ...]  # (field, label) a value may be glued before, in order
    glued_labels: tuple[str, ...]  # the labels of ``glued``, for one ``endswith`` test


_labels: TargetLabels | None = None


def target_labels(tlay: TargetLayout) -> TargetLabels:
    """:class:`TargetLabels` of ``tlay`` (made again only for another layout)."""
    global _labels
    if _labels is None or _labels.tlay is not tlay:
        exact: dict[str, str] = {}
        glued: list[tuple[str, str]] = []
        for f in TARGET_FIELDS:
            for label in tlay.fields[f]:
                exact.setdefault(label, f)
                if len(label) >= 4:
                    glued.append((f, label))
        _labels = TargetLabels(tlay, exact, tuple(glued), tuple(label for _, label in glued))
    return _labels


def target_field(k: str, tlay: TargetLayout) -> tuple[str, str] | None:
    """(field, glued value) of a label cell: exact, or a value glued before the label (a
    label of four characters or more)."""
    labels = target_labels(tlay)
    f = labels.exact.get(k)
    if f is not None:
        return f, ""
    if not k.endswith(labels.glued_labels):
        return None  # one test for all labels: most cells end with none
    for f, label in labels.glued:
        if k.endswith(label) and len(k) > len(label):
            return f, k[: -len(label)]
    return None


def goal_of(k: str, tlay: TargetLayout) -> str | None:
    """The goal a label cell names: annual_goal (年度目标) or overall_goal (项目总目标)."""
    fields = tlay.fields
    if k in fields["annual_goal"]:
        return "annual_goal"
    if k in fields["overall_goal"]:
        return "overall_goal"
    return None


def fund_unit(text: str) -> str | None:
    """The unit a label of the fund block prints (“项目资金（元）”, “金额单位：万元”)."""
    return key_unit(key(text))


def key_unit(k: str) -> str | None:
    """:func:`fund_unit` of a label's key."""
    if not contains_any(k, ("资金", "金额", "单位")) or len(k) > 16:
        return None
    m = UNIT_IN_LABEL.search(k)
    return m.group(1) if m else None


class Token(NamedTuple):
    """A cell of a target form's header: ``label`` (a header field), ``fund``, ``unit``,
    ``goal``, ``block`` (a label of the form that names no field) or ``value``."""

    kind: str
    field: str | None  # the header field, goal or unit
    cell: RowCell


def tokens(row: Row, tlay: TargetLayout) -> list[Token]:
    """The row's cells as tokens; a value glued before a label is split off."""
    out: list[Token] = []
    for c in row.cells:
        if (unit := key_unit(c.key)) is not None:  # c.key is key(c.text)
            out.append(Token("unit", unit, c))
        elif tlay.fund(c.key) is not None:
            out.append(Token("fund", None, c))
        elif (goal := goal_of(c.key, tlay)) is not None:
            out.append(Token("goal", goal, c))
        elif c.key in tlay.fields["block_labels"]:
            out.append(Token("block", None, c))
        elif (found := target_field(c.key, tlay)) is not None:
            f, glued = found
            if glued:
                out.append(Token("value", None, RowCell(c.col, glued, c.line, c.bbox)))
            out.append(Token("label", f, c))
        else:
            out.append(Token("value", None, c))
    return out
