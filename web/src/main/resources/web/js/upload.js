// The upload view: a recording chosen or dropped is sent to /api/analyze with upload progress;
// the answer's timeline is drawn (window probabilities, threshold, incidents) and the file plays
// locally with a cursor moving along it. Contacts are alerted only when the person ticks the box.
import { startPage } from './shell.js';
import { ApiError, showError } from './api.js';
import { drawTimeline } from './upload/timeline.js';

const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file');
const dropZone = document.getElementById('drop-zone');
const chosen = document.getElementById('chosen');
const analyse = document.getElementById('analyse');
const progressRow = document.getElementById('progress-row');
const progress = document.getElementById('progress');
const progressText = document.getElementById('progress-text');
const errorBox = document.getElementById('error');
const result = document.getElementById('result');
const canvas = document.getElementById('timeline');
const player = document.getElementById('player');

let file = null;
let analysis = null;
let playerUrl = null;

function choose(f) {
  file = f || null;
  chosen.textContent = file ? `${file.name} (${(file.size / 1024 / 1024).toFixed(2)} MiB)` : 'No file chosen.';
  analyse.disabled = !file;
  if (playerUrl) { URL.revokeObjectURL(playerUrl); playerUrl = null; }
  if (file) {
    playerUrl = URL.createObjectURL(file);
    player.src = playerUrl;
  }
}

fileInput.addEventListener('change', () => choose(fileInput.files[0]));
for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, event => { event.preventDefault(); dropZone.classList.add('over'); });
}
for (const type of ['dragleave', 'drop']) {
  dropZone.addEventListener(type, () => dropZone.classList.remove('over'));
}
dropZone.addEventListener('drop', event => {
  event.preventDefault();
  if (event.dataTransfer.files.length) { choose(event.dataTransfer.files[0]); }
});

function position() {
  return new Promise(resolve => {
    if (!document.getElementById('share-location').checked || !navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(p => resolve(p.coords), () => resolve(null), { timeout: 8000 });
  });
}

/** POSTs the form with XMLHttpRequest (fetch has no upload progress); resolves with the JSON answer. */
function send(data) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/analyze');
    xhr.upload.addEventListener('progress', event => {
      if (!event.lengthComputable) { return; }
      const percent = Math.round((event.loaded / event.total) * 100);
      progress.value = percent;
      progressText.textContent = percent < 100 ? `Uploading ${percent} %` : 'Analysing…';
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 401) { window.location.replace('/signin.html'); return; }
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch (e) {
        reject(new ApiError(xhr.status, 'bad_answer', `The server answered ${xhr.status} with something that is not JSON`
          + (xhr.status === 413 ? ': the file is probably too large for the server or its proxy.' : '.')));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(body); } else {
        reject(new ApiError(xhr.status, body && body.error, (body && body.detail) || `HTTP ${xhr.status}`));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network',
      'The server could not be reached. Check the connection and try again.')));
    xhr.addEventListener('timeout', () => reject(new ApiError(0, 'timeout', 'The upload took too long.')));
    xhr.send(data);
  });
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  if (!file) { return; }
  errorBox.hidden = true;
  analyse.disabled = true;
  progress.value = 0;
  progressText.textContent = 'Uploading 0 %';
  progressRow.hidden = false;
  const data = new FormData();
  data.append('file', file, file.name);
  const coords = await position();
  if (coords) {
    data.append('latitude', coords.latitude);
    data.append('longitude', coords.longitude);
    data.append('accuracy', coords.accuracy);
  }
  if (document.getElementById('alert-contacts').checked) { data.append('alert', 'true'); }
  try {
    analysis = await send(data);
    show(analysis);
  } catch (e) {
    result.hidden = true;
    showError(errorBox, e);
  } finally {
    progressRow.hidden = true;
    analyse.disabled = !file;
  }
});

function show(a) {
  const verdict = document.getElementById('verdict');
  verdict.textContent = a.is_scream
    ? `Scream detected (peak ${(a.peak_probability * 100).toFixed(0)} %)`
    : `No scream (peak ${(a.peak_probability * 100).toFixed(0)} %)`;
  verdict.className = `verdict ${a.verdict}`;
  document.getElementById('summary').textContent = `${a.duration_s.toFixed(1)} s of ${a.format}, `
    + `${a.timeline.length} windows, ${a.incidents.length} incident${a.incidents.length === 1 ? '' : 's'}, `
    + `threshold ${a.threshold.toFixed(2)}.`;
  const outcome = document.getElementById('alert-outcome');
  outcome.hidden = !a.alert || a.alert === 'none';
  outcome.textContent = { raising: 'Your contacts are being alerted now.',
    no_scream: 'No scream was found, so your contacts were not alerted.' }[a.alert] || '';
  result.hidden = false;
  redraw();
}

function redraw() {
  if (analysis) { drawTimeline(canvas, analysis, player.currentTime); }
}

function follow() {
  redraw();
  if (!player.paused) { requestAnimationFrame(follow); }
}

player.addEventListener('play', follow);
player.addEventListener('seeked', redraw);
player.addEventListener('timeupdate', redraw);
canvas.addEventListener('click', event => {
  if (!analysis) { return; }
  const box = canvas.getBoundingClientRect();
  const fraction = (event.clientX - box.left) / box.width;
  player.currentTime = Math.max(0, Math.min(analysis.duration_s, fraction * analysis.duration_s));
  player.play().catch(() => {});
});
window.addEventListener('resize', redraw);

startPage('upload');
