// Account: PINs (/api/alerts/pins), sharing audio with contacts (/api/alerts/sharing), the time zone
// of the pages (kept in this browser), password, data export and deleting the account.
import { api, showError } from './api.js';
import { startPage } from './shell.js';
import { isTimeZone, preferredTimeZone, setPreferredTimeZone } from './format.js';

const account = await startPage('account');
document.getElementById('who').textContent = `Signed in as ${account.email}${account.role === 'admin' ? ' (admin)' : ''}.`;
document.getElementById('username').value = account.email;
setUpPins();
setUpSharing();
setUpTimeZone();
setUpPassword();
setUpDelete();

async function setUpPins() {
  const form = document.getElementById('pins-form');
  const errorBox = document.getElementById('pins-message');
  const drawStatus = (s) => {
    document.getElementById('pins-status').textContent = s.pin_set
      ? `A PIN is set${s.duress_pin_set ? ', and a duress PIN' : ''}.` : 'No PIN: anyone at the screen can cancel.';
    document.getElementById('pins-clear').disabled = !s.pin_set;
  };
  try {
    drawStatus(await api('/api/alerts/pins'));
  } catch (e) {
    showError(errorBox, e);
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    const pin = document.getElementById('pin').value.trim();
    const duress = document.getElementById('duress-pin').value.trim();
    if (!/^[0-9]{4,8}$/.test(pin)) {
      showError(errorBox, 'The PIN must be 4 to 8 digits.');
      return;
    }
    try {
      drawStatus(await api('/api/alerts/pins', { method: 'PUT', json: { pin, duress_pin: duress || null } }));
      form.reset();
    } catch (err) {
      showError(errorBox, err);
    }
  });
  document.getElementById('pins-clear').addEventListener('click', async () => {
    errorBox.hidden = true;
    try {
      drawStatus(await api('/api/alerts/pins', { method: 'PUT', json: {} }));
    } catch (err) {
      showError(errorBox, err);
    }
  });
}

async function setUpSharing() {
  const box = document.getElementById('share-audio');
  const status = document.getElementById('sharing-status');
  try {
    box.checked = (await api('/api/alerts/sharing')).share_audio;
  } catch (e) {
    status.textContent = e.message;
  }
  box.addEventListener('change', async () => {
    try {
      const now = await api('/api/alerts/sharing', { method: 'PUT', json: { share_audio: box.checked } });
      box.checked = now.share_audio;
      status.textContent = now.share_audio ? 'Saved: your contacts can play the clips.' : 'Saved: the clips stay private.';
    } catch (e) {
      box.checked = !box.checked;
      status.textContent = e.message;
    }
  });
}

function setUpTimeZone() {
  const select = document.getElementById('time-zone');
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserZone, 'UTC'];
  select.append(new Option(`This browser's (${browserZone})`, ''));
  for (const zone of zones) { select.append(new Option(zone.replace(/_/g, ' '), zone)); }
  const chosen = window.localStorage.getItem('screamguard.timeZone');
  select.value = chosen && isTimeZone(chosen) ? chosen : '';
  select.addEventListener('change', () => {
    setPreferredTimeZone(select.value);
    document.getElementById('zone-status').textContent = `Saved: times are shown in ${preferredTimeZone()}.`;
  });
}

function setUpPassword() {
  const form = document.getElementById('password-form');
  const errorBox = document.getElementById('password-message');
  const done = document.getElementById('password-done');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    errorBox.hidden = true;
    done.textContent = '';
    try {
      await api('/api/account/password', { method: 'PUT', redirectOn401: false, json: {
        current_password: document.getElementById('current-password').value,
        new_password: document.getElementById('new-password').value
      } });
      form.reset();
      document.getElementById('username').value = account.email;
      done.textContent = 'Password changed. Your other sessions were signed out.';
    } catch (err) {
      showError(errorBox, err);
    }
  });
}

function setUpDelete() {
  const form = document.getElementById('delete-form');
  const confirmation = document.getElementById('delete-confirm');
  const button = document.getElementById('delete-account');
  const errorBox = document.getElementById('delete-message');
  confirmation.addEventListener('input', () => {
    button.disabled = confirmation.value.trim().toLowerCase() !== account.email.toLowerCase();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled) { return; }
    errorBox.hidden = true;
    try {
      await api('/api/account', { method: 'DELETE' });
      window.location.replace('/signin.html');
    } catch (err) {
      showError(errorBox, err);
    }
  });
}
