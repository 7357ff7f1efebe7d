"""Claim extraction. Only this package imports spaCy, and only when a function needs it."""
