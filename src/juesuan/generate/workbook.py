"""The data workbook of ``juesuan generate``: an XLSX a finance officer fills without training.

:func:`write_template` writes the empty workbook: an 说明 sheet with instructions in Chinese,
one sheet per standard table in the shape of the published table (the fixed lines of the
two summary tables and the economic codes of the 基本支出决算表 already listed), and one
sheet for each group of facts (基本情况, 概况文字, 单位构成, 上年数, 项目预算, 三公经费情况,
政府采购, 国有资产, 绩效管理, 说明文字, 名词解释, 附件).  :func:`write_workbook` writes the
same workbook filled with data (``juesuan generate --example OUT.xlsx``).

:func:`read_workbook` reads a filled workbook into :class:`GenerationData`.  Every problem
is a :class:`~juesuan.errors.DataError` whose Chinese message names the sheet and the cell:
a missing sheet, text in a number cell, a malformed code, a total that does not add up.
Amounts are 万元, rounded half-up to two decimals when read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan import catalog
from juesuan.errors import DataError, FileMissingError, OutputError
from juesuan.generate.data import (
    TEXT_KEYS,
    ZERO,
    Assets,
    GenerationData,
    ItemBudget,
    Performance,
    PriorYear,
    Procurement,
    Reception,
    SangongFacts,
    TableData,
    TableLine,
    UnitEntry,
    UnitFacts,
    VehiclePurchase,
    generated_tables,
    printed_columns,
    row_identities,
)
from juesuan.generate.tables import t08_side, two_sided_lines
from juesuan.generate.variant import all_expense_classes
from juesuan.generate.variant import load as load_layout
from juesuan.generate.variant import names as layout_names
from juesuan.model import TableKind

CENT = Decimal("0.01")
CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")

#: Sheet names of the standard tables: number and title ("01收入支出决算总表").
TABLE_SHEETS: dict[TableKind, str] = {
    k: f"{k.value[1:]}{catalog.table_specs()[k].title}" for k in generated_tables()
}
TABLE_TITLES: dict[TableKind, str] = {k: catalog.table_specs()[k].title for k in TABLE_SHEETS}
#: Vehicle words of the “三公” and 国有资产 sheets.
VEHICLE_TYPES = catalog.vehicle_types()
VEHICLE_USES = catalog.vehicle_uses()
#: The “三公” items (key, name) in the order of the table's columns.
SANGONG_ITEMS = catalog.sangong_items()

S_README = "说明"
S_UNIT = "基本情况"
S_TEXT_OVERVIEW = "概况文字"
S_UNITS = "单位构成"
S_PRIOR = "上年数"
S_BUDGETS = "项目预算"
S_SANGONG = "三公经费情况"
S_PROCUREMENT = "政府采购"
S_ASSETS = "国有资产"
S_PERFORMANCE = "绩效管理"
S_TEXTS = "说明文字"
S_GLOSSARY = "名词解释"
S_ANNEX = "附件"

#: Blank rows offered under a coded table's 合计 row in the empty template.
BLANK_ROWS = 40

#: The 基本支出决算表 codes listed in the template (the Shanghai/Sichuan printed list).
T08_PERSONNEL_CODES = (
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111",
    "30112", "30113", "30114", "30199", "303", "30301", "30302", "30303", "30304", "30305",
    "30306", "30307", "30308", "30309", "30310", "30311", "30399",
)  # fmt: skip
T08_PUBLIC_CODES = (
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209",
    "30211", "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225",
    "30226", "30227", "30228", "30229", "30231", "30239", "30240", "30299", "310", "31001",
    "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099",
)  # fmt: skip

README_LINES = (
    "决算公开数据工作簿 — 填写说明",
    "",
    "一、用途：填好本工作簿后运行 juesuan generate 本文件.xlsx -o 决算公开.docx（或 .pdf、.html），"
    "即可生成完整的部门（单位）决算公开文件：所有公开表、情况说明中的每一句话、每个百分比和图表"
    "都由程序按数据计算，不必手工抄写。",
    "二、金额一律以“万元”为单位，保留两位小数（多于两位的按四舍五入处理）。不要输入“万元”等文字、"
    "不要输入公式以外的符号；空白单元格按 0 处理。",
    "三、各公开表的工作表与公开表样式相同：第1列“科目编码”填功能分类编码（类3位、款5位、项7位，"
    "编码只含数字），第2列“科目名称”可留空（按标准科目名称自动填写），其余各列填金额。"
    "“合计”行已列出，请从“合计”行下方逐行填写，先类、再款、再项（与决算报表顺序一致）。",
    "四、收入支出决算总表、财政拨款收入支出决算总表已列出全部固定项目，只填金额；"
    "基本支出决算表已列出常用经济分类科目，只填金额，无金额的科目留空。",
    "五、某张公开表没有数据（如没有政府性基金预算）时，该工作表保持空白，生成的文件会在表下注明"
    "“本表无数据”。",
    "六、程序读表时会检查：合计是否等于各项之和、类是否等于所属款之和、款是否等于所属项之和、"
    "各列之间的勾稽关系；发现不一致会报告工作表名称和单元格位置，请按提示改正。",
    "七、“基本情况”“上年数”“项目预算”“三公经费情况”“政府采购”“国有资产”“绩效管理”“说明文字”等工作表"
    "提供情况说明所需的其他数据：上年数用于同比增减的说明，项目预算用于各项级科目完成预算情况，"
    "说明文字中填写增减变动原因和主要用途（不填则不写原因）。",
    "八、生成前，程序按与审核公开文件相同的规则检查数据；有“错误”级问题时不生成文件并列出问题，"
    "确需生成可加 --force。",
    "九、版式："
    + "或 ".join(
        f"--layout {name}（{load_layout(name).settings['label']}{'，默认' if i == 0 else ''}）"
        for i, name in enumerate(layout_names())
    )
    + "。",
)


# ---------------------------------------------------------------------------------------
# writing


def _require_openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - a dependency of the package
        raise DataError(f"需要 openpyxl 才能读写数据工作簿：{err}") from None
    return openpyxl


@dataclass(slots=True)
class _Styles:
    title: Any
    header: Any
    border: Any
    fill: Any
    money_format: str = "#,##0.00"


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    _ = Alignment
    return _Styles(
        title=Font(bold=True, size=14),
        header=Font(bold=True),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        fill=PatternFill("solid", fgColor="DDEBF7"),
    )


def _put_header(ws: Any, row: int, labels: list[str], st: _Styles) -> None:
    from openpyxl.styles import Alignment

    for col, text in enumerate(labels, 1):
        c = ws.cell(row=row, column=col, value=text)
        c.font = st.header
        c.fill = st.fill
        c.border = st.border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _box(ws: Any, row: int, ncols: int, st: _Styles) -> None:
    for col in range(1, ncols + 1):
        ws.cell(row=row, column=col).border = st.border


def _money_cell(ws: Any, row: int, col: int, value: Decimal | None, st: _Styles) -> None:
    c = ws.cell(row=row, column=col, value=None if value is None else float(value))
    c.number_format = st.money_format
    c.border = st.border


def _title(ws: Any, title: str, ncols: int, st: _Styles, note: str = "单位：万元") -> None:
    ws.cell(row=1, column=1, value=title).font = st.title
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(row=2, column=ncols, value=note)


def _widths(ws: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _coded_labels(kind: TableKind) -> list[str]:
    return ["科目编码", "科目名称", *printed_columns(kind).values()]


HEADER_ROW = 3  # first header row of every table sheet


def _write_coded(ws: Any, kind: TableKind, table: TableData | None, st: _Styles) -> None:
    labels = _coded_labels(kind)
    columns = tuple(printed_columns(kind))
    _title(ws, TABLE_TITLES[kind], len(labels), st)
    _put_header(ws, HEADER_ROW, labels, st)
    row = HEADER_ROW + 1
    lines: list[TableLine] = []
    if table is not None and table.rows:
        total = table.total_row()
        lines = [total] if total is not None else []
        lines += [r for r in table.rows if r.code]
    if not lines:
        lines = [TableLine("合计")]
    for line in lines:
        ws.cell(row=row, column=1, value=line.code)
        ws.cell(row=row, column=2, value="合计" if line.code is None else line.name)
        _box(ws, row, 2, st)
        for i, col in enumerate(columns):
            _money_cell(ws, row, 3 + i, line.values.get(col) if line.values else None, st)
        row += 1
    if table is None or not table.rows:
        for _ in range(BLANK_ROWS):
            _box(ws, row, len(labels), st)
            for i in range(len(columns)):
                ws.cell(row=row, column=3 + i).number_format = st.money_format
            row += 1
    _widths(ws, [12, 36, *([14] * len(columns))])
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)


def _two_sided_layout(
    kind: TableKind,
) -> tuple[list[tuple[str, str] | None], list[tuple[str, str] | None], list[str]]:
    """(income side, expense side, expense columns) of a summary table's sheet rows."""
    income, classes, bottom_in, bottom_ex = two_sided_lines(kind, all_expense_classes())
    top = max(len(income), len(classes))
    left: list[tuple[str, str] | None] = list(income) + [None] * (top - len(income))
    right: list[tuple[str, str] | None] = list(classes) + [None] * (top - len(classes))
    exp_cols = [c for c in printed_columns(kind) if c != "amount"] or ["amount"]
    return left + bottom_in, right + bottom_ex, exp_cols


