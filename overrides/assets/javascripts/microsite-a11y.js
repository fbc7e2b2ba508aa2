/* Keyboard access to wide tables and code (WCAG 2.1.1, axe "scrollable-region-focusable"):
   a table wrapper (.md-typeset__scrollwrap, written by the build and re-made by Material's
   bundle) or a code block that scrolls sideways (phones) must take focus so arrow keys can
   scroll it. Material's bundle arrives only on the first interaction (microsite-on-demand.js),
   so this runs after load and on every change after. Not earlier: reading scrollWidth while
   the page is still parsing forces an extra full layout inside the parser's task, which
   Lighthouse measured as a 150 ms long task on a phone. */
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
  function start() {
    fix();
    new MutationObserver(fix).observe(document.documentElement, {childList: true, subtree: true});
    window.addEventListener("resize", fix);
  }
  /* After the frame that follows load: layout is fresh then, so reading sizes costs nothing
     and adds no forced layout to the load event's task. */
  function later() { requestAnimationFrame(function () { setTimeout(start, 0); }); }
  if (document.readyState === "complete") later(); else window.addEventListener("load", later, {once: true});
})();
