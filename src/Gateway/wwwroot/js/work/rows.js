// A list of like items edited as rows (legal bases, targets, assignments): each input is named
// with the item's index as the API names it (legalBases[1].reference), so problems land beside it.
import { esc } from '../format.js';
import { t } from '../i18n.js';
import { field, select } from './forms.js';

const cell = (name, i, column, item) => {
  const path = `${name}[${i}].${column.key}`;
  const current = column.get ? column.get(item) : item?.[column.key];
  return column.options
    ? select(path, column.label, column.options, current ?? column.options[0][0])
    : field(path, column.label, { type: column.type ?? 'text', value: current ?? '' });
};

/** Renders the rows editor into `box`; read it back with readRows. */
export function rowsEditor(box, name, legend, columns, items) {
  const draw = list => {
    box.rowsItems = list;
    box.innerHTML = `<fieldset class="rows" data-rows="${esc(name)}"><legend>${esc(legend)}</legend>
      ${list.map((item, i) => `<div class="row" data-index="${i}">${columns.map(c => cell(name, i, c, item)).join('')}
        <button type="button" class="link" data-remove="${i}">${t('remove')}</button></div>`).join('')}
      <button type="button" class="secondary" data-add>${t('addRow')}</button>
      <p class="field-error" data-for="${esc(name)}" role="alert"></p></fieldset>`;
    box.querySelector('[data-add]').addEventListener('click', () => draw([...readRows(box, name, columns), {}]));
    for (const b of box.querySelectorAll('[data-remove]')) {
      b.addEventListener('click', () => draw(readRows(box, name, columns).filter((_, i) => i !== Number(b.dataset.remove))));
    }
  };
  draw(items ?? []);
}

/** The rows as API objects: each column's value set on a copy of the item it edits (fields the form does not show are kept). */
export function readRows(box, name, columns) {
  const originals = box.rowsItems ?? [];
  return [...box.querySelectorAll(`[data-rows="${CSS.escape(name)}"] > .row`)].map(row => {
    const i = Number(row.dataset.index);
    const item = structuredClone(originals[i] ?? {});
    for (const c of columns) {
      const text = row.querySelector(`[name="${CSS.escape(`${name}[${i}].${c.key}`)}"]`)?.value?.trim() ?? '';
      const parsed = text === '' ? null : c.type === 'number' ? Number(text) : text;
      if (c.set) c.set(item, parsed);
      else if (parsed === null) delete item[c.key];
      else item[c.key] = parsed;
    }
    return item;
  });
}
