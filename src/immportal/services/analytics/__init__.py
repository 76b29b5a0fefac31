"""Analytics use cases: the analysts' tables as files."""
