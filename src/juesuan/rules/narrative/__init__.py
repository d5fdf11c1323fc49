"""Narrative vs tables (JS500–JS599): every number the explanation (决算情况说明) states is
compared with the table value it restates.

A statement and the table cell it restates are two printings of the same quantity, so they
must be identical: one cent apart → warning, more → error (``common.difference_severity``).
Where a quantity is printed in several tables (本年收入合计 in 01表 and 02表), the statement is
right when it equals any of them — the tables' disagreement is the cross-table rules' business.
Blank cells count as 0; a table printed without data ("本表无数据") holds 0 everywhere; a
table the reader could not recognise (no rows, no such statement) is never compared.

Shares are recomputed from the amounts they are shares of, with interval reasoning: the
printed amounts stand for any value within half a cent, so a printed percentage is wrong only
when no ratio they allow rounds to it (``common.judge_ratio``).  A share or rate built on a
stated amount that disagrees with its table is judged again with the table's figure
(``rules/narrative_figures.py``): one root cause, one finding.  The table cells each stated
amount restates are in ``_restated.py``.
"""
