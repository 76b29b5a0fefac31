"""Upload inspection off the web process's event loop and threads."""
