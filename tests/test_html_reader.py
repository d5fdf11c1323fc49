"""The HTML reader: lines from block elements, tables with merged cells, encodings, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import juesuan
from juesuan.errors import CorruptFileError
from juesuan.model import TableKind
from juesuan.sources import load
from juesuan.sources.raw import RawLine, RawTable

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>标题不读</title>
<style>p {{ color: red }}</style><script>var x = "2024年度收入";</script></head><body>
<h1>乐山市测试中心</h1><p>2024年度单位决算</p>
<h2>第二部分 2024年度单位决算情况说明</h2>
<h3>一、收入支出决算总体情况说明</h3>
<p>2024年度收入、支出总计均为1069.86万元。</p>
<h2>第五部分 附表</h2>
<p>三、支出决算表</p>
<table border=1>
<tr><td colspan=2>单位名称：乐山市测试中心</td><td>2024年度</td><td colspan=2>单位：万元</td></tr>
<tr><td colspan=2>项目</td><td rowspan=2>本年支出合计</td><td rowspan=2>基本支出</td>
<td rowspan=2>项目支出</td></tr>
<tr><td>科目编码</td><td>科目名称</td></tr>
<tr><td></td><td>合计</td><td>100.00</td><td>60.00</td><td>40.00</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>100.00</td><td>60.00</td><td>40.00</td></tr>
</table></body></html>
"""


def _write(tmp_path: Path, charset: str = "utf-8", name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_bytes(PAGE.format(charset=charset).encode(charset))
    return path


@pytest.mark.parametrize("charset", ["utf-8", "gb18030"])
def test_html_page_to_disclosure(tmp_path: Path, charset: str) -> None:
    doc = juesuan.read(_write(tmp_path, charset))
    assert doc.source.format == "html"
    assert doc.unit == "乐山市测试中心" and doc.year == 2024 and doc.scope == "单位"
    table = doc.table(TableKind.T03)
    assert table is not None and table.columns == ["total", "basic", "project"]
    row = table.row("201")
    assert row is not None and str(row.values["basic"]) == "60.00"
    assert [str(s.value) for s in doc.statements if s.subject == "收入支出总计"] == ["1069.86"]


def test_merged_cells_keep_their_grid_column(tmp_path: Path) -> None:
    raw = load(_write(tmp_path))
    table = next(i for i in raw.pages[0].items if isinstance(i, RawTable))
    header2 = table.rows[2]  # the row under the rowspan cells
    assert [(c.text, c.col) for c in header2.cells] == [
        ("科目编码", 0),
        ("科目名称", 1),
        ("", 2),
        ("", 3),
        ("", 4),
    ]
    assert table.rows[0].cells[0].span == 2 and table.ncols == 5
    texts = [i.text for i in raw.pages[0].items if isinstance(i, RawLine)]
    assert "标题不读" not in texts and not any("var x" in t for t in texts)


def test_html_content_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = _write(tmp_path, name="saved-page.txt")
    assert load(path).format == "html"


def test_empty_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    with pytest.raises(CorruptFileError):
        load(path)


def test_input_untouched(tmp_path: Path) -> None:
    path = _write(tmp_path)
    copy = tmp_path / "copy.html"
    shutil.copy(path, copy)
    juesuan.read(path)
    assert path.read_bytes() == copy.read_bytes()
