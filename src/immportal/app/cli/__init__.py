"""The `immportal` command line, one module per group of commands."""
