"""Claims workbench: articles in, checkable claims, sources and verdicts out.

Imports nothing heavy, so `workbench --help` stays fast.
"""

__version__ = "0.1.0"