def _write_two_sided(ws: Any, kind: TableKind, table: TableData | None, st: _Styles) -> None:
    left, right, exp_cols = _two_sided_layout(kind)
    ncols = 3 + 2 + len(exp_cols)
    _title(ws, TABLE_TITLES[kind], ncols, st)
    headers = printed_columns(kind)
    exp_labels = [headers[c] for c in exp_cols]
    _put_header(ws, HEADER_ROW, ["收入", "", "", "支出", "", *[""] * len(exp_cols)], st)
    ws.merge_cells(start_row=HEADER_ROW, start_column=1, end_row=HEADER_ROW, end_column=3)
    ws.merge_cells(start_row=HEADER_ROW, start_column=4, end_row=HEADER_ROW, end_column=ncols)
    _put_header(
        ws, HEADER_ROW + 1, ["项目", "行次", headers["amount"], "项目", "行次", *exp_labels], st
    )
    n = len(left)
    for i in range(n):
        row = HEADER_ROW + 2 + i
        li, ri = left[i], right[i]
        ws.cell(row=row, column=2, value=i + 1)
        ws.cell(row=row, column=5, value=n + i + 1)
        _box(ws, row, ncols, st)
        if li is not None:
            key, name = li
            ws.cell(row=row, column=1, value=name)
            line = table.line(key, "income") if table is not None else None
            _money_cell(ws, row, 3, line.values.get("amount") if line else None, st)
        if ri is not None:
            key, name = ri
            ws.cell(row=row, column=4, value=name)
            line = table.line(key, "expense") if table is not None else None
            for j, col in enumerate(exp_cols):
                _money_cell(ws, row, 6 + j, line.values.get(col) if line else None, st)
    _widths(ws, [34, 6, 14, 30, 6, *([16] * len(exp_cols))])


def _write_t08(ws: Any, table: TableData | None, st: _Styles) -> None:
    _title(ws, TABLE_TITLES[TableKind.T08], 6, st)
    t08 = catalog.table_specs()[TableKind.T08].printed
    assert t08 is not None
    _put_header(
        ws, HEADER_ROW, [t08.columns["personnel"], "", "", t08.columns["public"], "", ""], st
    )
    ws.merge_cells(start_row=HEADER_ROW, start_column=1, end_row=HEADER_ROW, end_column=3)
    ws.merge_cells(start_row=HEADER_ROW, start_column=4, end_row=HEADER_ROW, end_column=6)
    _put_header(ws, HEADER_ROW + 1, ["科目编码", "科目名称", t08.labels["amount"]] * 2, st)
    names = catalog.economic_codes().names
    given = {r.code: r for r in (table.rows if table is not None else []) if r.code}
    if given:  # a filled workbook lists the data's codes only
        personnel: list[str] = []
        public: list[str] = []
    else:
        personnel, public = list(T08_PERSONNEL_CODES), list(T08_PUBLIC_CODES)
    for code, line in given.items():  # codes the data has beyond the standard list
        side = t08_side(line)
        target = personnel if side == "personnel" else public
        if code not in target:
            target.append(code)
    personnel.sort(key=_economic_order)
    public.sort(key=_economic_order)
    for block, codes, column in ((0, personnel, "personnel"), (3, public, "public")):
        for i, code in enumerate(codes):
            row = HEADER_ROW + 2 + i
            found = given.get(code)
            ws.cell(row=row, column=block + 1, value=code)
            ws.cell(row=row, column=block + 2, value=found.name if found else names.get(code, ""))
            _money_cell(ws, row, block + 3, found.values.get(column) if found else None, st)
            for c in range(block + 1, block + 4):
                ws.cell(row=row, column=c).border = st.border
    _widths(ws, [10, 30, 14, 10, 30, 14])


def _economic_order(code: str) -> tuple[str, int]:
    return (code[:3], len(code))


