"""Tools for demos and benchmarks (synthetic sessions); never used in an interview."""
