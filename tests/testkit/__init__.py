"""Test support: databases, servers, fakes, browsers and sample data shared by the tests."""
