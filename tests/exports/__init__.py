"""Tests of the exports: calendar feeds, availability.json, Zendesk bodies, CODEOWNERS and `socialkit export`."""