SANGONG_ORDER = tuple(key for key, _ in SANGONG_ITEMS)


def _write_t13(ws: Any, table: TableData | None, st: _Styles) -> None:
    _title(ws, TABLE_TITLES[TableKind.T13], 12, st)
    names = dict(SANGONG_ITEMS)
    t13 = catalog.table_specs()[TableKind.T13].printed
    assert t13 is not None
    row1 = [names["total"], "", names["abroad"], "", names["vehicle"], "", "", "", "", "",
            names["reception"], ""]  # fmt: skip
    row2 = ["", "", "", "", t13.labels["subtotal"], "", names["vehicle_purchase"], "",
            names["vehicle_operation"], "", "", ""]  # fmt: skip
    _put_header(ws, HEADER_ROW, row1, st)
    _put_header(ws, HEADER_ROW + 1, row2, st)
    _put_header(ws, HEADER_ROW + 2, [t13.columns["budget"], t13.columns["actual"]] * 6, st)
    for c1, c2 in ((1, 2), (3, 4), (11, 12)):
        ws.merge_cells(start_row=HEADER_ROW, start_column=c1, end_row=HEADER_ROW + 1, end_column=c2)
    ws.merge_cells(start_row=HEADER_ROW, start_column=5, end_row=HEADER_ROW, end_column=10)
    for c1 in (5, 7, 9):
        ws.merge_cells(
            start_row=HEADER_ROW + 1, start_column=c1, end_row=HEADER_ROW + 1, end_column=c1 + 1
        )
    row = HEADER_ROW + 3
    for i, key in enumerate(SANGONG_ORDER):
        line = table.line(key) if table is not None else None
        _money_cell(ws, row, 1 + 2 * i, line.values.get("budget") if line else None, st)
        _money_cell(ws, row, 2 + 2 * i, line.values.get("actual") if line else None, st)
    _widths(ws, [11] * 12)


def _write_pairs(
    ws: Any, title: str, rows: list[tuple[str, Any]], st: _Styles, head: tuple[str, str]
) -> None:
    ws.cell(row=1, column=1, value=title).font = st.title
    _put_header(ws, 2, list(head), st)
    for i, (label, value) in enumerate(rows, 3):
        ws.cell(row=i, column=1, value=label).border = st.border
        c = ws.cell(row=i, column=2, value=value)
        c.border = st.border
        if isinstance(value, float):
            c.number_format = st.money_format
    _widths(ws, [44, 60])


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


UNIT_LABELS = {
    "name": "单位名称",
    "year": "决算年度",
    "kind": "决算类型（部门/单位）",
    "publication_date": "公开日期（如 2025-09-26）",
    "short_name": "说明中使用的简称（可空）",
    "administrative": "是否行政单位或参公管理事业单位（是/否）",
    "admin_cost": "机关运行经费（万元；不适用的留空）",
}
PRIOR_LABELS = {
    "total": "上年收入支出总计",
    "fiscal_total": "上年财政拨款收入支出总计",
    "general_expense": "上年一般公共预算财政拨款支出",
    "admin_cost": "上年机关运行经费",
    "sangong.total": "上年“三公”经费合计",
    "sangong.abroad": "上年因公出国（境）费",
    "sangong.vehicle": "上年公务用车购置及运行维护费",
    "sangong.vehicle_purchase": "上年公务用车购置费",
    "sangong.vehicle_operation": "上年公务用车运行维护费",
    "sangong.reception": "上年公务接待费",
}
SANGONG_LABELS = {
    "abroad_groups": "因公出国（境）团组数（个）",
    "abroad_people": "因公出国（境）人次",
    **{f"purchased.{t}.count": f"更新购置公务用车：{t}（辆）" for t in VEHICLE_TYPES},
    **{f"purchased.{t}.amount": f"更新购置公务用车：{t}金额（万元）" for t in VEHICLE_TYPES},
    **{f"held.{t}": f"年末公务用车保有量：{t}（辆）" for t in VEHICLE_TYPES},
    "domestic.amount": "国内公务接待支出（万元，不含外事接待）",
    "domestic.batches": "国内公务接待批次",
    "domestic.people": "国内公务接待人次",
    "foreign.amount": "外事（外宾）接待支出（万元）",
    "foreign.batches": "外事（外宾）接待批次",
    "foreign.people": "外事（外宾）接待人次",
}
PROCUREMENT_LABELS = {
    "goods": "政府采购货物支出",
    "works": "政府采购工程支出",
    "services": "政府采购服务支出",
    "sme": "授予中小企业合同金额",
    "small_micro": "其中：授予小微企业合同金额",
    "reserved_sme_budget": "面向中小企业预留政府采购项目预算金额（上海版式）",
    "reserved_small_budget": "面向小微企业预留政府采购项目预算金额（上海版式）",
    "reserved_sme_awarded": "预留项目中由中小企业中标或成交的采购金额（上海版式）",
    "reserved_small_awarded": "预留项目中由小微企业中标或成交的采购金额（上海版式）",
    "other_sme_awarded": "其他项目中由中小企业中标或成交的采购金额（上海版式）",
}
ASSET_LABELS = {
    **{f"vehicles.{use}": f"车辆：{use}（辆；不列示的留空）" for use in VEHICLE_USES},
    "equipment_over_1m": "单价100万元（含）以上设备（不含车辆）（台套）",
    "general_equipment_over_500k": "单价50万元（含）以上通用设备（台套；不列示的留空）",
    "special_equipment_over_1m": "单价100万元（含）以上专用设备（台套；不列示的留空）",
}
PERFORMANCE_LABELS = {
    "ex_ante_projects": "开展事前绩效评估的项目个数",
    "target_projects": "编制（编报）绩效目标的项目个数",
    "target_amount": "其中涉及预算金额（万元，上海版式）",
    "monitored_projects": "开展绩效监控（跟踪评价）的项目个数",
    "monitored_amount": "其中涉及预算金额（万元，上海版式）",
    "self_evaluated_projects": "开展绩效自评的项目个数",
    "self_evaluated_amount": "其中涉及预算金额（万元，上海版式）",
    "self_evaluation_reports": "形成绩效自评报告个数（四川版式）",
    "average_score": "绩效自评平均得分（上海版式）",
    "department_score": "部门（单位）整体绩效自评得分（四川版式）",
    "grades.优": "绩效评级为“优”的项目个数",
    "grades.良": "绩效评级为“良”的项目个数",
    "grades.合格": "绩效评级为“合格”的项目个数",
    "grades.不合格": "绩效评级为“不合格”的项目个数",
    "problems_found": "绩效自评发现问题个数",
    "problems_fixed": "已完成整改的问题个数",
    "problems_fixing": "正在整改的问题个数",
}


