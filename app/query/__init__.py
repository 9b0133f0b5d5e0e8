"""The explorer's query side, free of Streamlit so that `kuntatalous ask` and `kuntatalous sql` start fast:
database reads (db), the SQL guard, the question engine (ask), shared queries and number formatting."""
