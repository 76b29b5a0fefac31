"""Development only: demo data and the payments sandbox; never imported by production paths."""
