// Draws an analysed recording: each window's scream probability along the recording's time, the
// threshold line, the incidents as shaded spans and the playback cursor.
import { drawThreshold, startPlot } from '../probability-plot.js';

/** analysis: the /api/analyze answer (duration_s, timeline[], incidents[], threshold); cursorS: seconds. */
export function drawTimeline(canvas, analysis, cursorS) {
  const plot = startPlot(canvas, { left: 34, right: 10, top: 10, bottom: 22 });
  const { g, ratio, width, height, pad, plotW, plotH } = plot;
  const duration = Math.max(analysis.duration_s, 0.001);
  const x = s => pad.left + plotW * (s / duration);
  const y = plot.y;

  g.fillStyle = 'rgba(176, 0, 32, 0.14)';
  for (const incident of analysis.incidents) {
    g.fillRect(x(incident.start_s), pad.top, Math.max(2, x(incident.end_s) - x(incident.start_s)), plotH);
  }
  g.fillStyle = '#5f6368';
  const step = niceStep(duration);
  for (let s = 0; s <= duration + 1e-9; s += step) {
    g.fillText(`${+s.toFixed(1)} s`, Math.min(x(s), width - pad.right - 30 * ratio), height - 6 * ratio);
  }

  drawThreshold(plot, analysis.threshold);

  g.strokeStyle = '#0b57d0';
  g.beginPath();
  analysis.timeline.forEach((w, i) => {
    const mid = (w.start_s + w.end_s) / 2;
    if (i === 0) { g.moveTo(x(mid), y(w.probability)); } else { g.lineTo(x(mid), y(w.probability)); }
  });
  g.stroke();
  for (const w of analysis.timeline) {
    const mid = (w.start_s + w.end_s) / 2;
    g.fillStyle = w.quiet ? '#9aa0a6' : (w.probability >= analysis.threshold ? '#b00020' : '#0b57d0');
    g.beginPath();
    g.arc(x(mid), y(w.probability), 2.5 * ratio, 0, 2 * Math.PI);
    g.fill();
  }

  if (cursorS > 0) {
    g.strokeStyle = '#1d1d1f';
    g.lineWidth = 2 * ratio;
    g.beginPath();
    g.moveTo(x(Math.min(cursorS, duration)), pad.top);
    g.lineTo(x(Math.min(cursorS, duration)), pad.top + plotH);
    g.stroke();
  }
  canvas.dataset.windows = String(analysis.timeline.length);
  canvas.dataset.cursor = cursorS.toFixed(2);
}

function niceStep(duration) {
  for (const step of [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600]) {
    if (duration / step <= 8) { return step; }
  }
  return 1200;
}
