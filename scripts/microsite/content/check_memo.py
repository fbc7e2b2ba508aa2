"""Results of one content check kept for the next one.

Loading an article (front matter, schema) and its body rules (one Markdown render each) give
the same problems for the same bytes as long as nothing else they read changed: the site's
settings, its file set, the other articles' slugs, the theme. Deciding that is the caller's
job (``adapter/incremental.py`` answers from a memo only when nothing but article bodies
changed); a memo always records, so the next build can answer from this one.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from ..validation.source import BodySource
from .model import Article
from .problems import Problem

LoadResult = tuple[Article | None, list[Problem]]


@dataclass
class CheckMemo:
    known_loads: dict[str, bytes] = field(default_factory=dict)  # from the last check: answers
    known_bodies: dict[str, list[Problem]] = field(default_factory=dict)
    loads: dict[str, bytes] = field(default_factory=dict)  # this check's: pickled at once
    bodies: dict[str, list[Problem]] = field(default_factory=dict)

    @staticmethod
    def load_key(path: Path) -> str:
        return hashlib.sha256(str(path).encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes()).hexdigest()

    @staticmethod
    def body_key(src: BodySource) -> str:
        text = repr((str(src.path), src.shown, src.text, src.first_line, src.draft))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def known_load(self, key: str) -> LoadResult | None:
        data = self.known_loads.get(key)
        if data is None:
            return None
        self.loads[key] = data
        result: LoadResult = pickle.loads(data)
        return result

    def keep_load(self, key: str, result: LoadResult) -> None:
        # Pickled now: the build goes on with these objects and must not change what is kept.
        self.loads[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)

    def known_body(self, key: str) -> list[Problem] | None:
        problems = self.known_bodies.get(key)
        if problems is not None:
            self.bodies[key] = problems
        return problems

    def keep_body(self, key: str, problems: list[Problem]) -> None:
        self.bodies[key] = problems
