""""Tin liên quan" at the end of every article: up to five other public articles.

Ranking, as Hugo's related content does it, by weighted shared taxonomy terms (tags,
categories, channels, the resolution tag), plus the overlap of the text: folded
syllable pairs (``do thi``, ``thong minh``) of the title, the summary and the lead,
weighted TF-IDF and compared by cosine. News leads carry the topic (inverted pyramid);
the whole body would triple the cost for little change in the list.

Every article is scored against all others through an inverted index: each of its
terms adds its weight to the articles in that term's postings (numpy arrays, so the
work per term is one vector operation, never a Python loop over pairs of texts). A
text keeps only its ``TEXT_TERMS`` most distinctive pairs. Ties are broken by date
(newest first) then slug, and the input order does not matter: same input, same list.

Editors may pin articles (shown first, in their order) or exclude some
(``related: {pin: [...], exclude: [...]}``; a reference is a slug or a file path).
Only public articles are ever listed: callers pass ``Article.is_public`` ones, and a pin
to a draft, scheduled or withdrawn article is skipped.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..campaign.related import tag_key
from ..text.fold import fold
from .model import Article
from .problems import Problem

REFERENCE_HINT = ("Ghi slug của bài (phần cuối địa chỉ, ví dụ kiem-tra-tien-do) hoặc đường dẫn tệp "
                  "(ví dụ tin-tuc/posts/kiem-tra-tien-do.md); kiểm tra lỗi gõ.")
MAX_RELATED = 5
TEXT_TERMS = 25  # distinctive syllable pairs kept per article
LEAD_CHARS = 1000  # of the body, up to <!-- more -->
WEIGHTS = {"tag": 3.0, "category": 1.5, "channel": 0.5, "resolution": 2.0, "text": 4.0}
_WORD = re.compile(r"[^\W_]+")
LEAD_END = "<!-- more -->"  # where the lead ends (the blog's default excerpt separator)


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return fold(word)


def _pairs(text: str) -> list[str]:
    words = list(map(_folded, _WORD.findall(text.lower())))
    return list(map(" ".join, zip(words, words[1:])))


def text_pairs(article: Article) -> Counter[str]:
    """Folded adjacent syllable pairs of the title (counted twice), the summary and the lead."""
    lead = article.body[:LEAD_CHARS].split(LEAD_END, 1)[0]
    title = _pairs(article.title)
    counts = Counter(title)
    counts.update(title)
    counts.update(_pairs(article.summary))
    counts.update(_pairs(lead))
    return counts


def _tags(resolution_tag: str | Sequence[str] | None) -> tuple[str, ...]:
    if resolution_tag is None:
        return ()
    return (resolution_tag,) if isinstance(resolution_tag, str) else tuple(resolution_tag)


def taxonomy_terms(article: Article, resolution_tag: str | Sequence[str] | None) -> dict[str, float]:
    """``resolution_tag``: the tag (or tags) of the site's resolution sections."""
    terms = {f"tag:{tag_key(t)}": WEIGHTS["tag"] for t in article.tags}
    terms.update({f"cat:{tag_key(c)}": WEIGHTS["category"] for c in article.categories})
    terms.update({f"ch:{c}": WEIGHTS["channel"] for c in article.channels})
    if any(f"tag:{tag_key(tag)}" in terms for tag in _tags(resolution_tag)):
        terms["nq"] = WEIGHTS["resolution"]  # the campaign's own thread counts on top of the tag
    return terms


