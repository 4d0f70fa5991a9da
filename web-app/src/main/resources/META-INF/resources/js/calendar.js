// My calendar: the signed-in user's activities of the week, each Scheduled For user with the green check
// (connected to Office 365) and the sync status the sync-worker last reported, with its reason.
import { h, every, problemBox, replace } from './dom.js';
import { call } from './api.js';
import { week, isoDate, dayLabel, hhmm } from './week.js';
import { openActivity } from './activity-dialog.js';

export function renderCalendar(main) {
  const title = h('span', { class: 'title' });
  const message = h('div');
  const grid = h('div', { class: 'week', dataset: { test: 'week' } });
  const refresh = () => load(grid, message);
  replace(main, h('section', {},
    h('div', { class: 'week-bar' },
      title,
      h('button', { onclick: () => week.move(-1), title: 'Previous week' }, '‹'),
      h('button', { onclick: () => week.move(0) }, 'Today'),
      h('button', { onclick: () => week.move(1), title: 'Next week' }, '›'),
      h('button', { class: 'primary', dataset: { test: 'new-appointment' },
        onclick: () => openActivity({ kind: 'APPOINTMENT', day: defaultDay() }, refresh) }, 'New appointment'),
      h('button', { dataset: { test: 'new-task' },
        onclick: () => openActivity({ kind: 'TASK', day: defaultDay() }, refresh) }, 'New task')),
    message, grid));
  const showTitle = () => { title.textContent = `Week of ${week.monday.toLocaleDateString(undefined, { dateStyle: 'long' })}`; };
  showTitle();
  const unlisten = week.onChange(() => { showTitle(); refresh(); });
  const stop = every(3000, refresh); // sync status and Outlook's edits arrive without a reload
  return () => { stop(); unlisten(); };
}

/** Today when it is in the week shown, else the week's Monday. */
function defaultDay() {
  const today = isoDate(new Date());
  return week.days().map(isoDate).includes(today) ? today : isoDate(week.monday);
}

async function load(grid, message) {
  const days = week.days();
  const from = isoDate(days[0]);
  const to = isoDate(days[6]);
  let items;
  try {
    ({ data: { items } } = await call('activity', `/activities?from=${from}&to=${to}&size=200`));
    replace(message);
  } catch (e) {
    replace(message, problemBox(e));
    return;
  }
  if (isoDate(week.monday) !== from) return; // the week changed while this was loading
  const today = isoDate(new Date());
  replace(grid, days.map(d => {
    const iso = isoDate(d);
    const mine = items.filter(a => dayOf(a) === iso);
    return h('div', { class: `day${iso === today ? ' today' : ''}`, dataset: { day: iso } },
      h('h4', {}, dayLabel(d)), mine.map(a => card(a, () => load(grid, message))));
  }));
}

function dayOf(a) {
  return a.kind === 'TASK' ? a.dueDate : (a.start || '').slice(0, 10);
}

function card(a, refresh) {
  const time = a.kind === 'TASK'
    ? (a.dueTime ? `Due ${a.dueTime.slice(0, 5)}` : 'Due today')
    : (a.allDay ? 'All day' : `${hhmm(a.start)}–${hhmm(a.end)}`);
  const problems = a.scheduledFor.filter(u => u.syncReason && u.syncStatus !== 'LINKED');
  return h('div', {
    class: `card${a.kind === 'TASK' ? ' task' : ''}`, tabindex: 0,
    dataset: { test: 'activity', id: a.id, subject: a.subject },
    onclick: () => openActivity({ id: a.id }, refresh),
    onkeydown: e => { if (e.key === 'Enter') openActivity({ id: a.id }, refresh); },
  },
  h('div', { class: 'time' }, time, a.pushToOffice365 ? ' · push' : '', a.timeZone ? ` · ${a.timeZone}` : ''),
  h('div', { class: 'subject' }, a.subject),
  a.location ? h('div', { class: 'muted' }, a.location) : null,
  h('div', { class: 'people' }, a.scheduledFor.map(scheduledChip)),
  problems.map(u => h('div', { class: 'reason', dataset: { test: 'sync-reason' } }, `${u.userId}: ${u.syncReason}`)));
}

/** One Scheduled For user: name, the green check when connected, and the sync status (reason on hover). */
export function scheduledChip(u) {
  return h('span', { class: 'chip', dataset: { test: 'scheduled', user: u.userId } },
    u.displayName || u.userId,
    u.connected ? h('span', { class: 'check', title: 'Connected to Office 365', dataset: { test: 'check' } }, '✓') : null,
    u.syncStatus ? h('span', { class: `status ${u.syncStatus}`, title: u.syncReason || u.syncStatus,
      dataset: { test: 'sync-status' } }, u.syncStatus) : null,
    u.responseStatus && u.responseStatus !== 'NONE' ? h('span', { class: 'muted' }, u.responseStatus.toLowerCase()) : null);
}
