"""The compile stage: strategy model -> the policy document (`document`), through
the time engine's input records (`timespec`); `policy_schema` publishes the
document's JSON Schema."""
