"""Cover, 目录, part/section headings and paragraphs of the running text.

Works on the reading-order line stream of a :class:`RawDocument`.  Table rows take part only
where a text extraction put the 目录 into tab-separated lines (``title<TAB>page``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from juesuan import catalog
from juesuan.model import Disclosure, Evidence, Heading, Paragraph, TableKind, TocEntry
from juesuan.sources.raw import RawDocument, RawLine, RawTable
from juesuan.structure.textutil import CJK, cn_to_int, key, squash, tidy

CN_NUM = "一二三四五六七八九十"
PART_RE = re.compile(rf"^第\s*([{CN_NUM}]+)\s*部分\s*(.*)$")
L1_RE = re.compile(rf"^([{CN_NUM}]{{1,3}})\s*[、.．]\s*(.*)$")
L2_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]{{1,3}})\s*[)）]\s*[、.．]?\s*(.*)$")
LIST_RE = re.compile(r"^(\d{1,2})\s*[、.．](?!\d)\s*(.*)$")
PAGE_NUMBER_RE = re.compile(r"^[-—－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?[-—－\s]*$")
TOC_PAGE_RE = re.compile(r"^(.*?)[\s.…·\-]*?(\d{1,3})$")
LEADERS_RE = re.compile(r"[.…·]{2,}")
TERMINAL = "。！？；：:;!?"
HEADING_PUNCT = re.compile(r"[，。；：:,;]")
#: Longest printed section title we accept as a heading (characters, spaces removed).
MAX_HEADING_CHARS = 40


@dataclass(slots=True)
class Line:
    """A line of the stream with what the outline needs to know about it."""

    text: str  # tidied text
    raw: RawLine
    in_table: bool
    cells: list[str]

    @property
    def evidence(self) -> Evidence:
        return Evidence(
            text=self.raw.text.strip(), page=self.raw.page, line=self.raw.line, bbox=self.raw.bbox
        )


def line_stream(raw: RawDocument) -> list[Line]:
    out: list[Line] = []
    for item in raw.items():
        if isinstance(item, RawTable):
            for row in item.rows:
                cells = [c.text.strip() for c in row.cells]
                out.append(Line(tidy(" ".join(c for c in cells if c)), row, True, cells))
        else:
            if PAGE_NUMBER_RE.match(item.text) and item.page is not None:
                continue  # page numbers printed in headers/footers
            out.append(Line(tidy(item.text), item, False, [item.text.strip()]))
    return out


def part_key(title: str) -> str | None:
    k = key(title)
    for part, patterns in catalog.part_patterns():
        if any(p in k for p in patterns):
            return part
    return None


def section_key(title: str) -> str | None:
    k = key(title)
    best: str | None = None
    best_len = 0
    for topic, patterns, excludes in catalog.section_patterns():
        if all(p in k for p in patterns) and not any(x in k for x in excludes):
            length = sum(len(p) for p in patterns)
            if length > best_len:  # the most specific pattern wins
                best, best_len = topic, length
    return best


def table_kind_of_title(title: str) -> TableKind | None:
    """The standard table a title names (see :mod:`juesuan.structure.titles`)."""
    from juesuan.structure.titles import table_kind_of_title as recognise

    return recognise(title)


def heading_like(title: str) -> bool:
    t = squash(title)
    if t.endswith("。"):
        t = t[:-1]
        if len(t) > 12 and not (t.endswith("说明") and section_key(t)):
            return False  # a short sentence, not a title (unless it names a known section)
    return 0 < len(t) <= MAX_HEADING_CHARS and not HEADING_PUNCT.search(t)


def parse_heading(text: str) -> tuple[int, str, str] | None:
    """(level, number, title) when the line is a part or section heading."""
    t = text.strip()
    m = PART_RE.match(t)
    if m:
        return 0, f"第{m.group(1)}部分", m.group(2).strip()
    m = L2_RE.match(t)
    if m and heading_like(m.group(2)):
        return 2, f"（{m.group(1)}）", m.group(2).strip()
    m = L1_RE.match(t)
    if m and heading_like(m.group(2)):
        return 1, m.group(1), m.group(2).strip()
    k = squash(t)
    if k in {"名词解释", "附件", "附表"}:
        return 0, "", k
    if heading_like(t) and len(k) <= 30 and k.endswith(("情况说明", "情况")) and section_key(k):
        return 1, "", t
    return None


def starts_block(text: str) -> bool:
    """True when a line opens a new paragraph by its first characters."""
    t = text.lstrip()
    return bool(
        PART_RE.match(t)
        or L1_RE.match(t)
        or L2_RE.match(t)
        or LIST_RE.match(t)
        or re.match(r"^[（(]\d{1,2}[)）]", t)
        or re.match(r"^[（(]?\s*图\s*\d", t)
        or t.startswith(("注：", "注:", "说明：", "其中："))
    )


# ---------------------------------------------------------------------------------------
# cover


YEAR_RE = re.compile(r"(20\d{2})\s*年度")
DATE_RE = re.compile(
    r"公开(?:时间|日期)\s*[:：]?\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
UNIT_SUFFIX = (
    "中心|局|厅|部|委|委员会|办公室|办|院|所|站|馆|会|室|处|队|社|协会|学校|大学|医院|公司|署|庭|团"
)
UNIT_SENTENCE_RE = re.compile(
    rf"^((?:中共)?[{CJK}（）()]{{2,40}}?(?:{UNIT_SUFFIX}))(?:（[^）]*）)?"
    r"(?:由|为|是|属|主要|负责|下属|共有|2\d{3}|本级)"
)
UNIT_LABEL_RE = re.compile(rf"(?:单位名称|预算单位|部门名称)\s*[:：]?\s*([{CJK}（）()]{{4,40}})")


def read_cover(lines: list[Line], doc: Disclosure, toc_start: int | None) -> None:
    """Unit, year, kind and publication date from the cover (the lines before the 目录)."""
    end = toc_start if toc_start is not None else 0
    cover = [ln for ln in lines[: min(end, 12)] if ln.text and not ln.in_table]
    if cover:
        doc.cover = Evidence(
            text="\n".join(ln.raw.text.strip() for ln in cover),
            page=cover[0].raw.page,
            line=cover[0].raw.line,
        )
    joined = squash("".join(ln.text for ln in cover))
    head = squash("".join(ln.text for ln in lines[: (end or 0) + 60]))
    m = YEAR_RE.search(joined) or YEAR_RE.search(head)
    if m:
        doc.year = int(m.group(1))
    m2 = DATE_RE.search(head)
    if m2:
        doc.publication_date = f"{m2.group(1)}-{int(m2.group(2)):02d}-{int(m2.group(3)):02d}"
    kind_src = joined or head
    if "单位决算" in kind_src and "部门决算" not in kind_src:
        doc.scope = "单位"
    elif "部门决算" in kind_src:
        doc.scope = "部门"
    if joined:
        unit = re.sub(r"20\d{2}年度?", "", joined)
        unit = re.sub(r"公开(?:时间|日期).*$", "", unit)
        unit = re.sub(r"(部门|单位)决算.*$", "", unit)
        unit = re.sub(r"目录$", "", unit)
        if 2 <= len(unit) <= 40:
            doc.unit = unit


def infer_unit_and_kind(lines: list[Line], doc: Disclosure) -> None:
    """Fallbacks when the cover is missing: labels, part titles and sentence subjects."""
    votes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for ln in lines:
        t = squash(ln.text)
        for label in UNIT_LABEL_RE.finditer(t):
            votes[label.group(1)] += 3
        part = re.search(r"第[一二三四五]部分(.{2,40}?)20\d{2}年度(部门|单位)决算", t)
        if part:
            votes[part.group(1)] += 3
        for kind in re.finditer(r"20\d{2}年度?(部门|单位)决算", t):
            kinds[kind.group(1)] += 1
        subject = UNIT_SENTENCE_RE.match(t)
        if subject and not ln.in_table:
            votes[subject.group(1)] += 1
    if doc.unit is None and votes:
        doc.unit = votes.most_common(1)[0][0]
        doc.notes.append(f"封面未找到单位名称，按正文推断为“{doc.unit}”")
    if doc.scope is None and kinds:
        doc.scope = kinds.most_common(1)[0][0]
    if doc.year is None:
        years = Counter(
            int(m.group(1)) for ln in lines for m in re.finditer(r"(20\d{2})\s*年度", ln.text)
        )
        if years:
            doc.year = years.most_common(1)[0][0]


# ---------------------------------------------------------------------------------------
# 目录


def find_toc(lines: list[Line]) -> int | None:
    for i, ln in enumerate(lines[:80]):
        if squash(ln.text) in {"目录", "目 录"}:
            return i
    return None


def toc_entry_text(ln: Line) -> tuple[str, int | None]:
    """Title and page reference of a 目录 line (tab cell, dotted leaders or trailing digits)."""
    cells = [c for c in ln.cells if c]
    if ln.in_table and len(cells) == 2 and cells[1].isdigit():
        return LEADERS_RE.sub("", cells[0]).strip(" .…"), int(cells[1])
    text = LEADERS_RE.sub(" ", ln.text).strip()
    m = re.match(r"^(.*?\S)\s+(\d{1,3})$", text)
    if m and not re.search(r"20\d{2}$", text):
        return m.group(1).strip(" .…"), int(m.group(2))
    return text.strip(" .…"), None


def read_toc(lines: list[Line], start: int, doc: Disclosure) -> int:
    """Fill ``doc.toc`` from the 目录 starting at ``start``; return the index of the body start."""
    entries: list[TocEntry] = []
    first_key: str | None = None
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        if not ln.text or ln.text.startswith("公开时间"):
            i += 1
            continue
        title, page_ref = toc_entry_text(ln)
        k = key(title)
        if first_key is not None and k == first_key and entries:
            break  # the body repeats the first entry: the 目录 is over
        if len(squash(title)) > 60:
            break
        head = parse_heading(title)
        if head is None:
            if entries and entries[-1].level == 0 and len(squash(title)) <= 8 and page_ref is None:
                entries[-1].title += title.strip()  # a wrapped part title ("…决算" + "表")
                i += 1
                continue
            if title.startswith("- "):
                title = title[2:]
                head = parse_heading(title) or (1, "", title)
            else:
                break
        level, number, text = head
        entry = TocEntry(level, number, text, page_ref, ln.evidence)
        entries.append(entry)
        if first_key is None:
            first_key = key(ln.text if not ln.in_table else title)
            first_key = key(f"{number}{text}") if level == 0 else k
        i += 1
    for entry in entries:
        entry.table_kind = table_kind_of_title(entry.title) if entry.level >= 1 else None
    doc.toc = entries
    return i


def listed_tables(doc: Disclosure, lines: list[Line]) -> list[TableKind]:
    """Standard tables named in the 目录 or in a 附表 list at the end of the document."""
    found: list[TableKind] = [e.table_kind for e in doc.toc if e.table_kind is not None]
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------
# body: headings and paragraphs


def _right_edges(lines: list[Line]) -> dict[int | None, float]:
    """Per page, the right margin of running text (largest right edge of text lines)."""
    edges: dict[int | None, list[float]] = {}
    for ln in lines:
        if ln.raw.bbox is not None and not ln.in_table and len(ln.text) > 10:
            edges.setdefault(ln.raw.page, []).append(ln.raw.bbox[2])
    return {p: sorted(v)[int(len(v) * 0.9)] for p, v in edges.items() if v}


def _left_edges(lines: list[Line]) -> dict[int | None, float]:
    edges: dict[int | None, list[float]] = {}
    for ln in lines:
        if ln.raw.bbox is not None and not ln.in_table and ln.text:
            edges.setdefault(ln.raw.page, []).append(ln.raw.bbox[0])
    return {p: min(v) for p, v in edges.items() if v}


def read_body(lines: list[Line], start: int, doc: Disclosure) -> None:
    right = _right_edges(lines)
    left = _left_edges(lines)
    part_number = ""
    part: str | None = None
    l1: tuple[str, str | None] = ("", None)
    l2: tuple[str, str | None] | None = None
    current: Paragraph | None = None
    prev_line: Line | None = None

    def section_path() -> str:
        return l1[0] + (l2[0] if l2 else "")

    def topic() -> str | None:
        if l2 and l2[1]:
            return l2[1]
        return l1[1]

    i = start
    while i < len(lines):
        ln = lines[i]
        i += 1
        if ln.in_table:
            current = None
            prev_line = None
            continue
        if not ln.text:
            continue
        head = parse_heading(ln.text)
        if head is not None:
            level, number, title = head
            if level == 0:
                # a part title may wrap onto the next line ("…情况" + "说明")
                while i < len(lines) and not lines[i].in_table:
                    nxt = lines[i].text
                    if (
                        nxt
                        and len(squash(nxt)) <= 4
                        and not re.search(r"\d", nxt)
                        and parse_heading(nxt) is None
                    ):
                        title += nxt
                        i += 1
                    elif not nxt:
                        i += 1
                    else:
                        break
                part = part_key(title) or part
                part_number = number
                l1, l2 = ("", None), None
                hk = part
            elif level == 1:
                l1, l2 = (number, section_key(title)), None
                hk = l1[1]
            else:
                l2 = (number, section_key(title))
                hk = l2[1]
            doc.outline.append(Heading(level, number, tidy(title), ln.evidence, hk))
            current = None
            prev_line = None
            continue
        if current is not None and prev_line is not None and _continues(prev_line, ln, right, left):
            current.text += ln.text
            current.lines.append(ln.evidence)
        else:
            current = Paragraph(
                text=ln.text,
                section=section_path() or None,
                evidence=ln.evidence,
                part=part,
                topic=topic(),
                lines=[ln.evidence],
            )
            doc.paragraphs.append(current)
        prev_line = ln
    _ = part_number


#: How many characters short of the right margin a line may stop and still continue its
#: paragraph when it does not end a sentence (a long number moved to the next line).
SHORT_BREAK_CHARS = 6


def _continues(
    prev: Line, ln: Line, right: dict[int | None, float], left: dict[int | None, float]
) -> bool:
    """Whether ``ln`` continues the paragraph that ``prev`` ends (a soft line break)."""
    if starts_block(ln.text):
        return False
    p = prev.text.rstrip()
    if not p:
        return False
    pb, lb = prev.raw.bbox, ln.raw.bbox
    if pb is not None and lb is not None:
        page = prev.raw.page
        margin = right.get(page)
        lm = left.get(ln.raw.page)
        char = max(8.0, (lb[3] - lb[1]))
        if lm is not None and lb[0] - lm > 1.5 * char:
            return False  # indented first line of a new paragraph
        # a previous line stopping short of the margin ends its paragraph, unless it ends
        # mid-sentence and only a few characters short: the line broke before a number or
        # word that did not fit (typesetters keep "11.02%" unbroken)
        if margin is None or pb[2] >= margin - 2 * char:
            return True
        return p[-1] not in TERMINAL and pb[2] >= margin - SHORT_BREAK_CHARS * char
    return p[-1] not in TERMINAL


def read_outline(raw: RawDocument, doc: Disclosure) -> set[int]:
    """Fill cover, 目录, outline and paragraphs; return the ids of the raw lines before the
    body (cover and 目录), which table recognition must not take for table titles."""
    lines = line_stream(raw)
    toc_start = find_toc(lines)
    read_cover(lines, doc, toc_start)
    body_start = 0
    if toc_start is not None:
        body_start = read_toc(lines, toc_start, doc)
    read_body(lines, body_start, doc)
    infer_unit_and_kind(lines, doc)
    doc.listed_tables = listed_tables(doc, lines)
    return {id(ln.raw) for ln in lines[:body_start]}


def section_number(text: str) -> int | None:
    """The integer value of a printed section number ("十一" → 11, "（三）" → 3)."""
    return cn_to_int(text.strip("（）()"))
