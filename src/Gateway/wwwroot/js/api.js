// The gateway's JSON API. The signed-in official's token (or a development token in
// localStorage['unitgrains.token']) goes along as a bearer token, and on EventSource URLs as
// ?access_token= (EventSource cannot send headers).
import { accessToken, readToken } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    // Field name as the client wrote it → messages (RFC 7807 'errors').
    this.errors = problem?.errors ?? {};
  }
}

export async function get(path) {
  const headers = { Accept: 'application/json' };
  if (readToken()) headers.Authorization = `Bearer ${readToken()}`;
  const response = await fetch(path, { headers });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/**
 * A write: JSON body, the caller's token, an idempotency key (a retried click is done once) and,
 * for plans, If-Match. Answers { body, etag }; throws ApiError with the problem's field errors.
 */
export async function send(method, path, body, { ifMatch } = {}) {
  const headers = { Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken()) headers.Authorization = `Bearer ${accessToken()}`;
  if (ifMatch) headers['If-Match'] = ifMatch;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, answer);
  return { body: answer, etag: response.headers.get('ETag') };
}

/**
 * The unit's campaign of the year with its ETag (the version If-Match names), or a null body when
 * the unit holds no plan for the year: the plan is asked for only when the unit lists it, so the
 * browser never fetches something to be refused.
 */
export async function getPlan(code, year) {
  const unit = encodeURIComponent(code);
  const plans = await get(`/api/units/${unit}/plans`);
  if (!plans.some(p => p.year === year)) return { body: null, etag: null };
  const headers = { Accept: 'application/json' };
  if (readToken()) headers.Authorization = `Bearer ${readToken()}`;
  const response = await fetch(`/api/units/${unit}/plans/${year}`, { headers });
  const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return { body, etag: response.headers.get('ETag') };
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
  if (readToken()) params.set('access_token', readToken());
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
