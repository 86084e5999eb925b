// The live stream to /api/stream: the hello, PCM, positions and cancels; reconnects by itself after
// a network drop (the server keeps any countdown running meanwhile) and says so through onState.

import { preferredTimeZone } from '../format.js';

const MAX_BACKOFF_MS = 10_000;
/** Audio waiting while the socket is slow is dropped beyond this many bytes (the server sheds too). */
const MAX_BUFFERED_BYTES = 512 * 1024;

export class LiveStream {
  /**
   * @param sampleRate the PCM's rate (s16le mono)
   * @param onMessage  each JSON message of the server
   * @param onState    'connecting' | 'open' | 'reconnecting' | 'closed', with a detail
   */
  constructor(sampleRate, onMessage, onState) {
    this.sampleRate = sampleRate;
    this.onMessage = onMessage;
    this.onState = onState;
    this.position = null;
    this.socket = null;
    this.stopped = false;
    this.attempt = 0;
    this.timer = null;
  }

  open() {
    this.stopped = false;
    this.connect();
  }

  connect() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${window.location.host}/api/stream`);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.onState(this.attempt === 0 ? 'connecting' : 'reconnecting', '');
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({
        type: 'hello', sampleRate: this.sampleRate, encoding: 's16le', channels: 1,
        time_zone: preferredTimeZone() // the Account page's choice, else the browser's: alert messages give times in it
      }));
      if (this.position) { socket.send(JSON.stringify(this.position)); }
    });
    socket.addEventListener('message', event => {
      if (typeof event.data !== 'string') { return; }
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === 'ready') {
        this.attempt = 0;
        this.onState('open', '');
      }
      this.onMessage(message);
    });
    socket.addEventListener('close', event => {
      if (this.socket !== socket) { return; }
      this.socket = null;
      if (this.stopped) { this.onState('closed', ''); return; }
      if (event.code === 1008 || event.code === 1003) {
        // the server refused what we sent: retrying would be refused again
        this.onState('closed', event.reason || 'the server refused the stream');
        return;
      }
      this.attempt++;
      const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 5));
      // 1013: the server is full or behind; its reason says which
      const why = event.code === 1013 && event.reason ? `${event.reason}; ` : '';
      this.onState('reconnecting', `${why}retrying in ${Math.round(wait / 1000)} s`);
      this.timer = setTimeout(() => this.connect(), wait);
    });
  }

  /** True when audio sent now reaches the server. */
  get ready() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  sendPcm(buffer) {
    if (this.ready && this.socket.bufferedAmount < MAX_BUFFERED_BYTES) { this.socket.send(buffer); }
  }

  /** The latest position; sent now and again after each reconnection. */
  sendPosition(latitude, longitude, accuracy) {
    this.position = { type: 'location', latitude, longitude, accuracy };
    if (this.ready) { this.socket.send(JSON.stringify(this.position)); }
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) { this.socket.close(1000, 'stopped by the person'); } else { this.onState('closed', ''); }
  }
}
