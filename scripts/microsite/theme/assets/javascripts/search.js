/* Site search box: the loader. The engine (search-engine.js, an ES module) and the index
 * are downloaded only when the reader focuses the box or opens /?q=...; results then
 * appear under the box, and the address keeps the query so results can be shared. */
(function () {
  "use strict";
  var form = document.querySelector(".ms-search__form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var box = document.querySelector(".ms-search__results");
  var base = new URL((form.getAttribute("data-base") || ".") + "/", location.href);
  var here = document.currentScript ? document.currentScript.src : new URL("assets/javascripts/search.js", base).href;
  var engineUrl = new URL("search-engine.js", here).href;
  var engine = null;
  var latest = 0;

  function load() {
    if (!engine) engine = import(engineUrl).then(function (module) { return module.createSearch(base); });
    return engine;
  }

  function search(raw) {
    var ticket = ++latest;
    if (raw.trim().length < 2) { box.hidden = true; box.innerHTML = ""; return Promise.resolve(); }
    return load().then(function (e) {
      return e.find(raw).then(function (found) { if (ticket === latest) e.render(box, raw, found); });
    }).catch(function () {
      engine = null; /* try loading again on the next query */
      if (ticket !== latest) return;
      box.textContent = "Chưa tải được công cụ tìm kiếm. Vui lòng thử lại.";
      box.hidden = false;
    });
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
  input.addEventListener("focus", function () {
    load().then(function (e) { return e.preload(); }).catch(function () { engine = null; });
  }, { once: true });
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
