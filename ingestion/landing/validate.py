"""Great Expectations suites, run on every batch (one file's accepted rows) before its transaction commits.

GX validates pandas frames only, and a 10-million-row frame would cost more than the load itself, so each batch
is checked as two frames:
  * `<table>.batch_profile` — the exact facts DuckDB computes over the whole batch, one row per fact with the most
    it may be: the count of rows each row rule still finds (missing required values, out-of-vocabulary values,
    amounts and years out of range, fiscal year against the posting date, unknown accounts and cost centres),
    duplicate keys, keys other files hold, the count reconciliation (read − loaded − rejected), empty batch, column
    types against the contract — and, as warnings, amounts over LARGE_EUR;
  * `<table>.rows` — the batch itself when it has at most SAMPLE_ROWS rows, otherwise a deterministic
    every-k-th-row sample of that size, checked row by row (nulls, vocabularies, ranges, unique keys, fiscal year).
An expectation marked critical stops the file (the transaction rolls back); the others are warnings. Every
result goes to raw.gx_results and into the Data Docs under paths.artifacts_dir()/gx."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingestion.landing.kinds import MONEY, Kind
from ingestion.sqltext import q

SAMPLE_ROWS = 10_000
DOCS_SITE = "kuntatalous"
# A posting or budget line this large is possible but worth a look; it is reported, not refused.
LARGE_EUR = 10_000_000

_import_lock = threading.Lock()
_gx: Any = None


def _import_gx() -> Any:
    global _gx
    with _import_lock:
        if _gx is None:
            os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
            import great_expectations

            _gx = great_expectations
    return _gx


_preloading: threading.Thread | None = None


def preload() -> None:
    """GX takes seconds to import; start that (once) while DuckDB reads the first file that needs loading."""
    global _preloading
    if _preloading is None and _gx is None:
        _preloading = threading.Thread(target=_import_gx, name="gx-import")
        _preloading.start()


def wait_for_import() -> None:
    if _preloading is not None:
        _preloading.join()


@dataclass(frozen=True)
class GxResult:
    suite: str
    expectation: str
    column_name: str | None
    success: bool
    critical: bool
    observed: str


class CriticalExpectationFailed(Exception):
    pass


def warning_facts(kind: Kind) -> dict[str, str]:
    """Facts worth a look but not a refusal: SQL conditions counted over the batch alongside the rules."""
    if kind.name not in ("gl", "budget"):
        return {}
    return {f"large__{m}": f"abs(b.{m}) > {LARGE_EUR}" for m in kind.money_columns}


def profile_frame(found: dict[str, int], warnings: dict[str, str]) -> Any:
    """The batch profile as GX sees it: one row per fact with the most it may be (critical or warning)."""
    import pandas as pd

    rows = []
    for fact, value in found.items():
        if fact == "rows_loaded":
            rows.append((fact, value, None, None))
        else:
            rows.append((fact, value, None, 0) if fact in warnings else (fact, value, 0, None))
    rows.append(("batch_is_empty", int(found["rows_loaded"] == 0), 0, None))
    return pd.DataFrame(rows, columns=["fact", "observed", "critical_max", "warning_max"]).astype(
        {"observed": "float64", "critical_max": "float64", "warning_max": "float64"}
    )


def sample_sql(kind: Kind, table: str, load_id: str, rows_loaded: int) -> str:
    step = max(1, -(-rows_loaded // SAMPLE_ROWS))
    columns = ", ".join(c.name for c in kind.columns)
    extra = ", year(posting_date) AS posting_year" if "posting_date" in {c.name for c in kind.columns} else ""
    sample = f" AND _source_row % {step} = 0" if step > 1 else ""
    return (
        f"SELECT {columns}{extra}, _source_row FROM {table} WHERE _load_id = {q(load_id)}{sample} "
        f"ORDER BY _source_row LIMIT {SAMPLE_ROWS}"
    )


def _profile_expectations(gxe: Any, facts: list[str]) -> list[tuple[Any, bool]]:
    def at_most(limit: str) -> Any:
        return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=limit, column_B="observed", or_equal=True, ignore_row_if="either_value_is_missing"
        )

    return [
        (gxe.ExpectColumnValuesToNotBeNull(column="observed"), True),
        (gxe.ExpectColumnDistinctValuesToContainSet(column="fact", value_set=facts), True),
        (at_most("critical_max"), True),
        (at_most("warning_max"), False),
    ]


def _row_expectations(gxe: Any, kind: Kind) -> list[tuple[Any, bool]]:
    items: list[tuple[Any, bool]] = []
    for c in kind.columns:
        if c.required:
            items.append((gxe.ExpectColumnValuesToNotBeNull(column=c.name), True))
        if c.accepted:
            items.append((gxe.ExpectColumnValuesToBeInSet(column=c.name, value_set=list(c.accepted)), True))
        if c.type == MONEY:
            items.append(
                (gxe.ExpectColumnValuesToBeBetween(column=c.name, min_value=-kind.max_abs, max_value=kind.max_abs), True)
            )
            if kind.name in ("gl", "budget"):
                items.append(
                    (gxe.ExpectColumnValuesToBeBetween(column=c.name, min_value=-LARGE_EUR, max_value=LARGE_EUR), False)
                )
        if c.name == "fiscal_year":
            items.append((gxe.ExpectColumnValuesToBeBetween(column=c.name, min_value=1990, max_value=2100), True))
    items.append((gxe.ExpectCompoundColumnsToBeUnique(column_list=list(kind.key)), True))
    if "posting_date" in {c.name for c in kind.columns}:
        items.append((gxe.ExpectColumnPairValuesToBeEqual(column_A="fiscal_year", column_B="posting_year"), True))
    if kind.name in ("gl", "budget"):
        items.append((gxe.ExpectColumnValuesToMatchRegex(column="account", regex=r"^[0-9]{3,8}$"), False))
    return items


class Validator:
    """An ephemeral GX context (a file context re-reads its YAML on every call and is several times slower) whose
    Data Docs site is a folder under the artifacts folder; suites are declared from the kinds on first use."""

    def __init__(self, artifacts: Path) -> None:
        self.gx = _import_gx()
        import great_expectations.expectations as gxe
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gxe = gxe
        self.docs_dir = artifacts / "gx_data_docs"
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        self.context = self.gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.context.add_data_docs_site(
            site_name=DOCS_SITE,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(self.docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        self.source = self.context.data_sources.add_pandas("raw")
        self.definitions: dict[str, tuple[Any, dict[str, bool]]] = {}

    def _definition(self, name: str, expectations: list[tuple[Any, bool]]) -> tuple[Any, dict[str, bool]]:
        if name in self.definitions:
            return self.definitions[name]
        gx = self.gx
        asset = self.source.add_dataframe_asset(name)
        batch = asset.add_batch_definition_whole_dataframe("batch")
        suite = gx.ExpectationSuite(name=name)
        critical: dict[str, bool] = {}
        for expectation, is_critical in expectations:
            expectation.meta = {"critical": is_critical}
            suite.add_expectation(expectation)
        suite = self.context.suites.add(suite)
        for expectation in suite.expectations:
            critical[expectation.id] = bool(expectation.meta.get("critical"))
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch, suite=suite)
        )
        self.definitions[name] = (definition, critical)
        return self.definitions[name]

    def validate(self, kind: Kind, table: str, profile: Any, sample: Any) -> list[GxResult]:
        runs = [
            (f"{table}.batch_profile", _profile_expectations(self.gxe, sorted(profile["fact"])), profile),
            (f"{table}.rows", _row_expectations(self.gxe, kind), sample),
        ]
        results = []
        for name, expectations, frame in runs:
            definition, critical = self._definition(f"{name}.{kind.name}", expectations)
            outcome = definition.run(batch_parameters={"dataframe": frame})
            for r in outcome.results:
                config = r.expectation_config
                kwargs = config.kwargs
                column = kwargs.get("column") or ",".join(kwargs.get("column_list") or []) or None
                if column is None and "column_A" in kwargs:
                    column = f"{kwargs['column_A']},{kwargs['column_B']}"
                results.append(
                    GxResult(
                        suite=name,
                        expectation=config.type,
                        column_name=column,
                        success=bool(r.success),
                        critical=critical.get(config.id, bool(config.meta and config.meta.get("critical"))),
                        observed=_observed(r.result, frame if name.endswith("batch_profile") else None, kwargs),
                    )
                )
        return results

    def build_docs(self) -> None:
        self.context.build_data_docs(site_names=[DOCS_SITE])

    def docs_index(self) -> str:
        return str(self.docs_dir / "index.html")


def _observed(result: dict, profile: Any, kwargs: dict) -> str:
    keep = {k: result[k] for k in ("observed_value", "element_count", "unexpected_count", "partial_unexpected_list")
            if k in result}
    limit = kwargs.get("column_A")
    if profile is not None and limit in ("critical_max", "warning_max"):
        # name the facts over their limit: the exact numbers DuckDB computed over the whole batch
        over = profile[profile[limit].notna() & (profile["observed"] > profile[limit])]
        keep = {"over_limit": {f: int(v) for f, v in zip(over["fact"], over["observed"], strict=True)}}
    return json.dumps(keep, default=str, ensure_ascii=False)


def failures(results: list[GxResult]) -> list[GxResult]:
    return [r for r in results if r.critical and not r.success]


def describe(failed: list[GxResult]) -> str:
    return "; ".join(f"{r.suite} {r.expectation}({r.column_name or ''}) observed {r.observed}" for r in failed)


