"""Benchmarks (`make bench`): each module's ``run(...)`` returns a dict of measurements."""
