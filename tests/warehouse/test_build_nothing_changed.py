"""`kuntatalous build` with nothing changed since the published build (the same landing files and dbt project files,
byte for byte) runs neither dbt nor publish and says so; `--force` builds; a changed landing file, model, seed or
macro builds in full."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from ingestion import paths
from ingestion.warehouse import build, dbt_results, inputs
from tests.support import PROJECT_DIR, Warehouse, kuntatalous


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Warehouse:
    """A warehouse built and published from a copy of data/landing (one per module: each build costs a minute)."""
    wh = Warehouse.from_landing(tmp_path_factory.mktemp("nothing_changed"))
    first = kuntatalous("build", env=wh.env(), check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    return wh


@pytest.fixture
def env_of(published, monkeypatch) -> Warehouse:
    """The published warehouse, seen by in-process code through the environment as the CLI sees it."""
    published.use(monkeypatch)
    return published


@contextlib.contextmanager
def edited(path: Path, extra: str):
    """The project file with `extra` appended, put back as it was afterwards whatever happens."""
    original = path.read_bytes()
    try:
        path.write_bytes(original + extra.encode("utf-8"))
        yield path
    finally:
        path.write_bytes(original)


def dbt_generated_at(wh: Warehouse):
    results = dbt_results.read(wh.artifacts / "dbt" / "run_results.json")
    assert results is not None
    return results.generated_at


def test_nothing_changed_skips_then_force_and_changes_build(published):
    served_before = published.served_db.stat().st_mtime_ns
    dbt_before = dbt_generated_at(published)

    landing_files = sum(path.startswith("landing/") for path in inputs.current(published.landing))
    again = kuntatalous("build", env=published.env(), check=False)
    assert again.returncode == 0, again.stderr
    assert f"nothing changed since the published build ({landing_files} landing file(s)" in again.stdout
    assert "dbt and publish skipped" in again.stdout
    assert published.served_db.stat().st_mtime_ns == served_before
    assert dbt_generated_at(published) == dbt_before

    forced = kuntatalous("build", "--force", env=published.env(), check=False)
    assert forced.returncode == 0, forced.stderr
    assert "nothing changed" not in forced.stdout
    assert dbt_generated_at(published) > dbt_before
    assert published.served_db.stat().st_mtime_ns > served_before

    # a model changed: the full build runs (the published inputs then name the edited version)
    dbt_before = dbt_generated_at(published)
    with edited(PROJECT_DIR / "models" / "marts" / "dim_goal.sql", "\n-- a comment changes the file\n"):
        rebuilt = kuntatalous("build", env=published.env(), check=False)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "changed since the published build: changed models/marts/dim_goal.sql" in rebuilt.stdout
    assert dbt_generated_at(published) > dbt_before

    # a landing file changed: the full build runs; then nothing is left to do
    dbt_before = dbt_generated_at(published)
    report = published.landing / "reports" / "heinola_elinvoimalautakunta_2022_06.txt"
    report.write_bytes(report.read_bytes() + b"\n")  # a blank line more: other bytes, the same tables
    rebuilt = kuntatalous("build", env=published.env(), check=False)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "changed landing/reports/heinola_elinvoimalautakunta_2022_06.txt" in rebuilt.stdout
    assert dbt_generated_at(published) > dbt_before
    assert "nothing changed" in kuntatalous("build", env=published.env()).stdout


@pytest.mark.parametrize(
    ("project_file", "extra"),
    [
        ("seeds/goal_statuses.csv", "\n"),
        ("macros/slugify.sql", "\n{# a comment changes the file #}\n"),
        ("tests/dbt/generic/unique_combination.sql", "\n"),
        ("dbt_project.yml", "\n# a comment changes the file\n"),
    ],
)
def test_a_changed_seed_macro_or_project_file_is_a_change(env_of, capsys, project_file, extra):
    """The decision a build takes before ingest, the one the builds above went through."""
    with edited(PROJECT_DIR / project_file, extra):
        assert not build.unchanged_since_published(inputs.current(paths.landing_dir()))
    assert f"changed {project_file}" in capsys.readouterr().out


def test_a_publish_on_its_own_leaves_the_next_build_in_full(env_of):
    """`kuntatalous publish` alone does not know which files the build file came from: the next build runs."""
    assert kuntatalous("publish", env=env_of.env(), check=False).returncode == 0
    assert inputs.published(env_of.served_db) is None
    assert not build.unchanged_since_published(inputs.current(paths.landing_dir()))
