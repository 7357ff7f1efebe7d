"""Turning files and stdin into article text the extractor can work on."""