def write_workbook(path: str | Path, data: GenerationData | None = None) -> None:
    """Write the data workbook, empty (the template) or filled with ``data``."""
    openpyxl = _require_openpyxl()
    st = _styles()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S_README
    for i, line in enumerate(README_LINES, 1):
        c = ws.cell(row=i, column=1, value=line)
        if i == 1:
            c.font = st.title
    ws.column_dimensions["A"].width = 140
    from openpyxl.styles import Alignment

    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")

    unit = data.unit if data is not None else None
    ws = wb.create_sheet(S_UNIT)
    _write_pairs(
        ws,
        "基本情况",
        [
            (UNIT_LABELS["name"], unit.name if unit else None),
            (UNIT_LABELS["year"], unit.year if unit else None),
            (UNIT_LABELS["kind"], unit.kind if unit else "部门"),
            (UNIT_LABELS["publication_date"], unit.publication_date if unit else None),
            (UNIT_LABELS["short_name"], unit.short_name if unit else None),
            (
                UNIT_LABELS["administrative"],
                ("是" if unit.administrative else "否") if unit else "否",
            ),
            (UNIT_LABELS["admin_cost"], _f(data.admin_cost) if data else None),
        ],
        st,
        ("项目", "内容"),
    )
    ws = wb.create_sheet(S_TEXT_OVERVIEW)
    rows_o: list[tuple[str, Any]] = []
    if unit is not None:
        rows_o += [("主要职责", p) for p in unit.duties]
        rows_o += [("机构设置", p) for p in unit.organisation]
    _write_pairs(
        ws, "概况文字（每段一行；类别填“主要职责”或“机构设置”）", rows_o, st, ("类别", "段落文字")
    )
    ws = wb.create_sheet(S_UNITS)
    _write_pairs(
        ws,
        "纳入决算编制范围的单位（只有本级一个单位的可只填一行）",
        [(u.name, u.note) for u in (unit.units if unit else [])],
        st,
        ("单位名称", "备注"),
    )
    for kind, sheet in TABLE_SHEETS.items():
        ws = wb.create_sheet(sheet)
        table = data.tables.get(kind) if data is not None else None
        if kind in (TableKind.T01, TableKind.T04):
            _write_two_sided(ws, kind, table, st)
        elif kind is TableKind.T08:
            _write_t08(ws, table, st)
        elif kind is TableKind.T13:
            _write_t13(ws, table, st)
        else:
            _write_coded(ws, kind, table, st)
    prior = data.prior if data is not None else PriorYear()
    ws = wb.create_sheet(S_PRIOR)
    prior_values: dict[str, Decimal | None] = {
        "total": prior.total,
        "fiscal_total": prior.fiscal_total,
        "general_expense": prior.general_expense,
        "admin_cost": prior.admin_cost,
        **{f"sangong.{k}": prior.sangong.get(k) for k, _ in SANGONG_ITEMS},
    }
    _write_pairs(
        ws,
        "上年决算数（用于同比增减说明；没有上年数据的留空，并在“说明文字”中说明原因）",
        [(label, _f(prior_values[key])) for key, label in PRIOR_LABELS.items()],
        st,
        ("项目", "上年决算数（万元）"),
    )
    ws = wb.create_sheet(S_BUDGETS)
    ws.cell(
        row=1, column=1, value="项级科目预算（用于“具体情况”中的完成预算比例和增减原因）"
    ).font = st.title
    _put_header(
        ws,
        2,
        [
            "科目编码（7位）",
            "科目名称（可空）",
            "年初预算数",
            "全年预算数（调整后）",
            "主要用于",
            "决算数与预算数差异的主要原因",
        ],
        st,
    )
    if data is not None:
        names = catalog.functional_codes().names
        for i, b in enumerate(data.budgets, 3):
            ws.cell(row=i, column=1, value=b.code)
            ws.cell(row=i, column=2, value=names.get(b.code, ""))
            _money_cell(ws, i, 3, b.initial, st)
            _money_cell(ws, i, 4, b.adjusted, st)
            ws.cell(row=i, column=5, value=b.purpose or None)
            ws.cell(row=i, column=6, value=b.reason or None)
    _widths(ws, [16, 30, 14, 16, 40, 50])
    sg = data.sangong if data is not None else SangongFacts()
    ws = wb.create_sheet(S_SANGONG)
    sg_values: dict[str, Any] = {
        "abroad_groups": sg.abroad_groups,
        "abroad_people": sg.abroad_people,
        **{f"purchased.{t}.count": sg.purchased[t].count for t in sg.purchased},
        **{f"purchased.{t}.amount": float(sg.purchased[t].amount) for t in sg.purchased},
        **{f"held.{t}": n for t, n in sg.held.items()},
        "domestic.amount": float(sg.domestic.amount),
        "domestic.batches": sg.domestic.batches,
        "domestic.people": sg.domestic.people,
        "foreign.amount": float(sg.foreign.amount),
        "foreign.batches": sg.foreign.batches,
        "foreign.people": sg.foreign.people,
    }
    _write_pairs(
        ws,
        "“三公”经费情况（金额见“13财政拨款“三公”经费支出决算表”）",
        [
            (label, sg_values.get(key) if data is not None else None)
            for key, label in SANGONG_LABELS.items()
        ],
        st,
        ("项目", "数值"),
    )
    pr = data.procurement if data is not None else Procurement()
    ws = wb.create_sheet(S_PROCUREMENT)
    _write_pairs(
        ws,
        "政府采购（万元；政府采购总额 = 货物 + 工程 + 服务，由程序计算）",
        [
            (label, float(getattr(pr, key)) if data is not None else None)
            for key, label in PROCUREMENT_LABELS.items()
        ],
        st,
        ("项目", "金额（万元）"),
    )
    assets = data.assets if data is not None else Assets()
    ws = wb.create_sheet(S_ASSETS)
    asset_values: dict[str, Any] = {
        **{f"vehicles.{use}": n for use, n in assets.vehicles.items()},
        "equipment_over_1m": assets.equipment_over_1m,
        "general_equipment_over_500k": assets.general_equipment_over_500k,
        "special_equipment_over_1m": assets.special_equipment_over_1m,
    }
    _write_pairs(
        ws,
        "国有资产占有使用情况（截至年末）",
        [
            (label, asset_values.get(key) if data is not None else None)
            for key, label in ASSET_LABELS.items()
        ],
        st,
        ("项目", "数量"),
    )
    perf = data.performance if data is not None else Performance()
    ws = wb.create_sheet(S_PERFORMANCE)
    perf_values: dict[str, Any] = {
        name: (float(v) if isinstance(v, Decimal) else v)
        for name in PERFORMANCE_LABELS
        if not name.startswith("grades.") and (v := getattr(perf, name)) is not None
    }
    perf_values.update({f"grades.{g}": n for g, n in perf.grades.items()})
    _write_pairs(
        ws,
        "预算绩效管理情况（不说明的留空）",
        [(label, perf_values.get(key)) for key, label in PERFORMANCE_LABELS.items()],
        st,
        ("项目", "数值"),
    )
    ws = wb.create_sheet(S_TEXTS)
    texts = data.texts if data is not None else {}
    _write_pairs(
        ws,
        "说明文字（增减变动原因、主要用途等；不填的不写）",
        [(label, texts.get(key)) for key, label in TEXT_KEYS.items()],
        st,
        ("项目", "文字"),
    )
    ws = wb.create_sheet(S_GLOSSARY)
    _write_pairs(
        ws,
        "名词解释（每条一行，不写序号；全部留空则使用模板的名词解释）",
        [(str(i), g) for i, g in enumerate(data.glossary if data else [], 1)],
        st,
        ("序号", "名词解释"),
    )
    ws = wb.create_sheet(S_ANNEX)
    _write_pairs(
        ws,
        "附件（四川版式第四部分，每段一行）",
        [(str(i), a) for i, a in enumerate(data.annex if data else [], 1)],
        st,
        ("序号", "段落文字"),
    )
    try:
        wb.save(str(path))
    except OSError as err:
        raise OutputError(f"无法写入工作簿 {path}：{err}") from None


