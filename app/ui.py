"""Building blocks every page uses: formatted tables with CSV/XLSX downloads, titled charts, period labels."""

from __future__ import annotations

import io
from collections.abc import Sequence

import altair as alt
import pandas as pd
import polars as pl
import streamlit as st

from app.query import db, flat, fmt
from app.texts import t


def require_warehouse() -> None:
    """Stop the page with a clear message when nothing is published yet."""
    try:
        db.file_key()
    except db.WarehouseMissing:
        st.warning(t("no_warehouse"))
        st.stop()


def period_label(year: int, months: int) -> str:
    return f"1–{months}/{year}"


def xlsx_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    # Decimal money goes to Excel as numbers; Excel shows them with the reader's own locale
    flat.flat(frame).with_columns(pl.col(pl.Decimal).cast(pl.Float64)).write_excel(buffer, autofit=True)
    return buffer.getvalue()


def png_bytes(chart: alt.TopLevelMixin) -> bytes:
    """The chart drawn as a PNG on the server (vl-convert, offline), twice the screen size for print."""
    buffer = io.BytesIO()
    chart.save(buffer, format="png", scale_factor=2)
    return buffer.getvalue()


def png_download(chart: alt.TopLevelMixin, name: str) -> None:
    """A button that hands out the chart as a PNG, drawn only when clicked."""
    st.download_button(t("download_png"), lambda: png_bytes(chart), f"{name}.png", "image/png", key=f"{name}_png",
                       on_click="ignore")


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return flat.flat(frame).write_csv().encode("utf-8")


def downloads(frame: pl.DataFrame, name: str) -> None:
    """CSV and XLSX of the exact numbers, made only when clicked."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("download_csv"), lambda: csv_bytes(frame), f"{name}.csv", "text/csv",
        key=f"{name}_csv", on_click="ignore",
    )
    right.download_button(
        t("download_xlsx"),
        lambda: xlsx_bytes(frame),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{name}xlsx_bytes",
        on_click="ignore",
    )


def _plain(value: object, decimals: int) -> str:
    """A number without a unit in Finnish: decimals with their own scale; whole numbers grouped from 10 000 on, so
    years and ids read as written (Finnish leaves four-digit numbers ungrouped)."""
    if value is None:
        return ""
    if isinstance(value, int) and abs(value) < 10_000:
        return str(value)
    return fmt.number(value, decimals)


def _as_text(frame: pl.DataFrame, money: Sequence[str], percent: Sequence[str]) -> pl.DataFrame:
    """Every cell as the text a reader sees: money and percent with their unit, other numbers in Finnish, and an
    empty cell (not "None") where there is no value."""
    plain = []
    for name, dtype in frame.schema.items():
        if name in money or name in percent or not dtype.is_numeric():
            continue
        if isinstance(dtype, pl.Decimal):
            decimals = dtype.scale or 0
        else:
            decimals = 2 if dtype.is_float() else 0
        plain.append(pl.col(name).map_elements(lambda v, d=decimals: _plain(v, d), return_dtype=pl.String,
                                               skip_nulls=False))
    return frame.with_columns(
        *(pl.col(c).map_elements(fmt.eur, return_dtype=pl.String) for c in money),
        *(pl.col(c).map_elements(fmt.pct, return_dtype=pl.String) for c in percent),
        *plain,
    ).with_columns(pl.col(pl.String).fill_null(""))


def _label_width(texts: pl.Series) -> int | None:
    """Pixels for a text column whose longest entry (e.g. "Aineet, tarvikkeet ja tavarat") would be cut off at the
    grid's default width; capped so one long goal text does not push the numbers out of view."""
    longest = texts.str.len_chars().max() or 0
    return min(longest * 6 + 32, 420) if longest > 18 else None


