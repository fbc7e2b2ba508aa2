"""Full-text search made for Vietnamese: a static, sharded index read by ``search.js``.

Why not Pagefind (used before; measured against this index): Pagefind stores every word
position and closes an index chunk only after 20000 locations (hard-coded,
``chunk_index(word_map, 20000)`` in pagefind/src/index/mod.rs). Vietnamese is written
in a few thousand syllables that recur in every article (``thị``, ``nghị``, ``quyết``,
``thành``, ``phố``), so on the 2000-article benchmark corpus one common syllable was a
225-515 KB chunk and a first query downloaded 0.6-1.6 MB (``nghi quyet`` 617 KB,
``hai chau`` 848 KB, ``do thi thong minh`` 1.59 MB), plus 93 KB of Pagefind's JS and
WebAssembly. Pagefind also does not fold ``đ``, which cost extra chunk fetches (the old client searched
every d/đ spelling of the query).
Material's lunr needs its whole index first (1.22 MB gzip at 2000 articles).

This index (same corpus, ``bench/search_index.py`` and ``bench/weight.py``):

- Terms are folded syllables (``thi``) and folded adjacent pairs (``do thi``), since
  Vietnamese words are mostly two syllables; pairs give phrase precision without
  positions. Each term keeps, per exact spelling (``thị``, ``đô thị``), doc ids and
  (syllables only) term frequencies, so exact-diacritic matches can rank first.
- Terms go to N shards by FNV-1a 32 of the folded term (same code in Python and JS);
  N grows with the index so a shard stays near 48 KB raw, 6-16 KB gzip (100 shards for
  2005 pages). A query fetches meta.json (3.6 KB gzip: page lengths for BM25), one shard
  per distinct term, and the records of the 10 results shown (about 1.5 KB gzip each).
- First query including the scripts (loader 1.0 KB + engine 4.2 KB gzip): ``nghi quyet``
  52 KB, ``hai chau`` 62 KB, ``do thi thong minh`` 96 KB, ``da nang`` 56 KB (goal: < 300 KB).
- Whole index 4.3 MB gzip (Pagefind: 12 MB on disk). Built for 2000 articles in
  8-10 s of CPU (page text 2.4-3.6, postings 3.0-4.2, files 1.3-2.4), single-threaded,
  against Pagefind's 11.5-12.3 s of CPU on both cores (same site, same busy machine):
  less work, similar wall time.

Trade-off: a hashed index cannot look up prefixes. ``vocab.json`` (the sorted folded
syllables, 1.5 KB gzip on the generated corpus, 1 KB on the default site) lets the
browser complete an unfinished last word that is no syllable of the index (``min`` ->
up to 6 syllables such as ``minh``), fetched only when the query would otherwise find
nothing; a last word that is itself a syllable (``thon``, ``do``) is taken as typed,
where Pagefind matched every last word as a prefix.

Modules: ``tokens`` (NFC, lower case, syllables, pairs, folding), ``hashing``
(FNV-1a), ``page_text`` (title, date and body text of a built page), ``index``
(postings), ``writer`` (files, from an ``IndexState``), ``patch`` (that state patched for
changed pages, byte-identical to a rebuild, and kept between builds), ``lookup`` (the
browser's reading, for tests and benchmarks). No MkDocs imports: the adapter
(``adapter/search_index.py``) only picks the pages and hands over their HTML.
"""
