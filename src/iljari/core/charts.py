"""Charts and the 동 map as SVG, drawn on the server (pygal; the map from the city's GeoJSON).

No script and no tiles are loaded from anywhere: the SVG is inline in the page and in the PDF.
"""

import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import Protocol

import pygal
from pygal.style import Style

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1b1f24",
    foreground_strong="#1b1f24",
    foreground_subtle="#4a5360",
    colors=("#0b5cad", "#e07b00", "#2e8540", "#8a4b9e", "#a11d1d"),
    font_family="Noto Sans CJK KR, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=12,
)
# Sequential blues for the choropleth, light (low) to dark (high).
SHADES = ["#eef4fb", "#cfe0f3", "#a7c6e8", "#6fa1d4", "#3b7bbf", "#0b5cad", "#083f78"]


def _chart(kind: type, title: str, **options: object) -> pygal.Graph:
    chart = kind(
        title=title,
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=720,
        height=360,
        show_legend=True,
        legend_at_bottom=True,
        print_values=False,
        **options,
    )
    chart.value_formatter = lambda v: f"{v:,.0f}" if abs(v) >= 10 else f"{v:,.1f}"
    return chart


def bar_chart(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    chart = _chart(pygal.Bar, title, x_label_rotation=30)
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    return chart.render(is_unicode=True)


def line_chart(title: str, labels: list[str], series: dict[str, list[float]], secondary: dict | None = None) -> str:
    chart = _chart(pygal.Line, title, x_label_rotation=0, dots_size=3)
    chart.x_labels = labels
    for name, values in series.items():
        chart.add(name, values)
    for name, values in (secondary or {}).items():
        chart.add(name, values, secondary=True)
    return chart.render(is_unicode=True)


def _rings(geometry: dict) -> Iterable[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


class Area(Protocol):
    """What the map needs of a 동: its name, centroid and GeoJSON boundary (``reference.selectors.DongArea``)."""

    name: str
    lat: float
    lon: float
    boundary: dict | None


def dong_map(
    title: str,
    values: dict[str, float],
    areas: Iterable[Area],
    unit: str = "",
    width: int = 720,
    height: int = 520,
    route: Sequence[tuple[float, float, str]] = (),
) -> str:
    """A choropleth of the city's 동 shaded by ``values`` (동 name → number), with a legend.

    A 동 far from the rest (an island, like 안산's 대부동) would shrink the city to a corner, so
    any 동 more than three times the median distance from the centre is drawn as a labelled
    box instead of at scale. ``route`` is a day's visits in order as (lon, lat, label), drawn as a
    numbered line from the start (number 0).
    """
    dongs = [d for d in areas if d.boundary]
    if not dongs:
        return ""
    mid_lat = sorted(d.lat for d in dongs)[len(dongs) // 2]
    mid_lon = sorted(d.lon for d in dongs)[len(dongs) // 2]
    spread = {d.name: math.hypot(d.lat - mid_lat, d.lon - mid_lon) for d in dongs}
    typical = sorted(spread.values())[len(dongs) // 2] or 1e-9
    far = [d for d in dongs if spread[d.name] > 3 * typical]
    near = [d for d in dongs if d not in far]
    points = [p for d in near for ring in _rings(d.boundary) for p in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    aspect = math.cos(math.radians((min_lat + max_lat) / 2))  # equirectangular at the city's latitude
    scale = min((width - 20) / ((max_lon - min_lon) * aspect), (height - 90) / (max_lat - min_lat))

    def xy(lon: float, lat: float) -> str:
        return f"{10 + (lon - min_lon) * aspect * scale:.1f},{50 + (max_lat - lat) * scale:.1f}"

    numbers = [v for v in values.values() if v is not None]
    low, high = (min(numbers), max(numbers)) if numbers else (0, 1)

    def shade(value: float | None) -> str:
        if value is None:
            return "#f2f2f2"
        return SHADES[min(len(SHADES) - 1, int((value - low) / ((high - low) or 1) * (len(SHADES) - 1)))]

    def label(name: str) -> str:
        value = values.get(name)
        return f"{name} {value:,.1f}{unit}" if value is not None else f"{name} 자료 없음"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{title}"><title>{title}</title>',
        f'<text x="10" y="28" font-size="16" font-weight="700" fill="#1b1f24">{title}</text>',
    ]
    for d in near:
        path = " ".join("M" + " L".join(xy(lon, lat) for lon, lat in ring) + " Z" for ring in _rings(d.boundary))
        parts.append(
            f'<path d="{path}" fill="{shade(values.get(d.name))}" stroke="#ffffff" stroke-width="1">'
            f"<title>{label(d.name)}</title></path>"
        )
    for d in near:
        x, y = xy(d.lon, d.lat).split(",")
        parts.append(f'<text x="{x}" y="{y}" font-size="10" text-anchor="middle" fill="#1b1f24">{d.name}</text>')
    for i, d in enumerate(far):
        top = 50 + i * 34
        parts.append(
            f'<rect x="{width - 150}" y="{top}" width="140" height="28" fill="{shade(values.get(d.name))}" '
            f'stroke="#8a94a3"><title>{label(d.name)}</title></rect>'
            f'<text x="{width - 80}" y="{top + 18}" font-size="11" text-anchor="middle" fill="#1b1f24">'
            f"{d.name}(축척 밖)</text>"
        )
    if route:
        line = " ".join(xy(lon, lat) for lon, lat, _ in route)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="#a11d1d" stroke-width="2.5" stroke-linejoin="round"/>'
        )
        for n, (lon, lat, name) in enumerate(route):
            x, y = xy(lon, lat).split(",")
            parts.append(
                f'<g><title>{n}. {escape(name)}</title><circle cx="{x}" cy="{y}" r="9" fill="#a11d1d" stroke="#fff"/>'
                f'<text x="{x}" y="{float(y) + 4:.1f}" font-size="11" font-weight="700" text-anchor="middle" '
                f'fill="#fff">{n}</text></g>'
            )
    for i, color in enumerate(SHADES):
        parts.append(f'<rect x="{10 + i * 28}" y="{height - 30}" width="28" height="12" fill="{color}"/>')
    parts.append(f'<text x="10" y="{height - 6}" font-size="11" fill="#4a5360">{low:,.1f}{unit}</text>')
    parts.append(
        f'<text x="{10 + len(SHADES) * 28}" y="{height - 6}" font-size="11" text-anchor="end" '
        f'fill="#4a5360">{high:,.1f}{unit}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
