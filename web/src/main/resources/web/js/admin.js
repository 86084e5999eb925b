// Admin: system status (/health and /api/admin/status), the detector and alerting settings with a
// threshold slider that shows what the model's threshold curve gives for each value before saving
// (/api/admin/settings, /api/admin/model), users and invitations, and the audit log.
import { api, showError } from './api.js';
import { startPage } from './shell.js';
import { el, formatWhen, percent } from './format.js';

const AUDIT_PAGE_SIZE = 10;
const message = document.getElementById('message');
const SETTINGS = [
  ['debounce-k', 'debounce_k'], ['debounce-n', 'debounce_n'], ['quiet-rms', 'quiet_rms'],
  ['countdown', 'countdown_seconds'], ['cooldown', 'cooldown_seconds'], ['max-alerts', 'max_alerts_per_hour']
];
let curves = [];
let auditPage = 0;

const account = await startPage('admin');
if (account.role !== 'admin') {
  document.querySelector('main').replaceChildren(el('h1', null, 'Admin'), el('p', 'notice', 'This page is for admins.'));
} else {
  wire();
  await Promise.all([loadStatus(), loadSettingsAndModel(), loadAccounts(), loadAudit()]);
  window.setInterval(loadStatus, 15000);
}

function wire() {
  const slider = document.getElementById('threshold');
  slider.addEventListener('input', showCurveFigures);
  document.getElementById('curve').addEventListener('change', showCurveFigures);
  document.getElementById('settings-form').addEventListener('submit', saveSettings);
  document.getElementById('account-form').addEventListener('submit', createAccount);
  document.getElementById('invite').addEventListener('click', invite);
  document.getElementById('audit-prev').addEventListener('click', () => { auditPage -= 1; loadAudit(); });
  document.getElementById('audit-next').addEventListener('click', () => { auditPage += 1; loadAudit(); });
}

async function loadStatus() {
  try {
    const [health, status] = await Promise.all([api('/health'), api('/api/admin/status')]);
    const badge = document.getElementById('health-badge');
    badge.textContent = health.status;
    badge.className = `status ${health.status === 'UP' ? 'up' : 'down'}`;
    const figures = [
      ['Active streams', status.active_streams], ['Events today (UTC)', status.events_today ?? '—'],
      ['Alert messages waiting', status.alerts_pending], ['Countdowns running', status.countdowns_running],
      ['Database', status.database], ['Events spooled', status.spool_depth], ['Model', health.model_version]
    ];
    document.getElementById('status-figures').replaceChildren(...figures.map(([k, v]) => {
      const box = el('div');
      box.append(el('dt', null, k), el('dd', String(v).length > 8 ? 'long' : null, String(v)));
      return box;
    }));
  } catch (e) {
    showError(message, e);
  }
}

async function loadSettingsAndModel() {
  try {
    const [settings, model] = await Promise.all([api('/api/admin/settings'), api('/api/admin/model')]);
    curves = (model.threshold_curves || []).filter((c) => Array.isArray(c.points) && c.points.length);
    const select = document.getElementById('curve');
    select.replaceChildren(...curves.map((c, i) => new Option(c.evaluation, String(i))));
    document.getElementById('curve-choice').hidden = curves.length < 2;
    drawSettings(settings);
    drawModel(model);
  } catch (e) {
    showError(message, e);
  }
}

function drawSettings(settings) {
  document.getElementById('threshold').value = settings.threshold_probability;
  for (const [id, key] of SETTINGS) { document.getElementById(id).value = settings[key]; }
  showCurveFigures();
}

/** The curve point nearest the slider's value: what this threshold gave on the model's evaluation. */
function showCurveFigures() {
  const value = Number(document.getElementById('threshold').value);
  document.getElementById('threshold-value').textContent = value.toFixed(2);
  const note = document.getElementById('curve-note');
  const curve = curves[Number(document.getElementById('curve').value) || 0];
  if (!curve) {
    note.textContent = 'The model carries no threshold curve, so these figures are unknown.';
    return;
  }
  const point = curve.points.reduce((best, p) => Math.abs(p.threshold - value) < Math.abs(best.threshold - value) ? p : best);
  document.getElementById('fig-precision').textContent = percent(point.precision);
  document.getElementById('fig-recall').textContent = percent(point.recall);
  document.getElementById('fig-false-alarms').textContent = percent(point.false_alarm_rate);
  note.textContent = `At ${Number(point.threshold).toFixed(2)} (the model's ${curve.evaluation} evaluation):`
    + ` ${percent(point.precision)} of the windows it flags are screams, it catches ${percent(point.recall)} of the screams,`
    + ` and flags ${percent(point.false_alarm_rate)} of the other windows.`;
}

