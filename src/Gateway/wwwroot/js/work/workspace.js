// What the signed-in official can do on the page of a unit: its officer edits the plan, adds and
// completes tasks and files reports; an office works its inbox; an official acknowledges the
// escalations that reached their unit. The API decides; this only offers what it would accept.
import { caller } from '../auth.js';
import { get } from '../api.js';
import { t } from '../i18n.js';
import { renderPlanForm } from './planForm.js';
import { renderAddTask, addTaskActions } from './taskWork.js';
import { renderReportForm } from './reportForm.js';
import { renderInbox } from './inbox.js';
import { addAcknowledgeActions } from './acknowledge.js';

export function workspaceFor(unit, code, year, reload) {
  const who = caller();
  const own = who !== null && who.unit === code && who.role !== 'viewer';
  const officer = own && who.role === 'officer' && unit.kind !== 'nation';
  const office = own && unit.kind === 'department';

  return {
    cards: `${officer ? `<section class="card workspace" data-testid="workspace"><h2>${t('workspace')}</h2>
        <div class="actions"><button type="button" class="primary" data-open-plan>${t('writePlan')}</button></div>
        <div data-plan-form></div><div data-task-form></div><div data-report-form></div></section>` : ''}
      ${office ? '<section class="card" data-testid="inbox-card"></section>' : ''}`,

    async mount(main) {
      if (officer) {
        main.querySelector('[data-open-plan]').addEventListener('click', event => {
          event.target.closest('.actions').remove();
          renderPlanForm(main.querySelector('[data-plan-form]'), code, year, reload);
        });
      }
      if (office) {
        const box = main.querySelector('[data-testid=inbox-card]');
        await renderInbox(box, code, year, reload).catch(e => { box.innerHTML = `<p class="empty">${t('error')}: ${e.message}</p>`; });
      }
    },

    campaignShown(main, view) {
      if (!officer) return;
      const table = main.querySelector('[data-testid=tasks]');
      if (table && view?.plan) addTaskActions(table, code, year, view, reload);
      if (view?.plan) renderAddTask(main.querySelector('[data-task-form]'), unit, year, reload);
      // What is owed comes from the unit's duties: a unit owes its reports with or without a plan.
      get(`/api/units/${encodeURIComponent(code)}/duties/${year}`)
        .then(duty => renderReportForm(main.querySelector('[data-report-form]'), code, year, duty.expectedReports, view?.plan?.channels ?? [], reload));
    },

    escalationsShown(box, page) {
      const list = box.querySelector('ul.escalations');
      if (own && list && page) addAcknowledgeActions(list, code, page, reload);
    },
  };
}
