/* "In bài" button (partials/print.html): the browser's print dialog, first-party, no inline
   handler (CSP script-src 'self'). Lazy images below the fold would print blank, so every
   image of the article is loaded before printing, from the button or the browser's menu. */
(function () {
  "use strict";

  function loadImages() {
    var images = document.querySelectorAll("article img[loading='lazy']");
    for (var i = 0; i < images.length; i++) images[i].loading = "eager";
  }

  window.addEventListener("beforeprint", loadImages);
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-ms-print]")) {
      loadImages();
      window.print();
    }
  });
})();
