"""PostgreSQL: event store, read-model connections, migrations, embedded server."""
