"""Postings: for every folded term, per exact spelling, which documents hold it how often.

Documents are numbered in URL order, so the same pages always get the same ids.
The title counts ``TITLE_WEIGHT`` times (a page about a topic names it in its
title), and document lengths (syllables, title included) feed BM25 in the browser.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .page_text import PageText
from .tokens import folded, term_counts

TITLE_WEIGHT = 3
Postings = list[tuple[int, int]]  # (doc id, term frequency), doc ids ascending


@dataclass
class SearchIndex:
    documents: list[PageText]
    lengths: list[int]  # syllables per document, title counted TITLE_WEIGHT times
    # folded term -> exact spelling -> postings
    postings: dict[str, dict[str, Postings]] = field(default_factory=dict)


def document_terms(doc: PageText) -> tuple[Counter[str], int]:
    """Exact-spelling term counts of one document (title weighted) and its length."""
    counts, length = term_counts(doc.text)
    title, title_length = term_counts(doc.title)
    for term, tf in title.items():
        counts[term] += TITLE_WEIGHT * tf
    return counts, length + TITLE_WEIGHT * title_length


def build_index(pages: list[PageText]) -> SearchIndex:
    documents = sorted(pages, key=lambda p: p.url)
    lengths = []
    by_spelling: defaultdict[str, Postings] = defaultdict(list)
    for doc_id, doc in enumerate(documents):
        counts, length = document_terms(doc)
        lengths.append(length)
        for exact, tf in counts.items():
            by_spelling[exact].append((doc_id, tf))  # the build's hottest loop: keep it bare
    postings: defaultdict[str, dict[str, Postings]] = defaultdict(dict)
    for exact in sorted(by_spelling):
        postings[folded(exact)][exact] = by_spelling[exact]
    return SearchIndex(documents, lengths, dict(postings))
