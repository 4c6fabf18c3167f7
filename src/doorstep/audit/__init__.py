"""The audit log: append-only and hash-chained. Write with `doorstep.audit.actions`."""
