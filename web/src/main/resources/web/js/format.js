// Dates and small formatting shared by the History, Account and Admin views. The time zone is the
// one the person chose on the Account page (kept in this browser), else the browser's own; the
// monitor sends it in its hello, so alert messages give times in it.

const ZONE_KEY = 'screamguard.timeZone';

/** The IANA time zone the pages show times in. */
export function preferredTimeZone() {
  const chosen = window.localStorage.getItem(ZONE_KEY);
  if (chosen && isTimeZone(chosen)) { return chosen; }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Keeps the chosen time zone in this browser (empty = follow the browser). */
export function setPreferredTimeZone(zone) {
  if (zone) { window.localStorage.setItem(ZONE_KEY, zone); } else { window.localStorage.removeItem(ZONE_KEY); }
}

/** True for a name Intl knows (Europe/Berlin, UTC). */
export function isTimeZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (e) {
    return false;
  }
}

/** "21 Nov 2026, 08:15" in the preferred time zone. */
export function formatWhen(iso) {
  if (!iso) { return '—'; }
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: preferredTimeZone() })
    .format(new Date(iso));
}

/** 0.914 → "91 %". */
export function percent(p) {
  return p === null || p === undefined || Number.isNaN(p) ? '—' : `${Math.round(p * 100)} %`;
}

/** Creates an element with a class and text. */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) { e.className = className; }
  if (text !== undefined && text !== null) { e.textContent = text; }
  return e;
}

/** The midnight that starts a yyyy-mm-dd day in the preferred time zone, as an ISO instant. */
export function startOfDay(day, zone = preferredTimeZone()) {
  const [y, m, d] = day.split('-').map(Number);
  const utcGuess = Date.UTC(y, m - 1, d);
  // the zone's offset at that moment, from how Intl writes it (no library needed)
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(utcGuess));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(utcGuess - (asUtc - utcGuess)).toISOString();
}

/** The day after a yyyy-mm-dd day. */
export function nextDay(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
