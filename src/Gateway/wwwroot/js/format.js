import { t, locale } from './i18n.js';

/** One escaping helper for every string that reaches innerHTML. */
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export const scoreText = score => (score == null ? '—' : score.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

export const percent = rate => (rate == null ? '—' : `${(rate * 100).toLocaleString(locale(), { maximumFractionDigits: 0 })}%`);

/**
 * Red (0) through amber (50) to green (100); grey while nothing is scored. Dark enough for white
 * text on it and for it as text on white (contrast at least 4.5:1, WCAG 1.4.3): yellows and greens
 * are far lighter than reds at the same lightness, so they are darkened more.
 */
export function scoreColour(score) {
  if (score == null) return 'hsl(220 10% 40%)';
  const hue = Math.round(Math.max(0, Math.min(100, score)) * 1.25);
  return `hsl(${hue} 68% ${hue < 15 ? 40 : 27}%)`;
}

export const rateColour = rate => scoreColour(rate == null ? null : rate * 100);

export function date(iso) {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return d.toLocaleDateString(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function time(iso) {
  return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export const kindLabel = kind => t(`kind_${kind}`);

/**
 * Colours and widths computed per row are written as data-css="…" in the HTML and applied here
 * through the CSSOM: the page's Content-Security-Policy (style-src 'self') blocks style attributes
 * in markup, not styles set from its own script.
 */
export function applyCss(root) {
  for (const el of root.querySelectorAll('[data-css]')) {
    for (const declaration of el.dataset.css.split(';')) {
      const at = declaration.indexOf(':');
      if (at > 0) el.style.setProperty(declaration.slice(0, at).trim(), declaration.slice(at + 1).trim());
    }
    el.removeAttribute('data-css');
  }
}
