"""The runtime stage: answer questions from a compiled policy document
(`policy.Policy`) without the strategy, YAML or pydantic.

    policy   the Policy API (decisions one by one or in batches)
    shape    the checks a document passes before a Policy uses it
    events   JSON-lines events in, decision lines and located problems out (`evaluate --events`)
    jsonout  deterministic JSON, and the wording of a line that is not JSON
"""
