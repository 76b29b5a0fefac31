"""A sandbox payment provider: hosted card pages, test cards, signed webhooks.

It is its own small aiohttp application, so card numbers are typed on its pages and
never reach the portal: the portal only ever learns a card's last four digits.
"""
