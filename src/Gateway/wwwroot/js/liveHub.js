import { live } from './api.js';

// One EventSource per (unit, year) however many parts of the page watch it: the header's national
// score and the nation page share a stream.
const streams = new Map();

export function watch(code, year, handlers) {
  const key = `${code}|${year}`;
  let stream = streams.get(key);
  if (!stream) {
    stream = { handlers: new Set(), last: null, state: 'connecting' };
    stream.close = live(code, year, {
      onScores: s => { stream.last = s; for (const h of stream.handlers) h.onScores?.(s); },
      onActivity: a => { for (const h of stream.handlers) h.onActivity?.(a); },
      onState: st => { stream.state = st; for (const h of stream.handlers) h.onState?.(st); },
    });
    streams.set(key, stream);
  }
  stream.handlers.add(handlers);
  if (stream.last) handlers.onScores?.(stream.last);
  handlers.onState?.(stream.state);
  return () => {
    stream.handlers.delete(handlers);
    if (stream.handlers.size === 0) {
      stream.close();
      streams.delete(key);
    }
  };
}
