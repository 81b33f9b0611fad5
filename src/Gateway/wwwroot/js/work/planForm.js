// The officer's plan editor: every part of the plan (legal bases, audiences, topics, channels,
// targets, key activities, assignments, reporting regime) as the API names it. Editing starts from
// the plan as stored and sends it back whole with If-Match: if someone else saved meanwhile, the
// official is told and offered the plan as it now stands.
import { getPlan, send } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../format.js';
import { field, checkboxes, value, checked, onSubmit, today } from './forms.js';
import { rowsEditor, readRows } from './rows.js';
import { values, label, options } from './vocabulary.js';

const agency = key => ({
  key,
  get: item => item?.[key.split('.')[0]]?.[key.split('.')[1]],
  set: (item, v) => {
    const [outer, inner] = key.split('.');
    item[outer] = { ...(item[outer] ?? {}) };
    if (v === null) delete item[outer][inner]; else item[outer][inner] = v;
    if (Object.keys(item[outer]).length === 0) delete item[outer];
  },
});

const columns = {
  legalBases: [
    { key: 'kind', label: t('basisKind'), options: options('legalBasisKinds') },
    { key: 'reference', label: t('reference') },
    { key: 'title', label: t('title') },
    { key: 'issuedOn', label: t('issuedOn'), type: 'date' },
  ],
  targets: [
    { key: 'id', label: t('itemId') },
    { key: 'description', label: t('description') },
    { key: 'value', label: t('targetValue'), type: 'number' },
    { key: 'unit', label: t('measureUnit') },
  ],
  keyActivities: [
    { key: 'id', label: t('itemId') },
    { key: 'title', label: t('title') },
    { ...agency('lead.name'), label: t('leadName') },
    { ...agency('lead.code'), label: t('leadCode') },
    { key: 'timeFrame', label: t('timeFrame') },
  ],
  assignments: [
    { ...agency('assignee.name'), label: t('assigneeName') },
    { ...agency('assignee.code'), label: t('assigneeCode') },
    { key: 'obligation', label: t('obligation'), options: options('obligations') },
    { key: 'covers', label: t('covers'), options: options('covers') },
    { key: 'planDeadline', label: t('planDeadline'), type: 'date' },
    { key: 'duties', label: t('duties'), type: 'textarea', get: a => (a?.duties ?? []).join('\n'), set: (a, v) => { a.duties = v ? v.split('\n').map(s => s.trim()).filter(Boolean) : []; } },
  ],
};

// What a plan is written with (PUT …/plans/{year}); the view's computed fields (isIssued, issuedOnTime) are not sent back.
const draftFields = ['title', 'period', 'identifier', 'issuedOn', 'signer', 'issueDeadline', 'legalBases', 'objectives', 'requirements',
  'audiences', 'topics', 'channels', 'targets', 'keyActivities', 'assignments', 'reporting', 'programme'];

