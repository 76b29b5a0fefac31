"""The read side of the pages and the JSON API: one query per thing shown, from read models.

HTML handlers and JSON handlers call the same functions here, so a page and its API
answer cannot drift apart; nothing here replays an aggregate from the event store.
"""
