"""immportal: an event-sourced immigration case-management portal."""
