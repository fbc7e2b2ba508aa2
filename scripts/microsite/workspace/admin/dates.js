/* Dates as the editors write them: ngày/tháng/năm and 24 h, whatever the browser's language.
 * Decap's datetime widget is the browser's own <input type="datetime-local">, which shows
 * "mm/dd/yyyy, 03:15 AM" in an English browser. This widget ("ngay-gio") is a text field
 * that shows and takes "05/04/2023 09:30" (or "05/04/2023", "04/2023" where the field takes
 * them), with a button for now/today, and keeps the site's format in the file. */
(function () {
  'use strict';
  var CMS = window.CMS;
  var h = window.h;
  /* The forms a field takes, in the order they are tried: "datetime" (05/04/2023 09:30),
   * "date" (05/04/2023), "month" (04/2023). The file keeps 2023-04-05 09:30, 2023-04-05, 2023-04. */
  var TYPED = {
    datetime: /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})$/,
    date: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    month: /^()(\d{1,2})\/(\d{4})$/,
  };
  var EXAMPLE = { datetime: '05/04/2023 09:30', date: '05/04/2023', month: '04/2023' };
  var NAME = { datetime: 'ngày/tháng/năm giờ:phút', date: 'ngày/tháng/năm', month: 'tháng/năm' };
  var STORED = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[ T](\d{2}):(\d{2}))?)?/;

  function pad(n) { return (Number(n) < 10 ? '0' : '') + Number(n); }
  function forms(field) {
    var listed = field.get('forms');
    if (listed && listed.toJS) { return listed.toJS(); }
    return String(field.get('format') || '').indexOf('HH') >= 0 ? ['datetime'] : ['date'];
  }
  function hasTime(field) { return forms(field)[0] === 'datetime'; }
  /* In range, not checked against the calendar: 30/02 reaches the file and the site's check,
   * which names the impossible day in its own words, as for a file edited by hand. */
  function inRange(m, kind) {
    return Number(m[2]) >= 1 && Number(m[2]) <= 12 && (kind === 'month' || (Number(m[1]) >= 1 && Number(m[1]) <= 31)) &&
      (kind !== 'datetime' || (Number(m[4]) < 24 && Number(m[5]) < 60));
  }

  /* What the file holds -> what the editor reads. */
  function shown(value, field) {
    var accepted = forms(field);
    if (value instanceof Date) {
      value = value.getFullYear() + '-' + pad(value.getMonth() + 1) + '-' + pad(value.getDate()) + ' ' +
        pad(value.getHours()) + ':' + pad(value.getMinutes());
    }
    var m = STORED.exec(String(value || ''));
    if (!m) { return String(value || ''); }
    if (!m[3]) { return m[2] + '/' + m[1]; }
    var day = m[3] + '/' + m[2] + '/' + m[1];
    if (m[4] && accepted.indexOf('datetime') >= 0) { return day + ' ' + m[4] + ':' + m[5]; }
    return accepted[0] === 'datetime' ? day + ' 00:00' : day;
  }

  /* What the editor typed -> what the file holds; null when it is not a real date yet. */
  function stored(text, field) {
    text = String(text || '').trim();
    var accepted = forms(field);
    for (var i = 0; i < accepted.length; i += 1) {
      var kind = accepted[i];
      var m = TYPED[kind].exec(text);
      if (!m || !inRange(m, kind)) { continue; }
      if (kind === 'month') { return m[3] + '-' + pad(m[2]); }
      var day = m[3] + '-' + pad(m[2]) + '-' + pad(m[1]);
      return kind === 'datetime' ? day + ' ' + pad(m[4]) + ':' + m[5] : day;
    }
    return null;
  }

  function now(field) {
    var d = new Date();
    var day = pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
    return hasTime(field) ? day + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) : day;
  }
  function described(field) {
    return forms(field).map(function (kind) { return NAME[kind] + (kind === 'datetime' ? ' (24 giờ)' : ''); }).join(' hoặc ');
  }
  function example(field) {
    return forms(field).map(function (kind) { return EXAMPLE[kind]; }).join(' hoặc ');
  }

  var Control = window.createClass({
    getInitialState: function () {
      return { text: shown(this.props.value, this.props.field) };
    },
    componentDidUpdate: function (prev) {
      if (prev.value !== this.props.value && this.props.value !== this.emitted) {
        this.setState({ text: shown(this.props.value, this.props.field) });
      }
    },
    emit: function (text) {
      var value = text.trim() === '' ? '' : (stored(text, this.props.field) || text);
      this.emitted = value;
      this.setState({ text: text });
      this.props.onChange(value);
    },
    isValid: function () {
      var field = this.props.field;
      var text = this.state.text.trim();
      if (text === '' || stored(text, field)) { return true; }
      return { error: { message: 'Ngày chưa đúng: viết ' + described(field) + ', ví dụ ' + example(field) + '.' } };
    },
    render: function () {
      var self = this;
      var withTime = hasTime(this.props.field);
      var label = this.props.field.get('label') || '';
      return h('div', { className: this.props.classNameWrapper + ' microsite-date' },
        h('input', {
          id: this.props.forID, type: 'text', inputMode: 'numeric', autoComplete: 'off',
          value: this.state.text,
          placeholder: described(this.props.field) + ', ví dụ ' + example(this.props.field),
          'aria-describedby': this.props.forID + '-format',
          onChange: function (e) { self.emit(e.target.value); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }),
        h('span', { id: this.props.forID + '-format', className: 'microsite-date-format' }, described(this.props.field)),
        h('button', {
          type: 'button', className: 'microsite-date-now',
          'aria-label': (withTime ? 'Điền ngày giờ hiện tại vào ô ' : 'Điền ngày hôm nay vào ô ') + label,
          onClick: function () { self.emit(now(self.props.field)); },
        }, withTime ? 'Bây giờ' : 'Hôm nay'),
        h('button', {
          type: 'button', className: 'microsite-date-clear', 'aria-label': 'Xóa ô ' + label,
          onClick: function () { self.emit(''); },
        }, 'Xóa'));
    },
  });

  function Preview(props) {
    return h('span', {}, shown(props.value, props.field));
  }

  CMS.registerWidget('ngay-gio', Control, Preview);
  window.MICROSITE_DATES = { shown: shown, stored: stored };
}());