def write_template(path: str | Path) -> None:
    """Write the empty data workbook (with the 说明 sheet) to ``path``."""
    write_workbook(path, None)


# ---------------------------------------------------------------------------------------
# reading


class _Sheet:
    """A worksheet with cell access that names sheet and cell in every error."""

    def __init__(self, wb: Any, name: str) -> None:
        if name not in wb.sheetnames:
            raise DataError(
                f"工作簿缺少工作表“{name}”（请使用 juesuan generate --template 生成的模板）"
            )
        self.ws = wb[name]
        self.name = name

    def where(self, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"工作表“{self.name}”单元格 {get_column_letter(col)}{row}"

    def raw(self, row: int, col: int) -> Any:
        value = self.ws.cell(row=row, column=col).value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, row: int, col: int) -> str:
        value = self.raw(row, col)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def money(self, row: int, col: int) -> Decimal | None:
        value = self.raw(row, col)
        if value is None:
            return None
        if isinstance(value, bool):
            raise DataError(f"{self.where(row, col)}应为金额（万元），实为“{value}”")
        if isinstance(value, (int, float)):
            amount = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
        else:
            text = str(value).strip().replace(",", "").replace("，", "")
            text = text.removesuffix("万元")
            if text in ("-", "—", "－", "/"):
                return None
            try:
                amount = Decimal(text)
            except InvalidOperation:
                raise DataError(
                    f"{self.where(row, col)}应为金额（万元，数字），实为“{value}”"
                ) from None
            if not amount.is_finite():
                raise DataError(f"{self.where(row, col)}应为金额（万元，数字），实为“{value}”")
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)

    def count(self, row: int, col: int) -> int | None:
        value = self.raw(row, col)
        if value is None:
            return None
        try:
            amount = (
                Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value).strip())
            )
        except InvalidOperation:
            raise DataError(f"{self.where(row, col)}应为整数，实为“{value}”") from None
        if isinstance(value, bool) or amount != amount.to_integral_value() or amount < 0:
            raise DataError(f"{self.where(row, col)}应为不小于 0 的整数，实为“{value}”")
        return int(amount)

    @property
    def max_row(self) -> int:
        return int(self.ws.max_row)


def _pairs(sheet: _Sheet, labels: dict[str, str]) -> dict[str, int]:
    """key -> row of each labelled line of a two-column sheet (labels in column A)."""
    by_label = {label: key for key, label in labels.items()}
    found: dict[str, int] = {}
    for row in range(3, sheet.max_row + 1):
        label = sheet.text(row, 1)
        if label in by_label:
            found[by_label[label]] = row
    return found


def _tolerance(n: int) -> Decimal:
    from juesuan.rules.common import sum_tolerance

    return sum_tolerance(n)


def _check_sum(where: str, total: Decimal, parts: list[Decimal], what: str) -> None:
    nonzero = [p for p in parts if p != 0]
    diff = total - sum(parts, ZERO)
    if abs(diff) > _tolerance(len(nonzero)):
        listed = " + ".join(f"{p:f}" for p in parts) if len(parts) <= 6 else f"{len(parts)} 项之和"
        raise DataError(
            f"{where}：{what}为 {total:f}，应等于 {listed} = {sum(parts, ZERO):f}，"
            f"相差 {abs(diff):f} 万元。"
        )


def _read_coded(sheet: _Sheet, kind: TableKind) -> TableData:
    columns = tuple(printed_columns(kind))
    expected = _coded_labels(kind)
    for col_no, label in enumerate(expected, 1):
        got = sheet.text(HEADER_ROW, col_no)
        if got.replace(" ", "") != label:
            raise DataError(
                f"{sheet.where(HEADER_ROW, col_no)}：表头应为“{label}”，实为“{got}”"
                "（请不要增删或移动模板的列）"
            )
    names = catalog.functional_codes().names
    rows: list[TableLine] = []
    row_of: dict[int, int] = {}  # id(line) -> sheet row
    for r in range(HEADER_ROW + 1, sheet.max_row + 1):
        code = sheet.text(r, 1)
        name = sheet.text(r, 2)
        values: dict[str, Decimal] = {}
        for i, col in enumerate(columns):
            v = sheet.money(r, 3 + i)
            if v is not None:
                values[col] = v
        if not code and not name and not values:
            continue
        if code in ("栏次",):
            continue
        if not code:
            if name.replace(" ", "") in ("合计", "总计"):
                line = TableLine("合计", values)
                rows.insert(0, line)
                row_of[id(line)] = r
                continue
            raise DataError(f"{sheet.where(r, 1)}：缺少科目编码（科目名称“{name}”）")
        if not CODE_RE.match(code):
            raise DataError(
                f"{sheet.where(r, 1)}：科目编码“{code}”格式不对，"
                "应为3位（类）、5位（款）或7位（项）数字"
            )
        if any(x.code == code for x in rows):
            raise DataError(f"{sheet.where(r, 1)}：科目编码“{code}”重复出现")
        if not name:
            name = names.get(code, "")
            if not name:
                raise DataError(
                    f"{sheet.where(r, 2)}：科目“{code}”缺少科目名称（参考目录中也没有）"
                )
        line = TableLine(name, values, code=code)
        rows.append(line)
        row_of[id(line)] = r
    table = TableData(kind, rows)
    if not table.has_data():
        return TableData(kind, [])
    _validate_coded(sheet, table, row_of)
    return table


