"""Payment use cases: paying the filing fee, and filing the case once paid."""
