// Draws the scream probability of the last 30 seconds on a canvas, with the threshold line.
const WINDOW_MS = 30_000;

export class ProbabilityTrace {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.threshold = null;
  }

  add(probability, atMs = performance.now()) {
    this.points.push({ at: atMs, p: probability });
    const oldest = atMs - WINDOW_MS - 2000;
    while (this.points.length && this.points[0].at < oldest) { this.points.shift(); }
    this.draw(atMs);
  }

  setThreshold(threshold) {
    this.threshold = threshold;
    this.draw();
  }

  /** A gap in the trace (a reconnection): the line is not drawn across it. */
  gap(atMs = performance.now()) {
    this.points.push({ at: atMs, p: null });
  }

  draw(nowMs = performance.now()) {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(200, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(100, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const g = canvas.getContext('2d');
    const pad = { left: 34 * ratio, right: 8 * ratio, top: 8 * ratio, bottom: 20 * ratio };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const x = at => pad.left + plotW * (1 - (nowMs - at) / WINDOW_MS);
    const y = p => pad.top + plotH * (1 - p);
    g.clearRect(0, 0, width, height);
    g.font = `${11 * ratio}px system-ui, sans-serif`;
    g.fillStyle = '#5f6368';
    g.strokeStyle = '#e3e6ea';
    g.lineWidth = 1;
    for (const p of [0, 0.5, 1]) {
      g.beginPath();
      g.moveTo(pad.left, y(p));
      g.lineTo(width - pad.right, y(p));
      g.stroke();
      g.fillText(p.toFixed(1), 4 * ratio, y(p) + 4 * ratio);
    }
    g.fillText('-30 s', pad.left, height - 5 * ratio);
    g.fillText('now', width - pad.right - 24 * ratio, height - 5 * ratio);
    if (this.threshold != null) {
      g.strokeStyle = '#b00020';
      g.setLineDash([6 * ratio, 4 * ratio]);
      g.lineWidth = 2 * ratio;
      g.beginPath();
      g.moveTo(pad.left, y(this.threshold));
      g.lineTo(width - pad.right, y(this.threshold));
      g.stroke();
      g.setLineDash([]);
    }
    g.strokeStyle = '#0b57d0';
    g.lineWidth = 2 * ratio;
    g.beginPath();
    let drawing = false;
    for (const point of this.points) {
      if (point.p == null || nowMs - point.at > WINDOW_MS) { drawing = false; continue; }
      if (drawing) { g.lineTo(x(point.at), y(point.p)); } else { g.moveTo(x(point.at), y(point.p)); drawing = true; }
    }
    g.stroke();
    if (this.threshold != null) {
      g.fillStyle = '#b00020';
      for (const point of this.points) {
        if (point.p != null && point.p >= this.threshold && nowMs - point.at <= WINDOW_MS) {
          g.beginPath();
          g.arc(x(point.at), y(point.p), 3 * ratio, 0, 2 * Math.PI);
          g.fill();
        }
      }
    }
  }
}
