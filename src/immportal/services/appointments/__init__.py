"""Appointment use cases: booking, moving, filling calendars, staff day lists."""
