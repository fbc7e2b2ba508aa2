/* The site's additions to Decap CMS, registered before CMS.init:
 * the missing Vietnamese strings, the site's stylesheets in the preview, the
 * ::infographic embed (shown as its picture), the ::video/::audio embed (a player), the save rules the form cannot express
 * (a picture needs its description and credit, approval needs a reviewer), and the
 * banner that shows the last check and the appraisal queue (/_workspace/status.json). */
(function () {
  'use strict';
  var CMS = window.CMS;
  var SITE = window.MICROSITE_SITE;
  var h = window.h;

  function merge(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === 'object' && out[key] && typeof out[key] === 'object'
        ? merge(out[key], value) : value;
    });
    return out;
  }
  CMS.registerLocale('vi', merge(CMS.getLocale('vi') || {}, SITE.vi));

  SITE.styles.forEach(function (href) { CMS.registerPreviewStyle(href); });

  function infographicImage(id) { return SITE.infographicImage.split('{id}').join(id); }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    });
  }
  var ids = Object.keys(SITE.infographics);
  CMS.registerEditorComponent({
    id: 'infographic',
    label: 'Infographic',
    fields: [{ name: 'id', label: 'Infographic', widget: 'select',
      options: ids.map(function (id) { return { label: SITE.infographics[id], value: id }; }) }],
    pattern: /^::infographic[ \t]+([a-z0-9-]+)[ \t]*$/,
    fromBlock: function (match) { return { id: match[1] }; },
    toBlock: function (data) { return '::infographic ' + data.id; },
    toPreview: function (data) {
      var title = SITE.infographics[data.id] || data.id;
      return '<figure class="microsite-infographic"><img src="' + infographicImage(data.id) +
        '" alt="' + escapeHtml(title) + '"><figcaption>' + escapeHtml(title) + '</figcaption></figure>';
    },
  });

  /* ::video FILE "Tiêu đề" / ::audio FILE: the file, its captions (NAME.vi.vtt) and a video's
   * poster (NAME.jpg) are uploaded beside the article (media/site_check.py checks the names);
   * the preview shows the browser's own player with the captions. */
  var MEDIA_LINE = /^::(video|audio)[ \t]+([^\s"]+)(?:[ \t]+"([^"]*)")?[ \t]*$/;
  function assetUrl(getAsset, path) {
    if (!path) { return ''; }
    try { return String(getAsset ? getAsset(path) : path); } catch (e) { return path; }
  }
  function sidecar(path, suffix) { return path.replace(/\.[^./]+$/, '') + suffix; }
  CMS.registerEditorComponent({
    id: 'media',
    label: 'Video / âm thanh',
    fields: [
      { name: 'kind', label: 'Loại', widget: 'select', default: 'video',
        options: [{ label: 'Video (MP4: H.264 + AAC)', value: 'video' },
                  { label: 'Âm thanh (MP3 hoặc M4A)', value: 'audio' }] },
      { name: 'src', label: 'Tệp video hoặc âm thanh', widget: 'file' },
      { name: 'captions', label: 'Phụ đề tiếng Việt (WebVTT, cùng tên tệp, đuôi .vi.vtt)', widget: 'file',
        required: false, hint: 'Ví dụ: phong-su.mp4 cần phụ đề phong-su.vi.vtt. Bắt buộc: thiếu thì lệnh kiểm tra báo lỗi.' },
      { name: 'poster', label: 'Ảnh đại diện của video (JPEG, cùng tên, đuôi .jpg)', widget: 'image', required: false },
      { name: 'title', label: 'Tiêu đề (không bắt buộc)', widget: 'string', required: false },
    ],
    pattern: MEDIA_LINE,
    fromBlock: function (match) {
      return { kind: match[1], src: match[2], title: match[3] || '',
        captions: sidecar(match[2], '.vi.vtt'), poster: match[1] === 'video' ? sidecar(match[2], '.jpg') : '' };
    },
    toBlock: function (data) {
      var title = (data.title || '').replace(/"/g, '');
      return '::' + (data.kind || 'video') + ' ' + (data.src || '') + (title ? ' "' + title + '"' : '');
    },
    toPreview: function (data, getAsset) {
      var kind = data.kind === 'audio' ? 'audio' : 'video';
      var src = assetUrl(getAsset, data.src);
      var captions = assetUrl(getAsset, data.captions || sidecar(data.src || '', '.vi.vtt'));
      var poster = kind === 'video' && data.poster ? ' poster="' + escapeHtml(assetUrl(getAsset, data.poster)) + '"' : '';
      var label = data.title || (kind === 'video' ? 'Video' : 'Bản tin âm thanh');
      return '<figure class="media-player media-' + kind + '"><' + kind + ' controls preload="none"' +
        (kind === 'video' ? ' playsinline' : '') + poster + ' aria-label="' + escapeHtml(label) + '" src="' +
        escapeHtml(src) + '"><track kind="captions" srclang="vi" label="Phụ đề tiếng Việt" default src="' +
        escapeHtml(captions) + '"></' + kind + '><figcaption>' + escapeHtml(label) + '</figcaption></figure>';
    },
  });

  /* The article preview: the site's typography (Material's md-typeset) around the fields. */
  function ArticlePreview(props) {
    var data = props.entry.get('data');
    var summary = data.get('summary');
    return h('div', { className: 'md-container' },
      h('main', { className: 'md-main' },
        h('div', { className: 'md-content' },
          h('article', { className: 'md-content__inner md-typeset' },
            h('h1', {}, data.get('title') || ''),
            summary ? h('p', { className: 'microsite-summary' }, h('strong', {}, summary)) : null,
            props.widgetFor('body')))));
  }
  CMS.registerPreviewTemplate('articles', ArticlePreview);

  function isBlank(value) { return value === undefined || value === null || String(value).trim() === ''; }
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (event) {
      var entry = event.entry;
      if (entry.get('collection') !== 'articles') { return undefined; }
      var data = entry.get('data');
      var image = data.get('image');
      if (image && isBlank(image.get('src')) && isBlank(image.get('alt')) && isBlank(image.get('credit'))) {
        data = data.delete('image');
      } else if (image && (isBlank(image.get('src')) || isBlank(image.get('alt')) || isBlank(image.get('credit')))) {
        throw new Error('Ảnh đại diện cần đủ ba mục: Tệp ảnh, Mô tả ảnh và Tác giả ảnh.');
      }
      if (data.get('status') === 'approved' && isBlank(data.get('reviewer'))) {
        throw new Error('Bài "Đã thẩm định" phải ghi Người thẩm định.');
      }
      if (isBlank(data.get('reviewer'))) { data = data.set('reviewer', null); }
      return data;
    },
  });

  // Newest first in the lists until the editor sorts otherwise (where Decap keeps that choice).
  var SORT_KEY = 'decap-cms.entries.sort';
  var sort = {};
  try { sort = JSON.parse(window.localStorage.getItem(SORT_KEY) || '{}') || {}; } catch (e) { sort = {}; }
  Object.keys(SITE.sort).forEach(function (collection) {
    if (!sort[collection]) {
      var field = SITE.sort[collection];
      sort[collection] = {};
      sort[collection][field] = { key: field, direction: 'Descending', index: 0 };
    }
  });
  window.localStorage.setItem(SORT_KEY, JSON.stringify(sort));

  // Raw Markdown unless the editor chose otherwise: it keeps every line as typed.
  if (window.localStorage.getItem('cms.md-mode') === null) { window.localStorage.setItem('cms.md-mode', 'raw'); }
  CMS.init();
  window.MICROSITE_AUTOSAVE.start();

  /* The banner: the check's result after every save, and the appraisal queue. It never hides
   * the form: the form's scrolling panes end above it (--microsite-banner-h), its details fold
   * away, and the field at fault is marked in the open entry's form. */
  var banner = document.getElementById('microsite-banner');
  var shown = -1;
  var folded = false;
  var last = null;
  function item(text) { var li = document.createElement('li'); li.textContent = text; return li; }
  function room() {
    var height = banner.hidden ? 0 : banner.offsetHeight;
    document.documentElement.style.setProperty('--microsite-banner-h', height + 'px');
  }
  if (window.ResizeObserver) { new window.ResizeObserver(room).observe(banner); }
  function fieldName(e) { return e.label || e.field; }
  function render(status) {
    banner.replaceChildren();
    banner.hidden = false;
    banner.classList.toggle('has-errors', !status.ok);
    var head = document.createElement('div');
    head.className = 'head';
    var title = document.createElement('h2');
    title.className = 'check';
    title.textContent = status.ok ? 'Kiểm tra nội dung: không có lỗi.'
      : 'Kiểm tra nội dung: có lỗi ở ' + (status.errors.length || 1) + ' chỗ. Sửa rồi lưu lại.';
    head.appendChild(title);
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    head.appendChild(toggle);
    banner.appendChild(head);
    var details = document.createElement('div');
    details.className = 'details';
    details.id = 'microsite-banner-details';
    toggle.setAttribute('aria-controls', details.id);
    function fold(value) {
      folded = value;
      details.hidden = value;
      toggle.textContent = value ? 'Xem chi tiết' : 'Thu gọn';
      toggle.setAttribute('aria-expanded', String(!value));
      room();
    }
    toggle.addEventListener('click', function () { fold(!folded); });
    if (!status.ok) {
      var list = document.createElement('ul');
      status.errors.forEach(function (e, i) {
        var where = e.file + (e.line ? ', dòng ' + e.line : '') + (fieldName(e) ? ', trường "' + fieldName(e) + '"' : '');
        var li = item(where + ': ' + e.message);
        li.id = 'microsite-error-' + i;
        if (e.hint) {
          var hint = document.createElement('div');
          hint.className = 'hint';
          hint.textContent = 'Cách sửa: ' + e.hint;
          li.appendChild(hint);
        }
        list.appendChild(li);
      });
      if (!status.errors.length) { list.appendChild(item(status.report)); }
      details.appendChild(list);
    }
    var queue = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = 'Chờ thẩm định: ' + status.waiting.length + ' bài';
    queue.appendChild(summary);
    var waiting = document.createElement('ul');
    status.waiting.forEach(function (a) { waiting.appendChild(item(a.date + ' | ' + a.title + ' (' + a.file + ')')); });
    queue.appendChild(waiting);
    banner.appendChild(details);
    banner.appendChild(queue);
    toggle.hidden = status.ok;
    fold(status.ok ? true : Boolean(folded && last && !last.ok));
  }

  /* The field at fault, in the form of the entry open in the editor (Decap's labels are
   * <label for="NAME-field-N">): marked, its control aria-invalid and described by the banner. */
  function openEntry() {
    var found = /#\/collections\/[^/]+\/entries\/([^?]+)/.exec(window.location.hash);
    return found ? decodeURIComponent(found[1]) : null;
  }
  function labelFor(error) {
    var parts = String(error.field).match(/[^.\[\]]+/g) || [];
    var top = document.querySelector('label[for^="' + parts[0] + '-field"]');
    var leaf = parts.filter(function (p) { return !/^\d+$/.test(p); }).pop();
    if (!top || leaf === parts[0]) { return top; }
    var box = top.parentElement && top.parentElement.parentElement;
    var inner = box ? box.querySelectorAll('label[for^="' + leaf + '-field"]') : [];
    var index = parts.length > 1 && /^\d+$/.test(parts[1]) ? Number(parts[1]) - 1 : 0;
    return inner[index] || inner[0] || top;
  }
  function markFields(status) {
    document.querySelectorAll('.microsite-field-error').forEach(function (label) {
      label.classList.remove('microsite-field-error');
      var control = document.getElementById(label.htmlFor);
      if (control) { control.removeAttribute('aria-invalid'); control.removeAttribute('aria-describedby'); }
    });
    var entry = openEntry();
    if (!status || status.ok || !entry) { return; }
    status.errors.forEach(function (e, i) {
      var name = String(e.file).split('/').pop().replace(/\.[^.]+$/, '');
      if (!e.field || name !== entry) { return; }
      var label = labelFor(e);
      if (!label) { return; }
      label.classList.add('microsite-field-error');
      var control = document.getElementById(label.htmlFor);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', 'microsite-error-' + i);
      }
    });
  }
  /* The reviewer is required once the article is approved: its label says so instead of Decap's
   * "(không bắt buộc)", which contradicted the refusal of an approval without a reviewer. */
  function reviewerLabel() {
    var label = document.querySelector('label[for^="reviewer-field"]');
    if (!label) { return; }
    var walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue.indexOf('(không bắt buộc)') >= 0) {
        node.nodeValue = node.nodeValue.replace('(không bắt buộc)', '(bắt buộc khi Đã thẩm định)');
      }
    }
  }
  function poll() {
    fetch(SITE.statusUrl, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (status.version !== shown) { render(status); shown = status.version; }
        last = status;
      })
      .catch(function () { /* the preview server restarts: try again */ })
      .then(function () { markFields(last); reviewerLabel(); setTimeout(poll, 1500); });
  }
  if (!SITE.statusUrl) { setInterval(reviewerLabel, 1000); }
  if (SITE.statusUrl) { poll(); }  // a published workspace has no preview server to ask
}());
