// The gateway's JSON API. A token in localStorage['unitgrains.token'] goes along as a bearer token,
// and on EventSource URLs as ?access_token= (EventSource cannot send headers).
const token = () => localStorage.getItem('unitgrains.token');

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

export async function get(path) {
  const headers = { Accept: 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(path, { headers });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** GET that answers null for a 404 (a unit without a plan, say) and throws for anything else. */
export async function getOrNull(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * Subscribes to a unit's live stream. The browser reconnects by itself (with Last-Event-ID); the
 * server answers every connection with the current scores, so nothing is missed.
 */
export function live(code, year, { onScores, onActivity, onState }) {
  const params = new URLSearchParams();
  if (year) params.set('year', year);
  if (token()) params.set('access_token', token());
  let source = null;
  let retry = null;
  let closed = false;
  const open = () => {
    source = new EventSource(`/api/units/${encodeURIComponent(code)}/live?${params}`);
    source.addEventListener('scores', e => onScores?.(JSON.parse(e.data)));
    source.addEventListener('activity', e => onActivity?.(JSON.parse(e.data)));
    source.onopen = () => onState?.('live');
    source.onerror = () => {
      onState?.('reconnecting');
      // The browser retries dropped streams itself, but gives up on an error status (503 while
      // the cluster seeds, say): then we open a new stream a little later.
      if (source.readyState === EventSource.CLOSED && !closed) retry = setTimeout(open, 5000);
    };
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    source.close();
  };
}
