"""Template residue and form (JS700–JS799): what a careful proof-reader catches.

Placeholders (XXX, **), alternatives the template offers (增加（减少）), instructions to the
filler, Excel overflow (##), float artifacts (155.099998), amounts without their unit or with
the wrong one, a year that does not belong to the report, a unit name that differs from the
cover, doubled punctuation, list numbering.  The patterns live in ``catalog/residue.toml``.

Rules read the text the model keeps (paragraphs with their source lines, headings, table
titles and cells, statements with their sentences); they never open the file.
"""
