"""Patch the search index for changed pages instead of rebuilding it from every page.

An edit changes the body of a page or two; the set of page URLs, and so every doc id
(URL order), stays the same. Tokenising all pages again costs about 3 s at 2000 pages,
while the change touches only the terms of the page's old and new text: their entries
are decoded, that doc id's posting is removed, replaced or added, and they are encoded
again with the writer's own functions, so the files are byte-identical to a full build
(``tests/test_search_patch.py`` checks this on random documents). The state kept
between builds (``IndexState``) holds the encoded entries, page lengths and doc files.
"""

from __future__ import annotations

import bisect
import os
import pickle
from pathlib import Path

from .index import Postings, document_terms
from .page_text import PageText
from .tokens import folded
from .writer import FORMAT, IndexState, decode_entry, doc_file, encode_entry

__all__ = ["IndexState", "load_state", "replace_documents", "save_state"]

_STATE_TAG = ("microsite-search-state", FORMAT, 1)  # a state of another layout reads as none


def replace_documents(state: IndexState, changes: list[tuple[PageText, PageText]]) -> IndexState:
    """The state of the index where each ``old`` page is replaced by ``new`` (same URL).

    Equal to ``state_of(build_index(pages))`` for the new pages; ``state`` is not modified.
    Raises ``ValueError`` when a URL is not in the state, differs between old and new, or
    ``old`` is not the page the state holds under that URL.
    """
    ids = {url: doc_id for doc_id, url in enumerate(state.urls)}
    entries = dict(state.entries)
    lengths, docs = list(state.lengths), list(state.docs)
    touched: dict[str, dict[str, Postings]] = {}  # folded term -> its decoded entry, as patched

    def spellings(term: str) -> dict[str, Postings]:
        if term not in touched:
            touched[term] = decode_entry(entries[term]) if term in entries else {}
        return touched[term]

    for old, new in changes:
        doc_id = ids.get(old.url)
        if doc_id is None or new.url != old.url:
            raise ValueError(f"not a page of the index, or a new URL: {old.url!r} -> {new.url!r}")
        if doc_file(old) != docs[doc_id]:
            raise ValueError(f"the index holds another text for {old.url!r}")
        old_counts, _ = document_terms(old)
        new_counts, lengths[doc_id] = document_terms(new)
        for exact in [t for t in old_counts if new_counts.get(t) == old_counts[t]]:  # an edit keeps most
            del old_counts[exact], new_counts[exact]
        for exact in old_counts:
            postings = spellings(folded(exact)).get(exact, [])
            at = bisect.bisect_left(postings, (doc_id, 0))
            if at == len(postings) or postings[at][0] != doc_id:
                raise ValueError(f"the index does not hold {exact!r} for {old.url!r}")
            del postings[at]
        for exact, tf in new_counts.items():
            postings = spellings(folded(exact)).setdefault(exact, [])
            bisect.insort(postings, (doc_id, tf))
        docs[doc_id] = doc_file(new)

    for term, by_spelling in touched.items():
        kept = {exact: by_spelling[exact] for exact in sorted(by_spelling) if by_spelling[exact]}
        if kept:
            entries[term] = encode_entry(term, kept)
        else:
            entries.pop(term, None)
    return IndexState(entries, lengths, docs, list(state.urls), state.hashes)


def save_state(state: IndexState, path: Path) -> None:
    """Pickle ``state`` to ``path``; a temporary file and a rename, so a reader sees old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    with temp.open("wb") as out:
        pickle.dump((_STATE_TAG, state), out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temp, path)


def load_state(path: Path) -> IndexState | None:
    """The state saved at ``path``, or None when it is missing, unreadable or not a state."""
    try:
        with path.open("rb") as data:
            tag, state = pickle.load(data)
    except Exception:  # noqa: BLE001 - a corrupt pickle raises almost anything; the caller rebuilds
        return None
    if tag != _STATE_TAG or not isinstance(state, IndexState):
        return None
    if not len(state.lengths) == len(state.docs) == len(state.urls):
        return None
    return state
