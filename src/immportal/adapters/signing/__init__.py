"""Signing keys kept outside the database, and what the portal signs with them."""
