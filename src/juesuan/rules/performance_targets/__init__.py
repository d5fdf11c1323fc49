"""Budget performance targets (JS815–JS820): the 绩效目标表 of a budget checked against itself
and against the explanation.

A target form plans a project: its fund lines must not contradict each other, it must set the
first-level kinds of indicator a project target requires, and each indicator must state a
target that can be measured.  Findings name the form (``where`` = “绩效目标：<项目名称>”),
the printed cells and, for amounts, both the printed text and the amount in 万元.

Severity is conservative: an error only for a contradiction a reviewer reads off two printed
cells (a part larger than its whole); findings on a form recognised by header words only are
info, with the doubt said (DOMAIN: never an error built on a doubtful reading).
"""
