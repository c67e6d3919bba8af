// Drives the interactive map as a user would and writes what it saw into a
// pre element (id tm-selftest), one PASS or FAIL line per check, for
// .ci/browser-map-test.sh.
(function () {
  'use strict';
  var lines = [], pending = 1;
  var $ = function (id) { return document.getElementById(id); };
  var ok = function (name, cond, detail) { lines.push((cond ? 'PASS ' : 'FAIL ') + name + (detail ? ': ' + detail : '')); };
  var pre = document.createElement('pre');
  pre.id = 'tm-selftest';
  document.body.appendChild(pre);
  var report = function () { pre.textContent = lines.join('\n') + (--pending === 0 ? '\nDONE' : ''); };
  document.addEventListener('securitypolicyviolation', function (e) { ok('content security policy', false, e.violatedDirective); report(); pending++; });
  var D = JSON.parse($('tm-data').textContent), svg = $('tm-svg'), mapG = $('tm-map'), view = $('tm-view');
  var visibleHeat = function () {
    var imgs = document.querySelectorAll('#tm-heat image');
    for (var i = 0; i < imgs.length; i++) { if (imgs[i].getAttribute('visibility') === 'visible') { return imgs[i]; } }
    return null;
  };

  // Heat under the busiest marker, as in the static map.
  var busiest = D.markers.reduce(function (a, m) { return m.n > a.n ? m : a; }, D.markers[0]);
  var d0 = D.density[0], im = new Image();
  pending++;
  im.onload = function () {
    var c = document.createElement('canvas');
    c.width = im.width; c.height = im.height;
    var ctx = c.getContext('2d');
    ctx.drawImage(im, 0, 0);
    var x = Math.round(busiest.x * d0.w / D.w) - d0.x, y = Math.round(busiest.y * d0.w / D.w) - d0.y;
    var a = x >= 0 && y >= 0 && x < im.width && y < im.height ? ctx.getImageData(x, y, 1, 1).data[3] : 0;
    ok('heat under the busiest marker', a > 0, 'alpha ' + a);
    report();
  };
  im.src = d0.src;

  var before = mapG.getAttribute('transform'), b = view.getBoundingClientRect();
  view.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, clientX: b.left + b.width / 2, clientY: b.top + b.height / 2, bubbles: true, cancelable: true }));
  ok('wheel zooms', mapG.getAttribute('transform') !== before, 'zoom ' + svg.getAttribute('data-zoom') + ', density level ' + svg.getAttribute('data-level'));
  var z = +svg.getAttribute('data-zoom');
  $('tm-in').click();
  ok('+ button zooms', +svg.getAttribute('data-zoom') > z, 'zoom ' + svg.getAttribute('data-zoom'));
  view.dispatchEvent(new KeyboardEvent('keydown', { key: '0', bubbles: true }));
  ok('0 key resets', svg.getAttribute('data-zoom') === '1.000' || +svg.getAttribute('data-zoom') < z);

  var g = document.querySelector('.tm-m[visibility="visible"]'), i = +g.getAttribute('data-i');
  g.firstChild.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
  var tip = $('tm-tip'), ip = D.markers[i].a[0].ip;
  ok('tooltip shows the address', !tip.hidden && tip.textContent.indexOf(ip) >= 0, ip);

  var slider = $('tm-slider'), heat = visibleHeat(), href = heat && heat.getAttribute('href');
  var k = D.bins.findIndex(function (bin) { return bin.img; });
  ok('time slider present', !$('tm-time').hidden && k >= 0, D.bins.length + ' periods');
  slider.value = k + 1;
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  var after = visibleHeat();
  ok('time slider changes the density', after && after.getAttribute('href') !== href && svg.getAttribute('data-level') === 'bin' + k, svg.getAttribute('data-level'));
  var hidden = document.querySelectorAll('.tm-m[visibility="hidden"]').length;
  ok('time slider filters the markers', hidden > 0, hidden + ' of ' + D.markers.length + ' hidden');
  report();
})();
