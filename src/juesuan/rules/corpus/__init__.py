"""Rule family: corpus rules (JS951–JS954): a disclosure against the related documents a
corpus holds (docs/domain.md §1: a unit's budget and final account of one year check each
other, and one year's budget checks the next).

- JS951: the 上年 figures a final account states (this year's amount and its change) against
  last year's stored final account (its tables, then its statements);
- JS952: the 年初预算 a final account states against the same year's stored budget;
- JS953: a budget's changes against last year's stored budget;
- JS954: a code's name against the names other documents of the year print for it.

The rules receive a :class:`~juesuan.model.corpus.CorpusLookup` (never a database); the
engine gives them one only when it was given one, else they are not applicable.

Severity (the policy of every rule here): the other document is real published data, so a
disagreement is a defect of one of the two.  An error only when both readings are certain:
amounts that differ beyond what their printed precision allows, the other figure read from a
table without doubts (not only from a sentence), this year's figure certain (a stated amount
that agrees with its own table, or a table without doubts), the same scope (部门/单位); the
same unit is what the lookup establishes (unit key, aliases, merges).  Otherwise a warning;
a difference within rounding, or between concepts that may rightly differ (a final account's
“预算数” may be the 全年预算, adjusted during the year, while a budget publishes the 年初预算),
is info.  A code's usual name is evidence, not proof: info or warning.

Every finding names the other document (unit, year, kind and file) in its message and quotes
it: its evidence carries the file (``Evidence.file``), with page and line in that file.
"""