export async function renderPlanForm(box, code, year, onSaved) {
  const { body: view, etag } = await getPlan(code, year);
  const plan = view?.plan ?? { period: { from: `${year}-01-01`, to: `${year}-12-31` }, audiences: [], topics: [], channels: [] };
  const reporting = plan.reporting ?? {};
  const frequencies = new Map((reporting.requirements ?? []).map(r => [r.frequency, r]));
  box.innerHTML = `<form class="work-form" data-testid="plan-form" novalidate>
    <h3>${view?.plan ? t('editPlan') : t('newPlan')} ${year}</h3>
    <p class="form-error" role="alert" tabindex="-1"></p>
    <div class="grid">
      ${field('title', t('title'), { value: plan.title, required: true })}
      ${field('identifier', t('identifier'), { value: plan.identifier })}
      ${field('issuedOn', t('issuedOn'), { type: 'date', value: plan.issuedOn ?? (view?.plan ? '' : today()) })}
      ${field('signer', t('signer'), { value: plan.signer })}
      ${field('period.from', t('periodFrom'), { type: 'date', value: plan.period?.from, required: true })}
      ${field('period.to', t('periodTo'), { type: 'date', value: plan.period?.to, required: true })}
    </div>
    ${field('objectives', t('objectives'), { type: 'textarea', value: plan.objectives })}
    ${field('requirements', t('requirementsText'), { type: 'textarea', value: plan.requirements })}
    <div data-rows-box="legalBases"></div>
    ${checkboxes('audiences', t('audiences'), values('audiences'), plan.audiences, v => label('audiences', v))}
    ${checkboxes('topics', t('topics'), values('topics'), plan.topics, v => label('topics', v))}
    ${checkboxes('channels', t('channels'), values('channels'), plan.channels, v => label('channels', v))}
    <div data-rows-box="targets"></div>
    <div data-rows-box="keyActivities"></div>
    <div data-rows-box="assignments"></div>
    <fieldset class="choices"><legend>${t('reportingRegime')}</legend>
      ${values('frequencies').map(f => `<span class="choice"><input type="checkbox" id="freq-${f}" name="reporting.frequency" value="${f}" ${frequencies.has(f) ? 'checked' : ''}><label for="freq-${f}">${esc(label('frequencies', f))}</label></span>`).join('')}
      <div class="grid">
        ${field('reporting.dueDay', t('dueDay'), { type: 'number', value: [...frequencies.values()][0]?.dueDay ?? 15, attrs: 'min="1" max="31"' })}
        ${field('reporting.consolidator.name', t('consolidatorName'), { value: reporting.consolidator?.name })}
        ${field('reporting.consolidator.code', t('consolidatorCode'), { value: reporting.consolidator?.code })}
      </div>
      <p class="field-error" data-for="reporting" role="alert"></p>
    </fieldset>
    <div class="actions"><button type="submit" class="primary">${t('savePlan')}</button></div>
  </form>`;
  const form = box.querySelector('form');
  for (const [name, cols] of Object.entries(columns)) rowsEditor(form.querySelector(`[data-rows-box=${name}]`), name, t(name), cols, plan[name]);

  onSubmit(form, async () => {
    const chosen = checked(form, 'reporting.frequency');
    const dueDay = Number(value(form, 'reporting.dueDay') ?? 15);
    const consolidator = value(form, 'reporting.consolidator.name') || value(form, 'reporting.consolidator.code')
      ? { name: value(form, 'reporting.consolidator.name'), code: value(form, 'reporting.consolidator.code') ?? undefined }
      : undefined;
    const draft = {
      ...Object.fromEntries(Object.entries(plan).filter(([key]) => draftFields.includes(key))),
      title: value(form, 'title'),
      identifier: value(form, 'identifier'),
      issuedOn: value(form, 'issuedOn'),
      signer: value(form, 'signer'),
      period: { from: value(form, 'period.from'), to: value(form, 'period.to') },
      objectives: value(form, 'objectives'),
      requirements: value(form, 'requirements'),
      audiences: checked(form, 'audiences'),
      topics: checked(form, 'topics'),
      channels: checked(form, 'channels'),
      reporting: chosen.length === 0 && !consolidator ? null : {
        requirements: chosen.map(f => ({ ...(frequencies.get(f) ?? { dueMonthOffset: 0 }), frequency: f, dueDay })),
        consolidator,
      },
    };
    for (const [name, cols] of Object.entries(columns)) {
      draft[name] = readRows(form.querySelector(`[data-rows-box=${name}]`), name, cols)
        .map(item => (name === 'assignments' && !item.covers ? (({ covers, ...rest }) => rest)(item) : item));
    }
    return send('PUT', `/api/units/${encodeURIComponent(code)}/plans/${year}`, draft, { ifMatch: etag ?? undefined });
  }, onSaved, error => {
    // Someone else saved first (412): say so, and offer the plan as it now stands.
    if (error.status !== 412 || form.querySelector('[data-reload]')) return;
    form.querySelector('.form-error').insertAdjacentHTML('afterend', `<p class="conflict" data-testid="plan-conflict">${t('planConflict')} <button type="button" data-reload class="secondary">${t('reload')}</button></p>`);
    form.querySelector('[data-reload]').addEventListener('click', () => renderPlanForm(box, code, year, onSaved));
  });
}
