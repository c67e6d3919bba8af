// The interactive threat map: pan and zoom over SVG borders, density
// images chosen by zoom, markers of constant screen size, layer toggles
// and a time slider. Every string from the data is set as text, never as
// markup.
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var D = JSON.parse(document.getElementById('tm-data').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var view = $('tm-view'), svg = $('tm-svg'), mapG = $('tm-map'), marks = $('tm-marks'), tip = $('tm-tip');
  var st = { s: 1, x: 0, y: 0, min: 1, max: 64, bin: 0 };
  var heat = [], binImg = null, markers = [], maxN = 1, land = [];
  var show = { density: true, choro: !!D.choro, kinds: D.kinds.map(function () { return true; }) };

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function html(name, text, parent) {
    var e = document.createElement(name);
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function basemap() {
    var sea = $('tm-sea');
    sea.setAttribute('width', D.w);
    sea.setAttribute('height', D.h);
    sea.setAttribute('fill', '#d4e3ef');
    D.countries.forEach(function (c) {
      land.push({ c: c, p: el('path', { d: c.d }, $('tm-land')) });
    });
    el('path', { d: D.borders, 'class': 'tm-b' }, $('tm-borders'));
    D.density.forEach(function (d) {
      heat.push(image(el('image', { preserveAspectRatio: 'none', visibility: 'hidden' }, $('tm-heat')), d));
    });
    binImg = el('image', { preserveAspectRatio: 'none', visibility: 'hidden' }, $('tm-heat'));
    paintLand();
  }

  // image places a cropped density raster on the map.
  function image(e, d) {
    var k = D.w / d.w;
    e.setAttribute('x', d.x * k);
    e.setAttribute('y', d.y * k);
    e.setAttribute('width', d.dx * k);
    e.setAttribute('height', d.dy * k);
    e.setAttribute('href', d.src);
    return e;
  }

  function paintLand() {
    land.forEach(function (l) { l.p.setAttribute('fill', show.choro && l.c.f ? l.c.f : '#f3f0e8'); });
  }

  // glyph returns the SVG path of a marker shape of radius r at 0,0.
  function glyph(shape, r) {
    var circle = 'M' + (-r) + ' 0a' + r + ' ' + r + ' 0 1 0 ' + 2 * r + ' 0a' + r + ' ' + r + ' 0 1 0 ' + (-2 * r) + ' 0z';
    switch (shape) {
      case 'star': return poly(10, r, 0.45 * r);
      case 'triangle': return poly(3, r * 1.15, r * 1.15);
      case 'diamond': return poly(4, r * 1.15, r * 1.15);
      case 'square': return 'M' + (-0.85 * r) + ' ' + (-0.85 * r) + 'h' + 1.7 * r + 'v' + 1.7 * r + 'h' + (-1.7 * r) + 'z';
      case 'crosshair': return circle + 'M' + (-1.35 * r) + ' 0h' + 2.7 * r + 'M0 ' + (-1.35 * r) + 'v' + 2.7 * r;
      default: return circle;
    }
  }

  function poly(n, r1, r2) {
    var d = '';
    for (var i = 0; i < n; i++) {
      var a = -Math.PI / 2 + i * 2 * Math.PI / n, r = i % 2 ? r2 : r1;
      d += (i ? 'L' : 'M') + (r * Math.cos(a)).toFixed(2) + ' ' + (r * Math.sin(a)).toFixed(2);
    }
    return d + 'z';
  }

  function radius(n) { return 3.5 + 9.5 * Math.sqrt(Math.min(1, n / maxN)); }

  // buildMarkers makes one group per marker; markers of several kinds at
  // one place are spread around it, so that none hides another.
  function buildMarkers() {
    var at = {};
    D.markers.forEach(function (m) {
      maxN = Math.max(maxN, m.n);
      (at[m.x + ',' + m.y] = at[m.x + ',' + m.y] || []).push(m);
    });
    D.markers.forEach(function (m, i) {
      var g = el('g', { 'class': 'tm-m', 'data-i': i }, marks), here = at[m.x + ',' + m.y];
      var j = here.indexOf(m), a = 2 * Math.PI * j / here.length - Math.PI / 2, d = here.length > 1 ? 8 : 0;
      markers.push({ m: m, g: g, n: -1, dx: d * Math.cos(a), dy: d * Math.sin(a) });
    });
    marks.addEventListener('pointerover', function (e) { var i = markerOf(e); if (i >= 0) { tipFor(i); } });
    marks.addEventListener('click', function (e) { var i = markerOf(e); if (i >= 0) { tipFor(i); e.stopPropagation(); } });
  }

  function markerOf(e) {
    var g = e.target.closest ? e.target.closest('.tm-m') : null;
    return g ? +g.getAttribute('data-i') : -1;
  }

  // drawMarker sizes a marker for count n (0 hides it).
  function drawMarker(mk, n) {
    var k = D.kinds[mk.m.k];
    mk.g.setAttribute('visibility', n > 0 && show.kinds[mk.m.k] ? 'visible' : 'hidden');
    if (n === mk.n || n === 0) { return; }
    mk.n = n;
    while (mk.g.firstChild) { mk.g.removeChild(mk.g.firstChild); }
    var r = radius(n), d = glyph(k.shape, r);
    el('circle', { r: r + 3, fill: 'transparent' }, mk.g);
    if (k.fill) {
      el('path', { d: d, fill: k.fill, stroke: '#101010', 'stroke-width': Math.max(0.6, 0.09 * r) }, mk.g);
    } else {
      el('path', { d: d, fill: 'none', stroke: '#0b2a0b', 'stroke-opacity': 0.75, 'stroke-width': 0.3 * r + 1.5 }, mk.g);
      el('path', { d: d, fill: 'none', stroke: k.stroke, 'stroke-width': Math.max(1.2, 0.18 * r) }, mk.g);
    }
  }

  function countIn(m, bin) {
    if (!bin) { return m.n; }
    for (var i = 0; i < (m.t || []).length; i++) { if (m.t[i][0] === bin - 1) { return m.t[i][1]; } }
    return 0;
  }

  function redrawMarkers() {
    markers.forEach(function (mk) { drawMarker(mk, countIn(mk.m, st.bin)); });
    place();
  }

  function place() {
    markers.forEach(function (mk) {
      mk.g.setAttribute('transform', 'translate(' + (mk.m.x * st.s + st.x + mk.dx).toFixed(1) + ' ' + (mk.m.y * st.s + st.y + mk.dy).toFixed(1) + ')');
    });
  }

  // apply shows the view: the map's transform, the density image that
  // fits the zoom, the markers at their screen positions.
  function apply() {
    mapG.setAttribute('transform', 'matrix(' + st.s + ' 0 0 ' + st.s + ' ' + st.x + ' ' + st.y + ')');
    var need = D.w * st.s * (window.devicePixelRatio || 1), level = heat.length - 1;
    for (var i = 0; i < heat.length; i++) { if (D.density[i].w >= need) { level = i; break; } }
    heat.forEach(function (h, i) { h.setAttribute('visibility', show.density && !st.bin && i === level ? 'visible' : 'hidden'); });
    binImg.setAttribute('visibility', show.density && st.bin && D.bins[st.bin - 1].img ? 'visible' : 'hidden');
    svg.setAttribute('data-zoom', (st.s / st.min).toFixed(3));
    svg.setAttribute('data-level', st.bin ? 'bin' + (st.bin - 1) : String(level));
    place();
  }

  function fit(box) {
    var w = view.clientWidth || 800, h = view.clientHeight || 500;
    st.min = Math.min(w / D.w, h / D.h);
    st.max = st.min * 64;
    st.s = Math.max(st.min, Math.min(w / (box[2] - box[0]), h / (box[3] - box[1])));
    st.x = w / 2 - (box[0] + box[2]) / 2 * st.s;
    st.y = h / 2 - (box[1] + box[3]) / 2 * st.s;
    apply();
  }

  function zoomAt(f, cx, cy) {
    var s = Math.max(st.min, Math.min(st.max, st.s * f));
    st.x = cx - (cx - st.x) * s / st.s;
    st.y = cy - (cy - st.y) * s / st.s;
    st.s = s;
    hideTip();
    apply();
  }

  function pan(dx, dy) { st.x += dx; st.y += dy; hideTip(); apply(); }

  function centre() { return [view.clientWidth / 2, view.clientHeight / 2]; }

  function local(e) {
    var r = view.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  function gestures() {
    var ptrs = {}, last = null;
    view.addEventListener('wheel', function (e) {
      e.preventDefault();
      var p = local(e);
      zoomAt(Math.exp(-e.deltaY * (e.deltaMode ? 0.05 : 0.002)), p[0], p[1]);
    }, { passive: false });
    view.addEventListener('pointerdown', function (e) {
      if (e.target.closest && e.target.closest('.tm-m, #tm-tip')) { return; }
      ptrs[e.pointerId] = local(e);
      last = null;
      view.focus({ preventScroll: true });
      view.setPointerCapture(e.pointerId);
      view.classList.add('tm-drag');
    });
    view.addEventListener('pointermove', function (e) {
      if (!ptrs[e.pointerId]) { return; }
      var p = local(e), ids = Object.keys(ptrs);
      if (ids.length === 1) {
        pan(p[0] - ptrs[e.pointerId][0], p[1] - ptrs[e.pointerId][1]);
      } else if (ids.length === 2) {
        var o = ptrs[ids[0] == e.pointerId ? ids[1] : ids[0]];
        var d = Math.hypot(p[0] - o[0], p[1] - o[1]);
        if (last) { zoomAt(d / last, (p[0] + o[0]) / 2, (p[1] + o[1]) / 2); }
        last = d;
      }
      ptrs[e.pointerId] = p;
    });
    var up = function (e) { delete ptrs[e.pointerId]; last = null; view.classList.remove('tm-drag'); };
    view.addEventListener('pointerup', up);
    view.addEventListener('pointercancel', up);
  }

  function keys() {
    // Keys act while the map has the focus, so the page around it scrolls.
    $('tm').addEventListener('keydown', function (e) {
      if (e.target && e.target.tagName === 'INPUT') { return; }
      var c = centre(), step = 80;
      switch (e.key) {
        case '+': case '=': zoomAt(1.5, c[0], c[1]); break;
        case '-': case '_': zoomAt(1 / 1.5, c[0], c[1]); break;
        case '0': fit(D.view); break;
        case 'ArrowLeft': pan(step, 0); break;
        case 'ArrowRight': pan(-step, 0); break;
        case 'ArrowUp': pan(0, step); break;
        case 'ArrowDown': pan(0, -step); break;
        case 'Escape': hideTip(); return;
        default: return;
      }
      e.preventDefault();
    });
    $('tm-in').addEventListener('click', function () { var c = centre(); zoomAt(1.5, c[0], c[1]); });
    $('tm-out').addEventListener('click', function () { var c = centre(); zoomAt(1 / 1.5, c[0], c[1]); });
    $('tm-reset').addEventListener('click', function () { fit(D.view); });
    window.addEventListener('resize', function () {
      var w = view.clientWidth || 800, h = view.clientHeight || 500;
      st.min = Math.min(w / D.w, h / D.h);
      st.max = st.min * 64;
      if (st.s < st.min) { fit(D.view); } else { apply(); }
    });
  }

  function tipFor(i) {
    var m = D.markers[i], k = D.kinds[m.k];
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    var n = countIn(m, st.bin);
    html('p', k.label + ': ' + n + (n === 1 ? ' address' : ' addresses') + (st.bin ? ' in this period' : ''), tip);
    var when = function (t) { return t ? t.replace('T', ' ').replace('Z', '') : ''; };
    var cols = [['Address', 'ip'], ['Category', 'cat'], ['Score', 'score'], ['Events', 'events'], ['First seen (UTC)', 'first', when],
      ['Last seen (UTC)', 'last', when], ['Country', 'country'], ['Network', 'net'], ['User names', 'users', function (u) { return u.join(', '); }]];
    // Columns no listed address has are left out.
    cols = cols.filter(function (c) { return m.a.some(function (a) { return a[c[1]] !== undefined && a[c[1]] !== ''; }); });
    var t = html('table', undefined, tip), hr = html('tr', undefined, html('thead', undefined, t));
    cols.forEach(function (c) { html('th', c[0], hr); });
    var body = html('tbody', undefined, t);
    m.a.forEach(function (a) {
      var tr = html('tr', undefined, body);
      cols.forEach(function (c) {
        var v = a[c[1]] === undefined ? '' : a[c[1]];
        html('td', String(c[2] && v !== '' ? c[2](v) : v), tr).className = c[1] === 'score' || c[1] === 'events' ? 'tm-n' : '';
      });
    });
    if (m.n > m.a.length) { html('p', '… and ' + (m.n - m.a.length) + ' more', tip); }
    tip.hidden = false;
    var x = m.x * st.s + st.x, y = m.y * st.s + st.y, w = view.clientWidth, h = view.clientHeight;
    tip.style.left = Math.max(0, Math.min(x + 14, w - tip.offsetWidth - 4)) + 'px';
    tip.style.top = Math.max(0, y + 14 + tip.offsetHeight > h ? y - 14 - tip.offsetHeight : y + 14) + 'px';
  }

  function hideTip() { tip.hidden = true; }

  function toggle(label, checked, onChange) {
    var l = html('label', undefined, $('tm-layers')), c = html('input', undefined, l);
    c.type = 'checkbox';
    c.checked = checked;
    l.appendChild(document.createTextNode(' ' + label));
    c.addEventListener('change', function () { onChange(c.checked); });
  }

  function toggles() {
    if (D.density.length) { toggle('Density', true, function (v) { show.density = v; apply(); }); }
    if (D.countries.some(function (c) { return c.f; })) { toggle('Countries by risk', show.choro, function (v) { show.choro = v; paintLand(); }); }
    D.kinds.forEach(function (k, i) { toggle(k.label, true, function (v) { show.kinds[i] = v; redrawMarkers(); }); });
  }

  function timeSlider() {
    if (!D.bins || !D.bins.length) { return; }
    var s = $('tm-slider'), out = $('tm-when');
    $('tm-time').hidden = false;
    s.max = D.bins.length;
    var label = function () {
      var b = D.bins[st.bin - 1], f = function (t) { return t.replace('T', ' ').replace('Z', ' UTC'); };
      out.textContent = st.bin ? f(b.from) + ' – ' + f(b.to) : 'all: ' + f(D.bins[0].from) + ' – ' + f(D.bins[D.bins.length - 1].to);
    };
    s.addEventListener('input', function () {
      st.bin = +s.value;
      if (st.bin && D.bins[st.bin - 1].img) { image(binImg, D.bins[st.bin - 1].img); }
      label();
      redrawMarkers();
      apply();
    });
    label();
  }

  basemap();
  buildMarkers();
  toggles();
  timeSlider();
  gestures();
  keys();
  $('tm-caption').textContent = D.caption;
  $('tm-attr').textContent = D.attr.join(' · ');
  view.addEventListener('click', function (e) { if (!e.target.closest('.tm-m, #tm-tip')) { hideTip(); } });
  redrawMarkers();
  fit(D.view);
})();
