"""The strategy stage: read YAML with positions (`load`), the model (`model`,
`scalars`), cross-references (`references`), the published JSON Schema
(`schema`) and canonical formatting (`fmt`)."""
