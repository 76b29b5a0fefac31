"""Signed documents: verification codes, PAdES signatures, and what /verify shows."""
