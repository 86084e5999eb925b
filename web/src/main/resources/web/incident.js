// The incident page of one recipient: /i/{token}. The token in the address is the only credential.
(function () {
  'use strict';
  var token = location.pathname.split('/').pop();
  var api = '/api/i/' + encodeURIComponent(token);

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function link(href, label) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.rel = 'noopener noreferrer';
    return a;
  }

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(name, attrs) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // The scream probability of each hop around the moment the incident was confirmed (t = 0 s).
  function drawTrace(points) {
    var box = document.getElementById('trace');
    box.textContent = '';
    box.hidden = !points || points.length < 2;
    if (box.hidden) {
      return;
    }
    var w = 600, h = 120, pad = 4;
    var t0 = Math.min(points[0].t, -30), t1 = Math.max(points[points.length - 1].t, 10);
    function x(t) { return pad + (t - t0) / (t1 - t0) * (w - 2 * pad); }
    function y(p) { return h - pad - p * (h - 2 * pad); }
    var chart = svg('svg', {viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img',
      'aria-label': 'Scream probability from ' + Math.round(-t0) + ' s before to ' + Math.round(t1) + ' s after the detection'});
    chart.appendChild(svg('rect', {x: 0, y: 0, width: w, height: h, fill: 'none', stroke: '#ccc'}));
    chart.appendChild(svg('line', {x1: x(0), x2: x(0), y1: 0, y2: h, stroke: '#c00', 'stroke-dasharray': '4 3'}));
    chart.appendChild(svg('polyline', {fill: 'none', stroke: '#036', 'stroke-width': 2,
      points: points.map(function (p) { return x(p.t).toFixed(1) + ',' + y(p.p).toFixed(1); }).join(' ')}));
    box.appendChild(chart);
    var caption = document.createElement('p');
    caption.textContent = 'Scream probability, ' + Math.round(-t0) + ' s before to ' + Math.round(t1)
      + ' s after the detection (red line).';
    box.appendChild(caption);
  }

  function show(page) {
    var when = new Date(page.detected_at);
    text('what', page.who + ' may need help: a scream was detected at ' + when.toLocaleString() + ' ('
      + Math.round(page.probability * 100) + '% confidence).');
    var l = page.location;
    var links = document.getElementById('links');
    links.textContent = '';
    if (l.latitude === null || l.latitude === undefined) {
      text('where', 'Position unknown.');
    } else {
      text('where', 'Last known position: ' + l.latitude.toFixed(5) + ', ' + l.longitude.toFixed(5)
        + (l.accuracy_m ? ' (within ' + Math.round(l.accuracy_m) + ' m)' : '')
        + (l.source === 'browser' ? ', from their browser' : ', estimated from their IP address')
        + (l.address ? ', ' + l.address : '') + '.');
      links.appendChild(link(l.google_maps, 'Open in Google Maps'));
      links.appendChild(document.createTextNode(' · '));
      links.appendChild(link(l.openstreetmap, 'Open in OpenStreetMap'));
    }
    drawTrace(page.trace);
    var clip = document.getElementById('clip');
    if (page.clip && !clip.getAttribute('src')) { // only when the person shares audio with their contacts
      clip.src = api + '/clip';
    }
    clip.hidden = !page.clip;
    document.getElementById('clip-label').hidden = !page.clip;
    text('status', 'Alert status: ' + page.status + '.');
    text('others', page.on_their_way.length ? 'On their way: ' + page.on_their_way.join(', ') + '.'
      : 'Nobody has said they are on their way yet.');
    var ack = document.getElementById('ack');
    ack.hidden = page.you.acknowledged || page.status === 'safe';
    if (page.you.acknowledged) {
      text('message', 'Thank you, ' + page.you.name + ': they know you are on your way.');
    }
  }

  function load() {
    fetch(api, {credentials: 'omit'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.detail || 'this link does not work');
        }
        show(body);
      });
    }).catch(function (e) {
      text('what', e.message);
    });
  }

  document.getElementById('ack').addEventListener('click', function () {
    fetch(api + '/ack', {method: 'POST', credentials: 'omit'}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          throw new Error(body.detail || 'could not send');
        }
        show(body);
      });
    }).catch(function (e) {
      text('message', e.message);
    });
  });

  load();
  setInterval(load, 15000); // the position and the others' answers change while they come
})();
