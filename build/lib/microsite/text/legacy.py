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
# neither Vietnamese letters nor symbols people type on purpose (« » ° © ® ± · ² ¼ ×...).
_TCVN3_MARKERS = set("¢£¤¥¦¨ª¬¯´µ¸ºÆÇËÎÏÐÑÖØÛÜÞßåæçëîïñöøûüþ")
# Western letters VNI's tone/shape bytes become; none of them is Vietnamese.
_VNI_MARKERS = set("øüöïûñÑåäëÿ")
_VIETNAMESE_VOWELS = "aeiouyàáâãèéêìíòóôõùúýAEIOUYÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"
_MARKERS = _TCVN3_MARKERS | _VNI_MARKERS

_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]*[A-Za-z][A-Za-z\u00a1-\u00ff]*")
# A Vietnamese syllable: onset, 1-4 vowel slots (where mojibake markers stand for
# marked vowels), optional final. "Müller" or "Françoise" do not fit; "ph¸t" does.
_VOWEL_SLOT = "[" + re.escape(_VIETNAMESE_VOWELS + "".join(sorted(_MARKERS))) + "]"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvxñÑ])?"
    + _VOWEL_SLOT + "{1,4}" + r"(?:ch|ng|nh|[cmnpt])?",
    re.IGNORECASE,
)
# TCVN3 capitals inside a lowercase word ("quyÕt", "vÒ"): real text never does that.
_INNER_CAPITAL = re.compile(r"[a-z][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]")
# Every hit needs a marker or an inner capital; one C-speed scan rules out clean text
# (nearly every file) before the word-by-word classification.
_ANY_SIGNAL = re.compile("[" + re.escape("".join(sorted(_MARKERS))) + "]|" + _INNER_CAPITAL.pattern)


@dataclass(frozen=True)
class LegacyHit:
    """A place where legacy-encoded text was found."""

    encoding: str  # "TCVN3" or "VNI"
    line: int  # 1-based
    sample: str  # the offending word


def classify_word(word: str) -> str | None:
    """Return "VNI", "TCVN3" or None for a single word."""
    if _INNER_CAPITAL.search(word) and _SYLLABLE.fullmatch(word):
        return "TCVN3"
    if not any(ch in _MARKERS for ch in word) or not _SYLLABLE.fullmatch(word):
        return None
    if word[:1] in "Ññ" or any(ch in _VNI_MARKERS for ch in word) and not any(ch in _TCVN3_MARKERS - _VNI_MARKERS for ch in word):
        return "VNI"
    return "TCVN3"


def find_legacy_text(text: str, min_hits: int = 2) -> list[LegacyHit]:
    """Return the legacy-encoded words in ``text``.

    One odd word can be a foreign name; two or more make a pattern. A single word
    with three or more markers is also enough.
    """
    if not _ANY_SIGNAL.search(text):
        return []
    hits: list[LegacyHit] = []
    strong = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        for match in _WORD.finditer(line):
            word = match.group(0)
            enc = classify_word(word)
            if enc:
                hits.append(LegacyHit(enc, lineno, word))
                strong = strong or sum(ch in _MARKERS for ch in word) >= 3
    if len(hits) >= min_hits or strong:
        return hits
    return []
