"""Appointments: calendars, places and the rules for booking and moving."""
