/* Share buttons of an article (partials/share.html). First-party, no request anywhere:
   "Sao chép liên kết" copies the article's address (Clipboard API; where it is missing or
   refused, selects the address field and uses execCommand("copy")); "Chia sẻ qua ứng dụng"
   opens the device's share sheet (Web Share API: Zalo, Messenger... on phones) and stays
   hidden where the browser has none. */
(function () {
  "use strict";

  function announce(message) {
    var status = document.querySelector("[data-ms-share-status]");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function fallbackCopy(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    return ok;
  }

  function copyLink(button) {
    var field = document.getElementById(button.getAttribute("data-ms-copy-link"));
    if (!field) return;
    var done = function () { announce("Đã sao chép liên kết"); };
    var failed = function () {
      if (fallbackCopy(field)) { done(); }
      else { announce("Không sao chép được: hãy chọn liên kết trong ô và nhấn Ctrl+C."); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  }

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
    if (!target || !target.closest) return;
    var copy = target.closest("[data-ms-copy-link]");
    if (copy) { copyLink(copy); return; }
    if (target.closest("[data-ms-share-native]")) shareNative();
  });
})();
