"""Payment providers: a client for the hosted sandbox provider, and the sandbox itself."""
