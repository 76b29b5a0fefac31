"""Cases: the Case aggregate, its statuses, who may act, decisions and receipt numbers."""
