"""Virus scanners behind the Scanner port."""
