"""The target-form reader as a consumer of the shared stages: header tokens, fund lines,
indicators and their levels (from merged cells' boxes when the rows come from a PDF)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.catalog.performance import target_layout
from juesuan.model.performance import Nature
from juesuan.structure.performance.target_funds import block_of
from juesuan.structure.performance.target_indicators import field_at, parse_measure
from juesuan.structure.performance.targets import read_target
from tests.performance_kit import T, boxed, pdf_rows, row, rows

IND_HEADER = T.join(["一级指标", "二级指标", "三级指标", "指标值"])


def test_header_fields_funds_and_goals() -> None:
    found = rows(
        "项目支出绩效目标表",
        T.join(["项目名称", "测试项目", "项目性质", "经常性项目项目类别", "运转类"]),
        T.join(["项目资金（元）", "项目资金总额", "1,000,000.00", "年度资金总额", "500000"]),
        T.join(["", "其他资金", "0.00", "其他资金", "100000"]),
        T.join(["", "项目总目标", "", "年度目标"]),
        T.join(["", "三年建成", "", "一期上线"]),
        IND_HEADER,
        T.join(["产出指标", "数量指标", "上线系统", "≥3(个)"]),
    )
    t = read_target(found, found[0], "project")
    assert (t.name, t.title, t.scope) == ("测试项目", "项目支出绩效目标表", "project")
    assert t.nature is not None and t.nature.text == "经常性项目"
    assert t.category is not None and t.category.text == "运转类"
    assert t.fund_unit == "元" and t.doubts == []
    assert [(f.block, f.key, f.amount) for f in t.funds] == [
        ("project", "total", Decimal(100)),
        ("project", "other", Decimal(0)),
        ("annual", "total", Decimal(50)),
        ("annual", "other", Decimal(10)),  # 其他资金 takes the block of its column
    ]
    assert t.overall_goal is not None and t.overall_goal.text == "三年建成"
    assert t.annual_goal is not None and t.annual_goal.text == "一期上线"
    (ind,) = t.indicators
    assert (ind.operator, ind.number, ind.unit) == (Nature.GE, Decimal(3), "个")


def test_fund_blocks_by_column() -> None:
    tlay = target_layout()
    other = tlay.fund("其他资金")
    assert other is not None and other.block == "auto"
    label = row("", "", "", "其他资金").cells[0]
    assert block_of(other, label, {"project": {1}, "annual": {3}}) == "annual"
    assert block_of(other, label, {"project": {1}, "annual": set()}) == "project"  # left
    assert block_of(other, label, {"project": set(), "annual": set()}) == "annual"


def test_a_repeated_header_is_skipped_and_the_signature_ends_the_form() -> None:
    found = rows(
        T.join(["项目名称", "测试项目"]),
        IND_HEADER,
        T.join(["产出指标", "数量指标", "培训人次", "≥100人次"]),
        IND_HEADER,  # printed again after a page break
        T.join(["", "", "培训合格率", "≥95%"]),
        T.join(["填报人", "张三"]),
        T.join(["", "", "不读", "1"]),
    )
    t = read_target(found, None, "project")
    assert [i.name for i in t.indicators] == ["培训人次", "培训合格率"]
    assert [(i.level1, i.level2) for i in t.indicators] == [("产出指标", "数量指标")] * 2
    assert t.evidence.text == "项目名称\t测试项目"  # quoted by its name without a title
    assert t.doubts == []


def test_a_value_split_over_two_lines() -> None:
    found = rows(
        T.join(["项目名称", "测试项目"]),
        IND_HEADER,
        T.join(["产出指标", "数量指标", "培训人次", "≥100"]),
        T.join(["", "", "", "人次"]),
    )
    (ind,) = read_target(found, None, "project").indicators
    assert ind.value is not None and ind.value.text == "≥100人次" and ind.unit == "人次"


def test_levels_from_the_boxes_of_merged_cells() -> None:
    # the merged 一级/二级 cells are printed on the middle row of their block (PDF)
    found = pdf_rows(
        [
            boxed([("项目名称", 0, 10), ("测试项目", 0, 10)], line=1),
            boxed(
                [
                    ("一级指标", 10, 20),
                    ("二级指标", 10, 20),
                    ("三级指标", 10, 20),
                    ("指标值", 10, 20),
                ],
                1,
                2,
            ),
            boxed([("", 20, 30), ("", 20, 30), ("培训人次", 20, 30), ("≥100", 20, 30)], line=3),
            boxed([("产出指标", 20, 60), ("数量指标", 20, 50), ("培训场次", 30, 40)], line=4),
            boxed([("", 40, 50), ("", 40, 50), ("培训天数", 40, 50), ("≥5", 40, 50)], line=5),
            boxed([("", 50, 60), ("质量指标", 50, 60), ("合格率", 50, 60), ("≥95%", 50, 60)], 1, 6),
        ]
    )
    t = read_target(found, None, "project")
    assert [(i.name, i.level1, i.level2) for i in t.indicators] == [
        ("培训人次", "产出指标", "数量指标"),  # above the printed names: covered by their boxes
        ("培训场次", "产出指标", "数量指标"),
        ("培训天数", "产出指标", "数量指标"),
        ("合格率", "产出指标", "质量指标"),
    ]
    assert not any(i.levels_inferred for i in t.indicators)


def test_columns_between_header_columns() -> None:
    cols = {"level1": 0, "level3": 2, "target": 5}
    assert field_at(cols, 2) == "level3" and field_at(cols, 4) == "level3"
    assert field_at(cols, 9) == "target" and field_at({}, 1) is None


def test_parse_measure_text_values() -> None:
    assert parse_measure("不低于50%") == (Nature.GE, "不低于", Decimal(50), "%")
    assert parse_measure("满意率100%") is None
    assert parse_measure("≥") is None