def _validate_coded(sheet: _Sheet, table: TableData, row_of: dict[int, int]) -> None:
    kind = table.kind
    columns = tuple(printed_columns(kind))
    col_index = {c: 3 + i for i, c in enumerate(columns)}
    # row identities (合计列 = Σ 分列)
    for line in table.rows:
        r = row_of[id(line)]
        for total, parts in row_identities(kind):
            _check_sum(
                sheet.where(r, col_index[total]),
                line.value(total),
                [line.value(p) for p in parts],
                f"“{line.name}”的{_label(kind, total)}",
            )
    coded = [line for line in table.rows if line.code]
    # hierarchy: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类
    for parent in coded:
        code = parent.code or ""
        children = [
            c
            for c in coded
            if (c.code or "").startswith(code) and len(c.code or "") == len(code) + 2
        ]
        if not children or len(code) == 7:
            continue
        for col in columns:
            _check_sum(
                sheet.where(row_of[id(parent)], col_index[col]),
                parent.value(col),
                [c.value(col) for c in children],
                f"“{code} {parent.name}”的{_label(kind, col)}（应等于所属下级科目之和）",
            )
    total_row = table.total_row()
    classes = [c for c in coded if len(c.code or "") == 3]
    if total_row is not None and classes:
        for col in columns:
            _check_sum(
                sheet.where(row_of[id(total_row)], col_index[col]),
                total_row.value(col),
                [c.value(col) for c in classes],
                f"“合计”行的{_label(kind, col)}（应等于各类之和）",
            )


def _label(kind: TableKind, column: str) -> str:
    return printed_columns(kind).get(column, column).removeprefix("其中：")


def _read_two_sided(sheet: _Sheet, kind: TableKind) -> TableData:
    """The fixed lines by position (the sheet lists them in the template's order)."""
    left, right, exp_cols = _two_sided_layout(kind)
    rows: list[TableLine] = []
    positions: dict[tuple[str, str], tuple[int, int]] = {}
    first = HEADER_ROW + 2

    def printed(r: int, c: int) -> str:
        return re.sub(r"^[一二三四五六七八九十]+、", "", sheet.text(r, c)).replace(" ", "")

    for i, (li, ri) in enumerate(zip(left, right, strict=True)):
        r = first + i
        for item, col, side in ((li, 1, "income"), (ri, 4, "expense")):
            got = printed(r, col)
            if item is None:
                if got:
                    raise DataError(
                        f"{sheet.where(r, col)}：此处不应有项目“{got}”（请不要改动模板的项目和行）"
                    )
                continue
            key, name = item
            if got != name:
                raise DataError(
                    f"{sheet.where(r, col)}：项目应为“{name}”，实为“{got}”"
                    "（请不要改动模板的项目和行）"
                )
            if side == "income":
                v = sheet.money(r, 3)
                rows.append(TableLine(name, {"amount": v or ZERO}, key=key, side=side))
                positions[(side, key)] = (r, 3)
            else:
                vals = {c: sheet.money(r, 6 + j) or ZERO for j, c in enumerate(exp_cols)}
                rows.append(TableLine(name, vals, key=key, side=side))
                positions[(side, key)] = (r, 6)
    table = TableData(kind, rows)
    if not table.has_data():
        return TableData(kind, [])
    _validate_two_sided(sheet, table, positions, exp_cols)
    return table


def _validate_two_sided(
    sheet: _Sheet,
    table: TableData,
    positions: dict[tuple[str, str], tuple[int, int]],
    exp_cols: list[str],
) -> None:
    is_t04 = table.kind is TableKind.T04

    def v(key: str, side: str, col: str = "amount") -> Decimal:
        line = table.line(key, side)
        return line.value(col) if line is not None else ZERO

    def where(key: str, side: str, col_offset: int = 0) -> str:
        r, c = positions.get((side, key), (HEADER_ROW + 2, 3))
        return sheet.where(r, c + col_offset)

    income, classes, _, _ = two_sided_lines(table.kind, all_expense_classes())
    income_keys = [k for k, _ in income]
    _check_sum(
        where("income_total", "income"),
        v("income_total", "income"),
        [v(k, "income") for k in income_keys],
        "本年收入合计（应等于各项收入之和）",
    )
    class_keys = [k for k, _ in classes]
    for j, col in enumerate(exp_cols):
        _check_sum(
            where("expense_total", "expense", j),
            v("expense_total", "expense", col),
            [v(k, "expense", col) for k in class_keys],
            f"本年支出合计{_fund_label(col) if is_t04 else ''}（应等于各项支出之和）",
        )
        if is_t04:
            for key in ["expense_total", "end_balance", "grand_total", *class_keys]:
                if (("expense", key)) not in positions:
                    continue
                if col == "total":
                    _check_sum(
                        where(key, "expense"),
                        v(key, "expense", "total"),
                        [v(key, "expense", c) for c in ("general", "govfund", "soe")],
                        f"“{_line_name(table, key)}”的合计（应等于三类财政拨款之和）",
                    )
    if is_t04:
        income_parts = ["income_total", "begin_balance"]
        _check_sum(
            where("begin_balance", "income"),
            v("begin_balance", "income"),
            [v(f"begin_balance.{f}", "income") for f in ("general", "govfund", "soe")],
            "年初财政拨款结转和结余（应等于三类之和）",
        )
        expense_parts = ["expense_total", "end_balance"]
    else:
        income_parts = ["income_total", "non_fiscal_balance_used", "begin_balance"]
        expense_parts = ["expense_total", "distribution", "end_balance"]
    _check_sum(
        where("grand_total", "income"),
        v("grand_total", "income"),
        [v(k, "income") for k in income_parts],
        "收入总计",
    )
    first_col = exp_cols[0]
    _check_sum(
        where("grand_total", "expense"),
        v("grand_total", "expense", first_col),
        [v(k, "expense", first_col) for k in expense_parts],
        "支出总计",
    )
    if v("grand_total", "income") != v("grand_total", "expense", first_col):
        raise DataError(
            f"{where('grand_total', 'expense')}：支出总计 "
            f"{v('grand_total', 'expense', first_col):f} 与收入总计 "
            f"{v('grand_total', 'income'):f} 不相等。"
        )


