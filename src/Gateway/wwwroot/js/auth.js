// Sign-in with the OpenID Connect provider the gateway names (GET /api/about → signIn): the
// authorization-code flow with PKCE (oidc-client-ts, vendored). The access token goes to the API as
// a bearer token; the caller's unit and role are read from it to offer the work the API will accept.
// Scripts may still put a development token in localStorage['unitgrains.token'].
let manager = null;
let user = null;
const listeners = new Set();

const claimsOf = token => {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
  } catch {
    return null;
  }
};

let readsNeedToken = true;

/**
 * The token reads carry. Where anyone may read (the development run), reads go without it, as
 * everyone's do: a token scopes what its holder may read, and signing in must not show an official
 * less than an anonymous visitor sees. Writes always carry it.
 */
export const readToken = () => (readsNeedToken ? accessToken() : null);

export function accessToken() {
  if (user && !user.expired) return user.access_token;
  return localStorage.getItem('unitgrains.token');
}

/** The signed-in caller: { unit, role, name } from the token, or null. */
export function caller() {
  const token = accessToken();
  const claims = token ? claimsOf(token) : null;
  if (!claims?.unit || !claims?.role) return null;
  if (claims.exp && claims.exp * 1000 < Date.now()) return null;
  return { unit: claims.unit, role: claims.role, name: claims.name ?? claims.sub ?? `${claims.role}@${claims.unit}` };
}

/** Where the caller's reading starts: everywhere when anyone may read; else an office reads the unit it belongs to (75-SNV → 75), anyone else their own unit. */
export const readRoot = who => (!readsNeedToken ? 'VN' : who.unit.includes('-') ? who.unit.split('-')[0] : who.unit);

export const onCallerChange = listener => listeners.add(listener);
const changed = () => { for (const l of listeners) l(caller()); };

/** Sets up sign-in; finishes a sign-in the provider redirected back with. Resolves once the caller is known. */
export async function initAuth(signIn, anonymousReads) {
  readsNeedToken = !anonymousReads;
  if (!signIn || !window.oidc) return;
  const { UserManager, WebStorageStateStore } = window.oidc;
  manager = new UserManager({
    authority: signIn.authority,
    client_id: signIn.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: signIn.scope,
    loadUserInfo: false,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  const params = new URLSearchParams(location.search);
  if (params.has('code') && params.has('state')) {
    try {
      user = await manager.signinRedirectCallback();
      // Back where the official was before signing in, without the code in the address bar.
      history.replaceState(null, '', `${location.pathname}${user.state?.search ?? ''}${user.state?.hash ?? ''}`);
    } catch (e) {
      console.warn('Sign-in did not complete', e);
      history.replaceState(null, '', location.pathname + location.hash);
    }
  } else {
    user = await manager.getUser();
  }
  manager.events.addUserUnloaded(() => { user = null; changed(); });
  changed();
}

export const canSignIn = () => manager !== null;

export function signIn() {
  const params = new URLSearchParams(location.search);
  params.delete('code');
  params.delete('state');
  const search = params.toString() ? `?${params}` : '';
  return manager.signinRedirect({ state: { search, hash: location.hash } });
}

export async function signOut() {
  const hint = user?.id_token;
  user = null;
  await manager.removeUser();
  changed();
  if (hint) await manager.signoutRedirect({ id_token_hint: hint });
}
