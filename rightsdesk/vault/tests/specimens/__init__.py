"""A test-only app whose model uses every vault field, tested through a real table."""
