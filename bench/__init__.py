"""Benchmarks of the event store, projections and reads, beside baselines in the same run.

Run with ``python -m bench.run``; results go to ``bench/RESULTS.md``.
"""
