"""Nested values as readable text cells, for the formats that hold one plain value a cell (CSV, XLSX).

polars refuses to write a list to CSV and writes Python's repr of it to XLSX (`['a', 'b']`); a reader of either
wants the values themselves: a list (or array) becomes its values joined by `; ` (a list inside a list in brackets),
a map its entries as `key: value` joined by `; `, a struct its fields as `name: value` joined by `, `. A missing
list stays an empty cell; missing values inside a list are left out. JSON keeps the nesting, so it does not come
through here.
"""

from __future__ import annotations

import polars as pl

LIST_SEPARATOR = "; "
FIELD_SEPARATOR = ", "


def _as_text(value: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if isinstance(dtype, pl.Array):
        return _as_text(value.cast(pl.List(dtype.inner)), pl.List(dtype.inner))
    if isinstance(dtype, pl.Map):
        entry = pl.element().struct
        pairs = value.cast(pl.List(pl.Struct({"key": dtype.key, "value": dtype.value}))).list.eval(pl.concat_str([
            _as_text(entry.field("key"), dtype.key), pl.lit(": "), _as_text(entry.field("value"), dtype.value).fill_null(""),
        ]))
        return pairs.list.join(LIST_SEPARATOR, ignore_nulls=True)
    if isinstance(dtype, pl.List):
        item = _as_text(pl.element(), dtype.inner)
        if isinstance(dtype.inner, (pl.List, pl.Array)):
            item = pl.lit("[") + item + pl.lit("]")
        return value.list.eval(item).list.join(LIST_SEPARATOR, ignore_nulls=True)
    if isinstance(dtype, pl.Struct):
        fields = [
            pl.lit(f"{field.name}: ") + _as_text(value.struct.field(field.name), field.dtype).fill_null("")
            for field in dtype.fields
        ]
        return pl.when(value.is_null()).then(None).otherwise(pl.concat_str(fields, separator=FIELD_SEPARATOR))
    return value.cast(pl.String)


def flat(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with every nested column as text; other columns untouched (decimals stay exact)."""
    nested = {name: dtype for name, dtype in frame.schema.items() if dtype.is_nested()}
    return frame.with_columns(_as_text(pl.col(name), dtype).alias(name) for name, dtype in nested.items())
