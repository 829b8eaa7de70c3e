"""Inline suppressions (placeholder until issue 4)."""

from __future__ import annotations

from readmelint.model import Diagnostic, Document


def apply_suppressions(document: Document, found: list[Diagnostic], path: str) -> list[Diagnostic]:
    return found
