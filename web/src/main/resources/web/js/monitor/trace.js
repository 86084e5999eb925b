// Draws the scream probability of the last 30 seconds on a canvas, with the threshold line.
import { drawThreshold, startPlot } from '../probability-plot.js';

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
    const plot = startPlot(this.canvas, { left: 34, right: 8, top: 8, bottom: 20 });
    const { g, ratio, width, height, pad, plotW, y } = plot;
    const x = at => pad.left + plotW * (1 - (nowMs - at) / WINDOW_MS);
    g.fillText('-30 s', pad.left, height - 5 * ratio);
    g.fillText('now', width - pad.right - 24 * ratio, height - 5 * ratio);
    if (this.threshold != null) {
      drawThreshold(plot, this.threshold);
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
