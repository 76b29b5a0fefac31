"""The pure domain of an immigration case: aggregates, events, value objects and rules."""
