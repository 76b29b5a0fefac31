"""Signed documents: the short codes printed on them so anyone can check them."""
