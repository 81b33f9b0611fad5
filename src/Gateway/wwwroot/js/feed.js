import { t } from './i18n.js';
import { esc, time } from './format.js';

const MAX_ITEMS = 60;
const FIELDS = ['tasksDone', 'reportsSubmitted', 'plansIssued', 'tasksDue'];

/** The live feed: what changed below the watched unit, newest first. */
export class Feed {
  constructor(list) {
    this.list = list;
    this.clear();
  }

  clear() {
    this.list.innerHTML = `<li class="empty">${t('noFeed')}</li>`;
  }

  add(activity) {
    const items = [];
    for (const c of activity.changes) {
      const parts = FIELDS.filter(f => c[f] !== 0).map(f => `${c[f] > 0 ? '+' : '−'}${Math.abs(c[f])} ${t(f)}`);
      if (c.openEscalations > 0) parts.push(`+${c.openEscalations} ${t('escalationsUp')}`);
      if (c.openEscalations < 0) parts.push(`${-c.openEscalations} ${t('escalationsDown')}`);
      if (parts.length) items.push({ kind: c.tasksDone > 0 || c.reportsSubmitted > 0 ? 'good' : c.openEscalations > 0 ? 'bad' : '', code: c.code, text: `<b>${esc(c.name ?? c.code)}</b>: ${esc(parts.join(', '))}` });
    }
    for (const e of activity.escalationsRaised) items.push({ kind: 'bad', code: e.originCode, text: `<b>${t('raised')}</b> · ${esc(e.originCode)}: ${esc(e.title)}` });
    for (const e of activity.escalationsResolved) items.push({ kind: 'good', code: e.originCode, text: `<b>${t('resolved')}</b> · ${esc(e.originCode)}: ${esc(e.title)}` });
    if (items.length === 0) return;

    this.list.querySelector('.empty')?.remove();
    const at = time(new Date().toISOString());
    for (const item of items) {
      this.list.insertAdjacentHTML('afterbegin', `<li class="${item.kind}" data-testid="feed-item"><a href="#/u/${encodeURIComponent(item.code)}">${item.text}</a><time>${at}</time></li>`);
    }
    while (this.list.children.length > MAX_ITEMS) this.list.lastElementChild.remove();
  }
}
