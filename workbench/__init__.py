"""Claims workbench: articles in, checkable claims, sources and verdicts out.

Imports nothing heavy, so `workbench --help` stays fast.
"""

import os

# numpy's OpenBLAS starts a thread per core for every matrix product. Matching's products are a
# query against the stored vectors (one matrix-vector product per query), and on shared cores those
# threads wait on each other: at 100,000 claims one product took 25 times the CPU and 15 times the
# wall time of a single thread (benchmarks/match_startup.py, in-process match p50 56 -> 10 ms).
# Set before anything imports numpy; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
