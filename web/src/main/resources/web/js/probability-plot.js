// The frame both probability charts share (the monitor's live trace and the upload's timeline):
// a canvas sized to its element at the screen's pixel ratio, the 0 / 0.5 / 1 grid with its labels,
// and the dashed threshold line.

/**
 * Sizes the canvas, clears it and draws the probability grid. pad: margins in CSS pixels.
 * Returns { g, ratio, width, height, pad, plotW, plotH, y } with pad in device pixels and
 * y(p) the vertical position of probability p.
 */
export function startPlot(canvas, padCss) {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(200, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(100, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const g = canvas.getContext('2d');
  const pad = {
    left: padCss.left * ratio, right: padCss.right * ratio, top: padCss.top * ratio, bottom: padCss.bottom * ratio
  };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const y = p => pad.top + plotH * (1 - p);
  g.clearRect(0, 0, width, height);
  g.font = `${11 * ratio}px system-ui, sans-serif`;
  g.strokeStyle = '#e3e6ea';
  g.fillStyle = '#5f6368';
  g.lineWidth = 1;
  for (const p of [0, 0.5, 1]) {
    g.beginPath();
    g.moveTo(pad.left, y(p));
    g.lineTo(width - pad.right, y(p));
    g.stroke();
    g.fillText(p.toFixed(1), 4 * ratio, y(p) + 4 * ratio);
  }
  return { g, ratio, width, height, pad, plotW, plotH, y };
}

/** Draws the threshold as a dashed red line across the plot. */
export function drawThreshold(plot, threshold) {
  const { g, ratio, width, pad, y } = plot;
  g.strokeStyle = '#b00020';
  g.lineWidth = 2 * ratio;
  g.setLineDash([6 * ratio, 4 * ratio]);
  g.beginPath();
  g.moveTo(pad.left, y(threshold));
  g.lineTo(width - pad.right, y(threshold));
  g.stroke();
  g.setLineDash([]);
}
