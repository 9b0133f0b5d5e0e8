"""The `memory` target builds the whole project with no file at all (empty raw tables, real seeds): every model
compiles and runs, every mart contract holds and the unit tests pass — the quick check of the models."""

from __future__ import annotations

import json
import subprocess

from ingestion.warehouse import build, publish


def test_project_builds_in_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("KUNTATALOUS_ARTIFACTS", str(tmp_path))
    result = subprocess.run(
        build.dbt_command("build", target="memory"),
        cwd=build.paths.PROJECT_DIR,
        env=build.dbt_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    run = json.loads((publish.dbt_artifacts_dir() / "run_results.json").read_text(encoding="utf-8"))
    statuses = {r["unique_id"]: r["status"] for r in run["results"]}
    unit_tests = [uid for uid in statuses if uid.startswith("unit_test.")]
    assert len(unit_tests) == 4 and all(statuses[uid] == "pass" for uid in unit_tests)
    marts = [
        uid
        for uid in statuses
        if uid.startswith("model.kuntatalous.") and uid.split(".")[-1][:4] in {"fact", "dim_", "rpt_"}
    ]
    assert len(marts) == 14 and all(statuses[uid] == "success" for uid in marts)
