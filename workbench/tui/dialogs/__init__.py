"""Modal screens that ask the reviewer for one thing and return it with dismiss()."""
