// An official acknowledges an escalation that reached their unit, with a comment.
import { send } from '../api.js';
import { t } from '../i18n.js';
import { field, onSubmit, value } from './forms.js';

export function addAcknowledgeActions(list, code, page, onChanged) {
  for (const [i, item] of [...list.querySelectorAll('li')].entries()) {
    const escalation = page.items[i];
    if (!escalation || escalation.acknowledged || escalation.originCode === code) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.dataset.acknowledge = escalation.item;
    button.textContent = t('acknowledge');
    item.append(' ', button);
    button.addEventListener('click', () => {
      button.remove();
      item.insertAdjacentHTML('beforeend', `<form class="work-form inline" data-testid="ack-form" novalidate>
        <p class="form-error" role="alert" tabindex="-1"></p>
        ${field('comment', t('ackComment'), { type: 'textarea' })}
        <div class="actions"><button type="submit" class="primary">${t('acknowledge')}</button></div></form>`);
      const form = item.querySelector('form');
      onSubmit(form, () => send('POST', `/api/units/${encodeURIComponent(code)}/escalations/${encodeURIComponent(escalation.originCode)}/${escalation.year}/${encodeURIComponent(escalation.item)}/acknowledge`, { comment: value(form, 'comment') }), onChanged);
    });
  }
}
