// The incident page of one recipient: /i/{token}. The token in the address is the only credential:
// no session, no cookie (credentials: 'omit'). Shows who may need help, when, where (a Leaflet map of
// the latest position, tiles only when MAP_TILE_URL is set), what was heard, and "I'm on my way".
import { createMap } from '/js/map.js';

const token = window.location.pathname.split('/').pop();
const base = `/api/i/${encodeURIComponent(token)}`;
const SVG = 'http://www.w3.org/2000/svg';
const STATUS = {
  sending: 'Their contacts are being told.', sent: 'Their contacts have been told.',
  failed: 'Some messages could not be sent.', safe: 'They have said they are safe now.',
  not_configured: 'Their contacts have been told.', no_contacts: ''
};
let map = null;
let marker = null;
let accuracy = null;

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function link(href, label) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = label;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}

function svg(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); }
  return e;
}

function minutesAgo(date) {
  const minutes = Math.round((Date.now() - date.getTime()) / 60000);
  if (minutes < 1) { return 'just now'; }
  if (minutes < 90) { return `${minutes} min ago`; }
  return `${Math.round(minutes / 60)} h ago`;
}

// The scream probability of each hop around the moment the incident was confirmed (t = 0 s).
function drawTrace(points) {
  const box = document.getElementById('trace');
  box.textContent = '';
  box.hidden = !points || points.length < 2;
  if (box.hidden) { return; }
  const w = 600;
  const h = 120;
  const pad = 4;
  const t0 = Math.min(points[0].t, -30);
  const t1 = Math.max(points[points.length - 1].t, 10);
  const x = (t) => pad + (t - t0) / (t1 - t0) * (w - 2 * pad);
  const y = (p) => h - pad - p * (h - 2 * pad);
  const chart = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img',
    'aria-label': `Scream probability from ${Math.round(-t0)} s before to ${Math.round(t1)} s after the detection` });
  chart.append(svg('rect', { x: 0, y: 0, width: w, height: h, fill: 'none', stroke: '#ccc' }));
  chart.append(svg('line', { x1: x(0), x2: x(0), y1: 0, y2: h, stroke: '#c00', 'stroke-dasharray': '4 3' }));
  chart.append(svg('polyline', { fill: 'none', stroke: '#036', 'stroke-width': 2,
    points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.p).toFixed(1)}`).join(' ') }));
  const caption = document.createElement('p');
  caption.textContent = `Scream probability, ${Math.round(-t0)} s before to ${Math.round(t1)} s after the detection (red line).`;
  box.append(chart, caption);
}

async function drawMap(l) {
  const box = document.getElementById('map');
  if (l.latitude === null || l.latitude === undefined) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const here = [l.latitude, l.longitude];
  if (!map) {
    map = (await createMap(box)).map;
    marker = window.L.circleMarker(here, { radius: 10, weight: 3, color: '#b00020', fillColor: '#e53950', fillOpacity: 0.85 })
      .addTo(map);
    accuracy = window.L.circle(here, { radius: l.accuracy_m || 0, weight: 1, color: '#b00020', fillOpacity: 0.08, interactive: false })
      .addTo(map);
    map.setView(here, zoomFor(l.accuracy_m));
  } else {
    marker.setLatLng(here);
    accuracy.setLatLng(here).setRadius(l.accuracy_m || 0);
    map.panTo(here);
  }
}

function zoomFor(accuracyMetres) {
  if (!accuracyMetres || accuracyMetres < 100) { return 16; }
  if (accuracyMetres < 1000) { return 14; }
  if (accuracyMetres < 10000) { return 11; }
  return 8;
}

function show(page) {
  const when = new Date(page.detected_at);
  text('what', `${page.who} may need help`);
  text('when', `A scream was detected at ${when.toLocaleString()} (${minutesAgo(when)}), `
    + `${Math.round(page.probability * 100)} % confidence.`);
  const l = page.location;
  const links = document.getElementById('links');
  links.textContent = '';
  if (l.latitude === null || l.latitude === undefined) {
    text('where', 'Their position is unknown.');
  } else {
    text('where', `Last known position: ${l.latitude.toFixed(5)}, ${l.longitude.toFixed(5)}`
      + (l.accuracy_m ? ` (within ${Math.round(l.accuracy_m)} m)` : '')
      + (l.source === 'browser' ? ', from their phone or browser' : ', estimated from their IP address')
      + (l.address ? `, ${l.address}` : '') + '.');
    links.append(link(l.google_maps, 'Open in Google Maps'), document.createTextNode(' · '),
      link(l.openstreetmap, 'Open in OpenStreetMap'));
  }
  drawMap(l);
  drawTrace(page.trace);
  const clip = document.getElementById('clip');
  if (page.clip && !clip.getAttribute('src')) { clip.src = `${base}/clip`; } // only when the person shares audio
  clip.hidden = !page.clip;
  document.getElementById('clip-label').hidden = !page.clip;
  document.querySelector('.heard').hidden = !page.clip && !(page.trace && page.trace.length > 1);
  text('status', STATUS[page.status] !== undefined ? STATUS[page.status] : `Alert status: ${page.status}.`);
  text('others', page.on_their_way.length ? `On their way: ${page.on_their_way.join(', ')}.`
    : 'Nobody has said they are on their way yet.');
  const ack = document.getElementById('ack');
  ack.hidden = page.you.acknowledged || page.status === 'safe';
  const message = document.getElementById('message');
  if (page.you.acknowledged) {
    message.className = 'ack-message';
    message.textContent = `Thank you, ${page.you.name}: they know you are on your way.`;
  }
}

async function call(path, method) {
  const r = await fetch(path, { method, credentials: 'omit' });
  const body = await r.json();
  if (!r.ok) { throw new Error(body.detail || 'this link does not work'); }
  return body;
}

async function load() {
  try {
    show(await call(base, 'GET'));
  } catch (e) {
    text('what', e.message);
  }
}

document.getElementById('ack').addEventListener('click', async () => {
  const ack = document.getElementById('ack');
  ack.disabled = true;
  try {
    show(await call(`${base}/ack`, 'POST'));
  } catch (e) {
    const message = document.getElementById('message');
    message.className = 'ack-message error';
    message.textContent = e.message;
  } finally {
    ack.disabled = false;
  }
});

load();
window.setInterval(load, 15000); // the position and the others' answers change while they come
