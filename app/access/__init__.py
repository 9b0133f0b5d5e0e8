"""Login, roles and the audit log: who may see what, and who saw what. Streamlit-free."""
