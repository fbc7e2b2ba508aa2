"""Read a written index the way the browser does: which files a query needs, which pages match.

The browser's ``search.js`` is the real client; this mirror lets tests and benchmarks
check the contract from Python (a query fetches ``meta.json`` and exactly the shards of
its terms; a page matches when it holds every folded syllable of the query).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hashing import shard_of
from .tokens import query_terms
from .writer import decode_postings


@dataclass(frozen=True)
class IndexReader:
    root: Path  # the index folder (site_dir / OUTPUT_DIR)

    def meta(self) -> dict[str, Any]:
        return json.loads((self.root / "meta.json").read_text("utf-8"))

    def shard_files(self, query: str) -> list[str]:
        """Paths (relative to the index folder) of the shards a query fetches, sorted."""
        count = self.meta()["shards"]
        sylls, pairs = query_terms(query)
        return sorted({f"shards/{shard_of(term, count)}.json" for term in sylls + pairs})

    def postings(self, term: str) -> dict[str, list[tuple[int, int]]]:
        count = self.meta()["shards"]
        shard = json.loads((self.root / "shards" / f"{shard_of(term, count)}.json").read_text("utf-8"))
        return {spelling: decode_postings(encoded) for spelling, encoded in shard.get(term, {}).items()}

    def matches(self, query: str) -> set[int]:
        """Doc ids holding every folded syllable of ``query`` (the browser's AND)."""
        sylls, _ = query_terms(query)
        found: set[int] | None = None
        for term in sylls:
            docs = {doc for postings in self.postings(term).values() for doc, _ in postings}
            found = docs if found is None else found & docs
        return found or set()

    def document(self, doc_id: int) -> dict[str, Any]:
        return json.loads((self.root / "docs" / f"{doc_id}.json").read_text("utf-8"))
