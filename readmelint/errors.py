"""Errors that end a run with a clear one-line message instead of a traceback."""

from __future__ import annotations

# Exit codes, documented in the README.
EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_INPUT = 2
EXIT_SAFETY = 3


class ReadmelintError(Exception):
    """A problem with the user's input, schema or configuration (exit 2)."""

    exit_code = EXIT_INPUT


class InputError(ReadmelintError):
    """A file that cannot be read or written as a Markdown text file."""


class ConfigError(ReadmelintError):
    """A configuration (a file, the command line or :class:`~readmelint.Settings`) with
    unknown keys, codes or names, or wrong types."""


class SchemaError(ConfigError):
    """A schema that is missing, not JSON, not a valid JSON Schema, or needs the network."""


class SafetyError(ReadmelintError):
    """``fix`` produced output that does not keep the input's content (exit 3).

    Nothing is written when this is raised: it means a bug in readmelint, not
    in the user's file.
    """

    exit_code = EXIT_SAFETY


class RenderingChanged(SafetyError):
    """``fix``'s output would render otherwise on GitHub (the second judge, exit 3): where
    markdown-it-py, which fix reads with, and GitHub's parser read the text apart."""
