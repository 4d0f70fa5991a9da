// The local run's "Outlook": a demo user's calendar as the Graph simulator holds it, for the week shown. Edits
// and deletions here are the user's own in Outlook (their Graph token, via the web app's /sim), so docketsync
// hears of them only through Graph's change notifications and applies its rules (When Editing, When Deleting,
// the prefix).
import { h, every, problemBox, replace } from './dom.js';
import { local } from './api.js';
import { week, zone, hhmm, isoDate } from './week.js';

export function renderOutlookPane(aside, users) {
  let current = users[0]?.id;
  let editing = null; // the event whose form is open: polls leave it alone
  const tabs = h('div', { class: 'tabs' });
  const message = h('div');
  const list = h('div', { dataset: { test: 'outlook-events' } });
  const showTabs = () => replace(tabs, users.map(u => h('button', {
    class: u.id === current ? 'active' : '', dataset: { test: 'outlook-user', user: u.id },
    onclick: () => { current = u.id; editing = null; showTabs(); refresh(); },
  }, u.id)));
  const refresh = async () => {
    if (editing) return;
    const user = current;
    const start = week.monday;
    const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7);
    try {
      const { data } = await local(`/sim/calendars/${user}/events?${new URLSearchParams({
        start: start.toISOString(), end: end.toISOString(), timeZone: zone })}`);
      if (user !== current || editing) return;
      replace(message);
      replace(list, data.value.length === 0 ? h('p', { class: 'muted' }, 'No events this week.')
        : data.value.map(e => eventCard(user, e)));
    } catch (e) {
      replace(list);
      replace(message, problemBox(e));
    }
  };

  const eventCard = (user, e) => {
    const card = h('div', { class: `event${e.isCancelled ? ' cancelled' : ''}`,
      dataset: { test: 'outlook-event', subject: e.subject || '', activity: e.docketsyncActivity || '' } });
    const view = () => replace(card,
      h('div', { class: 'muted' }, `${e.start.dateTime.slice(0, 10)} ${e.isAllDay ? 'all day' : `${hhmm(e.start.dateTime)}–${hhmm(e.end.dateTime)}`}`),
      h('div', { class: 'subject' }, e.subject || '(no subject)'),
      e.location?.displayName ? h('div', {}, e.location.displayName) : null,
      e.docketsyncActivity ? h('div', { class: 'ours' }, 'written by docketsync') : null,
      h('div', { class: 'row' },
        h('button', { dataset: { test: 'outlook-edit' }, onclick: () => { editing = e.id; edit(); } }, 'Edit'),
        h('button', { class: 'danger', dataset: { test: 'outlook-delete' }, onclick: remove }, 'Delete')));
    const remove = async () => {
      try {
        await local(`/sim/calendars/${user}/events/${encodeURIComponent(e.id)}`, { method: 'DELETE' });
        refresh();
      } catch (err) { replace(message, problemBox(err)); }
    };
    const edit = () => {
      const subject = h('input', { type: 'text', value: e.subject || '', dataset: { test: 'outlook-subject' } });
      const location = h('input', { type: 'text', value: e.location?.displayName || '', placeholder: 'Location' });
      const startAt = h('input', { type: 'datetime-local', value: e.start.dateTime.slice(0, 16) });
      const endAt = h('input', { type: 'datetime-local', value: e.end.dateTime.slice(0, 16) });
      const save = async ev => {
        ev.preventDefault();
        // only what the user changed, as Outlook sends it; times in the browser's zone
        const changes = {};
        if (subject.value !== (e.subject || '')) changes.subject = subject.value;
        if (location.value !== (e.location?.displayName || '')) changes.location = { displayName: location.value };
        if (!e.isAllDay && startAt.value !== e.start.dateTime.slice(0, 16)) changes.start = { dateTime: `${startAt.value}:00`, timeZone: zone };
        if (!e.isAllDay && endAt.value !== e.end.dateTime.slice(0, 16)) changes.end = { dateTime: `${endAt.value}:00`, timeZone: zone };
        try {
          if (Object.keys(changes).length) {
            await local(`/sim/calendars/${user}/events/${encodeURIComponent(e.id)}`, { method: 'PATCH', body: changes });
          }
          editing = null;
          refresh();
        } catch (err) { replace(message, problemBox(err)); }
      };
      replace(card, h('form', { onsubmit: save, dataset: { test: 'outlook-form' } },
        subject, location, e.isAllDay ? null : [startAt, endAt],
        h('div', { class: 'row' },
          h('button', { class: 'primary', type: 'submit', dataset: { test: 'outlook-save' } }, 'Save in Outlook'),
          h('button', { type: 'button', onclick: () => { editing = null; refresh(); } }, 'Cancel'))));
    };
    view();
    return card;
  };

  const title = h('span');
  const showTitle = () => { title.textContent = ` · week of ${isoDate(week.monday)}`; };
  showTitle();
  replace(aside,
    h('h2', {}, 'Outlook ', h('small', { class: 'muted' }, '(Graph simulator)')),
    h('p', { class: 'muted' }, 'Each demo user\'s calendar as Office 365 holds it', title,
      '. Edit or delete as that user, and watch docketsync apply its rules.'),
    tabs, message, list);
  aside.hidden = false;
  showTabs();
  week.onChange(() => { showTitle(); editing = null; refresh(); });
  every(4000, refresh);
}
