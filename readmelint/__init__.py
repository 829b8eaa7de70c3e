"""readmelint: lint and fix hand-kept paper-list READMEs."""

__version__ = "0.1.0"
