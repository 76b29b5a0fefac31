"""Proving a status: share codes a holder gives to an employer, a landlord or a school."""
