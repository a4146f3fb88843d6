"""The persona library: seven debtor types from the source material and four special parties."""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import PersonaError
from .model import (EXITS, LIBRARY, OUTCOMES, PERSONA_IDS, SEED_TYPES, SPECIAL_PARTIES, Persona,
                    load_persona_file)

__all__ = ["EXITS", "OUTCOMES", "PERSONA_IDS", "Persona", "SEED_TYPES", "SPECIAL_PARTIES",
           "list_personas", "load_persona"]


def list_personas() -> list[str]:
    return sorted(p.stem for p in LIBRARY.glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def load_persona(persona_id: str) -> Persona:
    """A persona from the library by id, e.g. ``load_persona("aggressive")``."""
    path = LIBRARY / f"{persona_id}.yaml"
    if not path.exists():
        raise PersonaError(f"unknown persona {persona_id!r}",
                           fix="one of: " + ", ".join(list_personas()))
    return load_persona_file(path)
