"""Use cases: authorize, load aggregates, call the domain, save."""
