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
import os
import shutil
from json.encoder import encode_basestring
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .hashing import fnv1a32
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


def encode_entry(term: str, spellings: dict[str, Postings]) -> bytes:
    """One folded term's entry in its shard: ``"term":{spelling: postings}``.

    Pairs keep doc ids only: the browser uses a pair as a bonus for pages that hold the
    words side by side, where presence matters, not how often (and 60% of all postings
    are pairs, so this keeps both the index and its build small).
    """
    return ((encode_basestring(term) + ":").encode("utf-8")
            + dumps({s: encode_postings(p, " " not in term) for s, p in spellings.items()}))


def decode_entry(entry: bytes) -> dict[str, Postings]:
    """The inverse of ``encode_entry`` (pairs come back with tf 1)."""
    spellings: dict[str, list[int]] = next(iter(json.loads(b"{" + entry + b"}").values()))
    return {spelling: decode_postings(encoded) for spelling, encoded in spellings.items()}


def encoded_terms(index: SearchIndex) -> dict[str, bytes]:
    """Each folded term's JSON entry, encoded once (sizes decide the shard count)."""
    return {term: encode_entry(term, spellings) for term, spellings in index.postings.items()}


def shard_count(total_bytes: int) -> int:
    return max(1, math.ceil(total_bytes / SHARD_TARGET))


def shard_files(entries: dict[str, bytes], hashes: dict[str, int] | None = None) -> list[bytes]:
    """The shards' bytes; ``hashes`` (term -> ``fnv1a32``) is read and filled as a cache."""
    count = shard_count(sum(len(e) + 1 for e in entries.values()))
    hashes = {} if hashes is None else hashes
    shards: defaultdict[int, list[bytes]] = defaultdict(list)
    for term in sorted(entries):
        value = hashes.get(term)
        if value is None:
            value = hashes[term] = fnv1a32(term)
        shards[value % count].append(entries[term])
    return [b"{" + b",".join(shards[n]) + b"}" for n in range(count)]


def vocabulary(terms: Iterable[str]) -> bytes:
    """Folded syllables with a letter, sorted: what an unfinished last word can complete to."""
    return dumps(sorted(term for term in terms if " " not in term and not term.isdigit()))


def doc_file(doc: PageText) -> bytes:
    return dumps({"url": doc.url, "title": doc.title, "date": doc.date, "text": doc.text[:TEXT_LIMIT]})


@dataclass
class IndexState:
    """Everything the index files are made of, without the pages' texts to tokenise again.

    An incremental build keeps this between builds and patches the entries of the terms
    one changed page touches (``patch.replace_documents``) instead of rebuilding all.
    """

    entries: dict[str, bytes]  # folded term -> its entry, as ``encode_entry`` makes it
    lengths: list[int]  # doc id -> length (``SearchIndex.lengths``)
    docs: list[bytes]  # doc id -> its doc file, as ``doc_file`` makes it
    urls: list[str]  # doc id -> url
    # term -> fnv1a32(term), a cache filled by ``index_files``: hashing 100k terms in Python is
    # most of what writing a patched state costs. Shared by patched copies (values never change).
    hashes: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


def state_of(index: SearchIndex) -> IndexState:
    return IndexState(encoded_terms(index), list(index.lengths), [doc_file(doc) for doc in index.documents],
                      [doc.url for doc in index.documents])


def index_files(state: IndexState) -> dict[str, bytes]:
    """Relative path -> bytes of every file of the index, ``meta.json`` last."""
    shards = shard_files(state.entries, state.hashes)
    vocab = vocabulary(state.entries)
    version = hashlib.sha256(b"\n".join([*shards, *state.docs, vocab])).hexdigest()[:16]
    meta = {"format": FORMAT, "version": version, "docs": len(state.docs), "shards": len(shards),
            "lengths": state.lengths}
    files = {f"shards/{n}.json": data for n, data in enumerate(shards)}
    files.update((f"docs/{n}.json", data) for n, data in enumerate(state.docs))
    files["vocab.json"] = vocab
    files["meta.json"] = dumps(meta)
    return files


def write_index(index: SearchIndex, out_dir: Path) -> None:
    """Replace ``out_dir`` with the index files."""
    write_state(state_of(index), out_dir)


def write_state(state: IndexState, out_dir: Path, only_changed: bool = False) -> None:
    """Write the index files of ``state`` into ``out_dir``.

    By default ``out_dir`` is replaced. With ``only_changed`` it is updated in place, for a
    folder that holds an older copy of the index: a file whose bytes are the same is not
    touched, other files are written to a temporary file first and renamed over the old
    one (the old file may be a hard link into the published site, which must keep its
    bytes), and files the index no longer has (shards beyond a smaller count) go.
    """
    files = index_files(state)
    if not only_changed:
        if out_dir.exists():
            shutil.rmtree(out_dir)
        (out_dir / "shards").mkdir(parents=True)
        (out_dir / "docs").mkdir()
        for rel, data in files.items():
            (out_dir / rel).write_bytes(data)
        return
    (out_dir / "shards").mkdir(parents=True, exist_ok=True)
    (out_dir / "docs").mkdir(exist_ok=True)
    kept = {*files, "shards", "docs"}
    stale = [path for path in out_dir.rglob("*") if path.relative_to(out_dir).as_posix() not in kept]
    for rel, data in files.items():
        path = out_dir / rel
        if not _holds(path, data):
            temp = path.with_name(path.name + ".tmp")
            temp.unlink(missing_ok=True)  # never write into a file that may be linked elsewhere
            temp.write_bytes(data)
            os.replace(temp, path)
    for path in sorted(stale, reverse=True):  # after the new meta.json; a folder's files first
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
