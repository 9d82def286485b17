// DRA web UI: search, article, trends, catalogue and sources pages.
// Hand-written, no dependencies. Every page reads its state from the URL,
// so what is on the screen can be shared and cited.
'use strict';

(function () {
  // ---------- language ----------
  const T = {
    vi: {
      brand: 'Lưu trữ báo cáo cấp huyện',
      'nav.search': 'Tìm kiếm', 'nav.trends': 'Xu hướng', 'nav.catalogue': 'Chỉ số', 'nav.sources': 'Nguồn',
      foot: 'DRA lưu giữ báo cáo của cổng thông tin cấp huyện đúng như khi thu thập.',
      'search.help': 'Cú pháp tìm kiếm',
      'search.helpText': 'Có dấu hoặc không dấu đều được. Bài có đủ mọi từ xếp trước; từ 3 từ trở lên, bài thiếu một từ vẫn được trả về. "dân vận khéo": đúng cụm từ · -từ hoặc -"cụm từ": loại trừ · hộ OR "cận nghèo": một trong hai · author:"Thu Hà": tác giả · district:"son tay": quận/huyện · code:01-CTr/HU: số hiệu văn bản · year:2019 hoặc year:2016-2020: năm đăng.',
      'search.placeholder': 'Tìm trong báo cáo, có dấu hoặc không dấu: kết nạp đảng viên, hộ nghèo, 01-CTr/HU…',
      'search.button': 'Tìm', 'search.results': n => `${fmtInt(n)} kết quả`, 'search.none': 'Không có kết quả. Thử bỏ bớt bộ lọc hoặc gõ không dấu.',
      'search.recent': 'Bài mới nhất', 'search.sort': 'Sắp xếp', 'sort.relevance': 'Liên quan nhất', 'sort.date': 'Mới nhất',
      'filter.more': 'Lọc theo ngày, văn bản, sắp xếp', 'filter.from': 'Từ ngày', 'filter.to': 'Đến ngày', 'filter.document': 'Số hiệu văn bản', 'filter.clear': 'Xóa bộ lọc',
      'facet.district': 'Quận/huyện', 'facet.category': 'Chuyên mục', 'facet.year': 'Năm', 'facet.author': 'Tác giả',
      'filter.district': 'Quận/huyện', 'filter.category': 'Chuyên mục', 'filter.author': 'Tác giả', 'filter.year': 'Năm', 'filter.q': 'Từ khóa',
      prev: '← Trang trước', next: 'Trang sau →', page: (a, b, n) => `${a}–${b} / ${fmtInt(n)}`,
      export: 'Xuất', 'metric.chip': 'Xem xu hướng của chỉ số này theo quận/huyện và năm',
      'art.back': '← Kết quả tìm kiếm', 'art.archive': 'Bản gốc lưu trữ', 'art.source': 'Trang nguồn', 'art.views': n => `${fmtInt(n)} lượt xem`,
      'art.metrics': 'Số liệu trích xuất', 'art.authors': 'Tác giả', 'art.documents': 'Văn bản được trích dẫn', 'art.periods': 'Kỳ báo cáo',
      'art.nometrics': 'Không có số liệu nào được trích xuất.', 'art.fetched': 'Thu thập', 'art.published': 'Đăng ngày',
      'col.key': 'Chỉ số', 'col.value': 'Giá trị', 'col.target': 'Kế hoạch', 'col.plan': '% KH', 'col.text': 'Trong văn bản',
      'tr.metric': 'Chỉ số', 'tr.interval': 'Chu kỳ', 'tr.by': 'Chia theo', 'tr.measure': 'Giá trị', 'tr.show': 'Vẽ',
      'iv.year': 'Năm', 'iv.half': '6 tháng', 'iv.quarter': 'Quý', 'iv.month': 'Tháng', 'iv.term': 'Nhiệm kỳ, giai đoạn',
      'by.district': 'Quận/huyện', 'by.province': 'Tỉnh/thành', 'by.none': 'Không chia',
      'ms.value': 'Số liệu báo cáo', 'ms.sum': 'Tổng', 'ms.avg': 'Trung bình', 'ms.max': 'Lớn nhất', 'ms.count': 'Số nơi báo cáo', 'ms.plan_percent': '% kế hoạch',
      'tr.pick': 'Chọn một chỉ số để vẽ biểu đồ.', 'tr.empty': 'Chưa có số liệu cho kỳ này. Thử chọn chu kỳ khác.',
      'tr.period': 'Kỳ', 'tr.all': 'Tất cả', 'tr.undated': n => `${fmtInt(n)} số liệu không xác định được kỳ báo cáo.`,
      'tr.other': s => `Không thuộc chu kỳ này (chọn chu kỳ khác để xem): ${s}.`,
      'pk.year': 'năm', 'pk.half': '6 tháng', 'pk.nine_months': '9 tháng', 'pk.ten_months': '10 tháng', 'pk.quarter': 'quý', 'pk.month': 'tháng',
      'pk.term': 'nhiệm kỳ, giai đoạn', 'pk.school_year': 'năm học', 'pk.date': 'thời điểm', 'pk.cumulative': 'lũy kế',
      'tr.estimate': 'ước tính, chưa có số liệu chính thức', 'tr.conflict': 'các bài báo nêu số liệu khác nhau',
      'tr.gap': 'không có số liệu', 'tr.figures': 'Từng số liệu (CSV)',
      'tr.legend': 'Ô trống: kỳ không có số liệu (biểu đồ để trống, không nối). ≈ ước tính. ⚠ các nguồn không thống nhất: hiển thị số của báo cáo về kỳ đó. Mỗi số liệu dẫn tới bài báo nguồn.',
      'tr.plannote': 'Trong ngoặc: % kế hoạch khi bài báo có nêu.', 'tr.points': n => `${fmtInt(n)} điểm`,
      'cat.title': 'Danh mục chỉ số', 'cat.count': 'Số liệu', 'cat.units': 'Đơn vị', 'cat.districts': 'Quận/huyện', 'cat.span': 'Khoảng thời gian',
      'src.title': 'Nguồn và lần thu thập gần nhất', 'src.id': 'Mã', 'src.name': 'Tên', 'src.articles': 'Số bài', 'src.last': 'Thu thập xong', 'src.never': 'chưa thu thập', 'src.schedule': 'Lịch',
      error: 'Lỗi', loading: 'Đang tải…', skip: 'Bỏ qua, đến nội dung chính', 'search.title': 'Tìm trong báo cáo cấp huyện',
      'err.400': 'Yêu cầu chưa hợp lệ: hãy kiểm tra từ khóa, cú pháp hoặc bộ lọc.', 'err.404': 'Không tìm thấy nội dung này.',
      'err.429': 'Bạn gửi quá nhiều yêu cầu; vui lòng thử lại sau vài giây.', 'err.503': 'Máy chủ lưu trữ tạm thời không trả lời; vui lòng thử lại sau.',
      'err.other': 'Máy chủ trả lời lỗi; vui lòng thử lại sau.', 'err.network': 'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.',
      'err.detail': 'Chi tiết kỹ thuật', 'facets.title': 'Lọc kết quả',
      'kind.count': 'Số lượng', 'kind.percent': 'Tỷ lệ', 'kind.money': 'Số tiền', 'kind.measure': 'Đại lượng', 'kind.unnamed': 'chưa gán chỉ số',
      'art.fig': i => `Số liệu ${i} trong bảng`, 'art.totext': i => `Số liệu ${i} trong văn bản`, 'art.id': 'Mã bài',
      'ar.title': 'Bản gốc lưu trữ', 'ar.captured': 'Thời điểm thu thập', 'ar.source': 'Nguồn', 'ar.original': 'Địa chỉ gốc', 'ar.portal': 'cổng thông tin (thu thập trực tiếp)',
      'ar.via': 'qua kho lưu trữ web', 'ar.captures': n => `Các lần thu thập (${fmtInt(n)})`, 'ar.current': 'bản dùng cho bài viết', 'ar.viewing': 'đang xem',
      'ar.back': '← Về bài viết', 'ar.frame': 'Trang gốc như khi thu thập (không chạy mã)', 'ar.status': 'HTTP', 'ar.truncated': 'bị cắt ngắn',
      'ar.open': 'Mở riêng bản gốc', 'ar.none': 'Bài viết này không có bản lưu trữ.',
      'tr.district': 'Quận/huyện', 'tr.from': 'Từ ngày', 'tr.to': 'Đến ngày', 'tr.alld': 'Tất cả',
    },
    en: {
      brand: 'District Reports Archive',
      'nav.search': 'Search', 'nav.trends': 'Trends', 'nav.catalogue': 'Metrics', 'nav.sources': 'Sources',
      foot: 'DRA keeps district portal reports exactly as they were fetched.',
      'search.help': 'Search syntax',
      'search.helpText': 'With or without diacritics. Articles with every word rank first; from 3 words on, one missing word still finds an article. "dân vận khéo": exact phrase · -word or -"a phrase": exclude · hộ OR "cận nghèo": either · author:"Thu Hà": author · district:"son tay": district · code:01-CTr/HU: document code · year:2019 or year:2016-2020: year published.',
      'search.placeholder': 'Search the reports, with or without diacritics: ket nap dang vien, hộ nghèo, 01-CTr/HU…',
      'search.button': 'Search', 'search.results': n => `${fmtInt(n)} results`, 'search.none': 'No results. Try fewer filters, or type without diacritics.',
      'search.recent': 'Latest articles', 'search.sort': 'Sort', 'sort.relevance': 'Most relevant', 'sort.date': 'Newest',
      'filter.more': 'Dates, document, sort', 'filter.from': 'From', 'filter.to': 'To', 'filter.document': 'Document code', 'filter.clear': 'Clear filters',
      'facet.district': 'District', 'facet.category': 'Category', 'facet.year': 'Year', 'facet.author': 'Author',
      'filter.district': 'District', 'filter.category': 'Category', 'filter.author': 'Author', 'filter.year': 'Year', 'filter.q': 'Words',
      prev: '← Previous', next: 'Next →', page: (a, b, n) => `${a}–${b} of ${fmtInt(n)}`,
      export: 'Export', 'metric.chip': 'Chart this metric per district and year',
      'art.back': '← Search results', 'art.archive': 'Archived original', 'art.source': 'Source page', 'art.views': n => `${fmtInt(n)} views`,
      'art.metrics': 'Extracted figures', 'art.authors': 'Authors', 'art.documents': 'Documents cited', 'art.periods': 'Periods',
      'art.nometrics': 'No figures were extracted.', 'art.fetched': 'Fetched', 'art.published': 'Published',
      'col.key': 'Metric', 'col.value': 'Value', 'col.target': 'Plan', 'col.plan': '% of plan', 'col.text': 'In the text',
      'tr.metric': 'Metric', 'tr.interval': 'Interval', 'tr.by': 'Split by', 'tr.measure': 'Value', 'tr.show': 'Draw',
      'iv.year': 'Year', 'iv.half': 'Half-year', 'iv.quarter': 'Quarter', 'iv.month': 'Month', 'iv.term': 'Term, multi-year',
      'by.district': 'District', 'by.province': 'Province', 'by.none': 'No split',
      'ms.value': 'Reported figure', 'ms.sum': 'Sum', 'ms.avg': 'Average', 'ms.max': 'Maximum', 'ms.count': 'Places reporting', 'ms.plan_percent': '% of plan',
      'tr.pick': 'Pick a metric to draw its chart.', 'tr.empty': 'No figures for these periods. Try another interval.',
      'tr.period': 'Period', 'tr.all': 'All', 'tr.undated': n => `${fmtInt(n)} figures have no known period.`,
      'tr.other': s => `Not in these periods (pick another interval to see them): ${s}.`,
      'pk.year': 'year', 'pk.half': 'half-year', 'pk.nine_months': 'nine-month', 'pk.ten_months': 'ten-month', 'pk.quarter': 'quarter', 'pk.month': 'month',
      'pk.term': 'term', 'pk.school_year': 'school-year', 'pk.date': 'point-in-time', 'pk.cumulative': 'cumulative',
      'tr.estimate': 'estimate, no final figure yet', 'tr.conflict': 'the articles give different figures',
      'tr.gap': 'no figure', 'tr.figures': 'Every figure (CSV)',
      'tr.legend': 'Empty cell: no figure for the period (left as a gap in the chart). ≈ estimate. ⚠ sources disagree: the report on the period is shown. Each figure links to its source article.',
      'tr.plannote': 'In brackets: % of plan where the article states it.', 'tr.points': n => `${fmtInt(n)} points`,
      'cat.title': 'Metric catalogue', 'cat.count': 'Figures', 'cat.units': 'Units', 'cat.districts': 'Districts', 'cat.span': 'Span',
      'src.title': 'Sources and their last crawl', 'src.id': 'ID', 'src.name': 'Name', 'src.articles': 'Articles', 'src.last': 'Last crawl completed', 'src.never': 'never crawled', 'src.schedule': 'Schedule',
      error: 'Error', loading: 'Loading…', skip: 'Skip to main content', 'search.title': 'Search the district reports',
      'err.400': 'The request is not valid: check the words, the syntax or the filters.', 'err.404': 'Not found.',
      'err.429': 'Too many requests; please try again in a few seconds.', 'err.503': 'The archive server is not answering; please try again shortly.',
      'err.other': 'The server answered with an error; please try again later.', 'err.network': 'Cannot reach the server. Check the connection and try again.',
      'err.detail': 'Technical details', 'facets.title': 'Filter the results',
      'kind.count': 'Count', 'kind.percent': 'Percentage', 'kind.money': 'Amount', 'kind.measure': 'Measure', 'kind.unnamed': 'no metric key',
      'art.fig': i => `Figure ${i} in the table`, 'art.totext': i => `Figure ${i} in the text`, 'art.id': 'Article ID',
      'ar.title': 'Archived original', 'ar.captured': 'Captured', 'ar.source': 'Source', 'ar.original': 'Original URL', 'ar.portal': 'the portal (fetched directly)',
      'ar.via': 'via a web archive', 'ar.captures': n => `Captures (${fmtInt(n)})`, 'ar.current': 'the one the article was read from', 'ar.viewing': 'shown',
      'ar.back': '← Back to the article', 'ar.frame': 'The original page as captured (scripts do not run)', 'ar.status': 'HTTP', 'ar.truncated': 'truncated',
      'ar.open': 'Open the original alone', 'ar.none': 'This article has no archived original.',
      'tr.district': 'District', 'tr.from': 'From', 'tr.to': 'To', 'tr.alld': 'All',
    },
  };
  const params = new URLSearchParams(location.search);
  let lang = params.get('lang') || localStorage.getItem('dra.lang') || 'vi';
  if (!T[lang]) lang = 'vi';
  localStorage.setItem('dra.lang', lang);
  document.documentElement.lang = lang;
  const t = (k, ...a) => { const v = T[lang][k] ?? T.vi[k] ?? k; return typeof v === 'function' ? v(...a) : v; };
  // Metric names come from the API (the taxonomy's names.yaml): name is
  // {vi, en, unit_vi, unit_en, known}.
  const nameOf = (n, key) => (n ? (lang === 'en' ? n.en : n.vi) : key);
  const unitOf = n => (n ? (lang === 'en' ? n.unit_en : n.unit_vi) : '');
  // A figure's own unit: a percentage is in %, whatever word follows it.
  const figUnit = m => (m.kind === 'percent' ? '%' : (m.unit || ''));
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  function fmtInt(n) { return Number(n).toLocaleString(lang === 'en' ? 'en-GB' : 'vi-VN'); }
  const fmtNum = (n, d = 2) => n == null ? '' : Number(n).toLocaleString(locale, { maximumFractionDigits: d });
  const fmtDate = s => s ? new Date(s).toLocaleDateString(locale, { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }) : '';

  // ---------- DOM helpers ----------
  function h(tag, attrs, ...kids) {
    const svg = ['svg', 'g', 'path', 'line', 'circle', 'text', 'rect', 'title', 'polyline'].includes(tag);
    const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class' && !svg) el.className = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const k of kids.flat(Infinity)) {
      if (k == null || k === false) continue;
      el.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return el;
  }
  // link builds an in-app URL keeping the language.
  function link(path, q) {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(q || {})) if (v != null && v !== '') u.set(k, v);
    if (params.get('lang')) u.set('lang', lang);
    const s = u.toString();
    return s ? `${path}?${s}` : path;
  }
  // marked renders a highlight fragment: only <mark> and </mark> are markup,
  // everything else is text (the API escapes it; unescape, then re-render as text).
  function marked(frag) {
    const out = [];
    const txt = s => { const d = document.createElement('textarea'); d.innerHTML = s; return d.value; };
    frag.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
      if (part === '<mark>') return true;
      if (part === '</mark>') return false;
      if (part) out.push(inMark ? h('mark', {}, txt(part)) : txt(part));
      return inMark;
    }, false);
    return out;
  }
  // ApiError carries the page's own words for what went wrong (in the
  // page's language) and the server's message as a technical detail.
  class ApiError extends Error {
    constructor(text, detail) { super(text); this.detail = detail; }
  }
  async function api(path) {
    let r;
    try { r = await fetch(path, { headers: { Accept: 'application/json' } }); } catch (e) { throw new ApiError(t('err.network'), e.message); }
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON */ }
    if (!r.ok) {
      const k = [400, 404, 429, 503].includes(r.status) ? 'err.' + r.status : 'err.other';
      throw new ApiError(t(k), `${r.status}: ${(body && body.error) || r.statusText}`);
    }
    return body;
  }
  function errorBox(e) {
    return h('div', { class: 'error', role: 'alert' }, h('strong', {}, t('error') + ': '), e instanceof ApiError ? e.message : t('err.other'),
      h('details', { class: 'detail' }, h('summary', {}, t('err.detail')), h('code', { lang: 'en' }, e.detail || e.message)));
  }
  const status = document.getElementById('status');
  function announce(msg) { if (status) status.textContent = msg; }
  const app = document.getElementById('app');
  function show(...kids) { app.replaceChildren(...kids.flat().filter(k => k != null && k !== false)); }
  function fail(e) { show(errorBox(e)); }

  // ---------- chrome ----------
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  document.querySelector('.lang').setAttribute('aria-label', lang === 'en' ? 'Language' : 'Ngôn ngữ');
  document.querySelector('nav.nav').setAttribute('aria-label', lang === 'en' ? 'Main' : 'Chính');
  for (const a of document.querySelectorAll('[data-nav]')) a.href = link(a.getAttribute('href').split('?')[0]);
  document.getElementById('brand').href = link('/');
  for (const a of document.querySelectorAll('[data-lang]')) {
    const u = new URLSearchParams(location.search); u.set('lang', a.dataset.lang);
    a.href = `${location.pathname}?${u}`;
    if (a.dataset.lang === lang) a.setAttribute('aria-current', 'true');
  }

  // ---------- search ----------
  const FILTERS = ['district', 'category', 'author', 'document', 'from', 'to'];
  async function searchPage() {
    setNav('search');
    const q = {};
    for (const k of ['q', ...FILTERS, 'sort', 'offset']) if (params.get(k)) q[k] = params.get(k);
    const size = 10;
    const offset = Number(q.offset || 0);
    const apiq = new URLSearchParams({ ...q, size, facets: 'district,category,year,author' });
    if (!q.q && !q.sort) apiq.set('sort', 'date');
    const form = h('form', { class: 'searchform', method: 'get', action: '/', role: 'search' },
      h('input', { type: 'search', name: 'q', value: q.q || '', placeholder: t('search.placeholder'), 'aria-label': t('nav.search'), autofocus: !q.q && !Object.keys(q).length }),
      FILTERS.filter(k => q[k] && !['from', 'to', 'document'].includes(k)).map(k => h('input', { type: 'hidden', name: k, value: q[k] })),
      params.get('lang') ? h('input', { type: 'hidden', name: 'lang', value: lang }) : null,
      h('button', { type: 'submit' }, t('search.button')),
      h('details', { class: 'more', open: q.from || q.to || q.document || q.sort ? true : null },
        h('summary', {}, t('filter.more')),
        h('label', {}, t('filter.from'), h('input', { type: 'date', name: 'from', value: q.from || '' })),
        h('label', {}, t('filter.to'), h('input', { type: 'date', name: 'to', value: q.to || '' })),
        h('label', {}, t('filter.document'), h('input', { type: 'text', name: 'document', value: q.document || '', placeholder: '01-CTr/HU' })),
        h('label', {}, t('search.sort'), h('select', { name: 'sort' },
          ['', 'relevance', 'date'].map(s => h('option', { value: s, selected: (q.sort || '') === s }, s ? t('sort.' + s) : '—'))))),
      h('details', { class: 'more searchhelp' }, h('summary', {}, t('search.help')), h('p', { class: 'muted' }, t('search.helpText'))));
    const title = h('h1', { class: 'pagetitle' }, t('search.title'));
    show(title, form, h('p', { class: 'muted' }, t('loading')));
    let res;
    try { res = await api('/api/v1/search?' + apiq); } catch (e) { return show(h('h1', { class: 'pagetitle' }, t('search.title')), form, errorBox(e)); }

    // Active filters as removable chips.
    const active = FILTERS.filter(k => q[k]).map(k => {
      const rest = { ...q }; delete rest[k]; delete rest.offset;
      return h('a', { class: 'chip active', href: link('/', rest), title: '×' }, `${t('filter.' + k) || k}: ${q[k]} ×`);
    });
    if (active.length > 1) active.push(h('a', { class: 'chip clear', href: link('/', { q: q.q }) }, t('filter.clear')));

    const facetOrder = ['district', 'year', 'category', 'author'];
    const facets = h('aside', { class: 'facets', 'aria-label': t('facets.title') }, facetOrder.map(n => [n, (res.facets || {})[n] || []]).filter(([, v]) => v.length).map(([name, vals]) => {
      const filterKey = name === 'year' ? null : name;
      return h('section', { class: 'facet', 'data-facet': name }, h('h3', {}, t('facet.' + name)),
        h('ul', {}, vals.slice(0, name === 'year' ? 20 : 8).map(fc => {
          let href;
          if (filterKey) href = link('/', { ...q, offset: null, [filterKey]: fc.value });
          else href = link('/', { ...q, offset: null, from: `${fc.value}-01-01`, to: `${fc.value}-12-31` });
          const on = filterKey ? q[filterKey] === fc.value : (q.from === `${fc.value}-01-01` && q.to === `${fc.value}-12-31`);
          return h('li', {}, h('a', { href, class: on ? 'on' : null }, h('span', { class: 'fv' }, fc.value || '—'), h('span', { class: 'fc' }, fmtInt(fc.count))));
        })));
    }));

    const exp = new URLSearchParams(q); exp.delete('offset');
    const head = h('div', { class: 'resulthead' },
      h('span', { class: 'count', 'data-total': res.total }, q.q || active.length ? t('search.results', res.total) : t('search.recent')),
      h('span', { class: 'exports' }, t('export') + ': ',
        h('a', { href: '/api/v1/export/search?' + exp + '&format=csv', download: '' }, 'CSV'), ' · ',
        h('a', { href: '/api/v1/export/search?' + exp + '&format=json', download: '' }, 'JSON')));

    const list = h('ol', { class: 'hits', start: offset + 1 }, res.hits.map(hit => h('li', { class: 'hit', 'data-id': hit.id },
      h('a', { class: 'title', href: link('/articles/' + encodeURIComponent(hit.id), { q: q.q }) }, hit.title || hit.url),
      h('div', { class: 'meta' }, [hit.district, hit.category, fmtDate(hit.published_at), (hit.authors || []).join(', ')].filter(Boolean).join(' · ')),
      h('div', { class: 'hitid' }, h('span', { class: 'muted' }, t('art.id') + ': '), h('code', {}, hit.id)),
      (hit.highlights || []).slice(0, 2).map(f => h('p', { class: 'snippet' }, '… ', marked(f), ' …')),
      h('div', { class: 'chips', 'data-chips': hit.id }))));
    const pager = h('nav', { class: 'pager' },
      offset > 0 ? h('a', { href: link('/', { ...q, offset: Math.max(0, offset - size) || null }) }, t('prev')) : h('span'),
      res.total ? h('span', { class: 'muted' }, t('page', offset + 1, Math.min(offset + size, res.total), res.total)) : null,
      offset + size < Math.min(res.total, 10000) ? h('a', { href: link('/', { ...q, offset: offset + size }) }, t('next')) : h('span'));
    announce(q.q || active.length ? t('search.results', res.total) : t('search.recent'));
    show(title, form, active.length ? h('div', { class: 'activefilters' }, active) : null,
      h('div', { class: 'searchgrid' }, facets, h('section', { class: 'results' }, head,
        res.hits.length ? list : h('p', { class: 'empty' }, t('search.none')), res.hits.length ? pager : null)));

    // Metric and document chips for the hits, in one request.
    if (res.hits.length) {
      try {
        const s = await api('/api/v1/articles?ids=' + res.hits.map(x => encodeURIComponent(x.id)).join(','));
        for (const a of s.articles) {
          const box = app.querySelector(`[data-chips="${CSS.escape(a.id)}"]`);
          if (!box) continue;
          const keys = [...a.metric_keys].sort((x, y) => (y.name && y.name.known ? 1 : 0) - (x.name && x.name.known ? 1 : 0) || y.count - x.count);
          const more = keys.length - 5;
          // Only nodes are appended: a missing "+n" chip is left out, never
          // written as the text "null".
          box.append(...[...keys.slice(0, 5).map(m => h('a', { class: 'chip metric', href: link('/trends', { key: m.key, by: 'district', interval: 'year' }), title: t('metric.chip') + ' · ' + m.key, 'data-key': m.key },
            h('svg', { class: 'ico', width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': 'true' }, h('polyline', { points: '1,13 6,7 9,10 15,3', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })), nameOf(m.name, m.key))),
          more > 0 ? h('a', { class: 'chip', href: link('/articles/' + encodeURIComponent(a.id), { q: q.q }) + '#figures' }, `+${more}`) : null,
          ...a.documents.slice(0, 4).map(d => h('a', { class: 'chip doc', href: link('/', { document: d }) }, d))].filter(Boolean));
        }
      } catch (e) { /* chips are an extra */ }
    }
  }

  // ---------- article ----------
  const metricLabel = m => m.key ? nameOf(m.name, m.key) : `${t('kind.' + m.kind)} · ${figUnit(m) || '—'}`;
  async function articlePage(id) {
    setNav('search');
    show(h('p', { class: 'muted' }, t('loading')));
    let a;
    try { a = await api('/api/v1/articles/' + encodeURIComponent(id)); } catch (e) { return fail(e); }
    document.title = a.title + ' · DRA';
    const q = params.get('q');
    // Body with each figure marked in place (the number and its unit, not
    // its clause), linked to its row of the table: offsets are code points.
    const cps = Array.from(a.body);
    const spans = a.metrics.map((m, i) => ({ ...m, i, s: m.figure_end > m.figure_start ? m.figure_start : m.start, e: m.figure_end > m.figure_start ? m.figure_end : m.end }))
      .filter(m => m.e > m.s).sort((x, y) => x.s - y.s || y.e - x.e);
    const paras = [];
    let cur = [];
    let pos = 0;
    const pushText = (s) => {
      const parts = s.split(/\n+/);
      parts.forEach((p, j) => { if (j > 0) { paras.push(cur); cur = []; } if (p) cur.push(p); });
    };
    const placed = new Set();
    for (const m of spans) {
      if (m.s < pos) continue; // overlapping: keep the first
      pushText(cps.slice(pos, m.s).join(''));
      placed.add(m.i);
      cur.push(h('a', { class: 'figlink', href: '#f' + (m.i + 1) },
        h('mark', { class: 'metric', id: 'm' + (m.i + 1), 'data-i': m.i, title: `${metricLabel(m)}: ${fmtNum(m.value)} ${figUnit(m)}` },
          cps.slice(m.s, m.e).join(''), h('sup', { 'aria-hidden': 'true' }, m.i + 1), h('span', { class: 'sr-only' }, ` (${t('art.fig', m.i + 1)})`))));
      pos = m.e;
    }
    pushText(cps.slice(pos).join(''));
    paras.push(cur);
    const text = h('div', { class: 'articletext', lang: 'vi' }, paras.filter(p => p.length).map(p => h('p', {}, p)));

    const rows = a.metrics.map((m, i) => h('tr', { 'data-i': i, id: 'f' + (i + 1), class: placed.has(i) ? 'placed' : null },
      h('td', { class: 'n' }, placed.has(i) ? h('a', { href: '#m' + (i + 1), 'aria-label': t('art.totext', i + 1) }, i + 1) : i + 1),
      h('td', {}, m.key ? h('a', { href: link('/trends', { key: m.key, by: 'district', interval: 'year' }), title: t('metric.chip') }, metricLabel(m))
        : h('span', {}, metricLabel(m), h('span', { class: 'muted small' }, ' (' + t('kind.unnamed') + ')')),
        m.key ? h('div', { class: 'key' }, m.key) : null),
      h('td', { class: 'num' }, fmtNum(m.value), ' ', h('span', { class: 'unit' }, figUnit(m))),
      h('td', { class: 'num' }, m.target != null ? fmtNum(m.target) : ''),
      h('td', { class: 'num' }, m.plan_percent != null ? fmtNum(m.plan_percent, 1) + ' %' : ''),
      h('td', { class: 'quote', lang: 'vi' }, h('div', { class: 'clamp' }, m.text))));
    const table = a.metrics.length ? h('div', { class: 'tablewrap' }, h('table', { class: 'metrics' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('col.key')), h('th', { scope: 'col', class: 'num' }, t('col.value')), h('th', { scope: 'col', class: 'num' }, t('col.target')), h('th', { scope: 'col', class: 'num' }, t('col.plan')), h('th', { scope: 'col' }, t('col.text')))),
      h('tbody', {}, rows))) : h('p', { class: 'muted' }, t('art.nometrics'));

    const side = h('aside', { class: 'artside' },
      h('section', {}, h('h2', { class: 'h3' }, t('art.id')), h('code', { class: 'artid' }, a.id)),
      a.authors.length ? h('section', {}, h('h2', { class: 'h3' }, t('art.authors')), h('ul', {}, a.authors.map(au => h('li', {},
        h('a', { href: link('/', { author: au.name }) }, au.name), au.unit ? h('span', { class: 'muted' }, ' — ' + au.unit) : null)))) : null,
      a.documents.length ? h('section', {}, h('h2', { class: 'h3' }, t('art.documents')), h('ul', { class: 'docs' }, a.documents.map(d => h('li', {},
        h('a', { class: 'chip doc', href: link('/', { document: d.code }) }, d.code),
        ' ', h('span', { class: 'muted' }, [d.type, d.issuer, d.date ? fmtDate(d.date) : (d.year || '')].filter(Boolean).join(' · ')))))) : null,
      a.periods.length ? h('section', {}, h('h2', { class: 'h3' }, t('art.periods')), h('p', {}, a.periods.join(', '))) : null);

    show(
      h('nav', { class: 'crumbs', 'aria-label': t('art.back') }, h('a', { href: link('/', { q }) }, t('art.back'))),
      h('article', { class: 'article', 'data-id': a.id },
        h('div', { class: 'kicker' }, [a.district, a.province, a.category].filter(Boolean).join(' · ')),
        h('h1', {}, a.title),
        h('div', { class: 'meta' },
          a.published_at ? [t('art.published') + ' ', h('time', { datetime: a.published_at }, fmtDate(a.published_at))] : null,
          a.views != null ? ' · ' + t('art.views', a.views) : null,
          ' · ' + t('art.fetched') + ' ' + fmtDate(a.fetched_at)),
        h('div', { class: 'actions' },
          a.archive_url ? h('a', { class: 'button', id: 'archive-link', href: link('/articles/' + encodeURIComponent(a.id) + '/archive') }, t('art.archive')) : null,
          h('a', { class: 'button ghost', href: a.url, target: '_blank', rel: 'noopener noreferrer' }, '↗ ' + t('art.source')),
          h('span', { class: 'cite muted' }, a.url)),
        h('div', { class: 'artgrid' }, h('div', {}, text, a.byline ? h('p', { class: 'byline' }, a.byline) : null), side),
        h('section', { class: 'metricsec', id: 'figures' }, h('h2', {}, t('art.metrics'), ' ', h('span', { class: 'badge' }, a.metrics.length)), table)));
    announce(a.title);
    // Following a figure's link flashes its target.
    const flashTarget = () => {
      const el = location.hash && document.getElementById(location.hash.slice(1));
      if (el) { el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); }
    };
    window.addEventListener('hashchange', flashTarget);
  }

  // ---------- archived original ----------
  // The banner page: the capture's date, source and original URL above
  // the archived page (in a sandboxed frame), and the article's captures.
  async function archivePage(id) {
    setNav('search');
    let a, caps;
    try {
      [a, caps] = await Promise.all([api('/api/v1/articles/' + encodeURIComponent(id)), api('/api/v1/articles/' + encodeURIComponent(id) + '/captures')]);
    } catch (e) { return fail(e); }
    document.title = t('ar.title') + ' · ' + a.title + ' · DRA';
    const list = caps.captures;
    const rec = params.get('record');
    const shown = list.find(c => c.record_id === rec) || list.find(c => c.current) || list[list.length - 1];
    const back = h('nav', { class: 'crumbs', 'aria-label': t('ar.back') }, h('a', { href: link('/articles/' + encodeURIComponent(a.id)) }, t('ar.back')));
    if (!shown) return show(back, h('h1', {}, t('ar.title')), h('p', { class: 'empty' }, t('ar.none')));
    const when = c => new Date(c.at).toLocaleString(locale, { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'short' });
    const banner = h('section', { class: 'banner', 'aria-labelledby': 'ar-title' },
      h('h1', { id: 'ar-title' }, t('ar.title')),
      h('p', { class: 'artitle' }, h('a', { href: link('/articles/' + encodeURIComponent(a.id)) }, a.title)),
      h('dl', { class: 'capmeta' },
        h('dt', {}, t('ar.captured')), h('dd', {}, h('time', { datetime: shown.at }, when(shown)), shown.truncated ? ' (' + t('ar.truncated') + ')' : null),
        h('dt', {}, t('ar.source')), h('dd', {}, [a.district, a.source_id].filter(Boolean).join(' · '), ' — ',
          shown.via ? [t('ar.via') + ' ', h('a', { href: shown.via, rel: 'noopener noreferrer' }, shown.via)] : t('ar.portal')),
        h('dt', {}, t('ar.original')), h('dd', {}, h('a', { class: 'cite', href: shown.url, rel: 'noopener noreferrer' }, shown.url))),
      h('p', {}, h('a', { href: shown.archive_url, id: 'archive-raw' }, t('ar.open'))));
    const timeline = h('section', { class: 'captures', 'aria-labelledby': 'cap-title' },
      h('h2', { id: 'cap-title' }, t('ar.captures', list.length)),
      h('ol', { class: 'caplist' }, list.map(c => h('li', { 'data-record': c.record_id, class: c === shown ? 'on' : null },
        c === shown ? h('strong', { 'aria-current': 'page' }, when(c)) : h('a', { href: link('/articles/' + encodeURIComponent(a.id) + '/archive', { record: c.record_id }) }, when(c)),
        ' · ', t('ar.status'), ' ', c.status || '—',
        c.current ? h('span', { class: 'muted' }, ' · ' + t('ar.current')) : null,
        c === shown ? h('span', { class: 'muted' }, ' · ' + t('ar.viewing')) : null))));
    const frame = h('iframe', { class: 'archframe', src: shown.archive_url, sandbox: '', title: t('ar.frame'), lang: 'vi', referrerpolicy: 'no-referrer' });
    show(back, h('div', { class: 'archgrid' }, banner, timeline), frame);
    announce(t('ar.title') + ': ' + when(shown));
  }

  // ---------- trends ----------
  const COLORS = ['#9b2226', '#005f73', '#ca6702', '#0a9396', '#6a4c93', '#2b9348', '#bb3e03', '#3a86ff'];
  async function trendsPage() {
    setNav('trends');
    const key = params.get('key') || '';
    const interval = params.get('interval') || 'year';
    const by = params.get('by') ?? 'district';
    const measure = params.get('measure') || 'value';
    const district = params.get('district') || '';
    const from = params.get('from') || '', to = params.get('to') || '';
    let cat;
    try { cat = (await api('/api/v1/metrics')).metrics; } catch (e) { return fail(e); }
    const entry = cat.find(c => c.key === key);
    const districts = entry ? entry.districts : [...new Set(cat.flatMap(c => c.districts))].sort();
    const keep = params.get('lang') ? h('input', { type: 'hidden', name: 'lang', value: lang }) : null;
    const sel = (name, val, opts) => h('select', { name, onchange: e => e.target.form.submit() }, opts.map(([v, l]) => h('option', { value: v, selected: v === val }, l)));
    const form = h('form', { class: 'trendform', method: 'get', action: '/trends' }, keep,
      h('label', { class: 'wide' }, t('tr.metric'), sel('key', key, [['', '—'], ...cat.map(c => [c.key, `${nameOf(c.name, c.key)} (${fmtInt(c.count)})`])])),
      h('label', {}, t('tr.interval'), sel('interval', interval, ['year', 'half', 'quarter', 'month', 'term'].map(v => [v, t('iv.' + v)]))),
      h('label', {}, t('tr.by'), sel('by', by, [['district', t('by.district')], ['province', t('by.province')], ['', t('by.none')]])),
      h('label', {}, t('tr.measure'), sel('measure', measure, ['value', 'sum', 'avg', 'max', 'count', 'plan_percent'].map(v => [v, t('ms.' + v)]))),
      h('label', {}, t('tr.district'), sel('district', district, [['', t('tr.alld')], ...districts.map(d => [d, d])])),
      h('label', {}, t('tr.from'), h('input', { type: 'date', name: 'from', value: from })),
      h('label', {}, t('tr.to'), h('input', { type: 'date', name: 'to', value: to })),
      h('button', { type: 'submit' }, t('tr.show')));
    if (!key) return show(h('h1', {}, t('nav.trends')), form, h('p', { class: 'empty' }, t('tr.pick')));
    const tq = new URLSearchParams({ key, interval }); if (by) tq.set('by', by);
    if (district) tq.set('district', district);
    if (from) tq.set('from', from);
    if (to) tq.set('to', to);
    let res;
    try { res = await api('/api/v1/trends?' + tq); } catch (e) { return show(h('h1', {}, t('nav.trends')), form, errorBox(e)); }
    // A bucket without a figure stays in the series as a gap (v null).
    const val = b => {
      if (!b.count) return null;
      // Several places (no split): their sum, or their average for a rate.
      if (measure === 'value') return b.value ?? (res.measure === 'rate' ? b.avg : b.sum);
      return measure === 'plan_percent' ? (b.plan_percent ?? null) : b[measure];
    };
    const unit = measure === 'count' ? '' : measure === 'plan_percent' ? '%' : (entry && entry.name.known ? unitOf(entry.name) : (res.units || []).join(', '));
    const chosen = b => (b.observations || []).map(o => o.sources && o.sources[0]).filter(Boolean);
    const series = res.series.map((s, i) => ({ name: s.group || t('tr.all'), color: COLORS[i % COLORS.length],
      pts: s.buckets.map(b => ({ label: b.label, start: b.start, v: val(b), b })) })).filter(s => s.pts.some(p => p.v != null));
    const title = h('div', { class: 'trendtitle' }, h('h1', {}, entry ? nameOf(entry.name, key) : key), h('code', {}, key),
      unit ? h('span', { class: 'muted' }, ' · ' + unit) : null);
    const exp = new URLSearchParams(tq);
    const exports = h('p', { class: 'exports' }, t('export') + ': ',
      h('a', { id: 'export-csv', href: '/api/v1/export/trends?' + exp + '&format=csv', download: '' }, 'CSV'), ' · ',
      h('a', { id: 'export-figures', href: '/api/v1/export/trends?' + exp + '&format=csv&figures=true', download: '' }, t('tr.figures')), ' · ',
      h('a', { href: '/api/v1/export/trends?' + exp + '&format=json', download: '' }, 'JSON'));
    const other = Object.entries(res.other_periods || {}).map(([k, n]) => `${fmtInt(n)} ${t('pk.' + k)}`).join(', ');
    const notes = h('p', { class: 'muted small' }, t('tr.legend'), ' ', t('tr.plannote'),
      other ? ' ' + t('tr.other', other) : '', res.undated ? ' ' + t('tr.undated', res.undated) : '');
    if (!series.length) return show(title, form, h('p', { class: 'empty' }, t('tr.empty')), notes, exports);
    const labels = [...new Set(series.flatMap(s => s.pts.map(p => p.label)))].sort();
    const chart = lineChart(series, labels, unit, Math.min(880, Math.max(300, app.clientWidth - 34)));
    // Table: periods as rows, groups as columns; each figure links to the
    // article it was read from; ≈ marks an estimate, ⚠ a conflict.
    const flags = b => [b.estimate ? h('abbr', { class: 'flag est', title: t('tr.estimate') }, '≈') : null,
      b.conflict ? h('abbr', { class: 'flag conflict', title: t('tr.conflict') }, '⚠') : null];
    const table = h('table', { class: 'trendtable' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('tr.period')), series.map(s => h('th', { scope: 'col', class: 'num' }, swatch(s.color), s.name)))),
      h('tbody', {}, labels.map(l => h('tr', {}, h('th', { scope: 'row' }, l), series.map(s => {
        const p = s.pts.find(x => x.label === l);
        if (!p || p.v == null) return h('td', { class: 'num muted gap', title: t('tr.gap') }, '–');
        const src = chosen(p.b);
        const a = src.length ? h('a', { href: link('/articles/' + encodeURIComponent(src[0].article_id)), title: src[0].title || src[0].article_id,
          'data-article': src[0].article_id }, fmtNum(p.v)) : fmtNum(p.v);
        return h('td', { class: 'num' + (p.b.estimate ? ' estimate' : '') + (p.b.conflict ? ' conflict' : '') }, flags(p.b), a,
          p.b.plan_percent != null && measure !== 'plan_percent' ? h('span', { class: 'plan' }, ` (${fmtNum(p.b.plan_percent, 1)} %)`) : null);
      })))));
    const npts = series.reduce((n, s) => n + s.pts.filter(p => p.v != null).length, 0);
    announce(`${entry ? nameOf(entry.name, key) : key}: ${t('tr.points', npts)}`);
    show(title, form, h('figure', { class: 'chart', 'data-points': npts }, chart,
      h('figcaption', {}, h('span', { class: 'legend' }, series.map(s => h('span', { class: 'lg' }, swatch(s.color), s.name))),
        h('span', { class: 'muted' }, t('tr.points', npts)))),
    exports, h('div', { class: 'tablewrap' }, table), notes);
  }
  function swatch(color) {
    return h('svg', { class: 'sw', width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, h('rect', { width: 12, height: 12, rx: 3, fill: color }));
  }
  // lineChart draws one line per series over the period labels: a plain SVG
  // with axes, grid lines and a tooltip (title) on every point.
  // W is the width the chart is drawn at (the space it has), so its text
  // keeps its size on a narrow screen instead of being scaled down.
  function lineChart(series, labels, unit, W) {
    const H = W < 600 ? 300 : 380, L = W < 600 ? 52 : 64, R = 16, Tp = 18, B = 44;
    const vals = series.flatMap(s => s.pts.map(p => p.v));
    let lo = Math.min(0, ...vals), hi = Math.max(...vals);
    if (hi === lo) hi = lo + 1;
    const step = niceStep((hi - lo) / 5);
    hi = Math.ceil(hi / step) * step; lo = Math.floor(lo / step) * step;
    const x = i => labels.length === 1 ? L + (W - L - R) / 2 : L + i * (W - L - R) / (labels.length - 1);
    const y = v => Tp + (H - Tp - B) * (1 - (v - lo) / (hi - lo));
    const grid = [];
    for (let v = lo; v <= hi + step / 2; v += step) {
      grid.push(h('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }),
        h('text', { x: L - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, fmtNum(v)));
    }
    const every = Math.ceil(labels.length / Math.max(3, Math.floor((W - L - R) / 60)));
    const xt = labels.map((l, i) => i % every ? null : h('text', { x: x(i), y: H - B + 20, 'text-anchor': 'middle', class: 'tick' }, l));
    const lines = series.map(s => {
      // A period without a figure breaks the line: no segment is drawn
      // across it, so a missing year is never read as a value.
      const segs = [[]];
      for (const p of s.pts) {
        if (p.v == null) { if (segs[segs.length - 1].length) segs.push([]); continue; }
        segs[segs.length - 1].push([x(labels.indexOf(p.label)), y(p.v), p]);
      }
      const pts = segs.flat();
      return h('g', { class: 'series', 'data-group': s.name },
        segs.filter(g => g.length > 1).map(g => h('polyline', { class: 'seg', points: g.map(([a, b]) => `${a},${b}`).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2.5, 'stroke-linejoin': 'round' })),
        pts.filter(([, , p]) => p.b.conflict).map(([a, b]) => h('circle', { class: 'ring', cx: a, cy: b, r: 9, fill: 'none', stroke: '#b00020', 'stroke-width': 2, 'aria-hidden': 'true' })),
        pts.map(([a, b, p]) => h('circle', { class: 'pt' + (p.b.estimate ? ' estimate' : '') + (p.b.conflict ? ' conflict' : ''), cx: a, cy: b, r: 4.5,
          fill: p.b.estimate ? 'none' : '#fff', stroke: p.b.conflict ? '#b00020' : s.color, 'stroke-width': p.b.conflict ? 3.5 : 2.5,
          'stroke-dasharray': p.b.estimate ? '2 2' : null },
          h('title', {}, `${s.name} · ${p.label}: ${fmtNum(p.v)} ${unit}` + (p.b.plan_percent != null ? ` — ${fmtNum(p.b.plan_percent, 1)} % ${t('col.plan')}` : '') +
            (p.b.estimate ? ` — ${t('tr.estimate')}` : '') + (p.b.conflict ? ` — ${t('tr.conflict')}` : '')))));
    });
    // One hover band per period, over the points: its tooltip lists every
    // series' value there, so points drawn on top of each other never hide
    // one another's figures.
    const band = labels.length > 1 ? (W - L - R) / (labels.length - 1) : W - L - R;
    const hovers = labels.map((l, i) => {
      const vals = series.map(s => [s.name, s.pts.find(p => p.label === l)]).filter(([, p]) => p && p.v != null);
      if (!vals.length) return null;
      return h('rect', { class: 'hover', x: x(i) - band / 2, y: Tp, width: band, height: H - Tp - B, 'data-label': l },
        h('title', {}, `${l}\n` + vals.map(([n, p]) => `${n}: ${fmtNum(p.v)} ${unit}` + (p.b.estimate ? ` (${t('tr.estimate')})` : '') + (p.b.conflict ? ` (${t('tr.conflict')})` : '')).join('\n')));
    });
    return h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, class: 'linechart', role: 'img', 'aria-label': `${t('tr.points', labels.length)}: ${labels.join(', ')}` },
      grid, h('line', { x1: L, x2: W - R, y1: y(lo), y2: y(lo), class: 'axis' }), xt, lines, hovers);
  }
  function niceStep(raw) {
    const p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * p) return m * p;
    return 10 * p;
  }

  // ---------- catalogue and sources ----------
  async function cataloguePage() {
    setNav('catalogue');
    let cat;
    try { cat = (await api('/api/v1/metrics')).metrics; } catch (e) { return fail(e); }
    show(h('h1', {}, t('cat.title')), h('div', { class: 'tablewrap' }, h('table', { class: 'catalogue' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.key')), h('th', { scope: 'col', class: 'num' }, t('cat.count')), h('th', { scope: 'col' }, t('cat.units')), h('th', { scope: 'col' }, t('cat.districts')), h('th', { scope: 'col' }, t('cat.span')))),
      h('tbody', {}, cat.map(c => h('tr', { 'data-key': c.key },
        h('td', {}, h('a', { href: link('/trends', { key: c.key, by: 'district', interval: 'year' }) }, nameOf(c.name, c.key)), h('div', { class: 'key' }, c.key)),
        h('td', { class: 'num' }, fmtInt(c.count)), h('td', { class: 'unitcell', title: c.units.join(', ') }, unitOf(c.name) || c.units.join(', ')), h('td', {}, c.districts.join(', ')),
        h('td', {}, [fmtDate(c.first), fmtDate(c.last)].filter(Boolean).join(' – '))))))));
  }
  async function sourcesPage() {
    setNav('sources');
    let s;
    try { s = (await api('/api/v1/sources')).sources; } catch (e) { return fail(e); }
    show(h('h1', {}, t('src.title')), h('div', { class: 'tablewrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('src.id')), h('th', { scope: 'col' }, t('src.name')), h('th', { scope: 'col', class: 'num' }, t('src.articles')), h('th', { scope: 'col' }, t('src.last')), h('th', { scope: 'col' }, t('src.schedule')))),
      h('tbody', {}, s.map(x => h('tr', {}, h('td', {}, h('code', {}, x.id)),
        h('td', {}, h('a', { href: link('/', { district: x.district }) }, x.name || x.district), h('div', { class: 'key' }, (x.start_urls || [])[0] || '')),
        h('td', { class: 'num' }, fmtInt(x.articles)),
        h('td', {}, x.last_completed ? new Date(x.last_completed).toLocaleString(locale, { timeZone: 'Asia/Ho_Chi_Minh' }) : h('span', { class: 'muted' }, x.state_error || t('src.never'))),
        h('td', {}, x.schedule || '—')))))));
  }

  function setNav(name) {
    for (const a of document.querySelectorAll('[data-nav]')) a.toggleAttribute('aria-current', a.dataset.nav === name);
  }

  // ---------- router ----------
  const path = location.pathname;
  const m = path.match(/^\/articles\/([^/]+)$/);
  const ma = path.match(/^\/articles\/([^/]+)\/archive$/);
  let done;
  if (m) done = articlePage(decodeURIComponent(m[1]));
  else if (ma) done = archivePage(decodeURIComponent(ma[1]));
  else if (path === '/trends') done = trendsPage();
  else if (path === '/catalogue') done = cataloguePage();
  else if (path === '/sources') done = sourcesPage();
  else done = searchPage();
  done.catch(fail).finally(() => document.body.setAttribute('data-ready', 'true'));
})();
