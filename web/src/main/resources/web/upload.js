// The upload page: sends a recording to /api/analyze with the session cookie (signed-in people only).
const form = document.getElementById('upload');
const verdict = document.getElementById('verdict');
const result = document.getElementById('result');

async function requireSignIn() {
  const response = await fetch('/api/auth/status', { credentials: 'same-origin' });
  const status = await response.json();
  if (!status.account) {
    window.location.replace('/signin.html');
    return;
  }
  document.getElementById('who').textContent = status.account.email + (status.account.role === 'admin' ? ' (admin)' : '');
  document.getElementById('account').hidden = false;
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  window.location.replace('/signin.html');
});

function position() {
  return new Promise(resolve => {
    if (!document.getElementById('share-location').checked || !navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(p => resolve(p.coords), () => resolve(null), { timeout: 5000 });
  });
}

function showError(message) {
  verdict.textContent = message;
  verdict.className = 'verdict error';
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const data = new FormData(form);
  const coords = await position();
  if (coords) {
    data.append('latitude', coords.latitude);
    data.append('longitude', coords.longitude);
    data.append('accuracy', coords.accuracy);
  }
  verdict.textContent = 'Analysing…';
  verdict.className = 'verdict';
  result.hidden = true;
  let response;
  try {
    response = await fetch('/api/analyze', { method: 'POST', body: data, credentials: 'same-origin' });
  } catch (error) {
    showError('The upload failed: the server could not be reached (' + error.message + '). Check the connection and try again.');
    return;
  }
  if (response.status === 401) {
    window.location.replace('/signin.html');
    return;
  }
  let body;
  try {
    body = await response.json();
  } catch (error) {
    showError(`Error ${response.status} ${response.statusText}: the server's answer was not readable (not JSON). Try again later.`);
    return;
  }
  if (response.ok) {
    verdict.textContent = body.verdict === 'scream'
      ? `Scream detected (peak ${(body.peak_probability * 100).toFixed(0)} %)`
      : `No scream (peak ${(body.peak_probability * 100).toFixed(0)} %)`;
    verdict.className = 'verdict ' + body.verdict;
  } else {
    showError(`Error ${response.status}: ${body.detail || body.error || 'no detail given'}`);
  }
  result.textContent = JSON.stringify(body, null, 2);
  result.hidden = false;
});

requireSignIn();
