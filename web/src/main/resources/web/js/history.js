// History: the person's own events (GET /api/events, filtered by date and verdict), where they
// happened (Leaflet), detections per day (GET /api/stats, Chart.js), and for one event its details,
// its audio clip and each alert recipient's delivery state (GET /api/events/{id}).
import { api, showError } from './api.js';
import { startPage } from './shell.js';
import { el, formatWhen, nextDay, percent, preferredTimeZone, startOfDay } from './format.js';
import { createMap } from './map.js';

const PAGE_SIZE = 20;
const state = { page: 0, total: 0, verdict: '', from: '', to: '' };
const message = document.getElementById('message');
let mapView = null;
let markers = null;
let chart = null;

const SOURCE = { upload: 'Upload', live_incident: 'Live', live_session: 'Live session' };
const STATE_LABEL = {
  queued: 'queued', sent: 'sent', delivered: 'delivered', acknowledged: 'on their way', failed: 'failed',
  skipped_not_configured: 'not sent (channel not set up)', cancelled: 'cancelled'
};

const account = await startPage('history');
document.getElementById('zone').textContent = preferredTimeZone();
readFiltersFromAddress();
mapView = await createMap(document.getElementById('map'));
markers = window.L.featureGroup().addTo(mapView.map);
wireControls();
await Promise.all([loadEvents(), loadStats()]);

function readFiltersFromAddress() {
  const q = new URLSearchParams(window.location.search);
  state.verdict = q.get('verdict') || '';
  state.from = q.get('from') || '';
  state.to = q.get('to') || '';
  document.getElementById('filter-verdict').value = state.verdict;
  document.getElementById('filter-from').value = state.from;
  document.getElementById('filter-to').value = state.to;
}

function wireControls() {
  document.getElementById('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    state.verdict = document.getElementById('filter-verdict').value;
    state.from = document.getElementById('filter-from').value;
    state.to = document.getElementById('filter-to').value;
    state.page = 0;
    const q = new URLSearchParams();
    for (const key of ['verdict', 'from', 'to']) { if (state[key]) { q.set(key, state[key]); } }
    window.history.replaceState(null, '', q.toString() ? `?${q}` : window.location.pathname);
    loadEvents();
    loadStats();
  });
  document.getElementById('filter-clear').addEventListener('click', () => {
    document.getElementById('filters').reset();
    document.getElementById('filters').requestSubmit();
  });
  document.getElementById('prev').addEventListener('click', () => { state.page -= 1; loadEvents(); });
  document.getElementById('next').addEventListener('click', () => { state.page += 1; loadEvents(); });
  document.getElementById('detail-close').addEventListener('click', closeDetail);
}

function query() {
  const q = new URLSearchParams({ page: state.page, size: PAGE_SIZE, user: account.id }); // an admin's own too
  if (state.verdict) { q.set('verdict', state.verdict); }
  if (state.from) { q.set('from', startOfDay(state.from)); }
  if (state.to) { q.set('to', startOfDay(nextDay(state.to))); }
  return q;
}

async function loadEvents() {
  message.hidden = true;
  try {
    const page = await api(`/api/events?${query()}`);
    state.total = page.total;
    drawRows(page.items);
    drawMarkers(page.items);
    drawPager();
  } catch (e) {
    showError(message, e);
  }
}

function drawRows(items) {
  const body = document.querySelector('#events tbody');
  body.replaceChildren(...items.map(row));
  document.getElementById('empty').hidden = items.length > 0;
  document.getElementById('events-count').textContent = `(${state.total})`;
}

