// Sign-in and first-run page: on an empty database it creates the first (admin) account; with an
// invitation link (?invitation=...) or REGISTRATION=open it registers; otherwise it signs in.
const form = document.getElementById('signin');
const message = document.getElementById('message');
const invitation = new URLSearchParams(window.location.search).get('invitation');
let registering = false;

function showRegistration(intro) {
  registering = true;
  document.getElementById('intro').textContent = intro;
  document.getElementById('submit').textContent = 'Create account';
  document.getElementById('region-row').hidden = false;
  form.password.autocomplete = 'new-password';
  document.getElementById('switch').hidden = true;
}

async function init() {
  const status = await (await fetch('/api/auth/status', { credentials: 'same-origin' })).json();
  if (status.account) {
    window.location.replace('/');
  } else if (status.setup_required) {
    showRegistration('First start: create the administrator account (at least 10 characters of password).');
  } else if (invitation) {
    showRegistration('You were invited: create your account.');
  } else if (status.registration === 'open') {
    document.getElementById('switch').hidden = false;
  }
}

document.getElementById('to-register').addEventListener('click', event => {
  event.preventDefault();
  showRegistration('Create your account.');
});

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  const body = { email: form.email.value, password: form.password.value };
  if (registering) {
    body.phone_region = form.phone_region.value;
    if (invitation) { body.invitation = invitation; }
  }
  const response = await fetch(registering ? '/api/auth/register' : '/api/auth/login', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
  });
  if (response.ok) {
    window.location.replace('/');
    return;
  }
  const error = await response.json();
  message.textContent = error.detail;
});

init();
