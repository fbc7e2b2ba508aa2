"""Detect text typed in the pre-Unicode Vietnamese encodings TCVN3 (ABC) and VNI.

Old Word files and some typing tools still produce these 8-bit encodings. When the
bytes are read as Windows-1252 they become mojibake such as ``NghÞ quyÕt`` (TCVN3)
or ``Ñaø Naüng`` (VNI). Publishing that would be an embarrassment for an official
site, so the check refuses it and tells the editor how to convert it.

Detection is by character class, not by guessing a whole decoding:

* TCVN3 stores precomposed Vietnamese letters in 0xA1-0xFE; read as cp1252 they
  show as symbols (``¸ µ ¶ · ¹ Þ ¬ ®``...) *inside* words.
* VNI writes a base letter followed by a tone/shape byte; read as cp1252 those are
  Western letters that Vietnamese never uses (``ø ü ö ï û ñ Ñ ë ä``...).

A character of either class glued to an ASCII letter is a strong signal; genuine
Vietnamese text and ordinary typography (``©``, ``«»``, ``°``) do not produce it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Latin-1 characters that TCVN3 bytes turn into when decoded as cp1252 and that are
# not letters of the Vietnamese alphabet.
_TCVN3_MARKERS = "¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÆÇËÎÏÐÑÖ×ØÛÜÞßåæçëîïñö÷øûüþ"
# Western letters VNI's combining bytes become; none of them is Vietnamese.
_VNI_MARKERS = "øùúûüõïöñÑòóôåäëÿ"
_VIETNAMESE_LETTERS = set(
    "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ"
)

_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]*[A-Za-z][A-Za-z\u00a1-\u00ff]*")
# VNI tone/shape bytes directly after a vowel letter ("Naüng", "Ñaø", "chöông").
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][øùúûüõïöòóôâêåäëÿ]")


@dataclass(frozen=True)
class LegacyHit:
    """A place where legacy-encoded text was found."""

    encoding: str  # "TCVN3" or "VNI"
    line: int  # 1-based
    sample: str  # the offending word


def _word_is_tcvn3(word: str) -> bool:
    return any(
        ch in _TCVN3_MARKERS and ch not in _VIETNAMESE_LETTERS for ch in word
    ) and any(ch.isascii() and ch.isalpha() for ch in word)


def _word_is_vni(word: str) -> bool:
    if "Ñ" in word or "ñ" in word and word[:1] in "Ññ":
        return True
    return bool(_VNI_PAIR.search(word)) and any(
        ch in "øüöïûñÑåäëÿ" for ch in word
    )


def classify_word(word: str) -> str | None:
    """Return "VNI", "TCVN3" or None for a single word."""
    if _word_is_vni(word):
        return "VNI"
    if _word_is_tcvn3(word):
        return "TCVN3"
    return None


def find_legacy_text(text: str, min_hits: int = 2) -> list[LegacyHit]:
    """Return the legacy-encoded words in ``text``.

    One odd word can be a foreign name (``Gdańsk``, ``Müller``); two or more make a
    pattern. A single word with three or more markers is also enough.
    """
    hits: list[LegacyHit] = []
    strong = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        for match in _WORD.finditer(line):
            word = match.group(0)
            enc = classify_word(word)
            if enc:
                hits.append(LegacyHit(enc, lineno, word))
                markers = sum(1 for ch in word if ch in _TCVN3_MARKERS + _VNI_MARKERS)
                strong = strong or markers >= 3
    if len(hits) >= min_hits or strong:
        return hits
    return []
