"""Dialogue acts: what a collector's utterance *does* (DESIGN.md section 6)."""

from .acts import ACTS, UNLAWFUL_ACTS, recognize

__all__ = ["ACTS", "UNLAWFUL_ACTS", "recognize"]
