"""MkDocs build glue: one small hook module per job (runtime copy, checker assets, static flow, verification)."""
