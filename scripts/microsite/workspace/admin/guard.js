/* No silent overwrite (the browser's half of workspace/save_guard.py).
 * Decap's local backend posts every request to /api/v1 with window.fetch. This wrapper
 * remembers the version of each file this tab was shown (the server adds it to every
 * entry read) and sends it back with a save or a delete; the server refuses when the file
 * changed meanwhile (another tab, another editor, a text editor). A refusal opens a
 * Vietnamese dialog that offers to load the saved version; the form keeps what was typed. */
(function () {
  'use strict';
  var API = '/api/v1';
  var bases = {};  // path -> version this tab opened
  var GUARDED = { persistEntry: true, deleteFiles: true, deleteFile: true };
  var READS = { entriesByFolder: true, entriesByFiles: true, getEntry: true };

  function pathsOf(request) {
    var params = request.params || {};
    if (request.action === 'persistEntry') {
      return (params.dataFiles || (params.entry ? [params.entry] : [])).map(function (f) { return f.path; });
    }
    if (request.action === 'deleteFiles') { return params.paths || []; }
    return params.path ? [params.path] : [];
  }

  function remember(request, data) {
    if (READS[request.action]) {
      (Array.isArray(data) ? data : [data]).forEach(function (entry) {
        if (entry && entry.file && entry.file.microsite_version) {
          bases[entry.file.path] = entry.file.microsite_version;
        }
      });
    } else if (request.action === 'persistEntry' && data && data.microsite_versions) {
      Object.keys(data.microsite_versions).forEach(function (path) {
        bases[path] = data.microsite_versions[path];
      });
    } else if (request.action === 'deleteFiles' || request.action === 'deleteFile') {
      pathsOf(request).forEach(function (path) { delete bases[path]; });
    }
  }

  var backdrop = null;
  function close() { if (backdrop) { backdrop.remove(); backdrop = null; } }
  function showRefusal(reply) {
    close();
    backdrop = document.createElement('div');
    backdrop.className = 'microsite-conflict-backdrop';
    var dialog = document.createElement('div');
    dialog.className = 'microsite-conflict';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-labelledby', 'microsite-conflict-title');
    dialog.setAttribute('aria-describedby', 'microsite-conflict-text');
    var title = document.createElement('h2');
    title.id = 'microsite-conflict-title';
    title.textContent = (reply.microsite_conflict || {}).deleted ? 'Tệp đã bị xóa ở nơi khác'
      : 'Người khác đã lưu bài này trước bạn';
    var text = document.createElement('p');
    text.id = 'microsite-conflict-text';
    text.textContent = reply.error;
    var reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Tải bản mới';
    reload.addEventListener('click', function () {
      if (window.MICROSITE_AUTOSAVE) { window.MICROSITE_AUTOSAVE.forgetCurrent(); }
      window.location.reload();
    });
    var keep = document.createElement('button');
    keep.type = 'button';
    keep.textContent = 'Để tôi chép lại nội dung trước';
    keep.addEventListener('click', close);
    dialog.addEventListener('keydown', function (e) { if (e.key === 'Escape') { close(); } });
    dialog.append(title, text, reload, keep);
    backdrop.appendChild(dialog);
    document.body.appendChild(backdrop);
    keep.focus();
  }

  var original = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!init || init.method !== 'POST' || new URL(url, window.location.href).pathname !== API) {
      return original(input, init);
    }
    var request;
    try { request = JSON.parse(init.body); } catch (e) { return original(input, init); }
    if (GUARDED[request.action]) {
      var sent = {};
      pathsOf(request).forEach(function (path) { if (path in bases) { sent[path] = bases[path]; } });
      init = Object.assign({}, init, { body: JSON.stringify(Object.assign({}, request, { microsite_bases: sent })) });
    }
    return original(input, init).then(function (response) {
      if (!READS[request.action] && !GUARDED[request.action]) { return response; }
      return response.clone().json().then(function (data) {
        if (response.ok) { remember(request, data); }
        if (response.status === 409 && data && data.microsite_conflict) { showRefusal(data); }
        return response;
      }, function () { return response; });
    });
  };

  window.MICROSITE_GUARD = {
    baseOf: function (path) { return bases[path]; },
    setBase: function (path, version) { if (path && version) { bases[path] = version; } },
  };
}());
