"""Stable term -> shard mapping, computed identically at build time and in the browser.

FNV-1a 32-bit over the UTF-8 bytes of the folded term: a few lines in both Python and
JavaScript (``Math.imul``), no table to ship, and it spreads short syllables evenly.
Python's ``hash()`` would not do: it is salted per process.
"""

from __future__ import annotations

FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a32(text: str) -> int:
    value = FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    return fnv1a32(term) % shards
