/* Search engine for Vietnamese typed with or without diacritics (index: scripts/microsite/search).
 * An ES module that search.js imports when the reader first focuses the search box or
 * opens /?q=, so pages carry only the small loader.
 *
 * The query is read like the pages were at build time: NFC, lower case, syllables are
 * runs of letters and digits, two syllables pair when only white space separates them,
 * and the folded form drops tones and turns đ into d. Each folded syllable and pair
 * lives in one shard (FNV-1a 32 of its UTF-8 bytes modulo the shard count), so a query
 * fetches meta.json, one small shard per term and the records of the results shown.
 * Pages must hold every syllable; BM25 over syllables plus a bonus for matching pairs
 * orders them, after a tier counting the terms found with the reader's exact diacritics
 * (only when the reader typed some). */
var FORMAT = 1;
var PAGE = 10;
/* b = 1: full length normalisation, so a short news item naming the query twice is not
   buried under long overview pages naming it twenty times. */
var K1 = 1.2, B = 1.0, PAIR_WEIGHT = 1.5;
var EXCERPT_WORDS = 28;
var COMPLETIONS = 6;
var BREAK = /[^\p{L}\p{N}\s]+/u; /* Python: [^\w\s]+|_+ (scripts/microsite/search/tokens.py) */
var WORD = /[\p{L}\p{N}]+/gu;

var foldCache = new Map();

