"""Adapters: the outside world (PostgreSQL, blobs, broker, mail) behind the services' ports."""
