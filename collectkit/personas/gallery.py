"""A gallery of the personas with a sample exchange each (notebook 02)."""

from __future__ import annotations

from html import escape

OPENING = {
    "en": "Hello, this is Sam from Acme Recovery, a debt collector. Am I speaking with Ms. Lee?",
    "zh-Hans": "您好，我是安信消费金融的催收专员，敝姓周，请问是李女士吗？",
    "zh-Hant": "您好，我這邊是永和資產管理公司，敝姓林，請問是陳先生嗎？",
}


def sample_exchange(persona_id: str, lang: str = "en", seed: int = 0) -> tuple[str, str]:
    """(trainee line, debtor reply) for a first line to this persona."""
    from ..engine import Session

    session = Session(persona_id, seed=seed, lang=lang)
    reply = session.say(OPENING[lang])
    return OPENING[lang], reply.text


def gallery_html(lang: str = "en", seed: int = 0) -> str:
    from . import list_personas, load_persona

    cards = []
    for persona_id in list_personas():
        persona = load_persona(persona_id)
        if lang not in persona.langs:
            continue
        said, reply = sample_exchange(persona_id, lang, seed)
        cards.append(
            f"<div class='ck-persona' style='border:1px solid #ddd;border-radius:8px;padding:8px;margin:6px 0'>"
            f"<h4>{escape(persona.name(lang))} <small>({escape(persona_id)})</small></h4>"
            f"<p>{escape(persona.text('summary', lang))}</p>"
            f"<p><b>✓</b> {escape(persona.text('tactic', lang))}</p>"
            f"<blockquote>🎧 {escape(said)}<br>🗣 {escape(reply)}</blockquote></div>")
    return "".join(cards)
