"""The warehouse: run dbt over the raw schema (build) and swap a green build in as the served file (publish)."""
