"""Volume charts drawn on the server as SVG: articles per day, as pictures, no script, no CDN.

Every text that reaches the markup (days, counts, labels) is escaped; colours and sizes are
presentation attributes, not inline styles, so the strict Content-Security-Policy holds. The
same markup works inline in a page and as a standalone ``image/svg+xml`` response.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from markupsafe import Markup, escape

#: Days shown when a series is longer (a chart of years would be a grey band).
MAX_DAYS = 120
BAR = "#1f5fbf"
AXIS = "#667085"


def daily(
    counts: Mapping[str, int], *, until: date | None = None, days: int | None = None
) -> list[tuple[str, int]]:
    """Counts per ISO day with the gaps filled with 0, from the first day (or ``days`` before
    ``until``) to ``until`` (default: the last day with a count). A span longer than
    :data:`MAX_DAYS` is counted per ISO week (``2023-W36``) or, longer still, per month."""
    valid: dict[date, int] = {}
    for text, n in counts.items():
        try:
            when = date.fromisoformat(text[:10])
        except ValueError:
            continue
        valid[when] = valid.get(when, 0) + n
    last = until or (max(valid) if valid else None)
    if last is None:
        return []
    first = last - timedelta(days=days - 1) if days else min(valid, default=last)
    span = (last - first).days + 1
    if span <= MAX_DAYS:
        return [((first + timedelta(d)).isoformat(), valid.get(first + timedelta(d), 0)) for d in range(span)]
    weekly = span <= 7 * MAX_DAYS

    def bucket(day: date) -> str:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" if weekly else day.isoformat()[:7]

    buckets = {bucket(last): 0}
    day = first
    while day <= last:  # every bucket, empty ones included
        buckets.setdefault(bucket(day), 0)
        day += timedelta(days=1 if weekly else 28)  # 28: no month is shorter, none is skipped
    for when, n in valid.items():
        if first <= when <= last:
            buckets[bucket(when)] += n
    return sorted(buckets.items())


def unit_of(series: list[tuple[str, int]]) -> str:
    """What one bar of a :func:`daily` series counts: "Tag", "Woche" or "Monat"."""
    key = series[0][0] if series else ""
    return "Woche" if "-W" in key else ("Monat" if len(key) == 7 else "Tag")


def bar_chart(
    series: list[tuple[str, int]],
    *,
    width: int = 640,
    height: int = 160,
    label: str = "Artikel pro Tag",
    axis: bool = True,
) -> Markup:
    """An SVG bar chart of (day, count); tooltips name each day and count."""
    pad_left, pad_bottom, pad_top = (34, 18, 6) if axis else (0, 0, 1)
    n = max(1, len(series))
    peak = max([c for _, c in series] or [0]) or 1
    plot_w, plot_h = width - pad_left, height - pad_bottom - pad_top
    step = plot_w / n
    bar = max(1.0, step * 0.8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for i, (day, count) in enumerate(series):
        h = plot_h * count / peak
        x = pad_left + i * step + (step - bar) / 2
        y = pad_top + plot_h - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 0.0):.1f}" fill="{BAR}">'
            f"<title>{escape(day)}: {int(count)}</title></rect>"
        )
    if axis:
        base = pad_top + plot_h
        parts.append(
            f'<line x1="{pad_left}" y1="{base}" x2="{width}" y2="{base}" stroke="{AXIS}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{pad_left - 4}" y="{pad_top + 10}" text-anchor="end" font-size="11" '
            f'fill="{AXIS}">{int(peak)}</text>'
        )
        parts.append(
            f'<text x="{pad_left - 4}" y="{base}" text-anchor="end" font-size="11" fill="{AXIS}">0</text>'
        )
        if series:
            parts.append(
                f'<text x="{pad_left}" y="{height - 4}" font-size="11" fill="{AXIS}">'
                f"{escape(series[0][0])}</text>"
            )
            parts.append(
                f'<text x="{width}" y="{height - 4}" text-anchor="end" font-size="11" fill="{AXIS}">'
                f"{escape(series[-1][0])}</text>"
            )
    if not series:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" font-size="12" fill="{AXIS}">'
            "noch keine Artikel</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # every text above is escaped


def spark(series: list[tuple[str, int]], *, label: str = "Artikel pro Tag") -> Markup:
    """A small bar chart without axes (for table rows and cards), on a base line."""
    chart = str(bar_chart(series, width=120, height=28, label=label, axis=False))
    base = f'<line x1="0" y1="27.5" x2="120" y2="27.5" stroke="{AXIS}" stroke-width="1"/></svg>'
    return Markup(chart.removesuffix("</svg>") + base)  # bar_chart escaped every text
