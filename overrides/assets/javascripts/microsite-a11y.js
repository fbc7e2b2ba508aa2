/* Keyboard access to wide tables and code (WCAG 2.1.1, axe "scrollable-region-focusable"):
   a table wrapper (.md-typeset__scrollwrap, written by the build and re-made by Material's
   bundle) or a code block that scrolls sideways (phones) must take focus so arrow keys can
   scroll it. Material's bundle arrives only on the first interaction (microsite-on-demand.js),
   so this runs at once, once fonts and images have settled, and on every change after. */
(function () {
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
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      focusable(el, "Bảng – cuộn ngang để xem hết");
    });
    document.querySelectorAll(".md-typeset pre > code").forEach(function (el) {
      focusable(el, "Mã – cuộn ngang để xem hết");
    });
  }
  new MutationObserver(fix).observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("resize", fix);
  window.addEventListener("load", fix);
  fix();
})();