def table(
    frame: pl.DataFrame,
    name: str,
    money: Sequence[str] = (),
    percent: Sequence[str] = (),
    height: int | None = None,
    text: dict[str, list[str]] | None = None,
) -> None:
    """Show a table as the report prints it (`-376 574 €`, `59,4 %`, empty where nothing was printed) and offer
    the exact numbers as CSV and XLSX. `text` gives columns already written out, row by row."""
    money = [c for c in money if c in frame.columns]
    percent = [c for c in percent if c in frame.columns]
    written = [pl.Series(c, values, dtype=pl.String) for c, values in (text or {}).items()]
    shown = _as_text(frame.drop(*(text or {})), money, percent).with_columns(written).select(frame.columns)
    config = {}
    for c, dtype in frame.schema.items():
        if dtype.is_numeric():
            config[c] = st.column_config.TextColumn(c, alignment="right")
        elif dtype == pl.String and (width := _label_width(shown[c])):
            config[c] = st.column_config.TextColumn(c, width=width)
    # tall enough to show a whole printed statement without an inner scroll bar
    height = height or (35 * (min(shown.height, 25) + 1) + 3)
    st.dataframe(shown.to_pandas(), hide_index=True, width="stretch", height=height, column_config=config)
    downloads(frame, name)


# Finnish thousands on axes (pages drawing their own charts use it too): 1 234 567 rather than 1,234,567; whole steps, so counts do not read 1 1 2 2
# months 0–12 on the x axis of every chart of a year: whole months, upright
MONTH_AXIS = alt.Axis(values=list(range(13)), format="d", labelAngle=0)
NUMBER_AXIS = alt.Axis(title=None, labelExpr="replace(format(datum.value, ',.0f'), /,/g, ' ')", tickMinStep=1)


def bar_chart(
    frame: pl.DataFrame,
    category: str,
    value: str,
    title: str,
    color: str | None = None,
    colors: dict[str, str] | None = None,
    rule: float | None = None,
) -> None:
    """Bars lying down, so every long Finnish name (Kiinteistö- ja mittauspalvelut) is printed in full — standing
    bars hide every other label once there are more than a few. The title carries the unit. `colors` fixes the
    colour of each value of `color` (goal statuses: achieved green, not achieved red); `rule` draws a line across
    the bars at that value (the elapsed share of the year)."""
    data = frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64)).to_pandas()
    # a fixed step per bar (not a height: Streamlit would fit title, axes and legend into it and squash the bars)
    chart = alt.Chart(data, title=title, height=alt.Step(22)).mark_bar().encode(
        y=alt.Y(f"{category}:N", sort=None, axis=alt.Axis(title=None, labelLimit=320)),
        x=alt.X(f"{value}:Q", axis=NUMBER_AXIS),
    )
    if color:
        scale = alt.Scale(domain=list(colors), range=list(colors.values())) if colors else alt.Undefined
        chart = chart.encode(
            color=alt.Color(f"{color}:N", title=None, scale=scale, legend=alt.Legend(orient="bottom")),
            yOffset=f"{color}:N",
        )
    if rule is not None:
        line = alt.Chart(pd.DataFrame({value: [rule]})).mark_rule(color="#c62828", strokeDash=[4, 3])
        chart = chart + line.encode(x=f"{value}:Q")
    st.altair_chart(chart, width="stretch")


def line_chart(frame: pl.DataFrame, x: str, y: str, title: str, color: str | None = None) -> None:
    data = frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64)).to_pandas()
    chart = alt.Chart(data, title=title).mark_line(point=True).encode(
        x=alt.X(f"{x}:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)), y=alt.Y(f"{y}:Q", axis=NUMBER_AXIS)
    )
    if color:
        chart = chart.encode(color=alt.Color(f"{color}:N", title=None))
    st.altair_chart(chart, width="stretch")


def month_chart(frame: pl.DataFrame, month: str, value: str, series: str, title: str) -> None:
    """Values by month of the year (0–12 across), one line per series: a year's periods joined, never two years."""
    data = frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64)).to_pandas()
    chart = alt.Chart(data, title=title).mark_line(point=True).encode(
        x=alt.X(f"{month}:Q", title=None, scale=alt.Scale(domain=[0, 12]),
                axis=MONTH_AXIS),
        y=alt.Y(f"{value}:Q", axis=NUMBER_AXIS),
        color=alt.Color(f"{series}:N", title=None, legend=alt.Legend(orient="bottom")),
    )
    st.altair_chart(chart, width="stretch")


def rename(frame: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    return frame.rename({k: v for k, v in names.items() if k in frame.columns})

