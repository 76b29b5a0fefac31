"""Typed keys for what the application shares between handlers (services: `web.portal`)."""

from aiohttp import web

from immportal.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
