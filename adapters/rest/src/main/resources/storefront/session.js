// The signed-in customer's tokens, kept in localStorage so every tab shares one session.
// A refresh token is single-use and spending one twice ends the whole session (the API revokes
// its family), so tabs take turns through a Web Lock and re-read what another tab stored.

const KEY = 'orderpay.session';
const listeners = new Set();

export function current() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

/** Stores a token answer of /auth/token or /auth/refresh (plus the user, once known). */
export function store(tokens, user = current()?.user) {
  const session = {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    // renew a little early, so a request never leaves with a token about to die
    expires_at: Date.now() + tokens.expires_in * 1000 - Math.min(20_000, tokens.expires_in * 250),
    user: user || null,
  };
  localStorage.setItem(KEY, JSON.stringify(session));
  changed();
  return session;
}

export function setUser(user) {
  const session = current();
  if (session) {
    localStorage.setItem(KEY, JSON.stringify({...session, user}));
    changed();
  }
}

export function clear() {
  localStorage.removeItem(KEY);
  changed();
}

/** Calls back when the session changes here or in another tab. */
export function onChange(listener) {
  listeners.add(listener);
}

function changed() {
  listeners.forEach((listener) => listener(current()));
}

window.addEventListener('storage', (event) => {
  if (event.key === KEY) changed();
});

/**
 * A fresh access token: the stored one while it is good, else one refreshed with the stored
 * refresh token (once for all tabs). Null when there is no session or it cannot be renewed.
 */
export async function accessToken(refresh) {
  const session = current();
  if (!session) return null;
  if (session.expires_at > Date.now()) return session.access_token;
  return renew(refresh, session.refresh_token);
}

/** After a 401: renews unless another tab already did. */
export async function renewAfterRejection(refresh, rejectedToken) {
  const session = current();
  if (!session) return null;
  if (session.access_token !== rejectedToken && session.expires_at > Date.now()) {
    return session.access_token;
  }
  return renew(refresh, session.refresh_token);
}

let pending = null; // one renewal at a time in this tab, too (locks need a secure context)

function renew(refresh, spent) {
  if (!pending) {
    const locked = navigator.locks
      ? navigator.locks.request('orderpay-refresh', () => renewNow(refresh, spent))
      : renewNow(refresh, spent);
    pending = locked.finally(() => {
      pending = null;
    });
  }
  return pending;
}

async function renewNow(refresh, spent) {
  const now = current();
  if (!now) return null;
  if (now.refresh_token !== spent) return now.access_token; // another tab renewed it
  const tokens = await refresh(now.refresh_token);
  if (!tokens) {
    clear();
    return null;
  }
  return store(tokens).access_token;
}
