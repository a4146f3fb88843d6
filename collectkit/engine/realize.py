"""Turning a situation into a debtor line: choice without repeats, facts filled in, cues."""

from __future__ import annotations

import random
import re

MOOD_CUES = {
    "furious": {"en": ["[shouting]", "[raising voice]", "[slams something]"],
                "zh-Hans": ["（提高音量）", "（几乎在吼）", "（拍了下桌子）"],
                "zh-Hant": ["（提高音量）", "（幾乎在吼）", "（拍了一下桌子）"]},
    "irritated": {"en": ["[irritated]", "[curtly]", "[exhales sharply]"],
                  "zh-Hans": ["（不耐烦）", "（语气生硬）", "（冷笑一声）"],
                  "zh-Hant": ["（不耐煩）", "（語氣生硬）", "（冷笑一聲）"]},
    "upset": {"en": ["[sighs]", "[voice breaking]", "[sniffles]"],
              "zh-Hans": ["（叹气）", "（声音哽咽）", "（吸了吸鼻子）"],
              "zh-Hant": ["（嘆氣）", "（聲音哽咽）", "（吸了吸鼻子）"]},
    "warm": {"en": ["[calmer]", "[more relaxed]", "[softer]"],
             "zh-Hans": ["（语气缓和）", "（平静了一些）", "（声音放软）"],
             "zh-Hant": ["（語氣緩和）", "（平靜了一些）", "（聲音放軟）"]},
    "guarded": {"en": ["[pause]", "[hesitates]", "[guarded]"],
                "zh-Hans": ["（停顿了一下）", "（犹豫）", "（语气戒备）"],
                "zh-Hant": ["（停頓了一下）", "（猶豫）", "（語氣戒備）"]},
}
_LEADING_CUE = re.compile(r"^\s*(\[[^\]]{1,40}\]|（[^）]{1,20}）)\s*")


def mood(state) -> str:
    if state.anger >= 0.75:
        return "furious"
    if state.distress >= 0.6:
        return "upset"
    if state.anger >= 0.45:
        return "irritated"
    if state.trust >= 0.55 and state.anger < 0.3:
        return "warm"
    return "guarded"


def choose(lines: list[str], used: set[str], rng: random.Random) -> str:
    """A line not said yet in this call if possible, picked with the session's rng."""
    fresh = [line for line in lines if line not in used]
    return rng.choice(fresh or lines)


def split_cue(text: str) -> tuple[list[str], str]:
    cues = []
    while True:
        match = _LEADING_CUE.match(text)
        if not match:
            return cues, text.strip()
        cues.append(match.group(1))
        text = text[match.end():]


def fill(template: str, facts: dict) -> str:
    def replace(match):
        return str(facts.get(match.group(1), match.group(0)))
    return re.sub(r"\{([a-z_]+)\}", replace, template)


def realize(lines: list[str], used: set[str], rng: random.Random, state, lang: str,
            facts: dict) -> tuple[str, list[str], str]:
    """(text with its cue in front, the cues, the template chosen)."""
    template = choose(lines, used, rng)
    cues, body = split_cue(fill(template, facts))
    if not cues:
        cues = [rng.choice(MOOD_CUES[mood(state)][lang])]
    sep = " " if lang == "en" else ""
    return sep.join(cues) + sep + body, cues, template
