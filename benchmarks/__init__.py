"""Benchmarks for readmelint (issue 5): ``generate.py`` makes inputs, ``run.py`` times tools."""
