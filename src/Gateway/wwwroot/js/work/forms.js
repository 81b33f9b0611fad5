// Form plumbing shared by the workspace's forms: fields named as the API names them, so a problem's
// field errors (RFC 7807 'errors', keyed by the field as the client wrote it) appear beside the
// input they concern; what no input holds is shown at the top of the form.
import { esc } from '../format.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';

let seq = 0;
const idFor = name => `f${++seq}-${name.replace(/[^\w-]/g, '_')}`;

/** A labelled input; `name` is the API's field path (period.from, legalBases[0].reference). */
export function field(name, label, { type = 'text', value = '', required = false, attrs = '' } = {}) {
  const id = idFor(name);
  const input = type === 'textarea'
    ? `<textarea id="${id}" name="${esc(name)}" rows="3" ${required ? 'required' : ''} ${attrs}>${esc(value ?? '')}</textarea>`
    : `<input id="${id}" name="${esc(name)}" type="${type}" value="${esc(value ?? '')}" ${required ? 'required' : ''} ${attrs}>`;
  return `<div class="field"><label for="${id}">${esc(label)}</label>${input}<p class="field-error" data-for="${esc(name)}" role="alert"></p></div>`;
}

export function select(name, label, options, value) {
  const id = idFor(name);
  return `<div class="field"><label for="${id}">${esc(label)}</label><select id="${id}" name="${esc(name)}">${
    options.map(([v, text]) => `<option value="${esc(v)}" ${v === value ? 'selected' : ''}>${esc(text)}</option>`).join('')}</select><p class="field-error" data-for="${esc(name)}" role="alert"></p></div>`;
}

/** A group of checkboxes for a closed vocabulary; its values are read with checked(). */
export function checkboxes(name, legend, values, chosen, label) {
  const set = new Set(chosen ?? []);
  return `<fieldset class="choices" data-name="${esc(name)}"><legend>${esc(legend)}</legend>${
    values.map(v => { const id = idFor(`${name}-${v}`); return `<span class="choice"><input type="checkbox" id="${id}" name="${esc(name)}" value="${esc(v)}" ${set.has(v) ? 'checked' : ''}><label for="${id}">${esc(label(v))}</label></span>`; }).join('')
  }<p class="field-error" data-for="${esc(name)}" role="alert"></p></fieldset>`;
}

export const value = (form, name) => {
  const el = form.elements.namedItem(name);
  const text = el?.value?.trim();
  return text ? text : null;
};

export const number = (form, name) => {
  const text = value(form, name);
  return text === null ? null : Number(text);
};

export const checked = (form, name) => [...form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]:checked`)].map(i => i.value);

export function clearProblems(form) {
  for (const p of form.querySelectorAll('.field-error, .form-error')) p.textContent = '';
  for (const i of form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
}

/**
 * Shows what the API refused: each field's messages beside its input (or the closest enclosing
 * field: tasks[0].outputs[1].target → tasks[0].outputs), the rest at the top of the form.
 */
export function showProblem(form, error) {
  clearProblems(form);
  const top = form.querySelector('.form-error');
  if (!(error instanceof ApiError)) {
    top.textContent = `${t('error')}: ${error.message}`;
    return;
  }
  const loose = [];
  for (const [fieldName, messages] of Object.entries(error.errors ?? {})) {
    let name = fieldName;
    let slot = null;
    while (name && !(slot = form.querySelector(`.field-error[data-for="${CSS.escape(name)}"]`))) {
      name = name.replace(/(\.[^.[\]]*|\[\d+\])$/, '');
      if (name === fieldName) break;
    }
    if (slot) {
      slot.textContent = messages.join(' ');
      form.elements.namedItem(name)?.setAttribute?.('aria-invalid', 'true');
    } else {
      loose.push(`${fieldName}: ${messages.join(' ')}`);
    }
  }
  top.textContent = [error.message, ...loose].filter(Boolean).join(' — ');
  (form.querySelector('[aria-invalid=true]') ?? top).focus?.();
}

/** Submits with the button disabled while the request runs; problems are shown, success calls done. */
export function onSubmit(form, action, done, onError) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearProblems(form);
    try {
      const result = await action(form);
      await done?.(result);
    } catch (error) {
      showProblem(form, error);
      onError?.(error);
    } finally {
      button.disabled = false;
    }
  });
}

export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
