"""Recognising earlier claims: index terms, pairwise comparison, relations.

Pure functions over plain data; the store keeps the index and the links, the service
wires them together. No SQL and no spaCy here.
"""
