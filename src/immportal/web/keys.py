"""Typed keys for what the application shares between handlers."""

from aiohttp import web

from immportal.app.container import Runtime
from immportal.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
RUNTIME = web.AppKey("runtime", Runtime)
