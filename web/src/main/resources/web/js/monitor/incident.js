// An incident on the person's screen: the full-screen countdown with "I'm OK" (and the PIN pad
// when the person set a PIN), then the alert with each contact's message state, polled from the
// incident's event (so it survives a reconnection or a reload), and "I'm safe".
import { api, ApiError } from '../api.js';

const STORAGE_KEY = 'screamguard.incident';
const POLL_MS = 2000;
const LABELS = { sms: 'SMS', email: 'Email', voice: 'Call' };

export class IncidentView {
  constructor(onChange = () => {}) {
    this.onChange = onChange;
    this.overlay = document.getElementById('countdown');
    this.seconds = document.getElementById('countdown-seconds');
    this.countdownText = document.getElementById('countdown-text');
    this.okButton = document.getElementById('im-ok');
    this.pinForm = document.getElementById('pin-form');
    this.pinInput = document.getElementById('pin');
    this.cancelMessage = document.getElementById('cancel-message');
    this.panel = document.getElementById('alert-panel');
    this.summary = document.getElementById('alert-summary');
    this.recipients = document.getElementById('recipients');
    this.safeButton = document.getElementById('safe');
    this.safeResult = document.getElementById('safe-result');
    this.pinSet = false;
    this.incidentId = null;
    this.alertId = null;
    this.deadline = 0;
    this.tick = null;
    this.poll = null;
    this.okButton.addEventListener('click', () => this.imOk());
    this.pinForm.addEventListener('submit', event => { event.preventDefault(); this.cancel(this.pinInput.value); });
    this.pinForm.querySelectorAll('[data-digit]').forEach(b => b.addEventListener('click', () => {
      if (this.pinInput.value.length < 8) { this.pinInput.value += b.dataset.digit; }
    }));
    document.getElementById('pin-clear').addEventListener('click', () => { this.pinInput.value = this.pinInput.value.slice(0, -1); });
    this.safeButton.addEventListener('click', () => this.safe());
  }

  async loadPinStatus() {
    try {
      this.pinSet = (await api('/api/alerts/pins')).pin_set === true;
    } catch (e) {
      this.pinSet = false;
    }
  }

