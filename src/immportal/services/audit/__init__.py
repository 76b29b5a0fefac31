"""Audit use cases: search, case histories, exports and access records."""
