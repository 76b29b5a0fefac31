"""The aiohttp application: routes, middlewares, templates, static assets."""
