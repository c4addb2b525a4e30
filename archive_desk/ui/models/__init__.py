"""Table models (lazy, id-based)."""
