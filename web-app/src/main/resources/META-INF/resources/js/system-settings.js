// System Settings > Office 365: the firm's sync settings. Every user may read them; settings-service lets only
// administrators save, and its validation messages are shown beside the fields.
import { h, problemBox, replace } from './dom.js';
import { call } from './api.js';
import { session } from './session.js';

const SWITCHES = [
  ['alwaysPushAppointments', 'Always Push Appointments to Outlook',
    'New appointments are marked "push to Office 365" on save; users may untick it per activity.'],
  ['alwaysPushTasks', 'Always Push Tasks to Outlook', 'The same for tasks.'],
  ['useOrganizerForActivities', 'Use Organizer for Activities',
    'Appointments sync as meetings sent by their organizer (by default the creator, when connected); the others get invitations.'],
  ['createNewFromOffice', 'Create New from Office',
    'Two-way: events created in Office 365 become activities (one-way when off).'],
];

// What a restricted user's deletion or edit in Office 365 does (settings-service versions that offer them)
const CHOICES = [
  ['whenDeleting', 'When Deleting', 'A user restricted from deleting an activity deletes its event in Office 365:', [
    ['REMOVE_FROM_SCHEDULED_FOR', 'Remove them from Scheduled For (the seed\'s rule)'],
    ['RESTORE_EVENT', 'Restore the event in their calendar']]],
  ['whenEditing', 'When Editing', 'A user restricted from editing an activity edits its event in Office 365:', [
    ['CREATE_EDITED_COPY', 'Remove them from Scheduled For and create an edited copy for them (the seed\'s rule)'],
    ['RESTORE_EVENT', 'Overwrite their edit with the activity']]],
];

export function renderSystemSettings(main) {
  const message = h('div');
  const form = h('form', { class: 'panel', dataset: { test: 'system-settings' } }, h('span', { class: 'muted' }, 'Loading…'));
  replace(main, h('section', { class: 'settings' }, message, form));
  load(form, message);
  return () => {};
}

async function load(form, message) {
  let settings;
  let etag;
  try {
    ({ data: settings, etag } = await call('settings', '/settings/office365'));
  } catch (e) {
    replace(form, problemBox(e));
    return;
  }
  const inputs = {};
  const err = name => h('span', { class: 'field-error', dataset: { errorFor: name } });
  const save = async ev => {
    ev.preventDefault();
    const body = Object.fromEntries(SWITCHES.map(([name]) => [name, inputs[name].checked]));
    body.createNewPrefix = inputs.createNewPrefix.value;
    for (const [name] of CHOICES) if (inputs[name]) body[name] = inputs[name].value;
    form.querySelectorAll('[data-error-for]').forEach(s => { s.textContent = ''; });
    try {
      ({ data: settings, etag } = await call('settings', '/settings/office365', { method: 'PUT', body, etag }));
      replace(message, h('div', { class: 'banner', dataset: { test: 'saved' } }, 'Saved. The services apply the new settings within seconds.'));
    } catch (e) {
      replace(message, problemBox(e));
      for (const v of e.errors || []) {
        const slot = form.querySelector(`[data-error-for="${v.field}"]`);
        if (slot) slot.textContent = v.message;
      }
    }
  };
  form.onsubmit = save;
  replace(form,
    h('h2', {}, 'System Settings › Office 365'),
    session.me?.admin ? null : h('p', { class: 'note' }, 'Only administrators may change these settings; settings-service will refuse a save.'),
    SWITCHES.map(([name, label, about]) => h('label', { class: 'switch-row' },
      inputs[name] = h('input', { type: 'checkbox', checked: !!settings[name], dataset: { test: name } }),
      h('span', {}, h('strong', {}, label), h('small', {}, about)), err(name))),
    h('div', { class: 'switch-row' },
      h('span', {}, h('strong', {}, 'Create New Prefix'),
        h('small', {}, 'With Create New from Office: only events whose subject starts with it come over (trimmed, case-insensitive); blank = all.'),
        inputs.createNewPrefix = h('input', { type: 'text', value: settings.createNewPrefix || '', dataset: { test: 'createNewPrefix' } }),
        err('createNewPrefix'))),
    CHOICES.map(([name, label, about, options]) => h('div', { class: 'switch-row' },
      h('span', {}, h('strong', {}, label), h('small', {}, about),
        name in settings
          ? inputs[name] = h('select', { dataset: { test: name } }, options.map(([value, text]) => h('option', { value }, text)))
          : h('small', { class: 'muted' }, 'The seed\'s rule applies: this settings-service does not offer the setting.'),
        err(name)))),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit', dataset: { test: 'save-settings' } }, 'Save')));
  for (const [name] of CHOICES) if (inputs[name]) inputs[name].value = settings[name];
}
