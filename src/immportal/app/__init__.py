"""The composition root: builds every store, service and worker once from settings; the CLI."""