def _text_vectors(pairs: list[Counter[str]]) -> list[dict[str, float]]:
    """Each article's ``TEXT_TERMS`` best pairs by TF-IDF, as a unit vector.

    Pairs found in one article only link it to nothing; pairs in more than one article in
    twenty (or half of a small site) are the campaign's common words (``da nang``, ``nghi
    quyet``), said better by its tags, and would make every text list every other."""
    df: Counter[str] = Counter()
    for counts in pairs:
        df.update(counts.keys())
    n = len(pairs)
    common = max(n // 20, min(n // 2, 10))
    idf = {t: math.log(n / d) for t, d in df.items() if 1 < d <= common}
    out = []
    for counts in pairs:
        scored = heapq.nlargest(TEXT_TERMS, ((tf * idf[t], t) for t, tf in counts.items() if t in idf))
        norm = math.sqrt(sum(w * w for w, _ in scored)) or 1.0
        out.append({t: w / norm for w, t in scored})
    return out


@dataclass(frozen=True)
class RelatedRule:
    """An editor's ``related:`` choices, as written (slugs or paths)."""

    pin: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @classmethod
    def of(cls, article: Article) -> RelatedRule:
        raw = article.meta.get("related")
        if not isinstance(raw, dict):
            return cls()
        return cls(tuple(str(r) for r in raw.get("pin") or ()), tuple(str(r) for r in raw.get("exclude") or ()))


def reference_keys(article: Article, blog_dir: str) -> set[str]:
    """Every way an editor may name ``article``: slug, file name, path under posts or docs."""
    rel = article.rel_path
    name = rel.rsplit("/", 1)[-1]
    keys = {article.slug, rel, name, name.removesuffix(".md")}
    posts = f"{blog_dir.strip('/')}/posts/"
    if rel.startswith(posts):
        keys.add(rel.removeprefix(posts))
    return keys


@dataclass
class References:
    """Lookup from an editor's reference to the articles it may mean."""

    by_key: dict[str, list[Article]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, articles: Iterable[Article], blog_dir: str) -> References:
        refs = cls()
        for art in articles:
            for key in reference_keys(art, blog_dir):
                refs.by_key[key].append(art)
        return refs

    def find(self, ref: str) -> list[Article]:
        return self.by_key.get(ref.strip().removeprefix("docs/").lstrip("/"), [])


class RelatedIndex:
    """Related articles of every public article, computed together once per build."""

    BLOCK = 128  # articles scored together: a BLOCK x N matrix at a time

    def __init__(self, public: Sequence[Article], resolution_tag: str | Sequence[str] | None,
                 blog_dir: str) -> None:
        # A fixed order (date, then slug, then path): the input order never changes a result.
        self.articles = sorted(public, key=lambda a: (a.date, a.slug, a.rel_path))
        self.position = {id(a): i for i, a in enumerate(self.articles)}
        self.references = References.of(self.articles, blog_dir)
        n = len(self.articles)
        # The tie-break: rank 0 is the newest article (same time: slug, then path)
        order = sorted(range(n), key=lambda i: (-self.articles[i].date.timestamp(), self.articles[i].slug,
                                                self.articles[i].rel_path))
        self._rank = np.empty(n, dtype=np.int64)
        self._rank[order] = np.arange(n)
        # One inverted index over taxonomy terms and text pairs. Each article is a list of
        # (term, weight as the one asking, weight as the one found): a taxonomy term counts its
        # weight once; a text pair the product of both articles' TF-IDF weights (the cosine).
        entries: list[tuple[int, str, float, float]] = []
        vectors = _text_vectors([text_pairs(a) for a in self.articles])
        for i, art in enumerate(self.articles):
            entries += [(i, t, w, 1.0) for t, w in sorted(taxonomy_terms(art, resolution_tag).items())]
            entries += [(i, "w:" + t, WEIGHTS["text"] * w, w) for t, w in sorted(vectors[i].items())]
        ids = {t: k for k, t in enumerate(sorted({e[1] for e in entries}))}
        term = np.fromiter((ids[e[1]] for e in entries), np.int64, len(entries))
        self._art = np.fromiter((e[0] for e in entries), np.int64, len(entries))  # sorted by article
        self._term = term
        self._ask = np.fromiter((e[2] for e in entries), np.float64, len(entries))
        found = np.fromiter((e[3] for e in entries), np.float64, len(entries))
        by_term = np.lexsort((self._art, term))  # postings: per term, its articles in order
        self._post_art, self._post_w = self._art[by_term], found[by_term]
        self._count = np.bincount(term, minlength=len(ids))
        self._offset = np.cumsum(self._count) - self._count
        self._first = np.searchsorted(self._art, np.arange(n + 1))  # each article's entries
        self._lists: dict[int, list[int]] | None = None

    def block_scores(self, rows: range) -> np.ndarray:
        """Similarity of the articles ``rows`` to every article (0 with themselves): shared
        taxonomy weights plus ``WEIGHTS["text"]`` times the cosine of their pair vectors.

        A sparse product of the block's entries with the postings, in a few vector steps: each
        entry is repeated once per article in its term's postings, then summed per pair."""
        n, size = len(self.articles), len(rows)
        lo, hi = self._first[rows.start], self._first[rows.stop]
        terms, asks, owners = self._term[lo:hi], self._ask[lo:hi], self._art[lo:hi] - rows.start
        counts = self._count[terms]
        repeat = np.repeat(np.arange(hi - lo), counts)
        within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        where = self._offset[terms][repeat] + within
        cells = owners[repeat] * n + self._post_art[where]
        values = self._post_w[where] * asks[repeat]
        scores = np.bincount(cells, weights=values, minlength=size * n).reshape(size, n)
        scores[np.arange(size), np.arange(rows.start, rows.stop)] = 0.0
        return np.round(scores, 9)  # summation noise must not break a tie

    def _best(self, scores: np.ndarray, skip: list[int], room: int) -> list[int]:
        """The ``room`` best others by score, then date (newest), then slug; O(N) per article."""
        if room <= 0:
            return []
        if skip:
            scores[skip] = 0.0
        candidates = np.flatnonzero(scores > 0)
        keys = scores[candidates]
        if len(candidates) > room:  # keep every candidate tied with the room-th best score
            threshold = np.partition(keys, len(keys) - room)[len(keys) - room]
            candidates = candidates[keys >= threshold]
        ordered = sorted(candidates.tolist(), key=lambda j: (-scores[j], self._rank[j]))
        return ordered[:room]

    def _choices(self, i: int) -> tuple[list[int], list[int]]:
        """(pinned, excluded) positions of article ``i``'s editor's choices among public articles."""
        rule = RelatedRule.of(self.articles[i])
        pinned: list[int] = []
        for ref in rule.pin:
            for found in self.references.find(ref):
                j = self.position[id(found)]
                if j != i and j not in pinned:
                    pinned.append(j)
        excluded = {self.position[id(a)] for ref in rule.exclude for a in self.references.find(ref)}
        return pinned[:MAX_RELATED], sorted(excluded | set(pinned))

    def _compute(self) -> dict[int, list[int]]:
        lists: dict[int, list[int]] = {}
        n = len(self.articles)
        for start in range(0, n, self.BLOCK):
            rows = range(start, min(n, start + self.BLOCK))
            scores = self.block_scores(rows)
            for r, i in enumerate(rows):
                pinned, skip = self._choices(i)
                lists[i] = pinned + self._best(scores[r], skip, MAX_RELATED - len(pinned))
        return lists

    def compute(self) -> None:
        """Every list now (once): a build does it before it forks page-rendering children."""
        if self._lists is None:
            self._lists = self._compute()

    def related(self, article: Article) -> list[Article]:
        """Pinned articles first (public ones, in the editor's order), then the best ranked;
        none for an article that is not public."""
        i = self.position.get(id(article))
        if i is None:
            return []
        self.compute()
        assert self._lists is not None
        return [self.articles[j] for j in self._lists[i]]


def related_problems(articles: Sequence[Article], blog_dir: str, shown: Callable[[Article], str]) -> list[Problem]:
    """Every ``related`` reference must name exactly one other article (of any status: a pin
    to a draft is kept for when it is published, and never shown before)."""
    refs = References.of(articles, blog_dir)
    problems = []
    for art in articles:
        rule = RelatedRule.of(art)
        for key, values in (("pin", rule.pin), ("exclude", rule.exclude)):
            for index, ref in enumerate(values):
                where = f"related.{key}[{index + 1}]"
                line = art.field_lines.get(("related", key, index)) or art.field_lines.get(("related", key))
                found = refs.find(ref)
                message = None
                if not found:
                    message, hint = f"Không tìm thấy bài viết \"{ref}\".", REFERENCE_HINT
                elif len(found) > 1:
                    names = ", ".join(sorted(a.rel_path for a in found))
                    message, hint = f"\"{ref}\" trùng với nhiều bài: {names}.", "Ghi đường dẫn tệp của bài muốn chọn."
                elif found[0] is art:
                    message, hint = "Bài không thể liên quan đến chính nó.", "Xoá mục này."
                elif key == "exclude" and any(found[0] in refs.find(p) for p in rule.pin):
                    message, hint = f"Bài \"{ref}\" vừa được ghim vừa bị loại.", "Giữ bài ở một trong hai danh sách."
                if message:
                    problems.append(Problem(shown(art), message, line, where, hint))
    return problems
