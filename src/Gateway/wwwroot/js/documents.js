// The documents officials file, from a unit's page: the consolidated report of a period as a Word
// document (or printable HTML), and the ranking of the units below as a spreadsheet. Downloads go
// through fetch so the signed-in official's token goes with them where reads need one; the browser then saves the file.
import { readToken } from './auth.js';
import { t } from './i18n.js';
import { esc } from './format.js';

const periods = year => [`${year}-Q1`, `${year}-Q2`, `${year}-H1`, `${year}-Q3`, `${year}-Q4`, `${year}`];

async function download(url, button) {
  button.disabled = true;
  const status = button.parentElement.querySelector('[role=status]');
  status.textContent = '';
  try {
    const headers = readToken() ? { Authorization: `Bearer ${readToken()}` } : {};
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error((await response.json().catch(() => null))?.detail ?? `HTTP ${response.status}`);
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'tai-lieu';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = decodeURIComponent(name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (e) {
    status.textContent = `${t('error')}: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

export function documentsCard(unit, year) {
  if (unit.kind === 'nation' && unit.childCount === 0) return '';
  return `<section class="card" data-testid="documents"><h2>${t('documents')}</h2>
    ${unit.kind === 'nation' ? '' : `<div class="actions"><label for="doc-period">${t('consolidatedReport')}</label>
      <select id="doc-period" data-period>${periods(year).map(p => `<option value="${p}" ${p === `${year}` ? 'selected' : ''}>${esc(p)}</option>`).join('')}</select>
      <button type="button" class="secondary" data-docx>${t('downloadDocx')}</button>
      <a data-html href="#" target="_blank" rel="noopener">${t('printableHtml')}</a>
      <span role="status"></span></div>`}
    ${unit.childCount > 0 ? `<div class="actions"><button type="button" class="secondary" data-xlsx>${t('downloadRanking')}</button><span role="status"></span></div>` : ''}
  </section>`;
}

export function mountDocuments(main, unit, year) {
  const card = main.querySelector('[data-testid=documents]');
  if (!card) return;
  const code = encodeURIComponent(unit.code);
  const select = card.querySelector('[data-period]');
  const report = format => `/api/units/${code}/reports/${encodeURIComponent(select.value)}/consolidated?format=${format}`;
  const html = card.querySelector('[data-html]');
  if (select) {
    const point = () => { html.href = report('html'); };
    point();
    select.addEventListener('change', point);
    card.querySelector('[data-docx]').addEventListener('click', event => download(report('docx'), event.target));
  }
  card.querySelector('[data-xlsx]')?.addEventListener('click', event => download(`/api/units/${code}/children/scores?year=${year}&format=xlsx`, event.target));
}
