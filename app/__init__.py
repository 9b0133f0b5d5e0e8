"""The Streamlit explorer and the query engines it shares with the CLI (ask, guarded SQL)."""
