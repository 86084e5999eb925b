// The monitor (home) view: listens to the microphone, streams it to the server, shows what it
// hears (loudness, the probability of the last 30 s against the threshold) and where the person
// is, and hands incidents to the IncidentView (countdown, "I'm OK", the contacts' messages).
import { startPage } from './shell.js';
import { openMicrophone } from './monitor/microphone.js';
import { LiveStream } from './monitor/stream.js';
import { ProbabilityTrace } from './monitor/trace.js';
import { IncidentView } from './monitor/incident.js';

/** Seconds of digital silence (every sample 0) before the page says the microphone gives nothing. */
const SILENT_SECONDS = 10;

const toggle = document.getElementById('toggle');
const stateText = document.getElementById('state-text');
const micWarning = document.getElementById('mic-warning');
const levelBox = document.getElementById('level');
const levelBar = document.getElementById('level-bar');
const levelText = document.getElementById('level-text');
const thresholdValue = document.getElementById('threshold-value');
const probabilityValue = document.getElementById('probability-value');
const positionText = document.getElementById('position');
const trace = new ProbabilityTrace(document.getElementById('trace'));
const incident = new IncidentView();

let microphone = null;
let stream = null;
let watchId = null;
let wakeLock = null;
let silentSeconds = 0;
let running = false;
let hasBrowserPosition = false;

function setState(text, kind = '') {
  stateText.textContent = text;
  stateText.className = `state ${kind}`;
}

function warnMicrophone(text) {
  micWarning.textContent = text;
  micWarning.hidden = !text;
}

function onChunk(chunk) {
  if (stream) { stream.sendPcm(chunk.pcm); }
  const db = chunk.rms > 0 ? Math.max(-60, 20 * Math.log10(chunk.rms)) : -60;
  levelBar.style.width = `${((db + 60) / 60) * 100}%`;
  levelBox.setAttribute('aria-valuenow', db.toFixed(0));
  levelBox.setAttribute('aria-valuetext', chunk.silent ? 'silent' : `${db.toFixed(0)} dB`);
  levelText.textContent = chunk.silent ? 'silent' : `${db.toFixed(0)} dB`;
  silentSeconds = chunk.silent ? silentSeconds + chunk.seconds : 0;
  if (silentSeconds >= SILENT_SECONDS) {
    warnMicrophone('The microphone has sent nothing but silence for 10 seconds: it may be muted, switched off or'
      + ' taken by another app. Check it, or screams cannot be heard.');
  } else if (!chunk.silent && microphone && !microphone.track.muted && micWarning.dataset.kind !== 'muted') {
    warnMicrophone('');
  }
}

function onMessage(message) {
  switch (message.type) {
    case 'ready':
      trace.setThreshold(message.threshold);
      thresholdValue.textContent = message.threshold.toFixed(2);
      break;
    case 'hop':
      trace.add(message.probability);
      trace.canvas.dataset.lastT = String(message.t); // stream seconds scored so far (tests read it)
      probabilityValue.textContent = message.probability.toFixed(2);
      if (typeof message.threshold === 'number' && message.threshold !== trace.threshold) {
        trace.setThreshold(message.threshold);
        thresholdValue.textContent = message.threshold.toFixed(2);
      }
      break;
    case 'countdown':
      incident.countdown(message.incident_id, message.seconds);
      break;
    case 'countdown_cancelled':
      incident.cancelled(message.incident_id);
      break;
    case 'cancel_refused':
      incident.refused(message.reason);
      break;
    case 'alert':
      incident.showAlert(message.alert_id, message.status);
      break;
    case 'acknowledged':
      incident.acknowledged(message.contact);
      break;
    default:
      break;
  }
}

function onStreamState(state, detail) {
  if (!running) { return; }
  if (state === 'open') {
    setState('Listening. Keep this page open.', 'listening');
  } else if (state === 'connecting') {
    setState('Connecting to the server…');
  } else if (state === 'reconnecting') {
    trace.gap();
    setState(`Connection lost: reconnecting${detail ? ` (${detail})` : ''}… A countdown already started goes on on the server.`, 'trouble');
  } else if (state === 'closed' && detail) {
    setState(`The server closed the stream: ${detail}`, 'trouble');
  }
}

