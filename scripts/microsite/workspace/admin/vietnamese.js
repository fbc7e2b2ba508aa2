/* Vietnamese where Decap's locale cannot reach: the English of the libraries inside it
 * (react-select's "Remove …" and its screen-reader messages, dnd-kit's drag instructions),
 * the widget names in field labels for screen readers, and the values the lists show by
 * key (a status "draft", a chart kind "(bars)"): shown by the labels the forms use.
 * A MutationObserver rewrites text and the attributes a screen reader reads as they appear;
 * each rule turns English into Vietnamese only, so a rewritten node is left alone. */
(function () {
  'use strict';
  var VALUES = window.MICROSITE_SITE.values;
  var WIDGETS = {
    string: 'chữ', text: 'đoạn văn', number: 'số', boolean: 'bật/tắt', select: 'lựa chọn', list: 'danh sách',
    object: 'nhóm mục', image: 'ảnh', file: 'tệp', markdown: 'nội dung', datetime: 'ngày giờ', 'ngay-gio': 'ngày giờ',
    hidden: 'ẩn', relation: 'liên kết bài', code: 'mã', color: 'màu', map: 'bản đồ',
  };
  function keys(map) { return Object.keys(map).map(function (k) { return k.replace(/[-]/g, '\\-'); }).join('|'); }
  var STATUS = new RegExp('^(.*) · (' + keys(VALUES.status) + ') · (.*)$');
  var GROUP = new RegExp('^(Trạng thái) (' + keys(VALUES.status) + ')$');
  var KIND = new RegExp('^(.*) \\((' + keys(VALUES.kind) + ')\\)$');
  var DRAG_HELP = 'Để nhấc một mục lên, bấm phím cách. Khi đang kéo, dùng phím mũi tên để di chuyển mục. ' +
    'Bấm phím cách lần nữa để thả mục vào chỗ mới, hoặc bấm Esc để hủy.';
  var SELECT_HELP = 'Dùng phím mũi tên lên, xuống để chọn, Enter để chọn mục đang đứng, Esc để đóng danh sách.';

  var TEXT = [
    [STATUS, function (m) { return m[1] + ' · ' + VALUES.status[m[2]] + ' · ' + m[3]; }],
    [GROUP, function (m) { return m[1] + ': ' + VALUES.status[m[2]]; }],
    [KIND, function (m) { return m[1] + ' (' + VALUES.kind[m[2]] + ')'; }],
    [/^To pick up a draggable item/, function () { return DRAG_HELP; }],
    [/^Picked up draggable item (.*)\.$/, function (m) { return 'Đã nhấc mục ' + m[1] + '.'; }],
    [/^Draggable item (.*) was moved over droppable area (.*)\.$/, function (m) { return 'Mục ' + m[1] + ' đang ở trên vị trí ' + m[2] + '.'; }],
    [/^Draggable item (.*) is no longer over a droppable area\.$/, function (m) { return 'Mục ' + m[1] + ' đã ra khỏi vùng thả.'; }],
    [/^Draggable item (.*) was dropped over droppable area (.*)$/, function (m) { return 'Đã thả mục ' + m[1] + ' vào vị trí ' + m[2] + '.'; }],
    [/^Dragging was cancelled\. Draggable item (.*) was dropped\.$/, function (m) { return 'Đã hủy kéo. Mục ' + m[1] + ' về chỗ cũ.'; }],
    [/^Draggable item (.*) was dropped\.$/, function (m) { return 'Đã thả mục ' + m[1] + '.'; }],
    [/^option (.*), selected\.$/, function (m) { return 'Đã chọn ' + m[1] + '.'; }],
    [/^option (.*), deselected\.$/, function (m) { return 'Đã bỏ chọn ' + m[1] + '.'; }],
    [/^options (.*), selected\.$/, function (m) { return 'Đã chọn ' + m[1] + '.'; }],
    [/^option (.*) is disabled\. Select another option\.$/, function (m) { return m[1] + ' không chọn được; hãy chọn mục khác.'; }],
    [/^All selected options have been cleared\.$/, function () { return 'Đã bỏ mọi lựa chọn.'; }],
    [/^option (.*) focused(?:, (?:selected)?)?,? ?(\d+) of (\d+)\.$/, function (m) { return 'Đang đứng ở ' + m[1] + ', mục ' + m[2] + ' trên ' + m[3] + '.'; }],
    [/^value (.*) focused, (\d+) of (\d+)\.$/, function (m) { return 'Đang đứng ở lựa chọn ' + m[1] + ', ' + m[2] + ' trên ' + m[3] + '.'; }],
    [/^(\d+) results? available(?: for search term (.*))?\.$/, function (m) { return 'Có ' + m[1] + ' kết quả' + (m[2] ? ' cho "' + m[2] + '"' : '') + '.'; }],
    [/^(?:Select is focused|Use Up and Down|.* is focused ?,? ?type to refine list|.*press Down to open the menu|.*press left to focus selected values)/,
      function () { return SELECT_HELP; }],
    [/^No options$/, function () { return 'Không có lựa chọn nào'; }],
    [/^Loading\.\.\.$/, function () { return 'Đang tải…'; }],
    [/^(.*?)(?:API_ERROR|Error): (.*)$/, function (m) { return m[1] + m[2]; }],
  ];
  var LABELS = [
    [/^Remove (.*)$/, function (m) { return 'Gỡ ' + m[1]; }],
    [/^Trường ([\w-]+)$/, function (m) { return 'Ô ' + (WIDGETS[m[1]] || 'nhập'); }],
    [/^sortable$/, function () { return 'mục kéo thả được'; }],
    [/^draggable$/, function () { return 'mục kéo được'; }],
    [/^Logo$/, function () { return 'Biểu trưng của trang'; }],
    [/^close$/, function () { return 'Đóng thông báo'; }],  // a toast's close button
    [/^notification timer$/, function () { return 'Thời gian còn lại của thông báo'; }],
  ].concat(TEXT);
  var ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'aria-roledescription', 'alt'];

  function rewrite(text, rules) {
    var trimmed = text.trim();
    for (var i = 0; i < rules.length; i += 1) {
      var m = rules[i][0].exec(trimmed);
      if (m) {
        var out = rules[i][1](m);
        return out === trimmed ? null : out;
      }
    }
    return null;
  }

  function fixText(node) {
    var parent = node.parentElement;
    if (!parent || parent.closest('textarea, [contenteditable=true], script, style')) { return; }
    var out = rewrite(node.textContent, TEXT);
    if (out !== null) { node.textContent = out; }
  }
  function fixAttributes(el) {
    ATTRIBUTES.forEach(function (name) {
      var value = el.getAttribute(name);
      if (value) {
        var out = rewrite(value, LABELS);
        if (out !== null) { el.setAttribute(name, out); }
      }
    });
  }
  function fixTree(root) {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) { return; }
    fixAttributes(root);
    root.querySelectorAll('[aria-label], [title], [placeholder], [aria-roledescription], [alt]').forEach(fixAttributes);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { fixText(walker.currentNode); }
  }

  var observer = new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      if (m.type === 'characterData') { fixText(m.target); }
      else if (m.type === 'attributes') { fixAttributes(m.target); }
      else { m.addedNodes.forEach(fixTree); }
    });
  });
  observer.observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  document.addEventListener('DOMContentLoaded', function () { fixTree(document.body); });
}());
