// Filing the unit's periodic report: the period owed, what was done, and outputs by channel.
import { send } from '../api.js';
import { t } from '../i18n.js';
import { date } from '../format.js';
import { field, select, value, number, onSubmit, today } from './forms.js';
import { label } from './vocabulary.js';

export function renderReportForm(box, code, year, expectedReports, channels, onSaved) {
  const owed = expectedReports.filter(r => r.status === 'missing' || r.status === 'due');
  if (owed.length === 0) {
    box.innerHTML = `<p class="empty">${t('nothingOwed')}</p>`;
    return;
  }
  box.innerHTML = `<form class="work-form" data-testid="report-form" novalidate>
    <h3>${t('submitReport')}</h3>
    <p class="form-error" role="alert" tabindex="-1"></p>
    <div class="grid">
      ${select('period', t('expected'), owed.map(r => [r.period, `${r.period} — ${t('deadline')} ${date(r.deadline)}`]), owed[0].period)}
      ${field('submittedOn', t('submittedOn'), { type: 'date', value: today(), required: true })}
    </div>
    ${field('summary', t('summary'), { type: 'textarea' })}
    ${field('difficulties', t('difficulties'), { type: 'textarea' })}
    ${field('proposals', t('proposals'), { type: 'textarea' })}
    ${channels.length ? `<fieldset><legend>${t('outputsByChannel')}</legend><div class="grid">${channels.map(c => field(`outputsByChannel.${c}`, label('channels', c), { type: 'number', attrs: 'min="0" step="any"' })).join('')}</div></fieldset>` : ''}
    <div class="actions"><button type="submit" class="primary">${t('submitReport')}</button></div>
  </form>`;
  const form = box.querySelector('form');
  onSubmit(form, () => {
    const outputs = Object.fromEntries(channels.map(c => [c, number(form, `outputsByChannel.${c}`)]).filter(([, v]) => v !== null));
    return send('POST', `/api/units/${encodeURIComponent(code)}/plans/${year}/reports`, {
      period: value(form, 'period'),
      submittedOn: value(form, 'submittedOn'),
      summary: value(form, 'summary'),
      difficulties: value(form, 'difficulties'),
      proposals: value(form, 'proposals'),
      outputsByChannel: Object.keys(outputs).length ? outputs : undefined,
    });
  }, onSaved);
}
