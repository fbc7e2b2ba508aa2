/* Keyboard access to wide tables and code (WCAG 2.1.1, axe "scrollable-region-focusable"):
   a table wrapper (.md-typeset__scrollwrap, written by the build and re-made by Material's
   bundle) or a code block that scrolls sideways (phones) must take focus so arrow keys can
   scroll it. Material's bundle arrives only on the first interaction (microsite-on-demand.js),
   so this does not wait for it. Sizes are read in ResizeObserver callbacks only, which run
   right after the browser's own layout: reading scrollWidth at any other time forces an extra
   full layout of the page, which Lighthouse measured as 50-180 ms long tasks on a phone. */
(function () {
  if (!window.ResizeObserver) return;
  var LABELS = [
    [".md-typeset__scrollwrap", "Bảng – cuộn ngang để xem hết"],
    [".md-typeset pre > code", "Mã – cuộn ngang để xem hết"]
  ];
  var watched = new WeakSet();

  function focusable(el, label) {
    if (el.scrollWidth > el.clientWidth) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    } else if (el.hasAttribute("tabindex")) {
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  }

  /* A box's content (the table inside a wrapper) can widen without the box resizing, so
     both are observed; either change re-checks the box. */
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target.__msBox || entry.target;
      if (box.isConnected) focusable(box, box.__msLabel);
    });
  });

  function watch() {
    LABELS.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (box) {
        if (watched.has(box)) return;
        watched.add(box);
        box.__msLabel = pair[1];
        observer.observe(box);
        if (box.firstElementChild) {
          box.firstElementChild.__msBox = box;
          observer.observe(box.firstElementChild);
        }
      });
    });
  }

  watch();
  /* Material's bundle replaces the table wrappers when it arrives: watch the new ones. */
  new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
})();
