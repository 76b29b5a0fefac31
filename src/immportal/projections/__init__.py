"""Projections: read models built from the global log, exactly once."""
