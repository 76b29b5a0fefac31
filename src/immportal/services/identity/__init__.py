"""Identity use cases: registering, checking passwords and codes, setting up second factors."""
