/* Photo stories (::gallery, markdown/gallery_embed.py): a viewer over the plain list of
   figures the page already is without JavaScript. A photo's link opens it in a modal
   <dialog> (focus kept inside, Escape closes, the page behind is inert); the arrow keys,
   Home and End, or the "Ảnh trước" / "Ảnh sau" buttons move through the story; the position
   and caption are announced; closing returns focus to the link of the photo last shown.
   First-party, no inline script or style (CSP script-src 'self'). */
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function") return; /* very old browser: the links open the photos */

  function button(cls, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ms-viewer__button " + cls;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function setUp(box) {
    var links = Array.prototype.slice.call(box.querySelectorAll(".ms-gallery__open"));
    if (!links.length) return;
    var current = 0;

    var dialog = document.createElement("dialog");
    dialog.className = "ms-viewer";
    dialog.setAttribute("aria-label", "Xem ảnh phóng sự");
    var bar = document.createElement("div");
    bar.className = "ms-viewer__bar";
    var count = document.createElement("p");
    count.className = "ms-viewer__count";
    count.setAttribute("aria-live", "polite");
    var close = button("ms-viewer__close", "Đóng", "×");
    bar.appendChild(count);
    bar.appendChild(close);
    var figure = document.createElement("figure");
    figure.className = "ms-viewer__figure";
    var img = document.createElement("img");
    img.className = "ms-viewer__img";
    var caption = document.createElement("figcaption");
    caption.className = "ms-viewer__caption";
    figure.appendChild(img);
    figure.appendChild(caption);
    var nav = document.createElement("div");
    nav.className = "ms-viewer__nav";
    var prev = button("ms-viewer__prev", "Ảnh trước", "‹ Ảnh trước");
    var next = button("ms-viewer__next", "Ảnh sau", "Ảnh sau ›");
    nav.appendChild(prev);
    nav.appendChild(next);
    dialog.appendChild(bar);
    dialog.appendChild(figure);
    dialog.appendChild(nav);
    document.body.appendChild(dialog);

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var thumb = link.querySelector("img");
      var source = link.closest("figure").querySelector("figcaption");
      img.src = link.href;
      img.alt = thumb ? thumb.alt : "";
      if (thumb) { /* the photo's own size: the box is laid out before the photo arrives */
        img.width = parseInt(thumb.getAttribute("width"), 10) || 0;
        img.height = parseInt(thumb.getAttribute("height"), 10) || 0;
      }
      caption.textContent = source ? source.textContent : "";
      count.textContent = "Ảnh " + (current + 1) + "/" + links.length;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        show(index);
        dialog.showModal();
        next.focus();
      });
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    /* Tab goes round the three buttons (the page behind is inert; without this, focus would
       leave for the browser's own toolbar after the last one). */
    var order = [close, prev, next];
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Tab") {
        var at = order.indexOf(document.activeElement);
        var to = event.shiftKey ? (at <= 0 ? order.length - 1 : at - 1) : (at + 1) % order.length;
        event.preventDefault();
        order[to].focus();
        return;
      }
      var moves = {ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1};
      if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
        event.preventDefault();
        show(moves[event.key]);
      }
    });
    /* A click on the backdrop (outside the dialog's box) closes it, as Escape does. */
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () { links[current].focus(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-ms-gallery]"), setUp);
})();
