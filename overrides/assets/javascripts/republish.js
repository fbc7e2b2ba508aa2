/* Copy buttons of the "Đăng lại bài viết này" box (issue 5). First-party, no dependency.
   Uses the asynchronous Clipboard API; where it is missing or refused (plain http,
   old browsers) falls back to selecting the textarea and document.execCommand("copy"). */
(function () {
  "use strict";

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
    var box = button.closest(".ms-republish");
    if (!field) return;
    var done = function () { announce(box, "Đã sao chép"); };
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
