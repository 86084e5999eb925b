// Sign-in and first-run page: on an empty database it creates the first (admin) account; with an
// invitation link (?invitation=...) or REGISTRATION=open it registers; otherwise it signs in.
import { api, showError } from './api.js';

const form = document.getElementById('signin');
const message = document.getElementById('message');
const invitation = new URLSearchParams(window.location.search).get('invitation');
let registering = false;

function showRegistration(title, intro) {
  registering = true;
  document.getElementById('title').textContent = title;
  document.getElementById('intro').textContent = intro;
  document.getElementById('submit').textContent = 'Create account';
  document.getElementById('region-row').hidden = false;
  form.password.autocomplete = 'new-password';
  document.getElementById('switch').hidden = true;
}

async function init() {
  let status;
  try {
    status = await api('/api/auth/status', { redirectOn401: false });
  } catch (e) {
    showError(message, e);
    return;
  }
  if (status.account) {
    window.location.replace('/');
  } else if (status.setup_required) {
    showRegistration('First start', 'Create the administrator account of this server (a password of at least 10 characters).');
  } else if (invitation) {
    showRegistration('Create your account', 'You were invited: choose your password.');
  } else if (status.registration === 'open') {
    document.getElementById('switch').hidden = false;
  }
}

document.getElementById('to-register').addEventListener('click', event => {
  event.preventDefault();
  showRegistration('Create your account', 'Choose your email and a password of at least 10 characters.');
});

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.hidden = true;
  const body = { email: form.email.value, password: form.password.value };
  if (registering) {
    if (form.phone_region.value) { body.phone_region = form.phone_region.value.toUpperCase(); }
    if (invitation) { body.invitation = invitation; }
  }
  const submit = document.getElementById('submit');
  submit.disabled = true;
  try {
    await api(registering ? '/api/auth/register' : '/api/auth/login', { method: 'POST', json: body, redirectOn401: false });
    window.location.replace('/');
  } catch (e) {
    showError(message, e);
    submit.disabled = false;
  }
});

init();
