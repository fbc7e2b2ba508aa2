/* Copy buttons: the "Đăng lại bài viết này" box and "Sao chép liên kết" of the share
   row (partials/share.html). First-party, no dependency. A button names the field it copies
   (data-ms-copy) and may name its message (data-ms-copy-done); the status region is the one
   inside its box (.ms-republish or [data-ms-copy-box]). Uses the asynchronous Clipboard API;
   where it is missing or refused (plain http, old browsers) falls back to selecting the field
   and document.execCommand("copy"). Included by both partials, it runs once. */
(function () {
  "use strict";
  if (window.msCopyButtons) return;
  window.msCopyButtons = true;

  function announce(box, message) {
    var status = box && box.querySelector("[data-ms-copy-status]");
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

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-ms-copy"));
    var box = button.closest("[data-ms-copy-box], .ms-republish");
    if (!field) return;
    var message = button.getAttribute("data-ms-copy-done") || "Đã sao chép";
    var done = function () { announce(box, message); };
    var failed = function () {
      if (fallbackCopy(field)) { done(); }
      else { announce(box, "Không sao chép được: hãy chọn nội dung trong ô và nhấn Ctrl+C."); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, failed);
    } else {
      failed();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("[data-ms-copy]") : null;
    if (button) copy(button);
  });
})();
