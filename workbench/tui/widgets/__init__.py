"""Widgets of the terminal UI; they render core data and hold no domain logic."""
