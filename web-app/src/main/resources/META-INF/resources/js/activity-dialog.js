// Create / edit / delete one activity, and its sync history. The API decides: a refusal (permission, validation,
// a stale version) is shown with the API's own message, each bad field beside the field.
import { h, every, problemBox, replace } from './dom.js';
import { call } from './api.js';
import { session } from './session.js';
import { zone, plusDays, when } from './week.js';
import { scheduledChip } from './calendar.js';

const dialog = () => document.getElementById('activity-dialog');
let stopHistory = () => {};

/** openActivity({id}) edits one; openActivity({kind, day}) starts a new one on that day. */
export async function openActivity(what, onChanged) {
  stopHistory();
  const d = dialog();
  let activity = null;
  let etag = null;
  let settings = null;
  try {
    if (what.id) {
      ({ data: activity, etag } = await call('activity', `/activities/${what.id}`));
    } else {
      ({ data: settings } = await call('settings', '/settings/office365'));
    }
  } catch (e) {
    replace(d, h('form', { method: 'dialog' }, problemBox(e), h('div', { class: 'actions' }, h('button', {}, 'Close'))));
    d.showModal();
    return;
  }
  const form = buildForm(activity, what, settings, etag, onChanged);
  replace(d, form);
  d.onclose = () => stopHistory();
  if (!d.open) d.showModal();
  if (activity) {
    const history = form.querySelector('[data-test=history]');
    stopHistory = every(3000, () => loadHistory(activity.id, history));
  }
}

