"""Text normalisation and language detection shared by acts, rules and personas.

Matching runs on a *normalised* form: NFKC (full-width letters, digits and punctuation become
their ASCII forms), lower case, runs of whitespace collapsed, and Traditional Chinese characters
mapped to Simplified so one pattern serves both scripts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

LANGS = ("en", "zh-Hans", "zh-Hant")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")


def _opencc_dictionary(name: str) -> Path:
    import opencc  # opencc-python-reimplemented ships the OpenCC dictionaries

    return Path(opencc.__file__).parent / "dictionary" / name


@functools.lru_cache(maxsize=None)
def _char_table(name: str) -> dict[int, str]:
    table: dict[int, str] = {}
    with open(_opencc_dictionary(name), encoding="utf-8") as handle:
        for row in handle:
            source, _, targets = row.rstrip("\n").partition("\t")
            if len(source) == 1 and targets:
                target = targets.split(" ")[0]
                if target != source:
                    table[ord(source)] = target
    return table


# Forms OpenCC's character table leaves apart that mean the same in collection talk
# (帳 becomes 帐 while 賬 becomes 账; 著, 妳 and 瞭 are not mapped at all; 紀錄 is 纪录).
_FOLD = {ord("帐"): "账", ord("著"): "着", ord("妳"): "你", ord("瞭"): "了"}


@functools.lru_cache(maxsize=None)
def _folding_table() -> dict[int, str]:
    table = dict(_char_table("TSCharacters.txt"))
    for source, target in list(table.items()):
        if ord(target) in _FOLD:
            table[source] = _FOLD[ord(target)]
    table.update(_FOLD)
    return table


def to_simplified(text: str) -> str:
    """Map Traditional characters to Simplified, character by character, folding variants.

    >>> to_simplified("帳戶還款，等著，紀錄")
    '账户还款，等着，记录'
    """
    return text.translate(_folding_table()).replace("纪录", "记录")


@functools.lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Convert Simplified to Traditional with Taiwan wording (phrases, not just characters)."""
    return _converter("s2twp").convert(text)


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def normalize(text: str) -> str:
    """The form every pattern is matched against.

    >>> normalize("  Ｗe WILL  call\\tyou，好嗎？ ")
    'we will call you,好吗?'
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACE.sub(" ", text).strip()
    if has_cjk(text):
        text = to_simplified(text)
    return text


def detect_lang(text: str) -> str:
    """Guess ``en``, ``zh-Hans`` or ``zh-Hant`` from the characters used.

    >>> detect_lang("您好，请问是王先生吗？"), detect_lang("您好，請問是王先生嗎？"), detect_lang("Hello")
    ('zh-Hans', 'zh-Hant', 'en')
    """
    cjk = _CJK.findall(text)
    if not cjk:
        return "en"
    traditional = _char_table("TSCharacters.txt")
    simplified = _char_table("STCharacters.txt")
    hant = sum(1 for ch in cjk if ord(ch) in traditional)
    hans = sum(1 for ch in cjk if ord(ch) in simplified)
    return "zh-Hant" if hant > hans else "zh-Hans"


def lang_group(text_or_lang: str) -> str:
    """Pattern group for a language or a piece of text: ``en`` or ``zh``."""
    if text_or_lang in LANGS:
        return "zh" if text_or_lang.startswith("zh") else "en"
    return "zh" if has_cjk(text_or_lang) else "en"


def localize(value, lang: str) -> str:
    """Pick the text for ``lang`` from a str or a {lang: text} mapping.

    Falls back zh-Hant -> zh-Hans (converted) -> en, and zh-Hans -> zh-Hant (converted) -> en.
    """
    if value is None or isinstance(value, str):
        return value or ""
    if lang in value:
        return value[lang]
    if lang == "zh-Hant" and "zh-Hans" in value:
        return to_traditional(value["zh-Hans"])
    if lang == "zh-Hans" and "zh-Hant" in value:
        return to_simplified(value["zh-Hant"])
    for fallback in ("en", "zh-Hans", "zh-Hant"):
        if fallback in value:
            return value[fallback]
    return ""
