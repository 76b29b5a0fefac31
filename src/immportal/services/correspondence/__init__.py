"""Use cases of the correspondence context: messages in a case's conversation, and requests."""
