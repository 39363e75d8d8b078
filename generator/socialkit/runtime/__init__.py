"""The runtime stage: answer questions from a compiled policy document
(`policy.Policy`) without the strategy, YAML or pydantic."""
