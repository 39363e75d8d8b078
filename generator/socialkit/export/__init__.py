"""Exporters: each module's export_files(document, strategy, *, as_of) adds files under policies/."""