  /** A countdown from the stream (or restored after a reload). */
  countdown(incidentId, seconds, deadline = Date.now() + seconds * 1000) {
    if (this.incidentId === incidentId && this.tick) { return; }
    this.stopPolling();
    this.incidentId = incidentId;
    this.alertId = null;
    this.deadline = deadline;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ incidentId, deadline }));
    this.pinInput.value = '';
    this.cancelMessage.textContent = '';
    this.pinForm.hidden = true;
    this.okButton.hidden = false;
    document.getElementById('countdown-lead').textContent = 'Your contacts will be alerted in';
    document.getElementById('countdown-unit').hidden = false;
    this.overlay.hidden = false;
    this.okButton.focus();
    this.render();
    clearInterval(this.tick);
    this.tick = setInterval(() => this.render(), 200);
    this.onChange('countdown');
  }

  render() {
    const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    this.seconds.textContent = String(left);
    document.getElementById('countdown-unit').textContent = left === 1 ? 'second' : 'seconds';
    if (left === 0) {
      clearInterval(this.tick);
      this.tick = null;
      document.getElementById('countdown-lead').textContent = 'Alerting your contacts now…';
      document.getElementById('countdown-unit').hidden = true;
      // the alert message may have been lost in a reconnection: the event tells the outcome
      setTimeout(() => { if (this.incidentId && !this.alertId) { this.showAlert(null, null); } }, 3000);
    }
  }

  imOk() {
    if (this.pinSet) {
      this.okButton.hidden = true;
      this.pinForm.hidden = false;
      this.pinInput.focus();
      return;
    }
    this.cancel(null);
  }

  async cancel(pin) {
    const id = this.incidentId;
    if (!id) { return; }
    this.cancelMessage.textContent = 'Cancelling…';
    try {
      await api(`/api/incidents/${encodeURIComponent(id)}/cancel`, { method: 'POST', json: pin ? { pin } : {} });
      this.cancelled(id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        this.cancelMessage.textContent = 'That PIN is wrong: the countdown goes on. Try again.';
        this.pinInput.value = '';
        this.pinInput.focus();
      } else if (e instanceof ApiError && e.status === 404) {
        this.cancelMessage.textContent = 'Too late to cancel: the alert is on its way. Use "I\'m safe" below.';
      } else {
        this.cancelMessage.textContent = `Could not cancel: ${e.message}`;
      }
    }
  }

  /** The countdown stopped (our cancel, or countdown_cancelled on the stream). */
  cancelled(incidentId) {
    if (incidentId !== this.incidentId) { return; }
    clearInterval(this.tick);
    this.tick = null;
    this.overlay.hidden = true;
    this.incidentId = null;
    sessionStorage.removeItem(STORAGE_KEY);
    this.onChange('cancelled');
  }

  refused(reason) {
    this.cancelMessage.textContent = reason;
  }

  /** The alert message of the stream, or (alertId null) the outcome read from the event. */
  showAlert(alertId, status) {
    clearInterval(this.tick);
    this.tick = null;
    this.overlay.hidden = true;
    this.alertId = alertId || this.alertId;
    this.panel.hidden = false;
    this.safeButton.hidden = false;
    this.safeButton.disabled = !this.alertId;
    this.safeResult.textContent = '';
    document.getElementById('alert-title').textContent = 'Your contacts are being alerted';
    this.summary.textContent = {
      raised: 'The alert was sent. Each contact\'s message:',
      joined: 'This joined your alert that is still open. Each contact\'s message:',
      rate_limited: 'No alert was sent: the hourly limit of alerts is reached.',
      no_contacts: 'No alert could be sent: you have no emergency contacts. Add some on the Contacts page.'
    }[status] || 'Checking the alert…';
    this.onChange('alert');
    this.startPolling();
  }

  acknowledged(contact) {
    this.summary.textContent = `${contact} is on their way.`;
    this.refresh();
  }

  startPolling() {
    this.stopPolling();
    this.refresh();
    this.poll = setInterval(() => this.refresh(), POLL_MS);
  }

  stopPolling() {
    clearInterval(this.poll);
    this.poll = null;
  }

  async refresh() {
    const id = this.incidentId;
    if (!id) { return; }
    let event;
    try {
      event = await api(`/api/events/${encodeURIComponent(id)}`);
    } catch (e) {
      return; // the incident's event is written when it ends: try again at the next poll
    }
    const alert = event && event.alert;
    if (!alert) { return; }
    if (alert.alert_id && !this.alertId) {
      this.alertId = alert.alert_id;
      this.safeButton.disabled = false;
    }
    if (alert.status === 'cancelled') { this.cancelled(id); this.panel.hidden = true; return; }
    if (alert.status === 'safe') { this.safeDone(); }
    const outcome = {
      rate_limited: 'No alert was sent: the hourly limit of alerts is reached.',
      no_contacts: 'No alert could be sent: you have no emergency contacts. Add some on the Contacts page.',
      not_configured: 'No message could be sent: the server has no SMS or email settings. Tell its administrator.',
      failed: 'The messages could not be delivered. Call someone if you can.',
      sending: 'The alert is being sent. Each contact\'s message:',
      sent: 'The alert was sent. Each contact\'s message:'
    }[alert.status];
    if (outcome && !this.summary.textContent.endsWith('on their way.')) { this.summary.textContent = outcome; }
    const recipients = (alert.recipients || []).filter(r => !r.kind || r.kind === 'alert');
    this.drawRecipients(recipients);
    if (alert.status !== 'safe' && recipients.some(r => r.status === 'acknowledged')) {
      document.getElementById('alert-title').textContent = 'Help is on the way';
    }
  }

  drawRecipients(recipients) {
    const items = recipients.map(r => {
      const li = document.createElement('li');
      li.dataset.channel = r.channel;
      li.dataset.status = r.status;
      const who = document.createElement('span');
      who.textContent = `${r.contact} · ${LABELS[r.channel] || r.channel}`;
      const status = document.createElement('span');
      status.className = `status ${r.status}`;
      status.textContent = r.status === 'acknowledged' ? 'on their way' : r.status.replaceAll('_', ' ');
      li.append(who, status);
      return li;
    });
    this.recipients.replaceChildren(...items);
  }

  async safe() {
    if (!this.alertId) { return; }
    this.safeButton.disabled = true;
    try {
      const answer = await api(`/api/alerts/${encodeURIComponent(this.alertId)}/safe`, { method: 'POST' });
      this.safeDone(answer.follow_ups);
    } catch (e) {
      this.safeButton.disabled = false;
      this.safeResult.textContent = e instanceof ApiError && e.status === 404
        ? 'This alert has already ended.' : `Could not tell your contacts: ${e.message}`;
    }
  }

  safeDone(followUps) {
    document.getElementById('alert-title').textContent = 'You are safe';
    this.safeButton.hidden = true;
    this.safeResult.textContent = followUps === undefined ? 'This alert has ended.'
      : `Your contacts were told you are safe (${followUps} message${followUps === 1 ? '' : 's'}).`;
    sessionStorage.removeItem(STORAGE_KEY);
    this.stopPolling();
    this.refresh();
    this.incidentId = null;
    this.onChange('safe');
  }

  /** After a reload: the countdown still running on the server, or the alert it became. */
  restore() {
    let saved;
    try { saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY)); } catch (e) { saved = null; }
    if (!saved || !saved.incidentId) { return; }
    if (saved.deadline > Date.now()) {
      this.countdown(saved.incidentId, 0, saved.deadline);
    } else {
      this.incidentId = saved.incidentId;
      this.showAlert(null, null);
    }
  }
}
