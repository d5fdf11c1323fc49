"""The stable fingerprint of a finding: the same defect in a later check run of a document,
or in a later version of the same document (same unit, year and kind), gets the same
fingerprint, so it inherits the reviewer's decision (confirmed, dismissed with reason).

What names a defect is its rule and its subject, not where it happens to be printed nor the
amounts (a corrected table moves rows to another page and changes sums):

- the rule code;
- the grouping label (``Finding.where``: the table or the section, e.g. “表03 支出决算表”,
  “五（三）…”, “绩效自评：<项目>”);
- the message with every number outside quotation marks masked (amounts, rates, counts,
  page and line numbers), and inside quotation marks (“…”) only decimal numbers masked: a
  quoted row name keeps its code (“208 社会保障和就业支出”), a quoted project its number.

Two findings of one run that still share a fingerprint are told apart by their order
(``#2``, ``#3`` … appended before hashing), which is stable as long as the document keeps
their order.  Evidence (pages, lines, boxes) never enters the fingerprint.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from juesuan.model.findings import Finding

_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」")
_DECIMAL_RE = re.compile(r"[-+]?\d[\d,]*\.\d+")
_NUMBER_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_SPACE_RE = re.compile(r"\s+")


def subject_text(rule: str, where: str | None, message: str) -> str:
    """The normalised subject of a finding (what the fingerprint hashes)."""
    msg = unicodedata.normalize("NFKC", message)
    # Mask outside quotation marks and inside them separately.
    out: list[str] = []
    pos = 0
    for match in _QUOTED_RE.finditer(msg):
        out.append(_NUMBER_RE.sub("#", msg[pos : match.start()]))
        out.append(_DECIMAL_RE.sub("#", match.group()))
        pos = match.end()
    out.append(_NUMBER_RE.sub("#", msg[pos:]))
    masked = _SPACE_RE.sub("", "".join(out))
    place = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", where or "")).strip()
    return f"{rule}\x1f{place}\x1f{masked}"


def fingerprint(rule: str, where: str | None, message: str, ordinal: int = 1) -> str:
    subject = subject_text(rule, where, message)
    if ordinal > 1:
        subject += f"\x1f#{ordinal}"
    return hashlib.sha256(subject.encode("utf-8")).hexdigest()[:32]


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """The fingerprint of each finding of one run, in order (repeats numbered)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in findings:
        subject = subject_text(f.rule, f.where, f.message)
        seen[subject] = seen.get(subject, 0) + 1
        out.append(fingerprint(f.rule, f.where, f.message, seen[subject]))
    return out
