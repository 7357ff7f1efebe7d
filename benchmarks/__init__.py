"""Benchmarks and gold-set scoring; run with `make bench` or `python -m benchmarks.<name>`."""
