"""Adapters of the mail port: an SMTP client and a local mailbox folder."""