function normalize(text) { return text.normalize("NFC").toLowerCase(); }
function fold(text) {
  var out = foldCache.get(text);
  if (out === undefined) {
    out = text.replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
    foldCache.set(text, out);
  }
  return out;
}
export function fnv1a(text) {
  var bytes = new TextEncoder().encode(text);
  var hash = 0x811c9dc5;
  for (var i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/* Distinct syllables and pairs of the query: [{folded, exact}], in typed order. */
export function analyse(raw) {
  var sylls = [], pairs = [];
  function add(list, exact) {
    var folded = fold(exact);
    if (!list.some(function (t) { return t.folded === folded; })) list.push({ folded: folded, exact: exact });
  }
  normalize(raw).split(BREAK).forEach(function (piece) {
    var words = piece.split(/\s+/).filter(Boolean);
    words.forEach(function (word, i) {
      add(sylls, word);
      if (i) add(pairs, words[i - 1] + " " + word);
    });
  });
  var text = normalize(raw);
  var last = sylls.length ? fold(text.split(BREAK).join(" ").trim().split(/\s+/).pop()) : "";
  /* "open": the reader may still be typing the last word (no space or mark after it). */
  return { sylls: sylls, pairs: pairs, accented: fold(text) !== text, last: last,
           open: /[\p{L}\p{N}]$/u.test(text) };
}

/* One engine per page: it keeps meta.json, shards and records it fetched for the visit,
   so typing on refines a query without downloading the same file again. */
export function createSearch(base) {
  var root = new URL("search-index/", base);
  var meta = null;
  var files = {};

  function getJSON(path) {
    return fetch(new URL(path, root).href).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path);
      return r.json();
    });
  }
  function loadMeta() {
    if (!meta) {
      meta = getJSON("meta.json").then(function (m) {
        if (m.format !== FORMAT) throw new Error("search index format " + m.format);
        var total = 0;
        m.lengths.forEach(function (n) { total += n; });
        m.average = total / Math.max(1, m.docs);
        return m;
      });
    }
    return meta;
  }
  /* Shards and page records are kept for the visit: typing on refines a query without
     downloading the same file again. */
  function cached(path) {
    if (!files[path]) files[path] = getJSON(path);
    return files[path];
  }
  function shard(m, term) {
    return cached("shards/" + (fnv1a(term) % m.shards) + ".json?v=" + m.version)
      .then(function (s) { return Object.prototype.hasOwnProperty.call(s, term) ? s[term] : {}; });
  }

  /* {doc id: {tf, exact}} of one term from its spellings' postings (gaps, -tf before tf > 1). */
  function postings(spellings, exact) {
    var out = new Map();
    Object.keys(spellings).forEach(function (spelling) {
      var doc = 0, tf = 1, list = spellings[spelling];
      for (var i = 0; i < list.length; i++) {
        if (list[i] < 0) { tf = -list[i]; continue; }
        doc += list[i];
        var hit = out.get(doc) || { tf: 0, exact: false };
        hit.tf += tf;
        hit.exact = hit.exact || spelling === exact;
        out.set(doc, hit);
        tf = 1;
      }
    });
    return out;
  }

  function bm25(m, hit, df, doc) {
    var idf = Math.log(1 + (m.docs - df + 0.5) / (df + 0.5));
    var norm = K1 * (1 - B + B * m.lengths[doc] / m.average);
    return idf * hit.tf * (K1 + 1) / (hit.tf + norm);
  }

  function rank(m, query, sylls, pairs) {
    var lists = sylls.map(function (s, i) { return postings(s, query.sylls[i].exact); });
    lists.sort(function (a, b) { return a.size - b.size; });
    var pairLists = pairs.map(function (p, i) { return postings(p, query.pairs[i].exact); });
    var hits = [];
    lists[0].forEach(function (_, doc) {
      if (!lists.every(function (l) { return l.has(doc); })) return;
      var score = 0, exact = 0;
      lists.forEach(function (l) {
        var hit = l.get(doc);
        score += bm25(m, hit, l.size, doc);
        if (hit.exact) exact++;
      });
      pairLists.forEach(function (l) {
        var hit = l.get(doc);
        if (!hit) return;
        score += PAIR_WEIGHT * bm25(m, hit, l.size, doc);
        if (hit.exact) exact++;
      });
      hits.push({ doc: doc, score: score, tier: query.accented ? exact : 0 });
    });
    hits.sort(function (a, b) { return b.tier - a.tier || b.score - a.score || a.doc - b.doc; });
    return hits;
  }

  /* The window of EXCERPT_WORDS words holding the most distinct query syllables, with
     each matching word in <mark>; built from text nodes, so page text is never parsed as HTML. */
  function excerpt(text, wanted) {
    var words = [], match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var folded = fold(match[0].toLowerCase());
      words.push({ start: match.index, end: match.index + match[0].length, hit: wanted.has(folded) ? folded : "" });
    }
    var node = document.createElement("p");
    node.className = "ms-search__excerpt";
    if (!words.length) return node;
    var counts = new Map(), distinct = 0, best = 0, bestEnd = 0;
    for (var i = 0; i < words.length; i++) {
      var inWord = words[i].hit;
      if (inWord) { counts.set(inWord, (counts.get(inWord) || 0) + 1); if (counts.get(inWord) === 1) distinct++; }
      var out = i - EXCERPT_WORDS;
      if (out >= 0 && words[out].hit) {
        var w = words[out].hit;
        counts.set(w, counts.get(w) - 1);
        if (counts.get(w) === 0) distinct--;
      }
      if (distinct > best) { best = distinct; bestEnd = i; }
    }
    /* Start a few words before the window's first match, keep its last match. */
    var first = Math.max(0, bestEnd - EXCERPT_WORDS + 1);
    while (best && first < bestEnd && !words[first].hit) first++;
    var from = Math.max(0, first - 4);
    var to = Math.min(words.length, Math.max(from + EXCERPT_WORDS, bestEnd + 1));
    var at = words[from].start;
    if (from > 0) node.appendChild(document.createTextNode("… "));
    for (var j = from; j < to; j++) {
      if (!words[j].hit) continue;
      node.appendChild(document.createTextNode(text.slice(at, words[j].start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(words[j].start, words[j].end);
      node.appendChild(mark);
      at = words[j].end;
    }
    node.appendChild(document.createTextNode(text.slice(at, words[to - 1].end)));
    if (to < words.length) node.appendChild(document.createTextNode(" …"));
    return node;
  }

  /* An unfinished last word the index does not know (``thon``) stands for the shortest
     COMPLETIONS syllables that start with it (``thong``, ``thon``...): vocab.json and their
     shards are fetched only then, when the query would otherwise find nothing. */
  function complete(m, query, sylls) {
    var at = query.sylls.findIndex(function (t) { return t.folded === query.last; });
    if (!query.open || at < 0 || query.last.length < 2 || Object.keys(sylls[at]).length) return Promise.resolve(sylls);
    return cached("vocab.json?v=" + m.version).then(function (vocab) {
      var words = vocab.filter(function (w) { return w.length > query.last.length && w.lastIndexOf(query.last, 0) === 0; })
        .sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); }).slice(0, COMPLETIONS);
      return Promise.all(words.map(function (w) { return shard(m, w); })).then(function (found) {
        var merged = {};
        found.forEach(function (spellings) {
          Object.keys(spellings).forEach(function (sp) { merged[sp] = spellings[sp]; });
        });
        query.completions = words;
        return sylls.slice(0, at).concat([merged], sylls.slice(at + 1));
      });
    });
  }

  /* Ranked matches of ``raw`` and the records of the first PAGE of them. */
  function find(raw) {
    var query = analyse(raw);
    return loadMeta().then(function (m) {
      if (!query.sylls.length) return { query: query, total: 0, docs: [] };
      var terms = query.sylls.concat(query.pairs);
      return Promise.all(terms.map(function (t) { return shard(m, t.folded); })).then(function (found) {
        return complete(m, query, found.slice(0, query.sylls.length)).then(function (sylls) {
          return [sylls, found.slice(query.sylls.length)];
        });
      }).then(function (found) {
        var hits = rank(m, query, found[0], found[1]);
        return Promise.all(hits.slice(0, PAGE).map(function (hit) {
          return cached("docs/" + hit.doc + ".json?v=" + m.version);
        })).then(function (docs) { return { query: query, total: hits.length, docs: docs }; });
      });
    });
  }

  function render(box, raw, found) {
    var docs = found.docs, total = found.total, query = found.query;
    var wanted = new Set(query.sylls.map(function (t) { return t.folded; }).concat(query.completions || []));
    box.innerHTML = "";
    var head = document.createElement("p");
    head.className = "ms-search__meta";
    head.textContent = total ? "Tìm thấy " + total + " kết quả cho “" + raw + "”" + (total > docs.length ? ", hiện " + docs.length + " kết quả đầu tiên." : ".")
                             : "Không tìm thấy kết quả cho “" + raw + "”.";
    box.appendChild(head);
    var list = document.createElement("ol");
    list.className = "ms-search__list";
    docs.forEach(function (d) {
      var li = document.createElement("li");
      li.className = "ms-search__item";
      var a = document.createElement("a");
      a.href = new URL(d.url, base).href;
      a.className = "ms-search__title";
      a.textContent = d.title || d.url;
      li.appendChild(a);
      if (d.date) {
        var time = document.createElement("p");
        time.className = "ms-search__date";
        time.textContent = d.date;
        li.appendChild(time);
      }
      li.appendChild(excerpt(d.text, wanted));
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  return { preload: loadMeta, find: find, render: render };
}
