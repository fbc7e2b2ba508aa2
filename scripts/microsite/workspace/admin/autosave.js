/* No lost typing: an autosave the workspace owns.
 * Decap's own backup asks "restore?" on reopening and then loses the race with the entry it
 * is loading (the loaded entry replaces the restored one: "OK" restored nothing). Here the
 * form's state is read from Decap's store after every change and kept in localStorage (it
 * survives a closed tab, a reload and a restarted server); when the same entry is opened
 * again and its form is ready, the unsaved text is put back and a notice says so. A save
 * forgets it. With the text goes the version of the file it was typed over (guard.js), so a
 * restored draft cannot silently overwrite a save made in the meantime. */
(function () {
  'use strict';
  var CMS = window.CMS;
  var PREFIX = 'microsite.autosave.';
  var store = null;
  var handled = {};  // draft keys already looked at (Decap makes a new key per loaded draft)
  var timer = null;
  var pending = null;
  var busy = false;
  var stopped = false;  // the editor dropped the draft: nothing more is written before the reload

  function keyOf(collection, slug) { return PREFIX + collection + '/' + (slug || ''); }
  function draftKey(entry) { return keyOf(entry.get('collection'), entry.get('newRecord') ? '' : entry.get('slug')); }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function localText(date) {  // a Date from Decap's YAML parser, kept as the site writes dates
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
      pad(date.getHours()) + ':' + pad(date.getMinutes());
  }
  function serialize(data) {
    return JSON.stringify(data && data.toJS ? data.toJS() : data, function (key, value) {
      return this[key] instanceof Date ? localText(this[key]) : value;
    });
  }
  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  }
  function forget(key) { window.localStorage.removeItem(key); }

  function write() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (!pending || stopped) { return; }
    var entry = pending;
    pending = null;
    var path = entry.get('path') || '';
    var guard = window.MICROSITE_GUARD;
    var previous = read(draftKey(entry));
    window.localStorage.setItem(draftKey(entry), JSON.stringify({
      data: JSON.parse(serialize(entry.get('data'))), path: path, savedAt: Date.now(),
      // the version the typing started from: kept from the first autosave of this draft
      base: (previous && previous.base) || (guard && path ? guard.baseOf(path) : undefined) || null,
    }));
  }

  function whenText(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ' ngày ' + d.getDate() + '-' + (d.getMonth() + 1) +
      '-' + d.getFullYear();
  }

  function notice(saved, key) {
    var old = document.getElementById('microsite-restored');
    if (old) { old.remove(); }
    var box = document.createElement('div');
    box.id = 'microsite-restored';
    box.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = 'Đã khôi phục phần bạn viết dở chưa lưu (lần gõ cuối lúc ' + whenText(saved.savedAt) +
      '). Bấm Lưu để giữ lại.';
    var drop = document.createElement('button');
    drop.type = 'button';
    drop.textContent = 'Bỏ phần viết dở';
    drop.addEventListener('click', function () { stopped = true; forget(key); window.location.reload(); });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Đóng thông báo';
    close.addEventListener('click', function () { box.remove(); });
    box.append(text, drop, close);
    document.body.appendChild(box);
  }

  function restore(draft) {
    var entry = draft.get('entry');
    handled[draft.get('key')] = true;
    var key = draftKey(entry);
    var saved = read(key);
    if (!saved) { return; }
    if (JSON.stringify(saved.data) === serialize(entry.get('data'))) { forget(key); return; }
    var restored = entry.toJS();
    restored.data = saved.data;
    busy = true;
    try {
      store.dispatch({ type: 'DRAFT_LOCAL_BACKUP_RETRIEVED', payload: { entry: restored } });
      store.dispatch({ type: 'DRAFT_CREATE_FROM_LOCAL_BACKUP' });
    } finally {
      busy = false;
    }
    handled[store.getState().entryDraft.get('key')] = true;
    if (saved.base && saved.path && window.MICROSITE_GUARD) { window.MICROSITE_GUARD.setBase(saved.path, saved.base); }
    notice(saved, key);
  }

  function changed() {
    if (busy) { return; }
    var draft = store.getState().entryDraft;
    var entry = draft && draft.get('entry');
    if (!entry || entry.get('isFetching') || !entry.get('collection')) { return; }
    if (draft.get('hasChanged')) {
      if (entry.get('isPersisting')) { return; }
      pending = entry;
      if (!timer) { timer = setTimeout(write, 300); }
    } else if (!handled[draft.get('key')] && entry.get('data')) {
      restore(draft);
    }
  }

  function findStore() {
    var root = document.getElementById('nc-root');
    var name = root && Object.keys(root).find(function (k) { return k.indexOf('__reactContainer$') === 0; });
    var queue = name ? [root[name]] : [];
    for (var n = 0; queue.length && n < 2000; n += 1) {
      var fiber = queue.shift();
      if (!fiber) { continue; }
      var props = fiber.memoizedProps;
      if (props && props.store && props.store.getState && props.store.dispatch) { return props.store; }
      queue.push(fiber.child, fiber.sibling);
    }
    return null;
  }
  function attach() {
    store = findStore();
    if (!store) { setTimeout(attach, 100); return; }
    store.subscribe(changed);
    changed();
  }

  // Decap's own backup prompt is answered "no": its restore is the broken one described above.
  var confirm = window.confirm.bind(window);
  window.confirm = function (message) {
    var vi = CMS.getLocale('vi') || {};
    var phrase = vi.editor && vi.editor.editor && vi.editor.editor.confirmLoadBackup;
    return message === phrase ? false : confirm(message);
  };

  CMS.registerEventListener({
    name: 'postSave',
    handler: function (event) {
      var entry = event.entry;
      pending = null;
      if (timer) { clearTimeout(timer); timer = null; }
      forget(keyOf(entry.get('collection'), entry.get('slug')));
      forget(keyOf(entry.get('collection'), ''));
      var box = document.getElementById('microsite-restored');
      if (box) { box.remove(); }
    },
  });
  window.addEventListener('pagehide', write);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { write(); } });

  window.MICROSITE_AUTOSAVE = {
    start: attach,
    forgetCurrent: function () {
      var entry = store && store.getState().entryDraft.get('entry');
      pending = null;
      stopped = true;
      if (entry) { forget(draftKey(entry)); }
    },
  };
}());
