"""Share codes: proving a status to an employer, a landlord or a school, online or offline."""
