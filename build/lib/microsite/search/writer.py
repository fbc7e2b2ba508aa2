"""Write the search index as static files: a small meta file, term shards, one file per page.

Layout under ``OUTPUT_DIR`` (every file deterministic: same pages, same bytes)::

    meta.json         format, version, page count, shard count, page lengths
    vocab.json        sorted folded syllables (not pure numbers), fetched only to complete
                      an unfinished last word of a query
    shards/<n>.json   {folded term: {exact spelling: postings}} for terms hashing to n
    docs/<id>.json    {url, title, date, text} of one page, for the results shown

Postings are flat integer lists: the gap to the previous doc id, preceded by ``-tf``
when a syllable occurs more than once in the page (pairs: gaps only). The shard
count grows with the index so a shard stays near ``SHARD_TARGET`` bytes before
gzip; a query fetches one shard per distinct term.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import shutil
from json.encoder import encode_basestring
from collections import defaultdict
from pathlib import Path

from .hashing import shard_of
from .index import Postings, SearchIndex
from .page_text import PageText

OUTPUT_DIR = "search-index"
FORMAT = 1
SHARD_TARGET = 48_000  # bytes of JSON before gzip (about 12-16 KB gzip)
TEXT_LIMIT = 20_000  # characters of page text kept for excerpts


def encode_postings(postings: Postings, with_tf: bool = True) -> list[int]:
    """Gaps between doc ids, each preceded by ``-tf`` when the term occurs more than once."""
    ids = [doc_id for doc_id, _ in postings]
    gaps = list(map(operator.sub, ids, [0] + ids[:-1]))
    if not with_tf:
        return gaps
    out: list[int] = []
    for gap, (_, tf) in zip(gaps, postings):
        if tf > 1:
            out.append(-tf)
        out.append(gap)
    return out


def decode_postings(encoded: list[int]) -> Postings:
    """The inverse of ``encode_postings`` (the browser does the same in search.js)."""
    out: Postings = []
    doc_id, tf = 0, 1
    for value in encoded:
        if value < 0:
            tf = -value
            continue
        doc_id += value
        out.append((doc_id, tf))
        tf = 1
    return out


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(data: object) -> bytes:
    return _JSON.encode(data).encode("utf-8")


def encoded_terms(index: SearchIndex) -> dict[str, bytes]:
    """Each folded term's JSON entry, encoded once (sizes decide the shard count).

    Pairs keep doc ids only: the browser uses a pair as a bonus for pages that hold the
    words side by side, where presence matters, not how often (and 60% of all postings
    are pairs, so this keeps both the index and its build small).
    """
    return {term: (encode_basestring(term) + ":").encode("utf-8")
            + dumps({s: encode_postings(p, " " not in term) for s, p in spellings.items()})
            for term, spellings in index.postings.items()}


def shard_count(total_bytes: int) -> int:
    return max(1, math.ceil(total_bytes / SHARD_TARGET))


def shard_files(entries: dict[str, bytes]) -> list[bytes]:
    count = shard_count(sum(len(e) + 1 for e in entries.values()))
    shards: defaultdict[int, list[bytes]] = defaultdict(list)
    for term in sorted(entries):
        shards[shard_of(term, count)].append(entries[term])
    return [b"{" + b",".join(shards[n]) + b"}" for n in range(count)]


def vocabulary(index: SearchIndex) -> bytes:
    """Folded syllables with a letter, sorted: what an unfinished last word can complete to."""
    return dumps(sorted(term for term in index.postings if " " not in term and not term.isdigit()))


def doc_file(doc: PageText) -> bytes:
    return dumps({"url": doc.url, "title": doc.title, "date": doc.date, "text": doc.text[:TEXT_LIMIT]})


def write_index(index: SearchIndex, out_dir: Path) -> None:
    """Replace ``out_dir`` with the index files."""
    shards = shard_files(encoded_terms(index))
    docs = [doc_file(doc) for doc in index.documents]
    vocab = vocabulary(index)
    version = hashlib.sha256(b"\n".join(shards + docs + [vocab])).hexdigest()[:16]
    meta = {"format": FORMAT, "version": version, "docs": len(docs), "shards": len(shards),
            "lengths": index.lengths}
    if out_dir.exists():
        shutil.rmtree(out_dir)
    (out_dir / "shards").mkdir(parents=True)
    (out_dir / "docs").mkdir()
    for n, data in enumerate(shards):
        (out_dir / "shards" / f"{n}.json").write_bytes(data)
    for n, data in enumerate(docs):
        (out_dir / "docs" / f"{n}.json").write_bytes(data)
    (out_dir / "vocab.json").write_bytes(vocab)
    (out_dir / "meta.json").write_bytes(dumps(meta))
