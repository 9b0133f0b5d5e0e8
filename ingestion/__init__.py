"""kuntatalous: land Finnish municipal budget follow-up data in DuckDB."""
