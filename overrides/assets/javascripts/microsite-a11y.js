/* Keyboard access to wide tables (WCAG 2.1.1, axe "scrollable-region-focusable"):
   Material wraps tables in .md-typeset__scrollwrap at runtime; a wrapper that scrolls
   sideways (phones) must take focus so arrow keys can scroll it. Runs on every change. */
(function () {
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) {
        el.tabIndex = 0;
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "Bảng – cuộn ngang để xem hết");
      } else if (el.hasAttribute("tabindex")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    });
  }
  new MutationObserver(fix).observe(document.documentElement, {childList: true, subtree: true});
  window.addEventListener("resize", fix);
})();
