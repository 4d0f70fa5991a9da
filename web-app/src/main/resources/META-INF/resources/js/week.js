// The week shown (by the calendar and the Outlook pane alike), and date helpers in the browser's time zone.
const listeners = new Set();

export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function mondayOf(date) {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

export function addDays(date, days) {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

/** YYYY-MM-DD of a local date. */
export function isoDate(date) {
  const p = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/** '2026-12-10' + n days, without going through time zones. */
export function plusDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDate(new Date(y, m - 1, d + days));
}

export const week = {
  monday: mondayOf(new Date()),
  days() { return [...Array(7).keys()].map(i => addDays(this.monday, i)); },
  move(weeks) { this.monday = weeks === 0 ? mondayOf(new Date()) : addDays(this.monday, 7 * weeks); listeners.forEach(l => l()); },
  onChange(listener) { listeners.add(listener); return () => listeners.delete(listener); },
};

/** '2026-12-10T09:30:00' → '09:30' (wall clock as written). */
export function hhmm(localDateTime) {
  return localDateTime ? localDateTime.slice(11, 16) : '';
}

export function dayLabel(date) {
  return date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}
