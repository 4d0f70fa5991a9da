// Who is signed in: the bearer token (kept in sessionStorage: this tab only, gone when it closes) and what
// activity-service says of the caller (/me). The Connect flow leaves the page and comes back: the tab keeps it.
const KEY = 'docketsync.session';
const listeners = new Set();

export const session = {
  token: null,
  user: null,      // the token's subject
  expiresAt: 0,    // seconds since the epoch
  me: null,        // activity-service /me: displayName, admin, edit, delete, connected
  users: [],       // settings-service /users: the firm's users

  load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      if (saved && saved.expiresAt * 1000 > Date.now()) Object.assign(this, saved);
    } catch { /* nothing saved */ }
    return !!this.token;
  },

  signIn(token, expiresAt) {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    this.token = token;
    this.user = claims.sub;
    this.expiresAt = expiresAt || claims.exp;
    sessionStorage.setItem(KEY, JSON.stringify({ token, user: this.user, expiresAt: this.expiresAt }));
  },

  signOut() {
    sessionStorage.removeItem(KEY);
    Object.assign(this, { token: null, user: null, expiresAt: 0, me: null, users: [] });
    listeners.forEach(l => l());
  },

  /** The API answered 401: the token expired or was not accepted; back to sign-in. */
  expired() {
    if (this.token) this.signOut();
  },

  onSignOut(listener) { listeners.add(listener); },
};
