"""pytest's own hooks only; what tests share is in ``tests/helpers.py``."""
