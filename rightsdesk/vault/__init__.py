"""Encryption at rest, blind indexes, keys and the hash-chained audit log."""
