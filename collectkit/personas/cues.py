"""Persona cues: persona-specific trainee moves ("asks for the estate's representative")."""

from __future__ import annotations

import functools

from ..patterns import PatternBook


@functools.lru_cache(maxsize=None)
def cue_book():
    """Every persona's cue matchers, compiled once into one RE2 set per language group."""
    from ..dialogue.acts import shared_lexicon
    from . import list_personas, load_persona

    book = PatternBook()
    lexicon = shared_lexicon()
    matchers = {}
    for persona_id in list_personas():
        persona = load_persona(persona_id)
        for name, spec in (persona.cues or {}).items():
            spec = dict(spec)
            unless = spec.pop("unless", None)
            matchers[(persona_id, name)] = book.matcher(spec, unless, lexicon=lexicon,
                                                        source=persona.path)
    book.compile()
    return book, matchers


def cues_of(persona_id: str | None, text: str) -> frozenset[str]:
    """The cues of ``persona_id`` that ``text`` matches."""
    if not persona_id:
        return frozenset()
    book, matchers = cue_book()
    group, matched = book.match(text)
    return frozenset(name for (pid, name), m in matchers.items()
                     if pid == persona_id and m.hit(group, matched))
