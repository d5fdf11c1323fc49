"""Performance self-evaluation (JS801–JS814): the 项目支出绩效自评表 checked against itself,
its conclusion, the configured scoring method and the department's own statements.

Every finding names the project (``where`` = “绩效自评：<项目名称>”), the row and the numbers.
The tables are often damaged by the conversion to text; a project whose budget or indicator
part the reader marked uncertain (``budget_uncertain`` / ``indicators_uncertain``) gets its
findings one level lower (sums over rows that may be lost: info).  Scoring an indicator is
uncertain by nature (text targets, partial achievement, provincial variants), so only clear
contradictions reach warning.

Rates are judged by interval: the printed amounts stand for any value within half a unit of
their last decimal, and a printed rate or score is wrong only when no value they allow rounds
to it.
"""