function drawModel(model) {
  const facts = [
    ['Version', model.version], ['Window / hop', `${model.window_seconds} s / ${model.hop_seconds} s`],
    ['Threshold in force', model.threshold_in_force], ['Trained', model.created_at ? formatWhen(model.created_at) : '—'],
    ['Training examples', model.training_examples ?? '—'], ['Threshold rule', model.threshold_rule ?? '—']
  ];
  document.getElementById('model-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', null, k),
    el('dd', null, typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}

async function saveSettings(e) {
  e.preventDefault();
  const errorBox = document.getElementById('settings-message');
  const done = document.getElementById('settings-done');
  errorBox.hidden = true;
  done.textContent = '';
  const patch = { threshold_probability: Number(document.getElementById('threshold').value) };
  for (const [id, key] of SETTINGS) { patch[key] = Number(document.getElementById(id).value); }
  try {
    const now = await api('/api/admin/settings', { method: 'PUT', json: patch });
    drawSettings(now);
    done.textContent = `Saved: threshold ${now.threshold_probability}, countdown ${now.countdown_seconds} s.`;
    auditPage = 0;
    loadAudit();
  } catch (err) {
    showError(errorBox, err);
  }
}

async function loadAccounts() {
  try {
    const { items } = await api('/api/admin/accounts');
    document.querySelector('#accounts tbody').replaceChildren(...items.map((a) => {
      const tr = el('tr');
      const cells = [['Email', a.email], ['Role', a.role], ['Since', formatWhen(a.created_at)]];
      for (const [label, value] of cells) {
        const td = el('td', null, value);
        td.dataset.label = label;
        tr.append(td);
      }
      return tr;
    }));
  } catch (e) {
    showError(message, e);
  }
}

async function createAccount(e) {
  e.preventDefault();
  const errorBox = document.getElementById('account-message');
  errorBox.hidden = true;
  try {
    await api('/api/admin/accounts', { method: 'POST', json: {
      email: document.getElementById('new-email').value, password: document.getElementById('new-password').value,
      role: document.getElementById('new-role').value
    } });
    e.target.reset();
    loadAccounts();
  } catch (err) {
    showError(errorBox, err);
  }
}

async function invite() {
  const out = document.getElementById('invitation');
  try {
    const inv = await api('/api/admin/invitations', { method: 'POST' });
    const link = new URL(inv.path, window.location.origin).toString();
    out.replaceChildren(el('span', null, 'Send this link (one use, until '), el('span', null, formatWhen(inv.expires_at)),
      el('span', null, '): '));
    const a = el('a', null, link);
    a.href = link;
    out.append(a);
  } catch (e) {
    out.textContent = e.message;
  }
}

async function loadAudit() {
  try {
    const page = await api(`/api/admin/audit?page=${auditPage}&size=${AUDIT_PAGE_SIZE}`);
    document.getElementById('audit').replaceChildren(...page.items.map((r) => {
      const li = el('li');
      li.append(el('div', null, `${formatWhen(r.at)} · ${r.actor_email} · ${r.action}`));
      li.append(el('div', 'change muted', describeChange(r.old_value, r.new_value)));
      return li;
    }));
    document.getElementById('audit-empty').hidden = page.items.length > 0;
    const pages = Math.max(1, Math.ceil(page.total / AUDIT_PAGE_SIZE));
    document.getElementById('audit-page').textContent = `Page ${auditPage + 1} of ${pages}`;
    document.getElementById('audit-prev').disabled = auditPage === 0;
    document.getElementById('audit-next').disabled = auditPage + 1 >= pages;
  } catch (e) {
    showError(message, e);
  }
}

/** Only what changed: "threshold_probability 0.5 → 0.62". */
function describeChange(before, after) {
  if (!before || !after || typeof before !== 'object') { return JSON.stringify(after); }
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed.length ? changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ') : 'no change';
}
