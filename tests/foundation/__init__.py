"""Tests of the foundation: loading, scalars, the model, references, settings, CLI."""
