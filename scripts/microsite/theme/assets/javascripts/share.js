/* "Chia sẻ qua ứng dụng" of an article (partials/share.html): the device's share sheet (Web
   Share API: Zalo, Messenger... on phones), first-party, no request anywhere; the button stays
   hidden where the browser has none. "Sao chép liên kết" is one of republish.js's copy buttons. */
(function () {
  "use strict";

  function shareNative() {
    var field = document.getElementById("ms-share-url");
    if (!field || !navigator.share) return;
    navigator.share({ title: field.getAttribute("data-ms-share-title") || document.title, url: field.value })
      .catch(function () { /* the reader closed the share sheet */ });
  }

  var native = document.querySelector("[data-ms-share-native-item]");
  if (native && navigator.share) native.hidden = false;

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-ms-share-native]")) shareNative();
  });
})();
