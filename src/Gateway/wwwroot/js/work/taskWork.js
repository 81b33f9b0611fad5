// The officer's tasks: add one to the plan, start it, complete it with its outputs and evidence.
import { send } from '../api.js';
import { t } from '../i18n.js';
import { esc } from '../format.js';
import { field, value, number, onSubmit, today } from './forms.js';

const tasksUrl = (code, year) => `/api/units/${encodeURIComponent(code)}/plans/${year}/tasks`;

export function renderAddTask(box, unit, year, onSaved) {
  box.innerHTML = `<form class="work-form" data-testid="task-form" novalidate>
    <h3>${t('addTask')}</h3>
    <p class="form-error" role="alert" tabindex="-1"></p>
    <div class="grid">
      ${field('title', t('title'), { required: true })}
      ${field('dueDate', t('due'), { type: 'date', required: true })}
      ${field('outputs[0].metric', t('outputMetric'), { value: 'articles' })}
      ${field('outputs[0].target', t('targetValue'), { type: 'number', attrs: 'min="0" step="any"' })}
      ${field('outputs[0].unit', t('measureUnit'))}
    </div>
    ${field('description', t('description'), { type: 'textarea' })}
    <div class="actions"><button type="submit" class="primary">${t('addTask')}</button></div>
  </form>`;
  const form = box.querySelector('form');
  onSubmit(form, () => {
    const target = number(form, 'outputs[0].target');
    return send('POST', tasksUrl(unit.code, year), {
      title: value(form, 'title'),
      dueDate: value(form, 'dueDate'),
      lead: { name: unit.name, code: unit.code },
      description: value(form, 'description'),
      outputs: target === null ? [] : [{ metric: value(form, 'outputs[0].metric'), target, unit: value(form, 'outputs[0].unit') }],
    });
  }, async () => { form.reset(); await onSaved(); });
}

/** Start and complete buttons on each open task of the table the unit page drew. */
export function addTaskActions(table, code, year, view, onSaved) {
  for (const row of table.querySelectorAll('tr[data-task]')) {
    const task = view.tasks.find(x => x.id === row.dataset.task);
    if (!task || task.status === 'done' || task.status === 'cancelled') continue;
    const cell = document.createElement('td');
    cell.className = 'task-actions';
    cell.innerHTML = `${task.status === 'planned' ? `<button type="button" class="secondary" data-start>${t('start')}</button>` : ''}
      <button type="button" class="primary" data-complete>${t('complete')}</button>`;
    row.append(cell);
    cell.querySelector('[data-start]')?.addEventListener('click', async event => {
      event.target.disabled = true;
      try {
        await send('POST', `${tasksUrl(code, year)}/${encodeURIComponent(task.id)}/start`, { startedOn: today() });
        await onSaved();
      } catch (e) {
        event.target.disabled = false;
        cell.insertAdjacentHTML('beforeend', `<p class="field-error" role="alert">${esc(e.message)}</p>`);
      }
    });
    cell.querySelector('[data-complete]').addEventListener('click', () => completeForm(row, code, year, task, onSaved));
  }
}

function completeForm(row, code, year, task, onSaved) {
  if (row.nextElementSibling?.classList.contains('complete-row')) return;
  const outputs = task.outputs ?? [];
  row.insertAdjacentHTML('afterend', `<tr class="complete-row"><td colspan="4"><form class="work-form" data-testid="complete-form" novalidate>
    <h4>${t('completeTask')}: ${esc(task.title)}</h4>
    <p class="form-error" role="alert" tabindex="-1"></p>
    <div class="grid">
      ${field('completedOn', t('completedOn'), { type: 'date', value: today(), required: true })}
      ${outputs.map(o => field(`outputs.${o.metric}`, `${o.metric} (${t('targetValue')} ${o.target.toLocaleString()}${o.unit ? ` ${o.unit}` : ''})`, { type: 'number', value: o.target, attrs: 'min="0" step="any"' })).join('')}
    </div>
    ${field('evidence', t('evidence'), { type: 'textarea' })}
    <div class="actions"><button type="submit" class="primary">${t('complete')}</button></div>
  </form></td></tr>`);
  const form = row.nextElementSibling.querySelector('form');
  onSubmit(form, () => send('POST', `${tasksUrl(code, year)}/${encodeURIComponent(task.id)}/complete`, {
    completedOn: value(form, 'completedOn'),
    evidence: value(form, 'evidence'),
    outputs: Object.fromEntries(outputs.map(o => [o.metric, number(form, `outputs.${o.metric}`)]).filter(([, v]) => v !== null)),
  }), onSaved);
}

