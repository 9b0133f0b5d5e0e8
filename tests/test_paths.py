from pathlib import Path

from ingestion import paths


def test_paths_follow_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KUNTATALOUS_DB", str(tmp_path / "served.duckdb"))
    monkeypatch.setenv("KUNTATALOUS_BUILD_DB", str(tmp_path / "b.duckdb"))
    assert paths.served_db() == tmp_path / "served.duckdb"
    assert paths.build_db() == tmp_path / "b.duckdb"


def test_paths_default_inside_project(monkeypatch):
    monkeypatch.delenv("KUNTATALOUS_LANDING", raising=False)
    assert paths.landing_dir() == Path(paths.PROJECT_DIR) / "data" / "landing"
    assert (paths.landing_dir() / "reports" / "heinola_elinvoimalautakunta_2022_06.txt").is_file()
