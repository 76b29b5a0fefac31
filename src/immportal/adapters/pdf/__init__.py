"""PDF documents the portal issues (fpdf2)."""
