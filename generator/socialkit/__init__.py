"""socialkit: a social media strategy kept as YAML, turned into checks, a playbook and policy."""

__version__ = "0.1.0"