def _fund_label(column: str) -> str:
    return "（" + printed_columns(TableKind.T04)[column] + "）"


def _line_name(table: TableData, key: str) -> str:
    line = table.line(key, "expense")
    return line.name if line is not None else key


def _read_t08(sheet: _Sheet) -> TableData:
    names = catalog.economic_codes().names
    rows: list[TableLine] = []
    where: dict[int, tuple[int, int]] = {}
    for block, column in ((0, "personnel"), (3, "public")):
        for r in range(HEADER_ROW + 2, sheet.max_row + 1):
            code = sheet.text(r, block + 1)
            name = sheet.text(r, block + 2)
            value = sheet.money(r, block + 3)
            if not code and not name and value is None:
                continue
            if not code and "合计" in name:
                continue  # a 合计 line: computed by the generator
            if not code:
                raise DataError(
                    f"{sheet.where(r, block + 1)}：缺少经济分类科目编码（科目名称“{name}”）"
                )
            if not re.fullmatch(r"\d{3}(?:\d{2})?", code):
                raise DataError(
                    f"{sheet.where(r, block + 1)}：经济分类科目编码“{code}”格式不对，"
                    "应为3位（类）或5位（款）数字"
                )
            name = name or names.get(code, "")
            if not name:
                raise DataError(f"{sheet.where(r, block + 2)}：科目“{code}”缺少科目名称")
            line = TableLine(name, {column: value or ZERO}, code=code)
            rows.append(line)
            where[id(line)] = (r, block + 3)
    table = TableData(TableKind.T08, rows)
    if not table.has_data():
        return TableData(TableKind.T08, [])
    for parent in rows:
        code = parent.code or ""
        if len(code) != 3:
            continue
        column = "personnel" if "personnel" in parent.values else "public"
        children = [c for c in rows if (c.code or "").startswith(code) and len(c.code or "") == 5]
        if children:
            r, c = where[id(parent)]
            _check_sum(
                sheet.where(r, c),
                parent.value(column),
                [x.value(column) for x in children],
                f"“{code} {parent.name}”（应等于所属各款之和）",
            )
    return table


def _read_t13(sheet: _Sheet) -> TableData:
    names = dict(SANGONG_ITEMS)
    row = HEADER_ROW + 3
    rows: list[TableLine] = []
    for i, key in enumerate(SANGONG_ORDER):
        b = sheet.money(row, 1 + 2 * i)
        a = sheet.money(row, 2 + 2 * i)
        rows.append(TableLine(names[key], {"budget": b or ZERO, "actual": a or ZERO}, key=key))
    table = TableData(TableKind.T13, rows)
    if not table.has_data():
        return TableData(TableKind.T13, [])
    for measure, offset in (("budget", 1), ("actual", 2)):

        def val(key: str, m: str = measure) -> Decimal:
            line = table.line(key)
            return line.value(m) if line is not None else ZERO

        _check_sum(
            sheet.where(row, offset),
            val("total"),
            [val("abroad"), val("vehicle"), val("reception")],
            f"合计{'预算数' if measure == 'budget' else '决算数'}（应等于三项之和）",
        )
        _check_sum(
            sheet.where(row, 4 + offset),
            val("vehicle"),
            [val("vehicle_purchase"), val("vehicle_operation")],
            f"公务用车购置及运行维护费{'预算数' if measure == 'budget' else '决算数'}"
            "（应等于购置费与运行维护费之和）",
        )
    return table


def _iter_text_rows(sheet: _Sheet, col: int = 2) -> Iterator[tuple[int, str, str]]:
    for r in range(3, sheet.max_row + 1):
        a, b = sheet.text(r, 1), sheet.text(r, col)
        if a or b:
            yield r, a, b


