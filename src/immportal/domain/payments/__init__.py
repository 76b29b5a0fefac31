"""Payments: the Payment aggregate and the filing fees."""
