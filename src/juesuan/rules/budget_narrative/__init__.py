"""Rule family: budget narrative (JS931–JS944): what a budget's explanation (预算情况说明,
预算编制说明, 其他相关情况说明) states, checked against the budget tables (docs/domain.md §3.2,
§4) and against itself.

A stated amount restates a table cell: 收支预算总计 and the sources and uses restate the
收支预算总表 (B01) and the 财政拨款收支总表 (B04); 一般公共预算 the 一般公共预算支出表 (B07);
a 类 its line of B01 or its row of B07/B05; a 类/款/项 path its row of B07/B05 by code;
人员经费 and 公用经费 the 基本支出表 (B08/B06); “三公” the “三公” table (B10); 机关运行经费
B13 or the 机关运行经费 line of B10; 政府采购 B14.

Severity (the policy of every rule here): an error only where a reviewer can confirm it from
the evidence shown — amounts that differ beyond the precision they are printed with.
Budgets print amounts with 0, 1 or 2 decimals ("17,192万元", "1400 万元", "5011.4 万元") and
tables in 万元 with two decimals or in whole 元; a stated amount is compared at the coarser
of the two precisions (``printed_verdict``): equal after rounding → right; the table's
amount truncated to the stated decimals → info; one unit → warning; more → error.
Percentages are judged by interval (``rules/common.py``) on amounts at their printed
precision; shares forced to add up to 100% are info.  A table read with doubts gives info
only; a reading that is not certain (a path whose code is not found, a total derived by
convention) gives a warning at most or nothing.

One root cause, one finding: a rate or share is also recomputed from the table's figure when
the stated amount it is built on disagrees with the table; it is reported only when neither
figure explains it.

The look-ups shared by several rules (a stated subject → the table cells it restates) and
the comparison at the printed precision are in ``_shared.py``.
"""
