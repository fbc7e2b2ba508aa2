/* Material for MkDocs' JavaScript bundle, loaded on the reader's first interaction.
   Why and what it relies on: scripts/microsite/adapter/lazy_bundle.py.
   Pages are complete without the bundle; it adds behaviour that matters only once the
   reader acts (back-to-top button, page title in the header, table of contents
   tracking, copy buttons on code, keyboard shortcuts), so it is fetched on the first
   scroll, wheel, pointer, touch, key or focus instead of being evaluated at parse time.
   Material mounts its components on DOMContentLoaded, long past by then, so the loader
   hands it the document through its public window.document$ (as instant navigation does). */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-bundle");
  if (!src) return;
  var root = document.documentElement;
  var EVENTS = ["scroll", "wheel", "pointerdown", "touchstart", "keydown", "focusin"];
  var OPTIONS = { capture: true, passive: true };
  var requested = false;

  /* The build wrote Material's table wrapper into the HTML (same markup, so nothing moves);
     take it off so Material finds the tables as it expects and wraps them itself. Runs in
     the same task as the mount: no frame is painted in between. */
  function unwrapTables() {
    var kept = [];
    document.querySelectorAll(".md-typeset__scrollwrap[data-ms-prewrap]").forEach(function (wrap) {
      var table = wrap.querySelector(".md-typeset__table > table");
      if (!table) return;
      kept.push([table, wrap.scrollLeft]);
      wrap.replaceWith(table);
    });
    return kept;
  }

  /* Material fetches sitemap.xml beside every <link rel="alternate">, taking each for a
     language version of the site (zensical/zensical#908); ours are feeds and ninjs
     documents, so the relation is hidden while Material looks for alternates. */
  function hideAlternates() {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"]'));
    links.forEach(function (link) { link.rel = "ms-alternate"; });
    return function () { links.forEach(function (link) { link.rel = "alternate"; }); };
  }

  function mount() {
    if (!window.document$ || typeof window.document$.next !== "function") return;
    var tables = unwrapTables();
    var restore = hideAlternates();
    try {
      window.document$.next(document);
    } finally {
      restore();
      tables.forEach(function (kept) {
        var wrap = kept[0].closest(".md-typeset__scrollwrap");
        if (wrap) wrap.scrollLeft = kept[1];
      });
      root.setAttribute("data-ms-bundle", "mounted");
    }
  }

  function inject() {
    var script = document.createElement("script");
    script.src = src;
    script.addEventListener("load", mount);  /* fired right after the bundle ran, same task */
    root.setAttribute("data-ms-bundle", "loading");
    document.body.appendChild(script);
  }

  function request() {
    if (requested) return;
    requested = true;
    EVENTS.forEach(function (type) { window.removeEventListener(type, request, OPTIONS); });
    /* After DOMContentLoaded only: Material would otherwise mount on it a second time. */
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", inject, { once: true });
    } else {
      inject();
    }
  }

  EVENTS.forEach(function (type) { window.addEventListener(type, request, OPTIONS); });
  /* Scrolled (reload, link to a heading) or focused before this ran: checked on load, as
     reading scrollY while parsing would force a layout inside the parser's task. */
  window.addEventListener("load", function () {
    if (window.scrollY > 0 || (document.activeElement && document.activeElement !== document.body)) request();
  }, { once: true });
})();
