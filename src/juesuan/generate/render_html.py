"""Write a generated :class:`~juesuan.generate.document.Document` as one self-contained HTML
file: inline CSS, charts as ``data:image/png;base64`` pictures, tables with ``colspan`` /
``rowspan`` headers.  Nothing is fetched when the page is opened.

The text uses the reader's installed Chinese fonts (宋体 for the body, 黑体 for headings, with
the usual macOS/Linux equivalents and Noto as fallbacks); the page prints on A4 with page
breaks where the document has them.  A 目录 with links to the level-0/1 headings follows the
cover when ``document.toc`` is set.
"""

from __future__ import annotations

import base64
from html import escape

from juesuan.generate.charts import chart_png
from juesuan.generate.document import (
    Chart,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)
from juesuan.generate.layout import cell_align, column_weights

SERIF_STACK = (
    '"SimSun", "宋体", "Songti SC", "STSong", "Noto Serif SC", "Noto Serif CJK SC", '
    '"Source Han Serif SC", serif'
)
SANS_STACK = (
    '"SimHei", "黑体", "Heiti SC", "PingFang SC", "Microsoft YaHei", "Noto Sans SC", '
    '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
)

CSS = f"""
@page {{ size: A4; margin: 2.5cm 2.8cm; }}
html {{ background: #eee; }}
body {{ font-family: {SERIF_STACK}; font-size: 12pt; line-height: 1.8; color: #000;
  max-width: 46em; margin: 0 auto; padding: 2em 3em; background: #fff; }}
h1, h2, h3, .cover, .toc-title, .table-title {{ font-family: {SANS_STACK}; font-weight: normal; }}
h1 {{ font-size: 16pt; text-align: center; margin: 1.2em 0 1em; }}
h2 {{ font-size: 13pt; margin: 0.8em 0 0.3em; text-indent: 2em; }}
h3 {{ font-size: 12pt; margin: 0.4em 0 0.2em; text-indent: 2em; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.cover {{ text-align: center; min-height: 60vh; padding-top: 20vh; }}
.cover .unit, .cover .kind {{ font-size: 26pt; line-height: 1.8; margin: 0; text-indent: 0;
  text-align: center; }}
.cover .date {{ font-family: {SERIF_STACK}; font-size: 16pt; margin-top: 8em; text-indent: 0;
  text-align: center; }}
nav.toc ol {{ list-style: none; padding: 0; }}
nav.toc li.l0 {{ font-family: {SANS_STACK}; margin-top: 0.3em; }}
nav.toc li.l1 {{ padding-left: 2em; }}
nav.toc a {{ color: inherit; text-decoration: none; }}
.toc-title {{ font-size: 18pt; text-align: center; text-indent: 0; letter-spacing: 1em; }}
.table-block {{ margin: 1em 0 1.2em; }}
.table-title {{ font-size: 14pt; text-align: center; text-indent: 0; }}
.table-meta {{ display: flex; justify-content: space-between; font-size: 9pt; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.35; }}
th, td {{ border: 0.6pt solid #000; padding: 3pt 5pt; vertical-align: middle; }}
th {{ font-weight: normal; text-align: center; }}
td.num {{ text-align: right; white-space: nowrap; }}
td.mid {{ text-align: center; }}
td.empty {{ text-align: left; }}
.table-note {{ font-size: 9pt; text-indent: 0; margin-top: 0.3em; }}
figure {{ margin: 0.8em 0; text-align: center; }}
figure img {{ max-width: 100%; width: 34em; }}
figcaption {{ font-size: 10.5pt; }}
.page-break {{ break-after: page; page-break-after: always; height: 0; }}
@media print {{ html {{ background: none; }} body {{ max-width: none; padding: 0; }}
  .cover {{ break-after: page; }} nav.toc {{ break-after: page; }} }}
"""


def render_html(document: Document) -> str:
    """The document as one HTML page (UTF-8 text)."""
    title = document.cover_title()
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="juesuan generate">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
    ]
    out.append(_cover(document))
    anchors: dict[int, str] = {}
    for i, block in enumerate(document.blocks):
        if isinstance(block, Heading) and block.level <= 1:
            anchors[i] = f"h{i}"
    if document.toc and anchors:
        out.append('<nav class="toc">')
        out.append('<p class="toc-title">目录</p>')
        out.append("<ol>")
        for i, anchor in anchors.items():
            block = document.blocks[i]
            assert isinstance(block, Heading)
            out.append(
                f'<li class="l{block.level}"><a href="#{anchor}">{escape(block.text)}</a></li>'
            )
        out.append("</ol>")
        out.append("</nav>")
    for i, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            tag = f"h{min(block.level, 2) + 1}"
            ident = f' id="{anchors[i]}"' if i in anchors else ""
            out.append(f"<{tag}{ident}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                out.append(f"<p>{escape(line)}</p>")
        elif isinstance(block, TableBlock):
            out.append(_table(block))
        elif isinstance(block, Chart):
            out.append(_chart(block))
        elif isinstance(block, PageBreak):
            out.append('<div class="page-break"></div>')
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


def _cover(document: Document) -> str:
    parts = ['<header class="cover">']
    if document.title:
        parts.append(f'<p class="unit">{escape(document.title)}</p>')
    else:
        parts.append(f'<p class="unit">{escape(document.unit)}</p>')
        parts.append(f'<p class="kind">{document.year}年度{escape(document.kind)}决算</p>')
    if document.publication_date:
        parts.append(f'<p class="date">公开时间：{escape(document.publication_date)}</p>')
    parts.append("</header>")
    return "\n".join(parts)


def _table(block: TableBlock) -> str:
    n = block.n_cols
    parts = [f'<div class="table-block" data-table="{escape(block.kind.value)}">']
    parts.append(f'<p class="table-title">{escape(block.title)}</p>')
    parts.append(
        '<div class="table-meta">'
        f"<span>{escape(block.number_label)}</span><span>{escape(block.unit_label)}</span>"
        "</div>"
    )
    parts.append("<table>")
    weights = column_weights(block)
    total = sum(weights) or 1.0
    parts.append(
        "<colgroup>"
        + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in weights)
        + "</colgroup>"
    )
    if block.header_rows:
        parts.append("<thead>")
        for header in block.header_rows:
            cells = []
            for cell in header:
                span = ""
                if cell.colspan > 1:
                    span += f' colspan="{cell.colspan}"'
                if cell.rowspan > 1:
                    span += f' rowspan="{cell.rowspan}"'
                text = "<br>".join(escape(t) for t in cell.text.split("\n"))
                cells.append(f"<th{span}>{text}</th>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</thead>")
    parts.append("<tbody>")
    for values in block.rows:
        cells = []
        for c in range(n):
            text = values[c] if c < len(values) else ""
            align = cell_align(text) if text else "left"
            cls = {"right": ' class="num"', "center": ' class="mid"'}.get(align, "")
            cells.append(f"<td{cls}>{escape(text)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if not block.rows:
        statement = escape(block.empty_statement or "")
        parts.append(f'<tr><td class="empty" colspan="{max(n, 1)}">{statement}</td></tr>')
    parts.append("</tbody>")
    parts.append("</table>")
    if block.note:
        parts.append(f'<p class="table-note">{escape(block.note)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _chart(block: Chart) -> str:
    data = base64.b64encode(chart_png(block)).decode("ascii")
    alt = escape(block.title or block.caption or "图")
    parts = ["<figure>", f'<img src="data:image/png;base64,{data}" alt="{alt}">']
    if block.caption:
        parts.append(f"<figcaption>{escape(block.caption)}</figcaption>")
    parts.append("</figure>")
    return "\n".join(parts)