function row(event) {
  const tr = el('tr');
  tr.dataset.eventId = event.id;
  tr.append(labelled(el('td', null, formatWhen(event.timestamp)), 'When'));
  const verdict = labelled(el('td'), 'Verdict');
  verdict.append(el('span', `badge ${event.is_scream ? 'scream' : 'no_scream'}`, event.is_scream ? 'Scream' : 'No scream'));
  verdict.append(el('span', 'muted small', ` ${percent(event.scream_probability)}`));
  tr.append(verdict);
  tr.append(labelled(el('td', null, describeSource(event)), 'What'));
  tr.append(labelled(el('td', null, describePlace(event.location)), 'Where'));
  tr.append(labelled(el('td', null, describeAlert(event.alert)), 'Alert'));
  const open = el('button', 'link', 'Details');
  open.type = 'button';
  open.setAttribute('aria-label', `Details of the event of ${formatWhen(event.timestamp)}`);
  open.addEventListener('click', () => openDetail(event.id));
  const cell = el('td');
  cell.append(open);
  tr.append(cell);
  return tr;
}

/** The column name a narrow screen shows beside the value (css/history.css stacks the cells). */
function labelled(cell, label) {
  cell.dataset.label = label;
  return cell;
}

function describeSource(event) {
  const kind = SOURCE[event.type] || event.type;
  const name = event.source && event.source.name ? `: ${event.source.name}` : '';
  return kind + name;
}

function describePlace(location) {
  if (!hasPosition(location)) { return 'unknown'; }
  if (location.address) { return location.address; }
  return `${location.latitude.toFixed(3)}, ${location.longitude.toFixed(3)}`;
}

function describeAlert(alert) {
  if (!alert || !alert.status || alert.status === 'none') { return '—'; }
  const told = (alert.recipients || []).filter((r) => r.kind === undefined || r.kind === 'alert').length;
  return alert.status.replace(/_/g, ' ') + (told ? ` (${told} message${told === 1 ? '' : 's'})` : '');
}

function hasPosition(location) {
  return location && typeof location.latitude === 'number' && typeof location.longitude === 'number';
}

function drawMarkers(items) {
  markers.clearLayers();
  const placed = items.filter((e) => hasPosition(e.location));
  for (const event of placed) {
    const l = event.location;
    const marker = window.L.circleMarker([l.latitude, l.longitude], {
      radius: 9, weight: 2, color: event.is_scream ? '#b00020' : '#1b5e20',
      fillColor: event.is_scream ? '#e53950' : '#4caf50', fillOpacity: 0.75
    });
    marker.bindTooltip(`${event.is_scream ? 'Scream' : 'No scream'}, ${formatWhen(event.timestamp)}`);
    marker.on('click', () => openDetail(event.id));
    marker.addTo(markers);
    if (l.accuracy_m && l.accuracy_m < 20000) {
      window.L.circle([l.latitude, l.longitude], { radius: l.accuracy_m, weight: 1, color: '#5f6368', fill: false, interactive: false })
        .addTo(markers);
    }
  }
  if (placed.length) {
    mapView.map.fitBounds(markers.getBounds(), { padding: [24, 24], maxZoom: 15 });
  }
  const unplaced = items.length - placed.length;
  document.getElementById('map-note').textContent = `${placed.length} of the ${items.length} events of this page have a position`
    + (unplaced ? ` (${unplaced} without).` : '.') + (mapView.tiles ? '' : ' No map tiles are configured (MAP_TILE_URL).');
}

function drawPager() {
  const pages = Math.max(1, Math.ceil(state.total / PAGE_SIZE));
  document.getElementById('page-label').textContent = `Page ${state.page + 1} of ${pages}`;
  document.getElementById('prev').disabled = state.page === 0;
  document.getElementById('next').disabled = state.page + 1 >= pages;
}

async function loadStats() {
  try {
    const stats = await api(`/api/stats?user=${encodeURIComponent(account.id)}`);
    const days = stats.days.filter((d) => (!state.from || d.day >= state.from) && (!state.to || d.day <= state.to));
    drawChart(days);
    drawDayTable(days);
  } catch (e) {
    showError(message, e);
  }
}

