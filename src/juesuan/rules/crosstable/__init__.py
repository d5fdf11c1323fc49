"""Rule family: cross-table consistency (表间勾稽), JS300–JS399.

The same code and the same concept print the same amount in every table (docs/domain.md §3):
the 收入支出决算总表 restates the totals of the 收入决算表 and 支出决算表; the 财政拨款收入支出
决算总表 splits the fiscal money by fund, whose 一般公共预算 column is the 一般公共预算财政拨款
支出决算表, whose 基本支出 is the 基本支出决算表 and whose 项目支出 is the 项目支出决算表; the
政府性基金 and 国有资本经营预算 tables restate their columns.  Some pairs coincide only under a
condition the document itself shows (no non-fiscal money, no balances); those rules check the
condition first and stay quiet otherwise.

Two printings of one quantity must be identical: one cent apart → warning (one table summed
rounded parts), more → error (``difference_severity``).  When one side is a sum of printed
amounts, a difference within the rounding of those amounts is info.
Every finding shows both rows and names both tables.
"""
