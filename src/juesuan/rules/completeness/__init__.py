"""Completeness and structure (JS100–JS199): is everything the template requires there, in order?

What the layout requires (parts, sections, standard tables) is catalog data
(``catalog/layouts.toml``: ``required_parts``, ``required_sections``, ``tables``); the 目录 adds
what the document itself promises.  Parts and sections are matched by their catalog keys, never
by exact titles, so the Sichuan and Shanghai wordings are handled alike.

Defensive reading: a part or section counts as present when a paragraph opens with its title
even though the outline did not take that line as a heading (long titles with a parenthetical,
a title wrapped into its paragraph); a numbering gap is not reported when a paragraph of the
same section opens with the missing number.  Order and repeated numbers are errors only when
the page geometry of a PDF confirms them (docs/domain.md §6); otherwise warnings.

On an unfilled template (the unit name is still a placeholder such as “上海市XX局”) the tables
are forms to be filled: the data checks (empty tables, funds without their table) do not apply.
"""
