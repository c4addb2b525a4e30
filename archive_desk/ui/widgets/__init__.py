"""Reusable widgets that know nothing of the archive program."""
