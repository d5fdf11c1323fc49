"""Charts (图1…图7) as PNG pictures, drawn with matplotlib and the font shipped with juesuan.

Every glyph comes from ``fonts/NotoSerifSC-Regular.ttf`` in this package (Noto Serif SC,
SIL Open Font License 1.1, see ``fonts/OFL.txt`` and ``fonts/README.md``): it covers all of
GBK (20,902 ideographs), so unit names and 科目 names never print as boxes, and no system
font or download is needed.
matplotlib is imported lazily inside :func:`chart_png` and draws on an Agg canvas of its own
(pyplot's global backend is never touched), so ``import juesuan`` stays fast and needs no
display.

Numbers printed on a chart are computed here with :class:`~decimal.Decimal` and rounded half
up, exactly as the explanation's sentences and the tables are, so a chart cannot disagree with
the text (a pie's shares are worked out from the values, not by matplotlib's float format).
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from juesuan.generate.document import Chart

FONT_DIR = Path(__file__).parent / "fonts"
#: The CJK font used for charts and the body text of generated PDFs (宋体 look).
SERIF_FONT = FONT_DIR / "NotoSerifSC-Regular.ttf"
SERIF_FAMILY = "Noto Serif SC"

#: Picture size in inches and resolution; 16:9 suits a portrait A4 text column.
FIG_SIZE = (6.4, 3.6)
DPI = 200

#: Muted colours close to Office defaults, as in published reports.
PALETTE = (
    "#4472C4",
    "#ED7D31",
    "#A5A5A5",
    "#FFC000",
    "#5B9BD5",
    "#70AD47",
    "#264478",
    "#9E480E",
    "#636363",
    "#997300",
)

_CENT = Decimal("0.01")


def shares(values: list[Decimal]) -> list[Decimal]:
    """Each value's share of the total in percent, rounded half up to 0.01 (0 when the total
    is 0)."""
    total = sum(values, Decimal(0))
    if total == 0:
        return [Decimal("0.00") for _ in values]
    return [(v * 100 / total).quantize(_CENT, rounding=ROUND_HALF_UP) for v in values]


def _fmt(value: Decimal, unit: str) -> str:
    text = f"{value.quantize(_CENT, rounding=ROUND_HALF_UP):.2f}"
    return f"{text}%" if unit == "%" else text


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes (cached: the same chart is drawn once per process)."""
    return _render(
        chart.kind,
        chart.title,
        tuple(chart.labels),
        tuple(chart.values),
        chart.unit,
        bool(chart.caption),
    )


@lru_cache(maxsize=64)
def _render(
    kind: str,
    title: str,
    labels: tuple[str, ...],
    values: tuple[Decimal, ...],
    unit: str,
    caption: bool,
) -> bytes:
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _register_font(font_manager)
    with matplotlib.rc_context(
        {
            "font.family": [SERIF_FAMILY],
            "font.size": 11,
            "axes.unicode_minus": False,
            "svg.fonttype": "none",
        }
    ):
        fig = Figure(figsize=FIG_SIZE, dpi=DPI)
        FigureCanvasAgg(fig)  # Agg, without touching pyplot's global backend
        if kind == "pie":
            _pie(fig, labels, list(values), unit)
        else:
            _bar(fig, labels, list(values), unit)
        if title and not caption:  # a caption under the picture names the chart already
            fig.suptitle(title, fontsize=13)
        if kind != "pie":
            fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=DPI, facecolor="white")
    return out.getvalue()


def chart_font_path() -> Path:
    """The font file matplotlib uses for chart text: the one shipped in ``fonts/``."""
    from matplotlib import font_manager

    _register_font(font_manager)
    found = font_manager.findfont(
        font_manager.FontProperties(family=[SERIF_FAMILY]), fallback_to_default=False
    )
    return Path(found)


@lru_cache(maxsize=1)
def _register_font(font_manager: Any) -> None:
    font_manager.fontManager.addfont(str(SERIF_FONT))


def _bar(fig: Any, labels: tuple[str, ...], values: list[Decimal], unit: str) -> None:
    ax = fig.add_subplot(1, 1, 1)
    xs = list(range(len(values)))
    heights = [float(v) for v in values]
    colors = [PALETTE[i % len(PALETTE)] for i in xs]
    bars = ax.bar(xs, heights, width=0.5, color=colors)
    ax.bar_label(bars, labels=[_fmt(v, unit) for v in values], padding=2, fontsize=10.5)
    per_line = max(3, 36 // max(len(labels), 1))
    ax.set_xticks(xs, [_wrap(label, per_line) for label in labels], fontsize=10.5)
    ax.tick_params(axis="y", labelsize=10)
    ax.set_ylabel(f"单位：{unit}", fontsize=10)
    top = max([*heights, 0.0])
    bottom = min([*heights, 0.0])
    span = (top - bottom) or 1.0
    pad = max(0.6, (4 - len(xs)) / 2)  # one or two bars stay bars, not walls
    ax.set_xlim(-pad, len(xs) - 1 + pad)
    ax.set_ylim(bottom - (0.05 * span if bottom < 0 else 0), top + 0.15 * span)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", linewidth=0.4, alpha=0.5)
    ax.set_axisbelow(True)


def _pie(fig: Any, labels: tuple[str, ...], values: list[Decimal], unit: str) -> None:
    ax = fig.add_axes((0.02, 0.04, 0.42, 0.9))
    pct = (
        [v.quantize(_CENT, rounding=ROUND_HALF_UP) for v in values]
        if unit == "%"
        else shares(values)
    )
    sizes = [max(float(v), 0.0) for v in values]
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(values))]
    if sum(sizes) <= 0:
        sizes = [1.0 for _ in values]  # nothing to divide: an even placeholder
    wedges, _ = ax.pie(
        sizes,
        colors=colors,
        startangle=90,
        counterclock=False,
        wedgeprops={"linewidth": 0.8, "edgecolor": "white"},
    )
    one_line = [
        f"{label}  {p:.2f}%" if unit == "%" else f"{label}  {_fmt(v, unit)}{unit}（{p:.2f}%）"
        for label, v, p in zip(labels, values, pct, strict=True)
    ]
    two_lines = [text.replace("  ", "\n", 1) for text in one_line]
    size = 11.0 if len(labels) <= 6 else 9.0 if len(labels) <= 10 else 7.5
    room = fig.bbox.width * (0.99 - 0.46)
    renderer = fig.canvas.get_renderer()
    # One line per entry if it fits, else label above amount, else a smaller font.
    for attempt, legend in enumerate((one_line, two_lines, two_lines, two_lines)):
        box = fig.legend(
            wedges,
            legend,
            loc="center left",
            bbox_to_anchor=(0.46, 0.5),
            frameon=False,
            fontsize=size,
            labelspacing=0.8 if legend is two_lines else 0.5,
        )
        width = box.get_window_extent(renderer=renderer).width
        if width <= room or attempt == 3:
            break
        box.remove()
        if attempt >= 1:
            size = max(6.0, size * room / width * 0.97)
    ax.set_aspect("equal")


def _wrap(text: str, width: int) -> str:
    """Break a long CJK label every ``width`` characters (axis labels have no spaces)."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text
