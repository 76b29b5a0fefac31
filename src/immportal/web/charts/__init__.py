"""Charts as server-rendered SVG: pure functions that turn series into escaped markup.

Each chart is an image with a title and a description (role="img"), draws text labels
rather than relying on colour, and is meant to sit beside a table of the same numbers.
"""
