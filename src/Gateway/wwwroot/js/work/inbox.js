// A consolidating office's inbox: per period, each unit that reports to it — on time, late,
// missing — and its review: accept, or return with a comment saying what to correct.
import { get, send } from '../api.js';
import { t } from '../i18n.js';
import { esc, date } from '../format.js';
import { field, onSubmit, value } from './forms.js';

export async function renderInbox(box, office, year, onChanged) {
  const inbox = await get(`/api/units/${encodeURIComponent(office)}/inbox/${year}`);
  const periods = inbox.periods.filter(p => p.lines.length > 0);
  // A province's office hears from a hundred units each period: open are the periods with a report
  // awaiting review and the one most recently due; the others fold to their counts.
  const latestDue = periods.filter(p => p.deadline <= inbox.asOf).at(-1)?.period;
  const open = p => p.period === latestDue || p.lines.some(l => l.submittedOn && !l.review);
  box.innerHTML = `<h2>${t('inbox')} ${year}</h2>${periods.length === 0 ? `<p class="empty">${t('inboxEmpty')}</p>` : periods.map(p => `
    <details class="inbox-period" ${open(p) ? 'open' : ''}><summary><strong>${esc(p.period)}</strong> <small>${t('deadline')} ${date(p.deadline)} · ${t('rs_submittedOnTime')} ${p.onTime} · ${t('rs_submittedLate')} ${p.late} · ${t('rs_missing')} ${p.missing} · ${t('accepted')} ${p.accepted}</small></summary>
    <div class="table-wrap"><table data-testid="inbox" data-period="${esc(p.period)}"><thead><tr><th>${t('unit')}</th><th>${t('status')}</th><th>${t('submittedOn')}</th><th>${t('review')}</th><th></th></tr></thead><tbody>
    ${p.lines.map(l => `<tr data-unit="${esc(l.unit.code)}" data-period="${esc(p.period)}">
      <td>${esc(l.unit.name)}</td>
      <td><span class="tag ${l.status === 'missing' ? 'bad' : l.status === 'submittedOnTime' ? 'good' : ''}">${t(`rs_${l.status}`)}</span></td>
      <td class="nowrap">${l.submittedOn ? date(l.submittedOn) : '—'}</td>
      <td data-testid="review">${l.review ? `${t(l.review.decision)}${l.review.comment ? `: ${esc(l.review.comment)}` : ''}` : '—'}</td>
      <td class="task-actions">${l.submittedOn && !l.review ? `<button type="button" class="primary" data-accept>${t('accept')}</button> <button type="button" class="secondary" data-return>${t('return')}</button>` : ''}</td></tr>`).join('')}
    </tbody></table></div></details>`).join('')}`;

  const review = (line, decision, body) => send('POST', `/api/units/${encodeURIComponent(office)}/inbox/${year}/${encodeURIComponent(line.dataset.unit)}/${encodeURIComponent(line.dataset.period)}/${decision}`, body);
  for (const line of box.querySelectorAll('tr[data-unit]')) {
    line.querySelector('[data-accept]')?.addEventListener('click', async event => {
      event.target.disabled = true;
      try {
        await review(line, 'accept', {});
        await onChanged();
      } catch (e) {
        event.target.disabled = false;
        line.lastElementChild.insertAdjacentHTML('beforeend', `<p class="field-error" role="alert">${esc(e.message)}</p>`);
      }
    });
    line.querySelector('[data-return]')?.addEventListener('click', () => {
      if (line.nextElementSibling?.classList.contains('complete-row')) return;
      line.insertAdjacentHTML('afterend', `<tr class="complete-row"><td colspan="5"><form class="work-form" data-testid="return-form" novalidate>
        <p class="form-error" role="alert" tabindex="-1"></p>
        ${field('comment', t('returnComment'), { type: 'textarea', required: true })}
        <div class="actions"><button type="submit" class="primary">${t('return')}</button></div></form></td></tr>`);
      const form = line.nextElementSibling.querySelector('form');
      onSubmit(form, () => review(line, 'return', { comment: value(form, 'comment') }), onChanged);
    });
  }
}
