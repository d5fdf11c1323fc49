"""Rule family: table arithmetic (表内勾稽), JS200–JS299.

Every identity that holds *inside one table* (docs/domain.md §3): a 类 row is the sum of its
款 rows and a 款 row the sum of its 项 rows; the 合计 row is the sum of the 类 rows; a row's
合计 column is the sum of its part columns; the two-sided totals of the 收入支出决算总表 and
the 财政拨款收入支出决算总表 add up; the 基本支出决算表 blocks add up to their 合计 lines; the
“三公” table adds up.

All amounts are printed rounded to 0.01 independently, so a printed total may differ from the
sum of its printed parts by rounding: such a difference (within ``sum_tolerance(n)``) is
reported as info; a larger one is an error.  ``n`` counts the non-zero parts only: a printed
0.00 (or a blank cell) is taken as an exact zero, since in these tables it means nothing was
spent or received under that heading.  A total with a single non-zero part is a second
printing of the same amount, so any difference there is real (one cent → warning).

Rows whose cells were all left blank in a coded table were not read (a printed code always
carries an amount): checks that involve them stay quiet, as do checks that need a column the
reader did not map.

Reading a cell, indexing coded rows and judging a sum are shared table access
(``rules/tables.py``).
"""
