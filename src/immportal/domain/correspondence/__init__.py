"""Correspondence: the secure conversation of a case, and the requests people make about it."""
