/* Site search on Pagefind, for Vietnamese typed with or without diacritics.
 *
 * Pagefind folds tones itself (thị = thi) but treats đ as a letter of its own, so
 * the query is searched in every d/đ spelling (at most 2^4 variants) and merged.
 * Results whose text contains the query exactly (with its diacritics) come first,
 * then those matching it folded, then the rest by Pagefind's score.
 * Nothing is downloaded until the reader searches; /?q=... opens the results. */
(function () {
  "use strict";
  var form = document.querySelector(".ms-search__form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var box = document.querySelector(".ms-search__results");
  var base = new URL((form.getAttribute("data-base") || ".") + "/", location.href);
  var PAGE = 10;
  var MAX_VARIANTS = 16;
  var pagefind = null;
  var latest = 0;

  function nfc(text) { return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim(); }
  function fold(text) {
    return nfc(text).replace(/đ/g, "d").normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }

  /* Every spelling of the query with each d/đ swapped (the typed one first). */
  function variants(query) {
    var out = [query];
    for (var i = 0; i < query.length && out.length < MAX_VARIANTS; i++) {
      var ch = query[i];
      if (ch !== "d" && ch !== "đ") continue;
      var other = ch === "d" ? "đ" : "d";
      out = out.concat(out.map(function (v) { return v.slice(0, i) + other + v.slice(i + 1); }));
    }
    return out.slice(0, MAX_VARIANTS);
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname, excerptLength: 24, ranking: { diacriticSimilarity: 2 } })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function tier(data, query) {
    var text = nfc((data.meta && data.meta.title ? data.meta.title + " " : "") + data.content);
    if (text.indexOf(query) >= 0) return 0;
    return fold(text).indexOf(fold(query)) >= 0 ? 1 : 2;
  }

  function search(raw) {
    var query = nfc(raw);
    var ticket = ++latest;
    if (query.length < 2) { box.hidden = true; box.innerHTML = ""; return Promise.resolve(); }
    return load().then(function (pf) {
      return Promise.all(variants(query).map(function (v, n) {
        return pf.search(v).then(function (res) { return { res: res, typed: n === 0 }; });
      }));
    }).then(function (all) {
      var best = {};
      all.forEach(function (item) {
        if (!item.res) return;
        item.res.results.forEach(function (r) {
          /* Per page, keep the spelling that matches most of the query (its excerpt
             highlights every word), then the better score; the typed spelling wins ties. */
          var score = item.typed ? r.score : r.score * 0.9;
          var words = r.words ? r.words.length : 0;
          var old = best[r.id];
          if (!old || words > old.words || (words === old.words && score > old.score)) {
            best[r.id] = { score: score, words: words, result: r };
          }
        });
      });
      var ranked = Object.keys(best).map(function (k) { return best[k]; })
        .sort(function (a, b) { return b.score - a.score; });
      return Promise.all(ranked.slice(0, PAGE).map(function (hit) { return hit.result.data(); }))
        .then(function (datas) {
          if (ticket !== latest) return;
          var rows = datas.map(function (d, i) { return { data: d, tier: tier(d, query), order: i }; });
          rows.sort(function (a, b) { return a.tier - b.tier || a.order - b.order; });
          render(raw, rows.map(function (r) { return r.data; }), ranked.length);
        });
    }).catch(function () {
      pagefind = null; /* try loading again on the next query */
      box.textContent = "Chưa tải được công cụ tìm kiếm. Vui lòng thử lại.";
      box.hidden = false;
    });
  }

  function render(raw, datas, total) {
    box.innerHTML = "";
    var head = document.createElement("p");
    head.className = "ms-search__meta";
    head.textContent = total ? "Tìm thấy " + total + " kết quả cho “" + raw + "”" + (total > datas.length ? ", hiện " + datas.length + " kết quả đầu tiên." : ".")
                             : "Không tìm thấy kết quả cho “" + raw + "”.";
    box.appendChild(head);
    var list = document.createElement("ol");
    list.className = "ms-search__list";
    datas.forEach(function (d) {
      var li = document.createElement("li");
      li.className = "ms-search__item";
      var a = document.createElement("a");
      a.href = d.url;
      a.className = "ms-search__title";
      a.textContent = (d.meta && d.meta.title) || d.url;
      li.appendChild(a);
      if (d.meta && d.meta.date) {
        var time = document.createElement("p");
        time.className = "ms-search__date";
        time.textContent = d.meta.date;
        li.appendChild(time);
      }
      var excerpt = document.createElement("p");
      excerpt.className = "ms-search__excerpt";
      excerpt.innerHTML = d.excerpt; /* Pagefind escapes the text and adds only <mark> */
      li.appendChild(excerpt);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }

  function run(raw) {
    var url = new URL(location.href);
    if (raw.trim()) url.searchParams.set("q", raw.trim()); else url.searchParams.delete("q");
    history.replaceState(null, "", url.href);
    return search(raw);
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  input.addEventListener("focus", function () { load().catch(function () { pagefind = null; }); }, { once: true });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial).then(function () { box.scrollIntoView({ block: "start" }); });
  }
})();
