"""Narrative arithmetic (JS600–JS699): the numbers of the explanation (决算情况说明) checked
against each other, without the tables.

* year-on-year: the change rate follows from the change amount and this year's amount
  (rate = change / (this year − change) for 增加, change / (this year + change) for 减少);
  the direction words agree (增加↔增长, 减少↔下降);
* parts add up to the totals they break down (收入, 支出, 基本支出 = 人员经费 + 公用经费,
  “三公”经费, 政府采购, vehicles, 绩效 counts, the 类 of 五（二） and the items of 五（三）),
  within a section across its sentences and paragraphs (``rules/narrative_breakdown.py``,
  shared with JS944), and shares of a complete breakdown make 100%;
* completion rates follow from the budget and the actual stated with them, and the words
  大于/小于/等于预算数 agree with them.

Tolerances: sums use ``common.sum_tolerance(n)`` (a total of n independently rounded parts
may differ from their sum by up to 0.005 × n: info at most); percentages are judged by
interval (``common.judge_percent`` / ``common.judge_ratio``); counts must add up exactly.

One root cause, one finding: a rate, share, sum or comparison built on a stated amount that
disagrees with its table is judged again with the table's figure (``rules/narrative_figures.py``)
and reported only when neither explains it.
"""
