"""Classification codes (JS400–JS499): is each printed code real, well formed, in its place, and
printed with its standard name?

Rows of most tables are 支出功能分类科目 (类 3 digits, 款 5, 项 7: ``2080505``); the basic
expenditure table lists 部门预算支出经济分类科目 (类 3 digits, 款 5: ``30201``).  The reference
lists are catalog data (``catalog/codes_functional.toml``, ``catalog/codes_economic.toml``, from
财政部《2024年政府收支分类科目》) and deliberately partial: a code missing from them is reported
as information only.

Names are compared after removing spaces and quotes and unifying full- and half-width brackets.
A different name is a warning; an error only when the printed name is clearly another item's:
it is the standard name of another code, or it shares little with the standard name while
another table of the same document prints the same code with the standard name.  A reference
list of another year than the document's only gives information (names are revised yearly).
"""
