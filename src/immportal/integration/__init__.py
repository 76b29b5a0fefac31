"""Integration: events for other systems, carried by a message bus (RabbitMQ or in-process)."""
