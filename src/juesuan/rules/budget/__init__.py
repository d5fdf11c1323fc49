"""Rule family: budget disclosures (部门预算公开), JS900–JS999.

A budget discloses this year's money with the same family of tables as a final account
(docs/domain.md §3.2): a 收支总表 whose income and expense sides balance, a 收入表 and a 支出表 by
code, a 财政拨款收支总表 splitting the fiscal money by fund, the 一般公共预算 支出表 and its
基本支出表, the “三公” table, the 政府性基金 and 国有资本经营 tables, 政府采购.  The table-
internal sums by code and by column are the arithmetic family's (JS201–JS203, which read
budget tables too); this family checks what is particular to budgets:

- JS901 the tables the document's own 目录 promises (or, with less weight, its layout);
- JS911–JS914 the sums inside the 收支总表, the “三公” table, 政府采购 and a 收入总表 listing
  sources;
- JS921–JS924 the same amount printed in two tables.

A table read with doubts (a column named by position, a header word not understood —
``Table.doubts``) never gives an error: its findings are info and say why.  Two printings of
one amount must be identical (one cent apart → warning, more → error); a sum of printed
amounts may differ from its total within their rounding (info).
"""