def read_workbook(path: str | Path) -> GenerationData:
    """Read a filled data workbook; :class:`DataError` names sheet and cell of any problem."""
    p = Path(path)
    if not p.is_file():
        raise FileMissingError(f"找不到数据工作簿：{p}")
    openpyxl = _require_openpyxl()
    try:
        wb = openpyxl.load_workbook(str(p), data_only=True, read_only=False)
    except Exception as err:
        raise DataError(
            f"无法读取数据工作簿 {p}（不是有效的 .xlsx 文件？）：{type(err).__name__}"
        ) from None
    unit_sheet = _Sheet(wb, S_UNIT)
    rows = _pairs(unit_sheet, UNIT_LABELS)
    for key in ("name", "year"):
        if key not in rows:
            raise DataError(f"工作表“{S_UNIT}”缺少“{UNIT_LABELS[key]}”一行")
    name = unit_sheet.text(rows["name"], 2)
    if not name:
        raise DataError(f"{unit_sheet.where(rows['name'], 2)}：单位名称不能为空")
    year = unit_sheet.count(rows["year"], 2)
    if year is None or not 1990 <= year <= 2100:
        raise DataError(f"{unit_sheet.where(rows['year'], 2)}：决算年度应为四位年份（如 2024）")
    kind = unit_sheet.text(rows["kind"], 2) if "kind" in rows else "部门"
    kind = kind or "部门"
    if kind not in ("部门", "单位"):
        raise DataError(
            f"{unit_sheet.where(rows['kind'], 2)}：决算类型应为“部门”或“单位”，实为“{kind}”"
        )
    date_text = ""
    if "publication_date" in rows:
        raw_date = unit_sheet.raw(rows["publication_date"], 2)
        date_text = (
            raw_date.date().isoformat()
            if hasattr(raw_date, "date")
            else unit_sheet.text(rows["publication_date"], 2)
        )
    administrative = (
        unit_sheet.text(rows["administrative"], 2) in ("是", "Y", "y", "yes", "true", "TRUE", "1")
        if "administrative" in rows
        else False
    )
    admin_cost = unit_sheet.money(rows["admin_cost"], 2) if "admin_cost" in rows else None
    overview = _Sheet(wb, S_TEXT_OVERVIEW)
    duties, organisation = [], []
    for r, label, text in _iter_text_rows(overview):
        if not text:
            continue
        if label == "主要职责":
            duties.append(text)
        elif label == "机构设置":
            organisation.append(text)
        else:
            raise DataError(
                f"{overview.where(r, 1)}：类别应为“主要职责”或“机构设置”，实为“{label}”"
            )
    units_sheet = _Sheet(wb, S_UNITS)
    units = [UnitEntry(a, b) for _, a, b in _iter_text_rows(units_sheet) if a]
    unit = UnitFacts(
        name=name,
        year=year,
        kind=kind,
        publication_date=date_text,
        short_name=unit_sheet.text(rows["short_name"], 2) if "short_name" in rows else "",
        administrative=administrative,
        duties=duties,
        organisation=organisation,
        units=units,
    )
    tables: dict[TableKind, TableData] = {}
    for kind_, sheet_name in TABLE_SHEETS.items():
        sheet = _Sheet(wb, sheet_name)
        if kind_ in (TableKind.T01, TableKind.T04):
            tables[kind_] = _read_two_sided(sheet, kind_)
        elif kind_ is TableKind.T08:
            tables[kind_] = _read_t08(sheet)
        elif kind_ is TableKind.T13:
            tables[kind_] = _read_t13(sheet)
        else:
            tables[kind_] = _read_coded(sheet, kind_)
    prior_sheet = _Sheet(wb, S_PRIOR)
    prow = _pairs(prior_sheet, PRIOR_LABELS)
    pv = {k: prior_sheet.money(r, 2) for k, r in prow.items()}
    prior = PriorYear(
        total=pv.get("total"),
        fiscal_total=pv.get("fiscal_total"),
        general_expense=pv.get("general_expense"),
        admin_cost=pv.get("admin_cost"),
        sangong={
            k.split(".", 1)[1]: v
            for k, v in pv.items()
            if k.startswith("sangong.") and v is not None
        },
    )
    bsheet = _Sheet(wb, S_BUDGETS)
    budgets = []
    for r in range(3, bsheet.max_row + 1):
        code = bsheet.text(r, 1)
        initial, adjusted = bsheet.money(r, 3), bsheet.money(r, 4)
        purpose, reason = bsheet.text(r, 5), bsheet.text(r, 6)
        if not code and initial is None and adjusted is None and not purpose and not reason:
            continue
        if not re.fullmatch(r"\d{7}", code):
            raise DataError(f"{bsheet.where(r, 1)}：项级科目编码应为7位数字，实为“{code}”")
        budgets.append(ItemBudget(code, initial, adjusted, purpose, reason))
    sgs = _Sheet(wb, S_SANGONG)
    srow = _pairs(sgs, SANGONG_LABELS)

    def scount(key: str) -> int | None:
        return sgs.count(srow[key], 2) if key in srow else None

    def smoney(key: str) -> Decimal | None:
        return sgs.money(srow[key], 2) if key in srow else None

    purchased = {}
    for t in VEHICLE_TYPES:
        n, a = scount(f"purchased.{t}.count"), smoney(f"purchased.{t}.amount")
        if n is not None or a is not None:
            purchased[t] = VehiclePurchase(n or 0, a or ZERO)
    held = {t: n for t in VEHICLE_TYPES if (n := scount(f"held.{t}")) is not None}
    sangong = SangongFacts(
        abroad_groups=scount("abroad_groups") or 0,
        abroad_people=scount("abroad_people") or 0,
        purchased=purchased,
        held=held,
        domestic=Reception(
            smoney("domestic.amount") or ZERO,
            scount("domestic.batches") or 0,
            scount("domestic.people") or 0,
        ),
        foreign=Reception(
            smoney("foreign.amount") or ZERO,
            scount("foreign.batches") or 0,
            scount("foreign.people") or 0,
        ),
    )
    psheet = _Sheet(wb, S_PROCUREMENT)
    prrow = _pairs(psheet, PROCUREMENT_LABELS)
    procurement = Procurement(**{k: psheet.money(r, 2) or ZERO for k, r in prrow.items()})
    if procurement.small_micro > procurement.sme:
        raise DataError(
            f"{psheet.where(prrow['small_micro'], 2)}：授予小微企业合同金额 "
            f"{procurement.small_micro:f} 不能大于授予中小企业合同金额 {procurement.sme:f}"
        )
    if procurement.sme > procurement.total:
        raise DataError(
            f"{psheet.where(prrow['sme'], 2)}：授予中小企业合同金额 {procurement.sme:f} "
            f"不能大于政府采购总额 {procurement.total:f}（货物 + 工程 + 服务）"
        )
    asheet = _Sheet(wb, S_ASSETS)
    arow = _pairs(asheet, ASSET_LABELS)
    vehicles = {}
    for use in VEHICLE_USES:
        key = f"vehicles.{use}"
        if key in arow and (n := asheet.count(arow[key], 2)) is not None:
            vehicles[use] = n
    assets = Assets(
        vehicles=vehicles,
        equipment_over_1m=(asheet.count(arow["equipment_over_1m"], 2) or 0)
        if "equipment_over_1m" in arow
        else 0,
        general_equipment_over_500k=asheet.count(arow["general_equipment_over_500k"], 2)
        if "general_equipment_over_500k" in arow
        else None,
        special_equipment_over_1m=asheet.count(arow["special_equipment_over_1m"], 2)
        if "special_equipment_over_1m" in arow
        else None,
    )
    fsheet = _Sheet(wb, S_PERFORMANCE)
    frow = _pairs(fsheet, PERFORMANCE_LABELS)
    perf = Performance()
    for key, r in frow.items():
        if key.startswith("grades."):
            n = fsheet.count(r, 2)
            if n is not None:
                perf.grades[key.split(".", 1)[1]] = n
        elif key in (
            "department_score",
            "average_score",
            "target_amount",
            "monitored_amount",
            "self_evaluated_amount",
        ):
            setattr(perf, key, fsheet.money(r, 2))
        else:
            setattr(perf, key, fsheet.count(r, 2))
    tsheet = _Sheet(wb, S_TEXTS)
    trow = _pairs(tsheet, TEXT_KEYS)
    texts = {k: tsheet.text(r, 2) for k, r in trow.items() if tsheet.text(r, 2)}
    gsheet = _Sheet(wb, S_GLOSSARY)
    glossary = [b for _, _, b in _iter_text_rows(gsheet) if b]
    xsheet = _Sheet(wb, S_ANNEX)
    annex = [b for _, _, b in _iter_text_rows(xsheet) if b]
    return GenerationData(
        unit=unit,
        tables=tables,
        prior=prior,
        budgets=budgets,
        texts=texts,
        sangong=sangong,
        procurement=procurement,
        assets=assets,
        performance=perf,
        admin_cost=admin_cost,
        glossary=glossary,
        annex=annex,
    )


def load_data(path: str | Path) -> GenerationData:
    """Read a data file by its extension: .xlsx (workbook) or .json."""
    from juesuan.errors import UnsupportedFormatError
    from juesuan.generate.data import load_json

    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return load_json(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_workbook(path)
    raise UnsupportedFormatError(f"数据文件应为 .xlsx 工作簿或 .json 文件：{path}")
