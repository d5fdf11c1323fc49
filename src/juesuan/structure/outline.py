"""Cover, 目录, part/section headings and paragraphs of the running text.

Works on the reading-order line stream of a :class:`RawDocument`.  Table rows take part only
where a text extraction put the 目录 into tab-separated lines (``title<TAB>page``).

The same reader serves final accounts (决算) and budgets (预算) of every layout:

- the cover gives the unit (a labelled name such as “部门：…”/“预算单位：…” wins over the title,
  from which the title words — years, 部门预算, 预算公开, 公开报表, 省级/市级 … — are cut),
  the year, the scope (部门/单位) and the publication date (labelled, or a bare date line);
- the 目录 may run over two pages, carry a “序号 报表名称” header, wrap an entry over two lines,
  end entries with “。” and number tables with Arabic digits under a part; a flat 目录 whose
  numbered entries name at least three kinds of part (the Shanghai budget layout: 一、部门主要
  职能 … 五、部门预算表 … 八、绩效目标) lists parts, and the body prints those parts as
  unnumbered titles at the top of a page;
- a heading may wrap over two or three lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from juesuan import catalog
from juesuan.model import (
    Disclosure,
    DocKind,
    Evidence,
    Heading,
    Paragraph,
    Part,
    TableKind,
    TocEntry,
    Topic,
)
from juesuan.sources.raw import RawDocument, RawLine, RawTable
from juesuan.structure.textutil import (
    CJK,
    cn_to_int,
    contains_all,
    contains_any,
    key,
    squash,
    tidy,
)

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
#: A numbered item that opens a paragraph: "（1）", "(2)"; a figure caption: "图1", "（图 2".
NUMBERED_ITEM_RE = re.compile(r"^[（(]\d{1,2}[)）]")
FIGURE_RE = re.compile(r"^[（(]?\s*图\s*\d")
#: Longest printed section title we accept as a heading (characters, spaces removed).
MAX_HEADING_CHARS = 40


@dataclass(slots=True)
class Line:
    """A line of the stream with what the outline needs to know about it.

    ``text`` is the tidied text of a line of running text.  A table row's ``text`` is its
    non-blank cells (stripped) joined by spaces, *not* tidied: tidying only removes or
    collapses white space, and outside the 目录 a row's text is only tested for being empty
    or with all its white space removed (cover, unit and scope votes), where the two forms
    agree.  Where the tidied form of any line is needed, :func:`tidied` gives it: tidying
    every row of every table up front was most of the cost of the line stream."""

    text: str
    raw: RawLine
    in_table: bool

    @property
    def evidence(self) -> Evidence:
        raw = self.raw
        # text, page, line, bbox: positional arguments cost half of keywords
        return Evidence(raw.text.strip(), raw.page, raw.line, raw.bbox)


def line_stream(raw: RawDocument) -> list[Line]:
    out: list[Line] = []
    for item in raw.items():
        if isinstance(item, RawTable):
            for row in item.rows:
                out.append(Line(" ".join(row_cells(row)), row, True))
        else:
            if PAGE_NUMBER_RE.match(item.text) and item.page is not None:
                continue  # page numbers printed in headers/footers
            out.append(Line(tidy(item.text), item, False))
    return out


def row_cells(row: RawLine) -> list[str]:
    """The non-blank cells of a table row, stripped."""
    return [t for c in row.cells if (t := c.text.strip())]


def tidied(ln: Line) -> str:
    """The tidied text of a line (a table row's text is kept as joined: see :class:`Line`)."""
    return tidy(ln.text) if ln.in_table else ln.text


def part_key(title: str) -> Part | None:
    k = key(title)
    for part, patterns in catalog.part_patterns():
        if contains_any(k, patterns):
            return part
    return None


def section_key(title: str) -> Topic | None:
    k = key(title)
    best: Topic | None = None
    best_len = 0
    for topic, patterns, excludes in catalog.section_patterns():
        if contains_all(k, patterns) and not contains_any(k, excludes):
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
    if len(k) <= 30 and k.endswith(("情况说明", "情况")) and heading_like(t) and section_key(k):
        return 1, "", t
    return None


#: A line matching one of these opens a new paragraph (one regex: one match instead of six).
BLOCK_START_RE = re.compile(
    "|".join(
        f"(?:{r.pattern})" for r in (PART_RE, L1_RE, L2_RE, LIST_RE, NUMBERED_ITEM_RE, FIGURE_RE)
    )
)


def starts_block(text: str) -> bool:
    """True when a line opens a new paragraph by its first characters."""
    t = text.lstrip()
    return bool(BLOCK_START_RE.match(t) or t.startswith(("注：", "注:", "说明：", "其中：")))


# ---------------------------------------------------------------------------------------
# cover


YEAR_RE = re.compile(r"(20\d{2})\s*年度")
#: A year on the cover that is not part of a date ("上海市2025年市级单位预算").
COVER_YEAR_RE = re.compile(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")
DATE_RE = re.compile(
    r"公开(?:时间|日期)\s*[:：]?\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
#: A cover line that is only a date ("2018 年2 月24 日"): the publication date.
DATE_LINE_RE = re.compile(r"^(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
FULL_DATE_RE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
UNIT_SUFFIX = (
    "中心|局|厅|部|委|委员会|办公室|办|院|所|站|馆|会|室|处|队|社|协会|学校|大学|医院|公司|署|庭|团"
)
UNIT_SENTENCE_RE = re.compile(
    rf"^((?:中共)?[{CJK}（）()]{{2,40}}?(?:{UNIT_SUFFIX}))(?:（[^）]*）)?"
    r"(?:由|为|是|属|主要|负责|下属|共有|2\d{3}|本级)"
)
#: Labels of the unit's name in running text and table headers; UNIT_LABEL_RE begins with one.
#: Each holds 单 or 部 (:func:`infer_unit_and_kind` skips table rows holding neither).
UNIT_LABELS = ("单位名称", "预算单位", "部门名称")
UNIT_LABEL_RE = re.compile(rf"(?:{'|'.join(UNIT_LABELS)})\s*[:：]?\s*([{CJK}（）()]{{4,40}})")
#: Labels printed before the unit's name on covers and table pages, longest first so that
#: "预算主管部门" is not read as "部门".
COVER_LABELS = (
    "预算主管部门",
    "单位名称",
    "部门名称",
    "预算单位",
    "主管部门",
    "编制单位",
    "编制部门",
    "填报单位",
    "部门",
    "单位",
)
#: A labelled name ends at a space, at the next label ("单位：万元") or at the end of the line.
LABELLED_NAME_RE = re.compile(
    rf"(?:{'|'.join(COVER_LABELS)})\s*[:：]\s*([{CJK}（）()]{{2,40}}?)"
    rf"(?=\s|(?:金额|计量)?单位\s*[:：]|$)"
)
#: The words of a disclosure's title that name the document, not the unit: they split a cover
#: title into the unit's name and the rest ("江苏省委办公厅|2018年度|部门预算公开").
TITLE_WORDS_RE = re.compile(r"(?:[省市区县州]级)?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报表)?")
#: Cover lines that name the printer, not the unit ("江苏省财政厅印制").
PRINTER_RE = re.compile(r"(?:印制|印发|监制|制作)$")
#: A name that is only a region ("上海市", "上海市普陀区"), left when the title's unit is a
#: labelled line: never taken for the unit.
REGION_ONLY_RE = re.compile(rf"^[{CJK}]{{1,12}}?[省市区县州旗盟]$")
#: Classification names that contain 部门预算 without naming the document's scope.
SCOPE_NOISE = ("部门预算支出经济分类", "部门预算经济分类")


def _date(m: re.Match[str]) -> str:
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def labelled_unit(text: str) -> str | None:
    """The name after a label such as “部门：”, “预算单位：”, “编制单位：” (not “单位：万元”)."""
    for m in LABELLED_NAME_RE.finditer(tidy(text)):
        name = m.group(1)
        if not name.endswith("元") and not REGION_ONLY_RE.match(name):
            return name
    return None


def unit_from_title(title: str) -> str | None:
    """The unit named by a cover title, once the words naming the document are cut away."""
    text = squash(title)
    text = FULL_DATE_RE.sub("", text)
    text = re.sub(r"公开(?:时间|日期).*$", "", text)
    text = re.sub(r"20\d{2}年度?", "", text)
    for piece in TITLE_WORDS_RE.split(text):
        piece = re.sub(r"^(?:公开|报表)+|(?:公开|报表|目录)+$", "", piece)
        if 2 <= len(piece) <= 40 and not REGION_ONLY_RE.match(piece):
            return piece
    return None


def scope_named(text: str) -> str | None:
    """部门/单位 when a text names a 部门决算/部门预算 or a 单位决算/单位预算."""
    t = squash(text)
    for noise in SCOPE_NOISE:
        t = t.replace(noise, "")
    unit = re.search(r"单位(?:决算|预算)", t) is not None
    department = re.search(r"部门(?:决算|预算)", t) is not None
    if unit and not department:
        return "单位"
    if department:
        return "部门"
    return None


def cover_lines(lines: list[Line], toc_start: int | None) -> list[Line]:
    """The cover: the text lines before the 目录; without a 目录, a short first page."""
    if toc_start is not None:
        return [ln for ln in lines[: min(toc_start, 12)] if ln.text and not ln.in_table]
    if not lines or lines[0].raw.page is None:
        return []
    first = lines[0].raw.page
    page = [ln for ln in lines if ln.raw.page == first]
    text = [ln for ln in page if ln.text and not ln.in_table]
    if len(text) == len(page) and 0 < len(text) <= 8 and all(len(ln.text) <= 40 for ln in text):
        return text
    return []


def read_cover(lines: list[Line], doc: Disclosure, toc_start: int | None) -> None:
    """Unit, year, scope and publication date from the cover (the lines before the 目录)."""
    end = toc_start if toc_start is not None else 0
    cover = cover_lines(lines, toc_start)
    if cover:
        doc.cover = Evidence(
            text="\n".join(ln.raw.text.strip() for ln in cover),
            page=cover[0].raw.page,
            line=cover[0].raw.line,
        )
    dates = [m for m in (DATE_LINE_RE.match(squash(ln.text)) for ln in cover) if m]
    labelled = [name for name in (labelled_unit(ln.text) for ln in cover) if name]
    title = [
        ln.text
        for ln in cover
        if not DATE_LINE_RE.match(squash(ln.text))
        and labelled_unit(ln.text) is None
        and not PRINTER_RE.search(squash(ln.text))
    ]
    joined = squash("".join(ln.text for ln in cover))
    head = squash("".join(ln.text for ln in lines[: (end or 0) + 60]))
    undated = FULL_DATE_RE.sub("", joined)
    m = YEAR_RE.search(joined) or COVER_YEAR_RE.search(undated) or YEAR_RE.search(head)
    if m:
        doc.year = int(m.group(1))
    m2 = DATE_RE.search(head)
    if m2:
        doc.publication_date = _date(m2)
    elif dates:
        doc.publication_date = _date(dates[0])
    doc.scope = scope_named(joined or head)
    if labelled:
        doc.unit = labelled[0]
    elif title:
        doc.unit = unit_from_title("".join(title))


#: "2024年度部门决算" / "2024年单位预算": the scope the body names.
SCOPE_OF_RE = re.compile(r"20\d{2}年度?(部门|单位)(?:决算|预算)")


def _scope_from_body(lines: list[Line], doc: Disclosure) -> str | None:
    """部门/单位 as the body names it: “2024年度部门决算”, “部门概况”, “本部门”."""
    kinds: Counter[str] = Counter()
    for ln in lines:
        for kind in SCOPE_OF_RE.finditer(squash(ln.text)):
            kinds[kind.group(1)] += 1
    if kinds:
        return kinds.most_common(1)[0][0]
    votes: Counter[str] = Counter()
    titles = [h.title for h in doc.outline] + [e.title for e in doc.toc]
    for title in titles:
        m = re.match(r"^(?:本)?(部门|单位)(?:概况|主要职能|主要职责|职责|机构设置)", key(title))
        if m:
            votes[m.group(1)] += 3
    for p in doc.paragraphs:
        votes["部门"] += p.text.count("本部门")
        votes["单位"] += p.text.count("本单位")
    best = votes.most_common(1)
    if best and best[0][1] > 0 and votes["部门"] != votes["单位"]:
        return best[0][0]
    return None


#: A part title naming the unit: "第一部分 XX单位2023年度部门决算…".
PART_UNIT_RE = re.compile(r"第[一二三四五]部分(.{2,40}?)20\d{2}年度(部门|单位)决算")
#: "2024年度": the year of a document without a cover.
YEAR_OF_RE = re.compile(r"(20\d{2})\s*年度")


def infer_unit_and_kind(lines: list[Line], doc: Disclosure) -> None:
    """Fallbacks when the cover is missing: labels, part titles and sentence subjects."""
    votes: Counter[str] = Counter()
    for ln in lines:
        if ln.in_table and "单" not in ln.text and "部" not in ln.text:
            # every unit label and 部分 holds 单 or 部, which removing white space cannot
            # bring in: most table rows hold neither and need not be squashed
            continue
        t = squash(ln.text)
        if contains_any(t, UNIT_LABELS):  # looked for first: most lines have no label
            for label in UNIT_LABEL_RE.finditer(t):
                votes[label.group(1)] += 3
        part = PART_UNIT_RE.search(t) if "部分" in t else None
        if part:
            votes[part.group(1)] += 3
        if not ln.in_table:  # a sentence's subject: running text only
            subject = UNIT_SENTENCE_RE.match(t)
            if subject:
                votes[subject.group(1)] += 1
    if doc.unit is None and votes:
        doc.unit = votes.most_common(1)[0][0]
        doc.notes.append(f"封面未找到单位名称，按正文推断为“{doc.unit}”")
    if doc.scope is None:
        doc.scope = _scope_from_body(lines, doc)
    if doc.year is None:
        years = Counter(int(m.group(1)) for ln in lines for m in YEAR_OF_RE.finditer(tidied(ln)))
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
    if ln.in_table:
        cells = row_cells(ln.raw)
        if len(cells) == 2 and cells[1].isdigit():
            return LEADERS_RE.sub("", cells[0]).strip(" .…"), int(cells[1])
    text = LEADERS_RE.sub(" ", tidied(ln)).strip()
    m = re.match(r"^(.*?\S)\s+(\d{1,3})$", text)
    if m and not re.search(r"20\d{2}$", text):
        return m.group(1).strip(" .…"), int(m.group(2))
    return text.strip(" .…"), None


#: Column headers of a 目录 printed as a list ("序号 报表名称", "页码").
TOC_HEADER_RE = re.compile(r"^(?:序号|编号|报表名称|报表编号|表名|名称|目录名称|内容|页码|页次)+$")
#: Arabic-numbered 目录 entries ("1. 2025年…", "5． 2025年…", "4．2023年…").
TOC_LIST_RE = re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*(.*)$")
#: Longest 目录 entry (characters, spaces removed); a longer line ends the 目录.
MAX_TOC_CHARS = 60
#: Longest line taken for the wrapped rest of a 目录 entry ("出预算表").
MAX_TOC_WRAP_CHARS = 15
#: Numbered 目录 entries naming at least this many kinds of part are a list of parts (the
#: Shanghai budget layout numbers its parts 一、二、… in the 目录 only).
MIN_PART_KINDS = 3


def _toc_title_like(title: str) -> bool:
    t = squash(title)
    return 0 < len(t) <= MAX_TOC_CHARS and not HEADING_PUNCT.search(t)


def parse_toc_line(title: str) -> tuple[int, str, str] | None:
    """(level, number, title) of a 目录 entry.  A trailing “。” is dropped; an Arabic-numbered
    entry gets level -1 (it sits one level below the entry above it)."""
    t = re.sub(r"。+$", "", title.strip())
    head = parse_heading(t)
    if head is not None:
        return head
    m = L2_RE.match(t)
    if m and _toc_title_like(m.group(2)):
        return 2, f"（{m.group(1)}）", m.group(2).strip()
    m = L1_RE.match(t)
    if m and _toc_title_like(m.group(2)):
        return 1, m.group(1), m.group(2).strip()
    m = TOC_LIST_RE.match(t)
    if m and _toc_title_like(m.group(2)):
        return -1, m.group(1), m.group(2).strip()
    return None


#: How titles of parts, sections and tables end; a title ending otherwise was cut by a line
#: break ("…培训费支" + "出预算表").  Used where no page geometry tells a wrapped line.
TITLE_ENDINGS = ("表", "说明", "情况", "解释", "概况", "职能", "职责", "设置", "构成", "目标")
#: Longest rest of a wrapped title taken on words alone (text input, no geometry).
MAX_TEXT_WRAP_CHARS = 8


def _completes_title(title: str, rest: str) -> bool:
    """Text input: ``title`` is unfinished and the short ``rest`` finishes it."""
    head, tail = squash(title).rstrip("。"), squash(rest).rstrip("。")
    return (
        0 < len(tail) <= MAX_TEXT_WRAP_CHARS
        and not head.endswith(TITLE_ENDINGS)
        and tail.endswith(TITLE_ENDINGS)
    )


def _toc_wrap(
    last: TocEntry, prev: Line, ln: Line, title: str, page_ref: int | None, nxt: Line | None
) -> bool:
    """Whether ``ln`` is the wrapped rest of the entry ``last`` (printed on ``prev``);
    ``nxt`` is the line after ``ln``."""
    t = squash(title)
    numbered = re.match(rf"^(?:第|[（(]|\d|[{CN_NUM}]+[、.．])", t) is not None
    pb, lb = prev.raw.bbox, ln.raw.bbox
    if pb is None or lb is None:
        # text input: a short part title ("…决算" + "表"), or an unfinished entry finished by
        # a short line that another entry follows
        if last.level == 0 and len(t) <= 8 and page_ref is None:
            return True
        return (
            not numbered
            and last.page_ref is None
            and _completes_title(last.title, title)
            and nxt is not None
            and parse_toc_line(toc_entry_text(nxt)[0]) is not None
        )
    if numbered:
        return False  # a numbered line is an entry of its own
    if last.page_ref is not None or len(t) > MAX_TOC_WRAP_CHARS or prev.raw.page != ln.raw.page:
        return False
    char = max(8.0, pb[3] - pb[1])
    return lb[0] <= pb[0] + char and 0 < lb[1] - pb[1] < 3 * char


def read_toc(lines: list[Line], start: int, doc: Disclosure) -> int:
    """Fill ``doc.toc`` from the 目录 starting at ``start``; return the index of the body start."""
    entries: list[TocEntry] = []
    first_key: str | None = None
    prev: Line | None = None
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        text = tidied(ln)
        if not text or text.startswith("公开时间") or TOC_HEADER_RE.match(squash(text)):
            i += 1
            continue
        last = entries[-1] if entries else None
        new_page = (
            prev is not None
            and ln.raw.page is not None
            and prev.raw.page is not None
            and ln.raw.page != prev.raw.page
        )
        if new_page and squash(text).startswith("目录"):
            i += 1  # "目录（续）" heading the next page
            continue
        title, page_ref = toc_entry_text(ln)
        k = key(title).rstrip("。")
        if first_key is not None and k == first_key and entries:
            break  # the body repeats the first entry: the 目录 is over
        if len(squash(title)) > MAX_TOC_CHARS:
            break
        head = parse_toc_line(title)
        if head is None:
            following = next((x for x in lines[i + 1 : i + 3] if x.text), None)
            if (
                last is not None
                and prev is not None
                and _toc_wrap(last, prev, ln, title, page_ref, following)
            ):
                last.title += title.strip()  # a wrapped entry ("…支" + "出预算表")
                if page_ref is not None:
                    last.page_ref = page_ref
                prev = ln
                i += 1
                continue
            if title.startswith("- "):
                title = title[2:]
                head = parse_heading(title) or (1, "", title)
            else:
                break
        if new_page and page_ref is None and sum(e.page_ref is not None for e in entries) >= 2:
            break  # the 目录 gave page numbers; a line without one on a new page is the body
        level, number, text = head
        if level < 0:
            above = next((e.level for e in reversed(entries) if not e.number.isdigit()), 0)
            level = min(above + 1, 2)
        entry = TocEntry(level, number, text, page_ref, ln.evidence)
        entries.append(entry)
        if first_key is None:
            first_key = key(f"{number}{text}") if level == 0 else k
        prev = ln
        i += 1
    if entries and not any(e.level == 0 for e in entries):
        kinds = {part_key(e.title) for e in entries if e.level == 1} - {None}
        if len(kinds) >= MIN_PART_KINDS:
            for entry in entries:
                entry.level = max(entry.level - 1, 0)  # a flat list of parts
    for entry in entries:
        entry.table_kind = listed_table_kind(entry.title) if entry.level >= 1 else None
    doc.toc = entries
    return i


def _names_budget_table(title: str) -> bool:
    """A title naming a budget table (…预算表) and no final-account table (…决算表)."""
    k = key(title)
    markers = catalog.kind_markers()
    for noise in markers.noise:
        k = k.replace(noise, "")
    budget = any(p in k for p in markers.phrases.get(DocKind.BUDGET, ()))
    final = any(p in k for p in markers.phrases.get(DocKind.FINAL, ()))
    return budget and not final


def listed_table_kind(title: str) -> TableKind | None:
    """The standard table a 目录 entry or list heading promises.  A budget table's title is
    never taken for a final-account table (“一般公共预算“三公”经费…支出预算表” is not 表13):
    budget tables get their kind from the table catalog's own budget entries."""
    kind = table_kind_of_title(title)
    if kind is None or not _names_budget_table(title):
        return kind
    spec = catalog.table_specs().get(kind)
    return None if spec is not None and "决算" in spec.title else kind


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


#: Longest unnumbered part title taken at the top of a page ("上海市财政局（单位）主要职能").
MAX_PART_TITLE_CHARS = 30
#: Longest line taken for the wrapped rest of a heading ("况说明", "年度预算情况说明").
MAX_HEADING_WRAP_CHARS = 20
#: At most this many lines continue a heading (a title over three lines).
MAX_HEADING_WRAPS = 2
AMOUNT_RE = re.compile(r"\d(?:[\d,.]*)\s*(?:万元|元|%|％)")
_YEAR_WORD_RE = re.compile(r"20\d{2}年度?")
_SCOPE_BRACKET_RE = re.compile(r"（(?:本级|部门|单位)）")
_SCOPE_PREFIX_RE = re.compile(r"^本?(?:部门|单位)")
_LIST_MARK_RE = re.compile(r"\d+[.．、]")


def part_core(title: str, unit: str | None = None) -> str:
    """A part title without the unit's name, years, scope words and brackets, for matching a
    body title against the 目录: "上海市财政局（单位）主要职能", "单位主要职能" → "主要职能";
    "2025年单位预算编制说明" → "预算编制说明"."""
    k = key(title)
    if unit:
        k = k.replace(key(unit), "")
    k = _YEAR_WORD_RE.sub("", k)
    k = _SCOPE_BRACKET_RE.sub("", k)
    return _SCOPE_PREFIX_RE.sub("", k)


@cache
def _standalone_part_titles() -> frozenset[str]:
    """Part titles printed alone without a number ("名词解释", "主要职能", "预算编制说明")."""
    return frozenset(p for _, patterns in catalog.part_patterns() for p in patterns)


def _page_tops(lines: list[Line]) -> set[int]:
    """Indices of the first text line of each page (paged input only)."""
    tops: set[int] = set()
    seen: set[int] = set()
    for i, ln in enumerate(lines):
        page = ln.raw.page
        if page is None or page in seen or not ln.text:
            continue
        seen.add(page)
        if not ln.in_table:
            tops.add(i)
    return tops


def _unnumbered_part(
    ln: Line, at_top: bool, toc_parts: dict[str, TocEntry], unit: str | None, no_toc: bool
) -> str | None:
    """The title of a part printed without a number at the top of a page: numbered only in
    the 目录 (``toc_parts``), as the Shanghai budget layout prints 部门主要职能, 名词解释,
    部门预算编制说明 …; or, in a document without a 目录, a standalone part title."""
    unpaged = ln.raw.page is None
    if not (toc_parts and (at_top or unpaged)) and not (no_toc and at_top):
        return None  # neither kind of title can be printed here (most lines)
    t = squash(ln.text)
    if not t or len(t) > MAX_PART_TITLE_CHARS or HEADING_PUNCT.search(t) or _LIST_MARK_RE.search(t):
        return None
    core = part_core(t, unit)
    if not core or part_key(core) is None:
        return None
    if core in toc_parts and (at_top or unpaged):
        return ln.text.strip()
    if no_toc and at_top and core in _standalone_part_titles():
        return ln.text.strip()
    return None


def _wraps_at_margin(prev: Line, nxt: Line, right: dict[int | None, float]) -> bool:
    """``prev`` runs to the right margin and ``nxt`` starts under it: one title wrapped."""
    pb, nb = prev.raw.bbox, nxt.raw.bbox
    margin = right.get(prev.raw.page)
    if pb is None or nb is None or margin is None:
        return False
    char = max(8.0, pb[3] - pb[1])
    return pb[2] >= margin - 2 * char and nb[0] <= pb[0] + char and 0 < nb[1] - pb[1] < 3 * char


def _may_continue_heading(level: int, prev: Line, nxt: Line) -> bool:
    """Whether ``nxt`` may be the rest of a heading printed on ``prev``: a short title-like
    line on the same page (a part title may end in a bare title such as “名词解释”)."""
    t = squash(nxt.text)
    head = parse_heading(nxt.text)
    return not (
        (head is not None and not (level == 0 and head[1] == ""))
        or starts_block(nxt.text)
        or nxt.raw.page != prev.raw.page
        or len(t) > MAX_HEADING_WRAP_CHARS
        or HEADING_PUNCT.search(t)
        or AMOUNT_RE.search(t)
    )


def _heading_rest(
    lines: list[Line], i: int, level: int, title: str, right: dict[int | None, float]
) -> tuple[str, int]:
    """A heading wrapped onto the next line or two ("…支出预算情" + "况说明", "第三部分 …2018"
    + "年度预算情况说明"): the whole title and the index of the line after it."""
    keyed = part_key if level == 0 else section_key
    candidates: list[tuple[int, Line]] = []
    prev = lines[i - 1]
    j = i
    while j < len(lines) and len(candidates) < MAX_HEADING_WRAPS:
        nxt = lines[j]
        if nxt.in_table:
            break
        if not nxt.text:
            if level == 0:
                j += 1  # blank lines after a part title (text input)
                continue
            break
        if not _may_continue_heading(level, prev, nxt):
            break
        candidates.append((j, nxt))
        prev = nxt
        j += 1
    # a title that is recognised only with its next line or two
    if keyed(title) is None:
        for n in range(1, len(candidates) + 1):
            joined = title + "".join(c.text for _, c in candidates[:n])
            if keyed(joined) is not None:
                return joined, candidates[n - 1][0] + 1
    # a title wrapped at the right margin, or the short rest of a part title ("…决算" + "表");
    # without geometry, an unfinished title and the short line that finishes it
    prev = lines[i - 1]
    for j, nxt in candidates:
        t = squash(nxt.text)
        short_rest = level == 0 and len(t) <= 4 and not re.search(r"\d", t)
        if nxt.raw.bbox is None and _completes_title(title, nxt.text):
            short_rest = True
        if parse_heading(nxt.text) is None and (short_rest or _wraps_at_margin(prev, nxt, right)):
            title += nxt.text
            prev = nxt
            i = j + 1
        else:
            break
    return title, i


def read_body(lines: list[Line], start: int, doc: Disclosure) -> None:
    right = _right_edges(lines)
    left = _left_edges(lines)
    tops = _page_tops(lines)
    # parts the 目录 numbers as a list (一、部门主要职能) and the body prints without a number;
    # where the 目录 says “第X部分” the body prints the number too
    toc_parts = {
        part_core(e.title, doc.unit): e
        for e in doc.toc
        if e.level == 0 and not e.number.startswith("第")
    }
    if any(e.level == 0 and e.number.startswith("第") for e in doc.toc):
        toc_parts = {}
    part: Part | None = None
    hk: Part | Topic | None
    l1: tuple[str, Topic | None] = ("", None)
    l2: tuple[str, Topic | None] | None = None
    current: Paragraph | None = None
    prev_line: Line | None = None

    def section_path() -> str:
        return l1[0] + (l2[0] if l2 else "")

    def topic() -> Topic | None:
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
        if head is None or head[:2] == (1, ""):
            unnumbered = _unnumbered_part(ln, i - 1 in tops, toc_parts, doc.unit, not doc.toc)
            if unnumbered is not None:
                head = (0, "", unnumbered)
        if head is not None and head[0] == 1:
            entry = toc_parts.get(part_core(head[2], doc.unit))
            if entry is not None and entry.number == head[1]:
                head = (0, head[1], head[2])  # a part numbered 一、 as in the 目录
        if head is not None:
            level, number, title = head
            title, i = _heading_rest(lines, i, level, title, right)
            if level == 0:
                part = hk = part_key(title)
                # a part that is also a section (部门主要职能, 部门预算编制说明): its text
                # has that topic until the first numbered section
                l1, l2 = ("", section_key(title) if part else None), None
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
            # text, section, evidence, part, topic, lines (positional: cheaper than keywords)
            current = Paragraph(
                ln.text, section_path() or None, ln.evidence, part, topic(), [ln.evidence]
            )
            doc.paragraphs.append(current)
        prev_line = ln


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
