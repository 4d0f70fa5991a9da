// The reference web app: sign-in, then My calendar, User settings > Office 365 and System Settings > Office 365
// (hash routes), and in the local run the Outlook pane. Plain ES modules, no build step.
import { h, problemBox, replace } from './dom.js';
import { call, local } from './api.js';
import { session } from './session.js';
import { renderSignIn, completeOidc } from './auth.js';
import { renderCalendar } from './calendar.js';
import { renderUserSettings } from './user-settings.js';
import { renderSystemSettings } from './system-settings.js';
import { renderOutlookPane } from './outlook-pane.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');
let config;
let leaveView = () => {};

const VIEWS = {
  calendar: () => renderCalendar(main),
  office365: () => renderUserSettings(main, config),
  system: () => renderSystemSettings(main),
};

async function boot() {
  try {
    ({ data: config } = await local('/web/config'));
  } catch (e) {
    replace(main, problemBox(e));
    return;
  }
  const params = new URLSearchParams(location.search);
  if (params.has('office365')) {
    // back from Connect: connector-service says how it ended
    const outcome = params.get('office365');
    const reason = params.get('reason');
    showBanner(`Office 365: ${outcome}${reason ? ` — ${reason}` : ''}`, outcome !== 'connected');
  }
  if (config.signIn === 'oidc' && params.has('code')) {
    try { await completeOidc(config.oidc, params); } catch (e) { showBanner(e.message, true); }
  }
  if (params.has('office365') || params.has('code')) history.replaceState(null, '', `/${location.hash}`);
  if (config.simulator) renderOutlookPane(document.getElementById('outlook'), config.demoUsers);
  session.onSignOut(() => { leaveView(); showSignIn(); });
  if (session.load()) await signedIn(); else showSignIn();
}

function showSignIn() {
  nav.hidden = true;
  replace(who);
  renderSignIn(main, config, signedIn);
}

async function signedIn() {
  try {
    const [me, users] = await Promise.all([call('activity', '/me'), call('settings', '/users')]);
    session.me = me.data;
    session.users = users.data;
  } catch (e) {
    replace(main, problemBox(e), h('button', { onclick: () => session.signOut() }, 'Sign out'));
    return;
  }
  nav.hidden = false;
  const me = session.me;
  replace(who,
    h('span', { dataset: { test: 'signed-in-as' } }, `${me.displayName || me.userId}${me.admin ? ' (admin)' : ''}`),
    h('small', {}, `edit ${me.edit} · delete ${me.delete}`),
    h('button', { onclick: () => session.signOut(), dataset: { test: 'sign-out' } }, 'Sign out'));
  route();
}

function route() {
  if (!session.token) return;
  const name = (location.hash.replace(/^#\//, '') || 'calendar');
  const view = VIEWS[name] ? name : 'calendar';
  nav.querySelectorAll('a').forEach(a => a.classList.toggle('active', a.dataset.view === view));
  leaveView();
  leaveView = VIEWS[view]() || (() => {});
}

function showBanner(text, error) {
  replace(banner, h('span', { dataset: { test: 'banner' } }, text),
    h('button', { title: 'Dismiss', onclick: () => { banner.hidden = true; } }, '×'));
  banner.className = `banner${error ? ' error' : ''}`;
  banner.hidden = false;
}

window.addEventListener('hashchange', route);
boot();