function buildForm(a, what, settings, etag, onChanged) {
  const isNew = !a;
  const f = {}; // the inputs, by API field name
  const input = (name, attrs = {}) => (f[name] = h('input', { name, ...attrs, dataset: { field: name, ...attrs.dataset } }));
  const err = name => h('span', { class: 'field-error', dataset: { errorFor: name } });
  const message = h('div');
  const kind = a?.kind || what.kind;
  const day = what.day;

  f.kind = h('select', { name: 'kind', dataset: { field: 'kind' } },
    h('option', { value: 'APPOINTMENT' }, 'Appointment'), h('option', { value: 'TASK' }, 'Task'));
  f.kind.value = kind;
  input('subject', { type: 'text', value: a?.subject || '', required: true, maxlength: 255 });
  input('location', { type: 'text', value: a?.location || '' });
  f.body = h('textarea', { name: 'body', rows: 3, dataset: { field: 'body' } }, a?.body || '');
  input('timeZone', { type: 'text', value: a?.timeZone || zone, list: 'zones' });
  input('allDay', { type: 'checkbox', checked: !!a?.allDay });
  // appointments: dates and times in the activity's time zone (wall clock); all-day ends the next midnight
  const start = a?.start || `${day}T09:00:00`;
  const end = a?.end || `${day}T10:00:00`;
  const endDay = a?.allDay ? plusDays(end.slice(0, 10), -1) : end.slice(0, 10);
  input('startDate', { type: 'date', value: start.slice(0, 10) });
  input('startTime', { type: 'time', value: start.slice(11, 16) });
  input('endDate', { type: 'date', value: endDay });
  input('endTime', { type: 'time', value: end.slice(11, 16) });
  input('dueDate', { type: 'date', value: a?.dueDate || day || '' });
  input('dueTime', { type: 'time', value: a?.dueTime ? a.dueTime.slice(0, 5) : '' });

  const scheduled = new Set(a ? a.scheduledFor.map(u => u.userId) : [session.user]);
  const people = session.users.filter(u => u.active || scheduled.has(u.userId));
  f.scheduledFor = h('div', { class: 'inline', dataset: { field: 'scheduledFor' } }, people.map(u => h('label', {},
    h('input', { type: 'checkbox', value: u.userId, checked: scheduled.has(u.userId), dataset: { test: 'scheduled-for', user: u.userId } }),
    ` ${u.displayName || u.userId}`)));
  f.organizerId = h('select', { name: 'organizerId', dataset: { field: 'organizerId' } },
    h('option', { value: '' }, isNew ? '(default: me, when connected)' : '(none)'),
    people.map(u => h('option', { value: u.userId }, u.displayName || u.userId)));
  f.organizerId.value = a?.organizerId || '';
  // the push tick starts from the firm's Always Push setting of the kind; the user may untick it (the seed)
  const pushDefault = k => (k === 'TASK' ? settings?.alwaysPushTasks : settings?.alwaysPushAppointments) ?? false;
  input('pushToOffice365', { type: 'checkbox', checked: a ? a.pushToOffice365 : pushDefault(kind), dataset: { test: 'push' } });
  let pushTouched = false;
  f.pushToOffice365.addEventListener('change', () => { pushTouched = true; });

  const appointmentRows = [
    row('All day', h('label', {}, f.allDay, ' midnight to midnight'), err('allDay')),
    row('Starts', h('span', { class: 'inline' }, f.startDate, f.startTime), err('start')),
    row('Ends', h('span', { class: 'inline' }, f.endDate, f.endTime), err('end')),
    row('Organizer', f.organizerId, err('organizerId'),
      h('small', { class: 'muted' }, 'Sends the meeting when System Settings use the organizer')),
  ];
  const taskRows = [
    row('Due date', f.dueDate, err('dueDate')),
    row('Due time', h('span', { class: 'inline' }, f.dueTime, h('small', { class: 'muted' }, 'empty: due all day')), err('dueTime')),
  ];
  const showKind = () => {
    const task = f.kind.value === 'TASK';
    appointmentRows.flat().forEach(el => { el.hidden = task; });
    taskRows.flat().forEach(el => { el.hidden = !task; });
    f.startTime.hidden = f.endTime.hidden = f.allDay.checked;
    if (isNew && !pushTouched) f.pushToOffice365.checked = pushDefault(f.kind.value);
  };
  f.kind.addEventListener('change', showKind);
  f.allDay.addEventListener('change', showKind);

  const notes = [];
  if (a && !a.canEdit) notes.push(`Your edit permission (${session.me?.edit}) does not cover this activity: activity-service will refuse a save.`);
  if (a && !a.canDelete) notes.push(`Your delete permission (${session.me?.delete}) does not cover this activity: activity-service will refuse a delete.`);

  const body = () => {
    const task = f.kind.value === 'TASK';
    const allDay = f.allDay.checked;
    const out = {
      kind: f.kind.value,
      subject: f.subject.value,
      body: f.body.value || null,
      location: f.location.value || null,
      timeZone: f.timeZone.value,
      scheduledFor: [...f.scheduledFor.querySelectorAll('input:checked')].map(i => i.value),
      pushToOffice365: f.pushToOffice365.checked,
    };
    if (task) {
      out.dueDate = f.dueDate.value || null;
      out.dueTime = f.dueTime.value ? `${f.dueTime.value}:00` : null;
    } else {
      out.allDay = allDay;
      out.start = f.startDate.value ? `${f.startDate.value}T${allDay ? '00:00' : f.startTime.value || '00:00'}:00` : null;
      out.end = f.endDate.value ? (allDay ? `${plusDays(f.endDate.value, 1)}T00:00:00`
        : `${f.endDate.value}T${f.endTime.value || '00:00'}:00`) : null;
      out.organizerId = f.organizerId.value || null;
    }
    return out;
  };

  const refused = e => {
    replace(message, problemBox(e));
    form.querySelectorAll('[data-error-for]').forEach(s => { s.textContent = ''; });
    for (const v of e.errors || []) {
      const slot = form.querySelector(`[data-error-for="${v.field}"]`);
      if (slot) slot.textContent = v.message;
    }
  };
  const done = () => { dialog().close(); onChanged(); };

  const save = async ev => {
    ev.preventDefault();
    try {
      if (isNew) await call('activity', '/activities', { method: 'POST', body: body() });
      else await call('activity', `/activities/${a.id}`, { method: 'PUT', body: body(), etag });
      done();
    } catch (e) { refused(e); }
  };
  const remove = async () => {
    try {
      await call('activity', `/activities/${a.id}`, { method: 'DELETE', etag });
      done();
    } catch (e) { refused(e); }
  };

  const form = h('form', { onsubmit: save, dataset: { test: 'activity-form' } },
    h('h2', {}, isNew ? `New ${kind === 'TASK' ? 'task' : 'appointment'}` : a.subject),
    notes.map(n => h('div', { class: 'note', dataset: { test: 'permission-note' } }, n)),
    message,
    h('div', { class: 'dialog-body' }, h('div', { class: 'form-grid' },
      row('Kind', f.kind, err('kind')),
      row('Subject', f.subject, err('subject')),
      ...appointmentRows, ...taskRows,
      row('Time zone', f.timeZone, err('timeZone'), h('datalist', { id: 'zones' },
        [zone, 'UTC', 'Europe/London', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Australia/Sydney']
          .map(z => h('option', { value: z })))),
      row('Location', f.location, err('location')),
      row('Notes', f.body, err('body')),
      row('Scheduled For', f.scheduledFor, err('scheduledFor')),
      row('Office 365', h('label', {}, f.pushToOffice365, ' Push to Office 365'))),
    h('div', { class: 'side' }, a ? [
      h('h3', {}, 'Sync'),
      h('div', { class: 'inline' }, a.scheduledFor.map(scheduledChip)),
      h('p', { class: 'muted' }, `Created by ${a.createdBy} · version ${a.version} · updated ${when(a.updatedAt)}`),
      h('h3', {}, 'Sync history'),
      h('div', { dataset: { test: 'history' } }, h('span', { class: 'muted' }, 'Loading…')),
    ] : h('p', { class: 'muted' }, 'Saved with "Push to Office 365", the activity is written to the Office 365 '
      + 'calendar of every Scheduled For user who is connected (the green check).'))),
    h('div', { class: 'actions' },
      h('button', { class: 'primary', type: 'submit', dataset: { test: 'save' } }, 'Save'),
      a ? h('button', { type: 'button', class: 'danger', dataset: { test: 'delete' }, onclick: remove }, 'Delete') : null,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', dataset: { test: 'close' }, onclick: () => dialog().close() }, 'Close')));
  showKind();
  return form;
}

/** A label and its control(s) in the form's grid; returned as an array so a kind can hide the pair. */
function row(label, ...controls) {
  return [h('label', { class: 'lbl' }, label), h('div', {}, ...controls)];
}

async function loadHistory(id, container) {
  try {
    const { data } = await call('activity', `/activities/${id}/history`);
    replace(container, data.length === 0 ? h('span', { class: 'muted' }, 'Nothing yet.') : h('table', { class: 'history' },
      h('tr', {}, ['When', 'From', 'Who', 'What', 'Outcome', 'Detail'].map(t => h('th', {}, t))),
      data.slice().reverse().map(e => h('tr', { dataset: { test: 'history-entry' } },
        h('td', {}, when(e.at)), h('td', {}, e.source === 'OFFICE365' ? 'Office 365' : e.source === 'APP' ? 'app' : e.source),
        h('td', {}, e.mailbox || e.userId || ''), h('td', {}, e.action + (e.version ? ` (v${e.version})` : '')),
        h('td', {}, e.outcome || ''), h('td', {}, e.detail || '')))));
  } catch (e) {
    replace(container, problemBox(e));
  }
}