async function start() {
  toggle.disabled = true;
  setState('Asking for the microphone…');
  try {
    microphone = await openMicrophone(onChunk);
  } catch (e) {
    toggle.disabled = false;
    setState('Not listening.');
    warnMicrophone(e && e.name === 'NotAllowedError'
      ? 'The microphone was refused. Allow it for this site in the browser\'s settings, then start again.'
      : `The microphone could not be opened: ${e && e.message ? e.message : e}`);
    return;
  }
  running = true;
  watchTrack(microphone.track);
  stream = new LiveStream(microphone.sampleRate, onMessage, onStreamState);
  stream.open();
  watchPosition();
  await keepAwake();
  toggle.textContent = 'Stop listening';
  toggle.setAttribute('aria-pressed', 'true');
  toggle.disabled = false;
}

async function stop() {
  running = false;
  toggle.disabled = true;
  if (stream) { stream.close(); stream = null; }
  if (microphone) { await microphone.stop(); microphone = null; }
  if (watchId !== null) { navigator.geolocation.clearWatch(watchId); watchId = null; }
  if (wakeLock) { await wakeLock.release().catch(() => {}); wakeLock = null; }
  levelBar.style.width = '0';
  levelText.textContent = '–';
  warnMicrophone('');
  setState('Not listening.');
  toggle.textContent = 'Start listening';
  toggle.setAttribute('aria-pressed', 'false');
  toggle.disabled = false;
}

function watchTrack(track) {
  track.addEventListener('mute', () => {
    micWarning.dataset.kind = 'muted';
    warnMicrophone('The microphone is muted (by the system or another app): screams cannot be heard until it is back.');
  });
  track.addEventListener('unmute', () => { delete micWarning.dataset.kind; warnMicrophone(''); });
  track.addEventListener('ended', () => {
    warnMicrophone('The microphone stopped (unplugged or taken away). Start listening again.');
    stop();
  });
}

function watchPosition() {
  if (!('geolocation' in navigator)) {
    positionText.textContent = 'This browser gives no position: the server uses your IP address\'s approximate'
      + ' position if it knows it, else none.';
    return;
  }
  positionText.textContent = 'Asking for your position…';
  watchId = navigator.geolocation.watchPosition(p => {
    hasBrowserPosition = true;
    const { latitude, longitude, accuracy } = p.coords;
    if (stream) { stream.sendPosition(latitude, longitude, accuracy); }
    positionText.textContent = `From your browser: ${latitude.toFixed(5)}, ${longitude.toFixed(5)}`
      + ` (accurate to about ${Math.round(accuracy)} m). Sent with an alert.`;
    positionText.dataset.source = 'browser';
  }, error => {
    if (hasBrowserPosition) { return; } // keep the last known position
    positionText.dataset.source = 'ip';
    positionText.textContent = (error.code === error.PERMISSION_DENIED
      ? 'You did not share your position. '
      : 'Your browser could not find your position. ')
      + 'An alert will carry your IP address\'s approximate position if the server knows it (often only the city),'
      + ' else no position.';
  }, { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 });
}

async function keepAwake() {
  if (!('wakeLock' in navigator)) { return; }
  try {
    wakeLock = await navigator.wakeLock.request('screen');
  } catch (e) {
    wakeLock = null; // e.g. a hidden page or a power-saving mode: monitoring goes on, the screen may sleep
  }
}

document.addEventListener('visibilitychange', () => {
  if (running && document.visibilityState === 'visible' && (!wakeLock || wakeLock.released)) { keepAwake(); }
});

toggle.addEventListener('click', () => (running ? stop() : start()));
window.addEventListener('resize', () => trace.draw());

async function init() {
  await startPage('monitor');
  if (!window.isSecureContext) {
    document.getElementById('insecure').hidden = false;
  }
  if (!window.isSecureContext || !navigator.mediaDevices || !window.AudioWorkletNode) {
    toggle.disabled = true;
    setState('The microphone is not available on this page (see above).', 'trouble');
  }
  trace.draw();
  await incident.loadPinStatus();
  incident.restore();
}

init();
