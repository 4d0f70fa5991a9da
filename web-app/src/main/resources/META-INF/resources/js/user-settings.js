// User settings > Office 365: the caller's connection (Connect is the real redirect flow: connector-service
// answers Entra ID's authorization URL, the browser goes there and comes back through the connector's callback),
// and the two jobs with their progress as the job API reports it.
import { h, every, problemBox, replace } from './dom.js';
import { call } from './api.js';
import { session } from './session.js';
import { when, isoDate, addDays } from './week.js';

// kept while the page lives, so that a job's progress is still shown after visiting another view
const jobs = { push: null, import: null };

export function renderUserSettings(main, config) {
  const state = h('div');
  const connectMessage = h('div');
  const me = session.users.find(u => u.userId === session.user);
  const account = h('input', { type: 'email', size: 32, dataset: { test: 'login-hint' },
    value: me?.email || `${session.user}@${config.mailboxDomain}` });

  const connect = async () => {
    try {
      const { data } = await call('connector', '/connections/office365', { method: 'POST', body: { loginHint: account.value } });
      location.assign(data.authorizationUrl); // Entra ID's sign-in page; it comes back to /connections/office365/finished
    } catch (e) { replace(connectMessage, problemBox(e)); }
  };
  const disconnect = async () => {
    try {
      await call('connector', '/connections/office365', { method: 'DELETE' });
      replace(connectMessage);
      await loadConnection(state);
    } catch (e) { replace(connectMessage, problemBox(e)); }
  };

  const push = jobPanel('push', 'Push my calendar to 365',
    'A one-way push of your activities marked "Push to Office 365" (default: 30 days back and everything ahead). '
    + 'Run twice, it adds nothing.',
    { from: '', to: '' }, '/office365/push-jobs');
  const imp = jobPanel('import', 'Import from 365',
    'Brings your Office 365 events of a date range into docketsync as activities scheduled for you, skipping '
    + 'events already linked; with a prefix, only events whose subject starts with it.',
    { from: isoDate(addDays(new Date(), -30)), to: isoDate(addDays(new Date(), 30)), prefix: '' }, '/office365/import-jobs');

  replace(main, h('section', { class: 'settings' },
    h('div', { class: 'panel' },
      h('h2', {}, 'Office 365'),
      h('p', { class: 'muted' }, 'Connect your Microsoft 365 account so that docketsync keeps your calendar in sync. '
        + 'Only Microsoft-hosted mailboxes are supported (not on-premises or third-party hosted Exchange).'),
      state,
      h('div', { class: 'inline', style: 'display:flex;gap:8px;align-items:center;flex-wrap:wrap' },
        h('label', {}, 'Microsoft account '), account,
        h('button', { class: 'primary', onclick: connect, dataset: { test: 'connect' } }, 'Connect'),
        h('button', { onclick: disconnect, dataset: { test: 'disconnect' } }, 'Disconnect')),
      connectMessage),
    push.panel, imp.panel));

  const stops = [every(3000, () => loadConnection(state)), push.start(), imp.start()];
  return () => stops.forEach(s => s());
}

async function loadConnection(container) {
  try {
    const { data: c } = await call('connector', '/connections/office365');
    replace(container, h('div', { class: 'kv' },
      h('span', {}, 'State'), h('span', { class: `state ${c.state}`, dataset: { test: 'connection-state' } }, c.state),
      h('span', {}, 'Mailbox'), h('span', {}, c.mailbox || '—'),
      h('span', {}, 'Since'), h('span', {}, when(c.since) || '—'),
      h('span', {}, 'Last error'), h('span', { class: c.lastError ? 'error-text' : '', dataset: { test: 'last-error' } },
        c.lastError || '—')));
  } catch (e) {
    replace(container, problemBox(e));
  }
}

/** A job's button, its inputs, and a progress bar polled from the job API until the job is done. */
function jobPanel(key, title, about, fields, path) {
  const inputs = {};
  for (const [name, value] of Object.entries(fields)) {
    inputs[name] = h('input', { type: name === 'prefix' ? 'text' : 'date', value, size: 10, dataset: { test: `${key}-${name}` } });
  }
  const message = h('div');
  const progress = h('div', { class: 'job', dataset: { test: `${key}-job` } });
  const run = async () => {
    const body = {};
    for (const [name, el] of Object.entries(inputs)) if (el.value) body[name] = el.value;
    try {
      const { data } = await call('activity', path, { method: 'POST', body });
      jobs[key] = data;
      replace(message);
      show();
    } catch (e) { replace(message, problemBox(e)); }
  };
  const show = () => {
    const j = jobs[key];
    if (!j) return replace(progress);
    const finished = j.state === 'COMPLETED' || j.state === 'FAILED';
    const pct = j.total > 0 ? Math.round(100 * (j.done + j.failed) / j.total) : (finished ? 100 : 0);
    replace(progress,
      h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': pct,
        dataset: { test: `${key}-progress` } }, h('div', { style: `width:${pct}%` })),
      h('div', { class: 'muted', dataset: { test: `${key}-progress-text` } },
        `${pct} % · ${j.state.toLowerCase()} · ${j.done} done, ${j.failed} failed of ${j.total}`),
      j.lastError ? h('div', { class: 'error-text' }, j.lastError) : null);
  };
  const start = () => every(800, async () => {
    const j = jobs[key];
    if (!j || j.state === 'COMPLETED' || j.state === 'FAILED') return show();
    try {
      ({ data: jobs[key] } = await call('activity', `${path}/${j.id}`));
      show();
    } catch (e) { replace(message, problemBox(e)); }
  });
  const panel = h('div', { class: 'panel' }, h('h3', {}, title), h('p', { class: 'muted' }, about),
    h('div', { style: 'display:flex;gap:8px;align-items:center;flex-wrap:wrap' },
      Object.entries(inputs).map(([name, el]) => h('label', {}, `${name} `, el)),
      h('button', { class: 'primary', onclick: run, dataset: { test: key } }, title)),
    message, progress);
  return { panel, start };
}
