"""Benchmarks of the clerk's work at scale: ``make bench`` (see bench/__main__.py)."""
