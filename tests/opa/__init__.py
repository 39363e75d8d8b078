"""The OPA bundle: its files, and the Rego agreeing with the Python API."""