function drawChart(days) {
  const data = {
    labels: days.map((d) => d.day),
    datasets: [
      { label: 'Screams', data: days.map((d) => d.screams), backgroundColor: '#b00020' },
      { label: 'No scream', data: days.map((d) => d.no_scream), backgroundColor: '#8fbf94' }
    ]
  };
  if (chart) {
    chart.data = data;
    chart.update();
    return;
  }
  chart = new window.Chart(document.getElementById('per-day'), {
    type: 'bar',
    data,
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });
}

function drawDayTable(days) {
  document.querySelector('#per-day-table tbody').replaceChildren(...days.map((d) => {
    const tr = el('tr');
    tr.append(el('td', null, d.day), el('td', null, String(d.screams)), el('td', null, String(d.no_scream)));
    return tr;
  }));
}

async function openDetail(id) {
  message.hidden = true;
  let event;
  try {
    event = await api(`/api/events/${encodeURIComponent(id)}`);
  } catch (e) {
    showError(message, e);
    return;
  }
  const box = document.getElementById('detail');
  box.dataset.eventId = id;
  document.getElementById('detail-title').textContent = `${event.is_scream ? 'Scream' : 'No scream'}, ${formatWhen(event.timestamp)}`;
  drawFacts(event);
  drawClip(event);
  drawRecipients(event.alert);
  box.hidden = false;
  box.focus();
  if (hasPosition(event.location)) {
    mapView.map.setView([event.location.latitude, event.location.longitude], Math.max(mapView.map.getZoom(), 13));
  }
}

function closeDetail() {
  const box = document.getElementById('detail');
  box.hidden = true;
  const clip = document.getElementById('clip');
  clip.pause();
  clip.removeAttribute('src');
}

function drawFacts(event) {
  const facts = [
    ['What', describeSource(event)],
    ['Peak probability', `${percent(event.scream_probability)} (threshold ${percent(event.threshold_value)})`],
    ['Duration', event.timeline && event.timeline.duration_s !== undefined ? `${event.timeline.duration_s.toFixed(1)} s` : '—'],
    ['Where', describePlace(event.location) + (hasPosition(event.location) && event.location.accuracy_m
      ? ` (within ${Math.round(event.location.accuracy_m)} m, from ${event.location.source === 'browser' ? 'the browser' : 'the IP address'})` : '')],
    ['Alert', describeAlert(event.alert)],
    ['Model', event.model_version || '—']
  ];
  document.getElementById('detail-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
}

function drawClip(event) {
  const box = document.getElementById('clip-box');
  const clip = document.getElementById('clip');
  const missing = document.getElementById('clip-missing');
  box.hidden = event.type !== 'live_incident';
  missing.hidden = true;
  clip.hidden = false;
  if (box.hidden) { return; }
  clip.onerror = () => { clip.hidden = true; missing.hidden = false; };
  clip.preload = 'metadata'; // its length shows at once
  clip.src = `/api/incidents/${encodeURIComponent(event.id)}/clip`;
}

function drawRecipients(alert) {
  const recipients = alert && alert.recipients ? alert.recipients : [];
  document.getElementById('recipients-box').hidden = recipients.length === 0;
  document.querySelector('#recipients tbody').replaceChildren(...recipients.map((r) => {
    const tr = el('tr');
    const stateCell = labelled(el('td'), 'State');
    stateCell.append(el('span', `status delivery-${r.status}`, STATE_LABEL[r.status] || r.status));
    if (r.error) { stateCell.append(el('div', 'muted small', r.error)); }
    tr.append(labelled(el('td', null, r.contact + (r.kind && r.kind !== 'alert' ? ` (${r.kind})` : '')), 'Contact'),
      labelled(el('td', null, r.channel), 'Channel'), stateCell,
      labelled(el('td', null, formatWhen(r.sent_at)), 'Sent'), labelled(el('td', null, formatWhen(r.delivered_at)), 'Delivered'),
      labelled(el('td', null, formatWhen(r.acknowledged_at)), 'On their way'));
    return tr;
  }));
}
