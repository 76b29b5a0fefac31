"""Notification use cases: the emails people get when something happens."""
