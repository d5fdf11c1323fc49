"""Classification codes (JS400–JS499): is each printed code real, well formed, in its place, and
printed with its standard name — in the tables and in the explanation?

Rows of most tables are 支出功能分类科目 (类 3 digits, 款 5, 项 7: ``2080505``); the basic
expenditure table lists 部门预算支出经济分类科目 (类 3 digits, 款 5: ``30201``).  The reference
lists are catalog data by year (``catalog/codes_functional.toml``, ``catalog/codes_economic.toml``,
财政部《政府收支分类科目》2018–2024, read by ``catalog/codes.py``): each rule uses the list of the
document's year.  The lists are deliberately partial: a code missing from them is reported as
information only, and an entry not confirmed against the published list gives information only.

Names are compared after removing spaces and quotes and unifying full- and half-width brackets.
A different name is a warning; an error only when the printed name is clearly another item's:
it is the standard name of another code, or it shares little with the standard name while
another table of the same document prints the same code with the standard name.  A document of
a year the lists do not establish is judged by the nearest year's list, one level lower.

A row whose code is mistyped (JS405: its name and amount are another code's, in another table
or in the list, or its place in the hierarchy says so) is reported once, by JS405; the other
code rules leave it.  JS406 reads the 类/款/项 names the explanation prints.
"""
