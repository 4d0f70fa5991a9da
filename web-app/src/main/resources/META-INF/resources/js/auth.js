// Sign-in: the local run's demo users (tokens signed by the web app with the local key), or the firm's OpenID
// Connect provider (authorization code with PKCE, done here in the browser; the provider must allow this
// origin as a public client's redirect URI).
import { h, problemBox, replace } from './dom.js';
import { local } from './api.js';
import { session } from './session.js';

const OIDC_KEY = 'docketsync.oidc';

export function renderSignIn(main, config, onSignedIn) {
  const message = h('div');
  const panel = h('div', { class: 'panel signin' }, h('h2', {}, 'Sign in to docketsync'), message);
  if (config.signIn === 'demo') {
    panel.append(
      h('p', { class: 'muted' }, 'Local run: pick a demo user of firm hale-marsh. Their token is signed with the local run\'s key.'),
      h('div', { class: 'users' }, config.demoUsers.map(u => h('button', {
        dataset: { test: 'demo-user', user: u.id },
        onclick: async () => {
          try {
            const { data } = await local('/web/demo-token', { method: 'POST', body: { user: u.id } });
            session.signIn(data.token, data.expiresAt);
            onSignedIn();
          } catch (e) { replace(message, problemBox(e)); }
        },
      }, h('strong', {}, u.id), h('small', {}, u.roles.length ? u.roles.join(', ') : 'user')))));
  } else if (config.signIn === 'oidc') {
    panel.append(h('p', { class: 'muted' }, `Sign in with your firm's account (${config.oidc.issuer}).`),
      h('button', { class: 'primary', onclick: () => startOidc(config.oidc).catch(e => replace(message, problemBox(e))) },
        'Sign in'));
  } else {
    panel.append(h('p', { class: 'error-text' }, 'No sign-in is configured: set DOCKETSYNC_WEB_OIDC_ISSUER and '
      + 'DOCKETSYNC_WEB_OIDC_CLIENT_ID (or run the local run, which offers its demo users).'));
  }
  replace(main, panel);
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the provider's discovery answered ${response.status}`);
  return response.json();
}

function randomString(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function startOidc(oidc) {
  const provider = await discovery(oidc.issuer);
  const verifier = randomString(32);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(OIDC_KEY, JSON.stringify({ verifier, state, tokenEndpoint: provider.token_endpoint }));
  location.assign(`${provider.authorization_endpoint}?${new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: `${location.origin}/`, scope: oidc.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  })}`);
}

/** Back from the provider with ?code&state: redeem the code (once) for the access token. */
export async function completeOidc(oidc, params) {
  const pending = JSON.parse(sessionStorage.getItem(OIDC_KEY) || 'null');
  sessionStorage.removeItem(OIDC_KEY);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match a sign-in of this tab.');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: `${location.origin}/`,
      client_id: oidc.clientId, code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error_description || answer.error || `token endpoint: ${response.status}`);
  session.signIn(answer.access_token, Math.floor(Date.now() / 1000) + (answer.expires_in || 3600));
}
